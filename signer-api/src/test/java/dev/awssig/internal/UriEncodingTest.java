package dev.awssig.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** RFC 3986 percent-encoding as AWS signatures use it. */
class UriEncodingTest {
    private static final String UNRESERVED =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~";

    /** The RFC 3986 section 2.3 table: every ASCII character is kept if unreserved, else %XX uppercase. */
    @Test
    void everyAsciiCharacter() {
        for (char c = 0; c < 128; c++) {
            String s = String.valueOf(c);
            boolean unreserved = UNRESERVED.indexOf(c) >= 0;
            String expected = unreserved ? s : "%" + String.format("%02X", (int) c);
            assertEquals(expected, UriEncoding.encode(s, false), "char " + (int) c);
            assertEquals(c == '/' ? "/" : expected, UriEncoding.encode(s, true), "char " + (int) c + " (S3 path)");
            assertEquals(unreserved, UriEncoding.isUnreserved(c), "char " + (int) c);
        }
        assertEquals(false, UriEncoding.isUnreserved('\u00e9'));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "' ' | %20 | %20",
        "+ | %2B | %2B",
        "* | %2A | %2A",
        "~ | ~ | ~",
        "% | %25 | %25",
        "a/b c | a%2Fb%20c | a/b%20c",
        "/photos/2006/February/sample.jpg | %2Fphotos%2F2006%2FFebruary%2Fsample.jpg | /photos/2006/February/sample.jpg",
        "test$file.text | test%24file.text | test%24file.text",
        "é | %C3%A9 | %C3%A9",
        "ሴ | %E1%88%B4 | %E1%88%B4",
        "\u20ac | %E2%82%AC | %E2%82%AC",
        "\ud83d\ude00 | %F0%9F%98%80 | %F0%9F%98%80",
        "\u007f\u0080\u07ff\u0800\uffff | %7F%C2%80%DF%BF%E0%A0%80%EF%BF%BF | %7F%C2%80%DF%BF%E0%A0%80%EF%BF%BF",
        "\udbff\udfff | %F4%8F%BF%BF | %F4%8F%BF%BF",
    })
    void examples(String raw, String encoded, String s3PathEncoded) {
        assertEquals(encoded, UriEncoding.encode(raw, false));
        assertEquals(s3PathEncoded, UriEncoding.encode(raw, true));
        assertEquals(encoded, UriEncoding.appendEncoded(new StringBuilder(), raw, false).toString());
        assertEquals("x" + s3PathEncoded, UriEncoding.appendEncoded(new StringBuilder("x"), raw, true).toString());
    }

    @Test
    void noEscapeFastPathReturnsTheSameInstance() {
        String s = "already-unreserved_.~123";
        assertSame(s, UriEncoding.encode(s, false));
        String path = "/a/b/c";
        assertSame(path, UriEncoding.encode(path, true));
        assertEquals("", UriEncoding.encode("", false));
    }

    /**
     * Differential: java.net.URLEncoder adjusted to RFC 3986 (the AWS SDK for Java 1 way) as the
     * oracle, over well-formed text. A string with a lone surrogate has no UTF-8 form: it is
     * refused (the JDK's own answer for it changed between Java 17 and 25, so it is no oracle
     * there).
     */
    @Test
    void randomStringsMatchUrlEncoderAdjusted() {
        long seed = TestSeeds.seed("UriEncodingTest.randomStringsMatchUrlEncoderAdjusted");
        Random rnd = new Random(seed);
        int refused = 0;
        for (int i = 0; i < 5_000; i++) {
            String s = randomString(rnd);
            int lone = loneSurrogateAt(s);
            if (lone >= 0) {
                MalformedTextException e = assertThrows(MalformedTextException.class,
                        () -> UriEncoding.encode(s, false), "seed=" + seed + " input=" + escape(s));
                assertEquals(lone, e.index(), "seed=" + seed + " input=" + escape(s));
                assertThrows(MalformedTextException.class, () -> UriEncoding.encode(s, true), "seed=" + seed);
                assertThrows(MalformedTextException.class, () -> UriEncoding.decode(s, true), "seed=" + seed);
                refused++;
                continue;
            }
            String oracle = URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                    .replace("%7E", "~");
            assertEquals(oracle, UriEncoding.encode(s, false), "seed=" + seed + " input=" + escape(s));
            assertEquals(oracle.replace("%2F", "/"), UriEncoding.encode(s, true), "seed=" + seed);
            assertEquals(s, UriEncoding.decode(UriEncoding.encode(s, false), false), "seed=" + seed);
            assertEquals(s, UriEncoding.decode(oracle, true), "seed=" + seed);
        }
        assertTrue(refused > 0 && refused < 5_000, "the generator made both kinds: " + refused + " refused");
    }

    @ParameterizedTest(name = "[{index}] at {1}")
    @CsvSource(delimiter = '|', value = {"a\ud800b | 1", "\udc00 | 0", "\ud800 | 0", "x\udbff | 1",
        "\ude00\ud83d | 0", "\ud83d\ude00\ud800 | 2", "%41\udc00 | 3"})
    void aLoneSurrogateIsRefusedNamingItsIndex(String s, int index) {
        for (boolean keepSlash : new boolean[] {false, true}) {
            MalformedTextException e = assertThrows(MalformedTextException.class, () -> UriEncoding.encode(s, keepSlash));
            assertEquals(index, e.index());
            assertTrue(e.getMessage().contains("lone UTF-16 surrogate"), e.getMessage());
        }
        assertEquals(index, assertThrows(MalformedTextException.class, () -> UriEncoding.decode(s, false)).index());
        assertThrows(MalformedTextException.class, () -> UriEncoding.appendEncoded(new StringBuilder(), s, false));
        assertTrue(assertThrows(MalformedTextException.class, () -> UriEncoding.encode(s, false)).in("path")
                .getMessage().startsWith("path: "));
    }

    /** Percent-escapes take ASCII hex digits only: other scripts' digits leave the '%' literal. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
        "c%\u0666\u0661t.jpg",   // ARABIC-INDIC DIGIT SIX, ONE (Character.digit reads 6, 1)
        "%\uff13\uff13",         // FULLWIDTH DIGIT THREE
        "%6\uff11",
        "%\uff21\uff21",         // FULLWIDTH LATIN CAPITAL LETTER A (Character.digit reads 10)
        "%\u0e54\u0e51",         // THAI DIGIT FOUR, ONE
    })
    void percentEscapesWithNonAsciiDigitsAreNotDecoded(String s) {
        assertEquals(s, UriEncoding.decode(s, false));
        assertEquals(s, UriEncoding.decode(s, true));
    }

    private static String randomString(Random rnd) {
        int n = rnd.nextInt(24);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            switch (rnd.nextInt(6)) {
                case 0:
                case 1:
                    sb.append((char) rnd.nextInt(128));
                    break;
                case 2:
                    sb.append((char) (0x80 + rnd.nextInt(0x780)));
                    break;
                case 3:
                    sb.append((char) (0x800 + rnd.nextInt(0xD800 - 0x800)));
                    break;
                case 4:
                    sb.appendCodePoint(0x10000 + rnd.nextInt(0x100000));
                    break;
                default:
                    sb.append(rnd.nextInt(10) == 0 ? (char) (0xD800 + rnd.nextInt(0x800)) : '/');
            }
        }
        return sb.toString();
    }

    /** An independent oracle: the index of the first lone surrogate, by code points. */
    private static int loneSurrogateAt(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            sb.append(String.format("\\u%04x", (int) s.charAt(i)));
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "%41%42c | ABc | ABc",
        "%e1%88%b4 | ሴ | ሴ",
        "%E1%88%B4 | ሴ | ሴ",
        "a+b | a+b | a b",
        "a%2Bb | a+b | a+b",
        "%F0%9F%98%80 | \ud83d\ude00 | \ud83d\ude00",
        "100% | 100% | 100%",
        "%zz | %zz | %zz",
        "%4 | %4 | %4",
        "a%4 | a%4 | a%4",
        "%%41 | %A | %A",
        "%g1%41 | %g1A | %g1A",
        "%C3%28 | \ufffd( | \ufffd(",
        "%FF | \ufffd | \ufffd",
        "é%20ü | é ü | é ü",
        "'' | '' | ''",
    })
    void decode(String encoded, String decoded, String formDecoded) {
        assertEquals(decoded, UriEncoding.decode(encoded, false));
        assertEquals(formDecoded, UriEncoding.decode(encoded, true));
    }

    @Test
    void decodeFastPathReturnsTheSameInstance() {
        String s = "nothing+encoded";
        assertSame(s, UriEncoding.decode(s, false));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "/a b.jpg | /a%20b.jpg",
        "/caf\u00e9.txt | /caf%C3%A9.txt",
        "/already%20encoded%2B | /already%20encoded%2B",
        "/stray%zz and %2 end% | /stray%25zz%20and%20%252%20end%25",
        "/keep!$&'()*+,;=:@~-._/x | /keep!$&'()*+,;=:@~-._/x",
        "/q?a=b c&d | /q?a=b%20c&d",
        "/brackets[0]{1}^`\\\"<> | /brackets%5B0%5D%7B1%7D%5E%60%5C%22%3C%3E",
        "/\ud83d\ude00 | /%F0%9F%98%80",
        "/fullwidth%\uff11\uff12 | /fullwidth%25%EF%BC%91%EF%BC%92",
    })
    void encodeIllegalEncodesOnlyWhatAUriCannotHold(String raw, String legal) {
        assertEquals(legal, UriEncoding.encodeIllegal(raw));
        // the oracle: java.net.URI accepts the result and decodes it back to the raw text (where the
        // raw text had no escapes of its own)
        java.net.URI uri = java.net.URI.create("https://h" + legal);
        if (raw.indexOf('%') < 0) {
            String decoded = uri.getPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getQuery());
            assertEquals(raw, decoded);
        }
        assertEquals(legal, UriEncoding.encodeIllegal(legal), "encoding twice changes nothing");
    }

    @Test
    void encodeIllegalKeepsALegalStringAsTheSameInstance() {
        String legal = "/photos/2024/a%20b.jpg";
        assertSame(legal, UriEncoding.encodeIllegal(legal));
    }

    @Test
    void encodeIllegalOverEveryAsciiCharacterAgreesWithJavaNetUri() {
        for (char c = 0x20; c < 0x7f; c++) {
            if (c == '%' || c == '#') {
                continue;
            }
            String raw = "/x" + c + "y";
            String legal = UriEncoding.encodeIllegal(raw);
            boolean uriAccepts;
            try {
                java.net.URI u = new java.net.URI("https://h" + raw);
                uriAccepts = u.getRawQuery() == null || c == '?';
            } catch (java.net.URISyntaxException e) {
                uriAccepts = false;
            }
            assertEquals(uriAccepts, legal.equals(raw), "char '" + c + "'");
            java.net.URI.create("https://h" + legal);
        }
    }
}
