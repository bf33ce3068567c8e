package dev.awssig.v4a.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The parsing of the hex DER signatures a client sends, against the JDK's {@link HexFormat} and
 * {@link Character#digit(char, int)} (restricted to ASCII): every length up to the longest DER
 * P-256 signature (72 bytes, 144 digits) and one past it, odd lengths, every character as a digit,
 * and the {@code *} padding of aws-chunked signatures.
 */
class SignaturesTest {
    @Test
    void everyCharacterIsADigitExactlyWhenItIsAnAsciiHexDigit() {
        for (char c = 0; c < 0x3000; c++) {
            int expected = c < 128 ? Character.digit(c, 16) : -1;
            assertEquals(expected, Signatures.digit(c), "U+" + Integer.toHexString(c));
        }
    }

    @Test
    void hexOfEveryEvenLengthUpTo144DigitsDecodesLikeHexFormat() {
        Random random = new Random(7);
        for (int bytes = 1; bytes <= 72; bytes++) {
            byte[] b = new byte[bytes];
            random.nextBytes(b);
            String lower = HexFormat.of().formatHex(b);
            assertArrayEquals(b, Signatures.decodeHex(lower), lower);
            assertArrayEquals(b, Signatures.decodeHex(lower.toUpperCase()), lower);
        }
        assertArrayEquals(new byte[] {0, (byte) 0xff, 0x0f, (byte) 0xf0}, Signatures.decodeHex("00fF0fF0"));
    }

    @Test
    void emptyOddOverlongOrNonHexTextIsNoSignature() {
        assertNull(Signatures.decodeHex(""));
        assertNull(Signatures.decodeHex("a"));
        assertNull(Signatures.decodeHex("abc"));
        assertNull(Signatures.decodeHex("ab".repeat(72) + "a"));
        assertNull(Signatures.decodeHex("ab".repeat(73)), "73 bytes: longer than any DER P-256 signature");
        for (String bad : new String[] {"0g", "g0", "zz", "0 ", " 0", "\u0661\u0662", "0x", "-1", "**"}) {
            assertNull(Signatures.decodeHex(bad), bad);
            assertNull(Signatures.decodeHex("abcd" + bad), bad);
        }
    }

    @Test
    void thePaddingOfAChunkSignatureIsOptionalAndBounded() {
        assertEquals("3045", ChunkSigner.unpad("3045" + "*".repeat(140)));
        assertEquals("3045", ChunkSigner.unpad("3045"));
        assertEquals("", ChunkSigner.unpad("*".repeat(144)));
        assertEquals("", ChunkSigner.unpad(""));
        assertEquals("30*45", ChunkSigner.unpad("30*45*"), "only trailing '*' are padding");
        assertNull(ChunkSigner.unpad("3045" + "*".repeat(141)), "145 characters");
        assertEquals("a".repeat(144), ChunkSigner.unpad("a".repeat(144)));
        assertNull(ChunkSigner.unpad(null));
    }
}
