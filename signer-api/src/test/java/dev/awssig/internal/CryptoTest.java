package dev.awssig.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.SigningException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Known-answer tests: RFC 4231 (HMAC-SHA256), RFC 2202 (HMAC-SHA1), FIPS 180-2 (SHA-256). */
class CryptoTest {
    private static byte[] repeat(int b, int n) {
        byte[] out = new byte[n];
        Arrays.fill(out, (byte) b);
        return out;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] counting(int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) (i + 1);
        }
        return out;
    }

    static Stream<Arguments> rfc4231() {
        return Stream.of(
                Arguments.of("RFC 4231 4.2 test case 1", repeat(0x0b, 20), ascii("Hi There"),
                        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
                Arguments.of("RFC 4231 4.3 test case 2 (key shorter than the output)", ascii("Jefe"),
                        ascii("what do ya want for nothing?"),
                        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
                Arguments.of("RFC 4231 4.4 test case 3", repeat(0xaa, 20), repeat(0xdd, 50),
                        "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
                Arguments.of("RFC 4231 4.5 test case 4", counting(25), repeat(0xcd, 50),
                        "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
                Arguments.of("RFC 4231 4.6 test case 5 (truncated to 128 bits)", repeat(0x0c, 20),
                        ascii("Test With Truncation"), "a3b6167473100ee06e0c796c2955552b"),
                Arguments.of("RFC 4231 4.7 test case 6 (key larger than a block)", repeat(0xaa, 131),
                        ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
                        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
                Arguments.of("RFC 4231 4.8 test case 7 (key and data larger than a block)", repeat(0xaa, 131),
                        ascii("This is a test using a larger than block-size key and a larger than block-size data."
                                + " The key needs to be hashed before being used by the HMAC algorithm."),
                        "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"));
    }

    static Stream<Arguments> rfc2202() {
        return Stream.of(
                Arguments.of("RFC 2202 3 test case 1", repeat(0x0b, 20), ascii("Hi There"),
                        "b617318655057264e28bc0b6fb378c8ef146be00"),
                Arguments.of("RFC 2202 3 test case 2", ascii("Jefe"), ascii("what do ya want for nothing?"),
                        "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79"),
                Arguments.of("RFC 2202 3 test case 3", repeat(0xaa, 20), repeat(0xdd, 50),
                        "125d7342b9ac11cd91a39af48aa17b4f63f175d3"),
                Arguments.of("RFC 2202 3 test case 4", counting(25), repeat(0xcd, 50),
                        "4c9007f4026250c6bc8414f9bf50c86c2d7235da"),
                Arguments.of("RFC 2202 3 test case 5", repeat(0x0c, 20), ascii("Test With Truncation"),
                        "4c1a03424b55e07fe7f27be1d58bb9324a9a5a04"),
                Arguments.of("RFC 2202 3 test case 6", repeat(0xaa, 80),
                        ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
                        "aa4ae5e15272d00e95705637ce8a3b55ed402112"),
                Arguments.of("RFC 2202 3 test case 7", repeat(0xaa, 80),
                        ascii("Test Using Larger Than Block-Size Key and Larger Than One Block-Size Data"),
                        "e8e99d0f45237d786d6bbaa7965c7808bbff1a91"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc4231")
    void hmacSha256(String name, byte[] key, byte[] data, String expected) {
        String mac = Hex.encode(Crypto.hmac(Crypto.HMAC_SHA256, key, data));
        assertEquals(expected, mac.substring(0, expected.length()));
        assertEquals(mac, Hex.encode(Crypto.mac(Crypto.HMAC_SHA256, key).doFinal(data)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc2202")
    void hmacSha1(String name, byte[] key, byte[] data, String expected) {
        assertEquals(expected, Hex.encode(Crypto.hmac(Crypto.HMAC_SHA1, key, data)));
    }

    @Test
    void stringHelpersHashTheUtf8Form() {
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                Hex.encode(Crypto.hmacSha256(ascii("Jefe"), "what do ya want for nothing?")));
        assertEquals("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79",
                Hex.encode(Crypto.hmacSha1(ascii("Jefe"), "what do ya want for nothing?")));
        assertEquals(Hex.encode(Crypto.sha256("caf\u00e9 \ud83d\ude00".getBytes(StandardCharsets.UTF_8))),
                Crypto.sha256Hex("caf\u00e9 \ud83d\ude00"));
    }

    @Test
    void sha256KnownAnswers() {
        // FIPS 180-2 appendix B.1 and B.2
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Crypto.sha256Hex("abc"));
        assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                Crypto.sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"));
        assertEquals(Crypto.EMPTY_SHA256_HEX, Crypto.sha256Hex(""));
        assertEquals(Crypto.EMPTY_SHA256_HEX, Hex.encode(Crypto.sha256(new byte[0])));
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Crypto.EMPTY_SHA256_HEX);
    }

    @Test
    void sha256AndMd5AreResetBetweenUses() {
        Crypto.sha256().update(ascii("garbage"));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Hex.encode(Crypto.sha256().digest(ascii("abc"))));
        Crypto.md5().update(ascii("garbage"));
        // RFC 1321 appendix A.5
        assertEquals("900150983cd24fb0d6963f7d28e17f72", Hex.encode(Crypto.md5().digest(ascii("abc"))));
    }

    @Test
    void unsupportedAlgorithms() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Crypto.mac("HmacMD5", new byte[1]));
        assertEquals("mac algorithm: unsupported 'HmacMD5'", e.getMessage());
        assertThrows(SigningException.class, () -> Crypto.newDigest("NO-SUCH-DIGEST"));
        assertThrows(SigningException.class, () -> Crypto.newMac("NoSuchMac"));
        assertThrows(IllegalArgumentException.class, () -> Crypto.hmac(Crypto.HMAC_SHA256, new byte[0], new byte[1]),
                "an empty key is rejected by the JCA");
    }

    @Test
    void constantTimeEquals() {
        assertTrue(Crypto.constantTimeEquals("abc", "abc"));
        assertFalse(Crypto.constantTimeEquals("abc", "abd"));
        assertFalse(Crypto.constantTimeEquals("abc", "ab"));
        assertFalse(Crypto.constantTimeEquals(null, "a"));
        assertFalse(Crypto.constantTimeEquals("a", null));
    }

    @Test
    void perThreadInstancesGiveCorrectResultsUnderConcurrency() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                final int which = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        if (which % 2 == 0) {
                            if (!Hex.encode(Crypto.hmacSha256(ascii("Jefe"), "what do ya want for nothing?")).equals(
                                    "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")) {
                                return false;
                            }
                        } else if (!Crypto.sha256Hex("abc").equals(
                                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
