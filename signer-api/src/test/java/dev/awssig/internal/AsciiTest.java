package dev.awssig.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.SecretLookup;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The shared ASCII comparisons, the strict percent-decoder and the secret lookup rule: each
 * against the look-alikes that the JDK's own methods fold or read (the long s and the Kelvin sign
 * for {@link String#equalsIgnoreCase}, other scripts' digits for {@link Character#isDigit}).
 */
class AsciiTest {

    @ParameterizedTest
    @CsvSource({"AWSAccess\u212AeyId,AWSAccessKeyId", "x-amz-\u017fecurity-token,x-amz-security-token",
        "X-Amz-\u017fignature,X-Amz-Signature", "\u212A,k"})
    void lookAlikesThatEqualsIgnoreCaseFoldsAreNotEqual(String lookalike, String name) {
        assertTrue(lookalike.equalsIgnoreCase(name), "the JDK folds it (the reason for this class)");
        assertFalse(Ascii.equalsIgnoreCase(lookalike, name));
        assertFalse(Ascii.startsWithIgnoreCase(lookalike, name));
        assertEquals(lookalike.length(), Ascii.lower(lookalike).length());
        assertFalse(Ascii.lower(lookalike).equals(Ascii.lower(name)));
    }

    @Test
    void asciiCaseIsIgnored() {
        assertTrue(Ascii.equalsIgnoreCase("X-Amz-Signature", "x-amz-signature"));
        assertTrue(Ascii.startsWithIgnoreCase("X-AMZ-meta-a", "x-amz-"));
        assertFalse(Ascii.startsWithIgnoreCase("x-am", "x-amz-"));
        assertEquals("x-amz-date", Ascii.lower("X-Amz-Date"));
        String lower = "already";
        assertSame(lower, Ascii.lower(lower));
    }

    @Test
    void onlyAsciiDigitsAreDigits() {
        assertTrue(Ascii.isDigits("0123456789"));
        assertFalse(Ascii.isDigits(""));
        for (String s : new String[] {"\u0661", "\uff11", "\u0966", "+1", "1 "}) {
            assertFalse(Ascii.isDigits(s), s);
        }
        assertTrue(Character.isDigit('\u0661'), "the JDK reads it as a digit");
        assertFalse(Ascii.isDigit('\u0661'));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"%FF|not UTF-8", "%FE|not UTF-8", "a%C3|not UTF-8", "%C3%28|not UTF-8",
        "%ED%A0%80|not UTF-8", "%|index 0", "a%2|index 1", "%G1|index 0", "%\u0666\u0661|index 0",
        "%\uff13\uff13|index 0", "a\ud800|lone UTF-16 surrogate"})
    void theStrictDecoderRefusesWhatHasNoOneReading(String raw, String messagePart) {
        MalformedTextException e = assertThrows(MalformedTextException.class,
                () -> UriEncoding.decodeStrict(raw, false, "query string"));
        assertTrue(e.getMessage().startsWith("query string") && e.getMessage().contains(messagePart), e.getMessage());
        assertThrows(MalformedTextException.class, () -> UriEncoding.checkStrict(raw, "path"));
    }

    @Test
    void theStrictDecoderReadsEveryWellFormedEscape() {
        assertEquals("caf\u00e9 +", UriEncoding.decodeStrict("caf%C3%A9%20%2B", false, "q"));
        assertEquals("a b", UriEncoding.decodeStrict("a+b", true, "q"));
        assertEquals("a+b", UriEncoding.decodeStrict("a+b", false, "q"));
        assertEquals("\ud83d\ude00", UriEncoding.decodeStrict("%F0%9F%98%80", false, "q"));
        assertEquals("b", UriEncoding.decodeStrict("a=b", 2, 3, false, "q"));
        UriEncoding.checkStrict("/photos/caf%c3%a9.jpg", "path");
        UriEncoding.checkStrict("/\u00e9\ud83d\ude00", "path");
    }

    @Test
    void aBlankSecretIsAnUnknownKey() {
        assertEquals(null, Secrets.find(id -> Optional.of(""), "AKID"));
        assertEquals(null, Secrets.find(id -> Optional.of(" \t"), "AKID"));
        assertEquals(null, Secrets.find(id -> null, "AKID"));
        assertEquals(null, Secrets.find(id -> Optional.empty(), "AKID"));
        assertEquals("s", Secrets.find(id -> Optional.of("s"), "AKID"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SecretLookup.of(Map.of("AKID", " ")));
        assertTrue(e.getMessage().contains("AKID") && e.getMessage().contains("blank"), e.getMessage());
    }
}
