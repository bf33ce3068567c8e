package dev.awssig.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hex against java.util.HexFormat as the oracle. */
class HexTest {
    @Test
    void everyByteValue() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        String hex = Hex.encode(all);
        assertEquals(HexFormat.of().formatHex(all), hex);
        assertTrue(hex.startsWith("000102"));
        assertTrue(hex.endsWith("fdfeff"));
        assertArrayEquals(all, Hex.decode(hex));
        assertArrayEquals(all, Hex.decode(hex.toUpperCase(java.util.Locale.ROOT)));
    }

    @Test
    void randomBytesMatchHexFormat() {
        long seed = TestSeeds.seed("HexTest.randomBytesMatchHexFormat");
        Random rnd = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            byte[] b = new byte[rnd.nextInt(70)];
            rnd.nextBytes(b);
            String expected = HexFormat.of().formatHex(b);
            assertEquals(expected, Hex.encode(b), "seed=" + seed);
            assertEquals(expected, Hex.appendTo(b, new StringBuilder()).toString(), "seed=" + seed);
            byte[] out = new byte[b.length * 2 + 3];
            assertEquals(b.length * 2 + 3, Hex.encodeTo(b, out, 3));
            assertEquals(expected, new String(out, 3, b.length * 2, StandardCharsets.US_ASCII), "seed=" + seed);
            assertArrayEquals(b, Hex.decode(expected), "seed=" + seed);
            int n = b.length == 0 ? 0 : rnd.nextInt(b.length);
            byte[] prefix = new byte[n * 2 + 1];
            assertEquals(n * 2 + 1, Hex.encodeTo(b, n, prefix, 1), "seed=" + seed);
            assertEquals(expected.substring(0, n * 2), new String(prefix, 1, n * 2, StandardCharsets.US_ASCII),
                    "the first n bytes only, seed=" + seed);
        }
    }

    @Test
    void appendToKeepsWhatIsThere() {
        assertEquals("x=0aff", Hex.appendTo(new byte[] {10, -1}, new StringBuilder("x=")).toString());
        assertEquals("", Hex.encode(new byte[0]));
    }

    @Test
    void decodeRejectsOddLengthAndNonHex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Hex.decode("abc"));
        assertEquals("hex: odd number of digits (3)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Hex.decode("0g"));
        assertEquals("hex: not a hex digit at index 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Hex.decode("00z0"));
        assertEquals("hex: not a hex digit at index 2", e.getMessage());
    }

    @Test
    void isHex() {
        assertTrue(Hex.isHex("00aAfF", 6));
        assertFalse(Hex.isHex("00aAfF", 5));
        assertFalse(Hex.isHex("00aAfG", 6));
        assertFalse(Hex.isHex(null, 0));
        assertTrue(Hex.isHex(Crypto.EMPTY_SHA256_HEX, 64));
    }

    /** Digits whose values are all 0 are hex too: strings of zeros (an all-zero digest) of any length, and "" of length 0. */
    @Test
    void aStringOfZerosIsHex() {
        for (int n : new int[] {0, 1, 2, 8, 40, 64}) {
            String zeros = "0".repeat(n);
            assertTrue(zeros.chars().allMatch(HexFormat::isHexDigit), zeros);
            assertTrue(Hex.isHex(zeros, n), zeros);
        }
    }

    /** Every digit is read: one character that is not a hex digit, at any position, makes it false. */
    @Test
    void isHexRejectsOneBadCharacterAtAnyPosition() {
        String good = Crypto.EMPTY_SHA256_HEX;
        for (int i = 0; i < 64; i++) {
            for (char bad : new char[] {'g', 'G', '/', ':', '@', '`', ' ', '\u0666', '\u00e9'}) {
                String text = good.substring(0, i) + bad + good.substring(i + 1);
                assertFalse(Hex.isHex(text, 64), text);
            }
        }
    }

    /** Only ASCII 0-9 A-F a-f are hex digits; Character.digit also reads other scripts' digits. */
    @Test
    void onlyAsciiHexDigitsCount() {
        for (int c = 0; c < 0x10000; c++) {
            int expected = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
                    : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            assertEquals(expected, Hex.digit(c), "U+" + Integer.toHexString(c));
        }
        assertEquals(-1, Hex.digit(-1));
        assertEquals(-1, Hex.digit((byte) 0xC6)); // a sign-extended byte
        assertEquals(6, Character.digit('\u0666', 16), "the JDK's reading");
        assertFalse(Hex.isHex("\u0666\u0661", 2));
        assertFalse(Hex.isHex("\uff13\uff13", 2));
        assertThrows(IllegalArgumentException.class, () -> Hex.decode("\uff11\uff12"));
    }
}
