package dev.awssig.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChecksTest {
    @Test
    void requireNonBlank() {
        assertSame("x", Checks.requireNonBlank("x", "f"));
        assertEquals("f", assertThrows(NullPointerException.class, () -> Checks.requireNonBlank(null, "f")).getMessage());
        assertEquals("f: must not be blank",
                assertThrows(IllegalArgumentException.class, () -> Checks.requireNonBlank(" \t", "f")).getMessage());
    }

    @Test
    void tokens() {
        assertTrue(Checks.isToken("GET"));
        assertTrue(Checks.isToken("!#$%&'*+-.^_`|~09azAZ"));
        for (char c : "()<>@,;:\\\"/[]?={} \t\u0000\u007f\u00e9".toCharArray()) {
            assertFalse(Checks.isToken("a" + c), "char " + (int) c);
        }
        assertFalse(Checks.isToken(""));
        assertFalse(Checks.isToken(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checks.requireToken("GE(T", "method"));
        assertEquals("method: 'GE(T' has a character that is not allowed in an HTTP token at index 2", e.getMessage());
        assertEquals("header name", assertThrows(IllegalArgumentException.class,
                () -> Checks.requireHeaderName("a b")).getMessage().substring(0, 11));
    }

    @Test
    void headerValues() {
        assertEquals(" ok\tvalue ", Checks.requireHeaderValue("X", " ok\tvalue "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checks.requireHeaderValue("X-Meta", "secret\r\nInjected: yes"));
        assertEquals("header 'X-Meta': value must not contain CR, LF or NUL (found at index 6)", e.getMessage());
        assertFalse(e.getMessage().contains("Injected"));
        assertEquals("value", assertThrows(NullPointerException.class,
                () -> Checks.requireHeaderValue("X-Meta", null)).getMessage());
        assertEquals("name", assertThrows(NullPointerException.class, () -> Checks.requireHeaderName(null)).getMessage());
    }

    @Test
    void secretsAreNeverEchoed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Checks.requireSecret("Zq9secret\n", "secretAccessKey"));
        assertEquals("secretAccessKey: must not contain control characters (CR, LF, ...)", e.getMessage());
        assertEquals("s", assertThrows(NullPointerException.class, () -> Checks.requireSecret(null, "s")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Checks.requireSecret(" ", "s"));
        assertEquals("a b", Checks.requireSecret("a b", "s"));
    }

    @Test
    void scopeParts() {
        assertEquals("us-east-1", Checks.requireScopePart("us-east-1", "region"));
        for (String bad : new String[] {"us east", "us/east", "us\u00e9", "a\tb"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Checks.requireScopePart(bad, "region"));
            assertTrue(e.getMessage().startsWith("region: '"), e.getMessage());
        }
    }

    @Test
    void sha256Hex() {
        String upper = Crypto.EMPTY_SHA256_HEX.toUpperCase(java.util.Locale.ROOT);
        assertEquals(Crypto.EMPTY_SHA256_HEX, Checks.requireSha256Hex(upper, "h"));
        assertEquals("h: must be 64 hex digits (a SHA-256), was 3 characters",
                assertThrows(IllegalArgumentException.class, () -> Checks.requireSha256Hex("abc", "h")).getMessage());
        String bad = "x" + Crypto.EMPTY_SHA256_HEX.substring(1);
        assertEquals("h: must be hex digits only, found 'x' at index 0",
                assertThrows(IllegalArgumentException.class, () -> Checks.requireSha256Hex(bad, "h")).getMessage());
    }

    @Test
    void printable() {
        assertEquals("a\\x0d\\x0ab\\x7f", Checks.printable("a\r\nb\u007f"));
        String longValue = "x".repeat(100);
        assertEquals("x".repeat(80) + "...", Checks.printable(longValue));
        assertEquals("caf\u00e9", Checks.printable("caf\u00e9"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0 | 0", "600 | 600", "604800 | 604800", "000123 | 123", "999999999999999999 | 999999999999999999",
        "'' | -1", "+5 | -1", "-5 | -1", "' 5' | -1", "'5 ' | -1", "5a | -1", "0x10 | -1",
        "\u0665 | -1", "6\u0660\u0660 | -1", "\uff16\uff10\uff10 | -1", "1000000000000000000 | -1",
        "99999999999999999999999 | -1"})
    void parseDecimalTakesAsciiDigitsOnly(String text, long expected) {
        assertEquals(expected, Checks.parseDecimal(text));
    }

    @Test
    void parseDecimalOfNullIsMinusOne() {
        assertEquals(-1, Checks.parseDecimal(null));
    }

    @Test
    void sha256HexTakesAsciiHexDigitsOnly() {
        String fullwidth = "\uff10".repeat(64);
        assertThrows(IllegalArgumentException.class,
                () -> Checks.requireSha256Hex(fullwidth, "hash"));
    }
}
