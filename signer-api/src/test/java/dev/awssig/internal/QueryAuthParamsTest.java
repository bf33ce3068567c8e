package dev.awssig.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The authentication parameters of a presigned URL against {@link URLDecoder} (form decoding,
 * the reading every SigV4 implementation gives a query value), whichever way the value is held:
 * read in place (no escapes), decoded when asked for (ASCII escapes, which cannot fail), or
 * decoded and checked when parsed (anything else).
 */
class QueryAuthParamsTest {
    private static final String[] NAMES = {"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Signature"};
    private static final String[] PIECES = {"a", "Z", "0", "-", "~", "/", "%2F", "%2f", "%41", "%20", "+", "%2B",
        "%7E", "%C3%A9", "\u00e9", "%3D", "%26", ":"};

    @Test
    void everyValueReadsAsUrlDecoderReadsIt() {
        long seed = TestSeeds.seed("QueryAuthParamsTest.everyValueReadsAsUrlDecoderReadsIt");
        Random rnd = new Random(seed);
        for (int i = 0; i < 2_000; i++) {
            StringBuilder v = new StringBuilder();
            for (int n = rnd.nextInt(6); n > 0; n--) {
                v.append(PIECES[rnd.nextInt(PIECES.length)]);
            }
            String value = v.toString();
            String query = "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=" + value + "&other=1";
            QueryAuthParams q = QueryAuthParams.parse(query, NAMES);
            String expected = URLDecoder.decode(value, StandardCharsets.UTF_8);
            assertEquals(expected, q.value(1), query + " (seed " + seed + ")");
            assertTrue(q.valueIs(1, expected), query);
            assertFalse(q.valueIs(1, expected + "x"), query);
            int from = q.plainFrom(1);
            if (from >= 0) {
                assertEquals(expected, query.substring(from, q.plainTo(1)), "read in place: " + query);
            }
            int raw = q.rawFrom(1);
            if (raw >= 0) {
                assertEquals(value, query.substring(raw, q.rawTo(1)), "raw range: " + query);
            }
        }
    }

    @Test
    void aValueWithoutEscapesIsReadInPlace() {
        String query = "X-Amz-Signature=abc&X-Amz-Algorithm=AWS4-HMAC-SHA256";
        QueryAuthParams q = QueryAuthParams.parse(query, NAMES);
        assertEquals(query.indexOf("abc"), q.plainFrom(2));
        assertEquals(query.indexOf("abc") + 3, q.plainTo(2));
        assertTrue(q.valueIs(0, "AWS4-HMAC-SHA256"));
        assertTrue(q.firstNamed());
        assertNull(q.value(1));
        assertEquals(-1, q.plainFrom(1));
        assertEquals(-1, q.rawFrom(1));
        assertFalse(q.valueIs(1, ""));
    }

    @Test
    void asciiEscapesAreDecodedWhenAskedForAndHaveNoPlainRange() {
        String query = "X-Amz-Credential=AKID%2F20130524%2Fus-east-1%2Fs3%2Faws4_request";
        QueryAuthParams q = QueryAuthParams.parse(query, NAMES);
        assertEquals(-1, q.plainFrom(1));
        assertEquals(-1, q.plainTo(1));
        assertEquals(query.indexOf("AKID"), q.rawFrom(1));
        assertEquals(query.length(), q.rawTo(1));
        assertEquals("AKID/20130524/us-east-1/s3/aws4_request", q.value(1));
    }

    @Test
    void escapesThatCannotDecodeAreRefusedWhenParsedNotWhenRead() {
        assertThrows(MalformedTextException.class,
                () -> QueryAuthParams.parse("X-Amz-Credential=%FF", NAMES), "not UTF-8");
        assertThrows(MalformedTextException.class,
                () -> QueryAuthParams.parse("X-Amz-Credential=%4", NAMES), "a truncated escape");
        assertThrows(MalformedTextException.class,
                () -> QueryAuthParams.parse("X-Amz-Credential=a\ud800", NAMES), "a lone surrogate");
        QueryAuthParams q = QueryAuthParams.parse("X-Amz-Credential=%C3%A9", NAMES);
        assertEquals("\u00e9", q.value(1));
        assertEquals(-1, q.rawFrom(1), "decoded when parsed");
    }

    @Test
    void theLastExactSpellingWinsAndARepeatIsNamed() {
        QueryAuthParams q = QueryAuthParams.parse("X-Amz-Signature=a%2F&x-amz-signature=b&X-Amz-Signature=c", NAMES);
        assertEquals("X-Amz-Signature", q.repeated());
        assertEquals("c", q.value(2));
        assertEquals(q.query().length() - 1, q.plainFrom(2));
        QueryAuthParams r = QueryAuthParams.parse("X-Amz-Signature=c&X-Amz-Signature=a%2F", NAMES);
        assertEquals("a/", r.value(2));
        assertEquals(-1, r.plainFrom(2), "the escaped value replaced the plain one");
    }

    @Test
    void moreThanSixtyFourNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> QueryAuthParams.parse("a=1", new String[65]));
    }
}
