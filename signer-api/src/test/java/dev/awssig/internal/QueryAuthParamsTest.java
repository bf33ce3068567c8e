package dev.awssig.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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

    /** Raw spellings of names: the three, other parameters (longer, shorter, a prefix of one), none. */
    private static final String[] OTHER_NAMES = {"X-Amz-Date", "X-Amz-SignedHeaders", "X-Amz-AlgorithmX",
        "X-Amz-Algorith", "X-Amz-Credentialx", "a", "", "X-Amz-Signature-", "Y-Amz-Signature", "X-Amz-Security-Token"};
    private static final String[] VALUE_PIECES = {"a", "Z", "0", "-", "~", "/", "%2F", "%2f", "%41", "%20", "+",
        "%2B", "%7E", "%7e", "%00", "%0A", "%30", "%7F", "%C3%A9", "%c2%80", "%F0%9F%98%80", "\u00e9", "\u0080",
        "\u007f", "\ud83d\ude00", "%3D", "%26", ":", "="};

    /** One parameter as the oracle reads it: split at the first '=', each side decoded by URLDecoder. */
    private record Param(String name, String rawValue, int valueFrom) {
    }

    /** A name in another spelling: each letter in either case, some characters percent-escaped (either hex case). */
    private static String respell(Random rnd, String name) {
        StringBuilder sb = new StringBuilder();
        for (char c : name.toCharArray()) {
            char d = rnd.nextBoolean() ? c : (Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
            if (rnd.nextInt(6) == 0) {
                String hex = String.format("%%%02X", (int) d);
                sb.append(rnd.nextBoolean() ? hex : hex.toLowerCase(java.util.Locale.ROOT));
            } else {
                sb.append(d);
            }
        }
        return sb.toString();
    }

    private static boolean asciiEqualsIgnoreCase(String a, String b) {
        if (a.length() != b.length()) {
            return false;
        }
        for (int i = 0; i < a.length(); i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x >= 'A' && x <= 'Z') {
                x += 32;
            }
            if (y >= 'A' && y <= 'Z') {
                y += 32;
            }
            if (x != y) {
                return false;
            }
        }
        return true;
    }

    /** ASCII text whose every '%' starts an escape of an ASCII byte (00 to 7F): decoding it cannot fail. */
    private static boolean asciiWithAsciiEscapes(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c >= 0x80) {
                return false;
            }
            if (c == '%') {
                if (i + 2 >= v.length() || "01234567".indexOf(v.charAt(i + 1)) < 0
                        || "0123456789abcdefABCDEF".indexOf(v.charAt(i + 2)) < 0) {
                    return false;
                }
                i += 2;
            }
        }
        return true;
    }

    /**
     * Random queries of the three parameters in any spelling (case, escapes), repeated or not,
     * with or without '=', among other parameters, against a reading of the same query by
     * splitting and {@link URLDecoder}: each value (the last exact spelling wins), its raw and
     * plain ranges, whether the first name is there, and the first name seen twice.
     */
    @Test
    void randomQueriesReadAsSplittingAndUrlDecoderReadThem() {
        long seed = TestSeeds.seed("QueryAuthParamsTest.randomQueriesReadAsSplittingAndUrlDecoderReadThem");
        Random rnd = new Random(seed);
        for (int i = 0; i < 3_000; i++) {
            StringBuilder query = new StringBuilder();
            List<Param> params = new ArrayList<>();
            for (int p = rnd.nextInt(7); p >= 0; p--) {
                if (query.length() > 0 || rnd.nextInt(10) == 0) {
                    query.append('&');
                }
                String rawName;
                int pick = rnd.nextInt(10);
                if (pick < 3) {
                    rawName = NAMES[pick];
                } else if (pick < 6) {
                    rawName = respell(rnd, NAMES[rnd.nextInt(NAMES.length)]);
                } else {
                    rawName = respell(rnd, OTHER_NAMES[rnd.nextInt(OTHER_NAMES.length)]);
                }
                StringBuilder v = new StringBuilder();
                for (int n = rnd.nextInt(5); n > 0; n--) {
                    v.append(VALUE_PIECES[rnd.nextInt(VALUE_PIECES.length)]);
                }
                boolean withEquals = v.length() > 0 || rnd.nextInt(4) != 0;
                query.append(rawName);
                if (withEquals) {
                    query.append('=');
                }
                int valueFrom = query.length();
                query.append(v);
                params.add(new Param(URLDecoder.decode(rawName, StandardCharsets.UTF_8), v.toString(), valueFrom));
            }
            String q = query.toString();
            String[] names = rnd.nextBoolean() ? NAMES : NAMES.clone(); // a new array: its messages are built anew
            QueryAuthParams got = QueryAuthParams.parse(q, names);

            Param[] last = new Param[names.length];
            boolean[] seen = new boolean[names.length];
            boolean firstNamed = false;
            String repeated = null;
            for (Param p : params) {
                for (int k = 0; k < names.length; k++) {
                    if (asciiEqualsIgnoreCase(p.name(), names[k])) {
                        if (seen[k] && repeated == null) {
                            repeated = names[k];
                        }
                        seen[k] = true;
                        firstNamed |= k == 0;
                        if (p.name().equals(names[k])) {
                            last[k] = p;
                        }
                    }
                }
            }
            String where = q + " (seed " + seed + ")";
            assertEquals(firstNamed, got.firstNamed(), where);
            assertEquals(repeated, got.repeated(), where);
            assertEquals(q, got.query());
            for (int k = 0; k < names.length; k++) {
                Param p = last[k];
                if (p == null) {
                    assertNull(got.value(k), where);
                    assertEquals(-1, got.rawFrom(k), where);
                    assertEquals(-1, got.rawTo(k), where);
                    assertEquals(-1, got.plainFrom(k), where);
                    assertEquals(-1, got.plainTo(k), where);
                    assertFalse(got.valueIs(k, ""), where);
                    continue;
                }
                String expected = URLDecoder.decode(p.rawValue(), StandardCharsets.UTF_8);
                assertEquals(expected, got.value(k), where);
                assertTrue(got.valueIs(k, expected), where);
                assertFalse(got.valueIs(k, expected + "x"), where);
                if (!expected.isEmpty()) {
                    assertFalse(got.valueIs(k, expected.substring(1)), where);
                    assertFalse(got.valueIs(k, expected.substring(0, expected.length() - 1)), where);
                }
                int end = p.valueFrom() + p.rawValue().length();
                boolean raw = asciiWithAsciiEscapes(p.rawValue());
                assertEquals(raw ? p.valueFrom() : -1, got.rawFrom(k), "rawFrom " + k + ": " + where);
                assertEquals(raw ? end : -1, got.rawTo(k), "rawTo " + k + ": " + where);
                boolean plain = raw && p.rawValue().indexOf('%') < 0 && p.rawValue().indexOf('+') < 0;
                assertEquals(plain ? p.valueFrom() : -1, got.plainFrom(k), "plainFrom " + k + ": " + where);
                assertEquals(plain ? end : -1, got.plainTo(k), "plainTo " + k + ": " + where);
            }
        }
    }

    /** A parameter without '=' has the empty value, whether '&' or the end of the query follows it. */
    @Test
    void aParameterWithoutEqualsHasTheEmptyValue() {
        QueryAuthParams end = QueryAuthParams.parse("a=1&X-Amz-Algorithm", NAMES);
        assertTrue(end.firstNamed());
        assertEquals("", end.value(0));
        assertEquals(19, end.plainFrom(0));
        assertEquals(19, end.plainTo(0));
        QueryAuthParams mid = QueryAuthParams.parse("X-Amz-Algorithm&X-Amz-Signature=s", NAMES);
        assertEquals("", mid.value(0));
        assertEquals(15, mid.rawFrom(0));
        assertEquals("s", mid.value(2));
        QueryAuthParams encoded = QueryAuthParams.parse("X-Amz-%61lgorithm", NAMES);
        assertTrue(encoded.firstNamed());
        assertNull(encoded.value(0), "not the exact spelling");
    }

    /** Empty parameters (a leading '&', "&&", a leading '=') are skipped, and what follows them is read. */
    @Test
    void emptyParametersAreSkipped() {
        QueryAuthParams lead = QueryAuthParams.parse("&X-Amz-Algorithm=v", NAMES);
        assertTrue(lead.firstNamed());
        assertEquals("v", lead.value(0));
        // the short names before the first '=' are separate parameters, none of them a name to decode
        QueryAuthParams shortOnes = QueryAuthParams.parse("&a%zz&X-Amz-Algorithm=v", NAMES);
        assertEquals("v", shortOnes.value(0));
        QueryAuthParams emptyName = QueryAuthParams.parse("=%zzzzzzzzzzzzzzzzzzzz&X-Amz-Algorithm=v", NAMES);
        assertEquals("v", emptyName.value(0), "an empty name: its value is nobody's");
        QueryAuthParams none = QueryAuthParams.parse("", NAMES);
        assertFalse(none.firstNamed());
        assertNull(none.repeated());
    }

    /**
     * A name is decoded (strictly) only when it could be one of the names: a name shorter than all
     * of them is skipped, even with an escape that does not decode; a long one is refused.
     */
    @Test
    void onlyANameLongEnoughToBeOneOfThemIsDecoded() {
        assertEquals("v", QueryAuthParams.parse("a%zz=1&X-Amz-Algorithm=v", NAMES).value(0));
        assertEquals("v", QueryAuthParams.parse("X-Amz-Algorithm=v&a%zz=1", NAMES).value(0));
        assertEquals("v", QueryAuthParams.parse("X-Amz-Algorithm=v&X-Amz-Algori%z=1", NAMES).value(0), "14 characters");
        MalformedTextException e = assertThrows(MalformedTextException.class,
                () -> QueryAuthParams.parse("X-Amz-Algorithm=v&X-Amz-Algorit%z=1", NAMES));
        assertTrue(e.getMessage().startsWith("query parameter name"), e.getMessage());
    }

    /** The first name, and only the first, tells that the request is presigned. */
    @Test
    void onlyTheFirstNameMakesTheRequestPresigned() {
        QueryAuthParams q = QueryAuthParams.parse("X-Amz-Signature=s&X-Amz-Credential=c", NAMES);
        assertFalse(q.firstNamed());
        assertNull(q.repeated());
        assertTrue(QueryAuthParams.parse("x-amz-ALGORITHM=1", NAMES).firstNamed(), "any case");
        assertTrue(QueryAuthParams.parse("X-Amz-%61lgorithm=1", NAMES).firstNamed(), "an escape");
    }

    /** The first parameter seen twice is named, not a later one; a repeat in another spelling counts. */
    @Test
    void theFirstRepeatIsNamed() {
        assertEquals("X-Amz-Credential", QueryAuthParams.parse(
                "X-Amz-Credential=1&X-Amz-Signature=2&x-amz-credential=3&X-Amz-Signature=4", NAMES).repeated());
        assertEquals("X-Amz-Signature", QueryAuthParams.parse(
                "X-Amz-Credential=1&X-Amz-Signature=2&X-Amz-%53ignature=4&X-Amz-Credential=3", NAMES).repeated());
        assertNull(QueryAuthParams.parse("X-Amz-Credential=1&X-Amz-Signature=2&X-Amz-Algorithm=3", NAMES).repeated());
    }

    /**
     * How each value is held (in place, decoded later, decoded now) is per parameter: one decoded
     * now leaves another's range as it was, and replaces an earlier one of its own.
     */
    @Test
    void eachParameterKeepsItsOwnForm() {
        String q1 = "X-Amz-Credential=a%2F&X-Amz-Signature=%C3%A9";
        QueryAuthParams a = QueryAuthParams.parse(q1, NAMES);
        assertEquals("a/", a.value(1));
        assertEquals(-1, a.plainFrom(1));
        assertEquals(q1.indexOf("a%2F"), a.rawFrom(1));
        assertEquals("\u00e9", a.value(2));
        String q2 = "X-Amz-Credential=abc&X-Amz-Signature=%C3%A9&X-Amz-Algorithm=%41";
        QueryAuthParams b = QueryAuthParams.parse(q2, NAMES);
        assertEquals(q2.indexOf("abc"), b.plainFrom(1));
        assertEquals(q2.indexOf("abc") + 3, b.plainTo(1));
        assertEquals("A", b.value(0));
        assertEquals(-1, b.plainFrom(0));
        assertEquals(q2.length() - 3, b.rawFrom(0));
        assertEquals(q2.length(), b.rawTo(0));
        QueryAuthParams c = QueryAuthParams.parse("X-Amz-Signature=c&X-Amz-Signature=%C3%A9", NAMES);
        assertEquals("\u00e9", c.value(2));
        assertEquals(-1, c.rawFrom(2));
        assertEquals(-1, c.plainFrom(2));
        QueryAuthParams d = QueryAuthParams.parse("X-Amz-Algorithm=%C3%A9&X-Amz-Algorithm=x", NAMES);
        assertEquals("x", d.value(0));
        assertEquals(d.query().length() - 1, d.rawFrom(0));
    }

    /** valueIs compares the whole value: not a prefix, not text of the same length. */
    @Test
    void valueIsComparesTheWholeValue() {
        QueryAuthParams q = QueryAuthParams.parse("X-Amz-Algorithm=AWS4-HMAC-SHA256", NAMES);
        assertTrue(q.valueIs(0, "AWS4-HMAC-SHA256"));
        assertFalse(q.valueIs(0, "AWS4"));
        assertFalse(q.valueIs(0, "AWS4-HMAC-SHA257"));
        assertFalse(q.valueIs(0, "AWS4-HMAC-SHA2567"));
    }

    /** Escapes of bytes 80 to FF are decoded (and refused) when parsed, 00 to 7F only when read. */
    @Test
    void escapesOfNonAsciiBytesAreCheckedWhenParsed() {
        assertThrows(MalformedTextException.class, () -> QueryAuthParams.parse("X-Amz-Credential=%80", NAMES));
        assertThrows(MalformedTextException.class, () -> QueryAuthParams.parse("X-Amz-Credential=a%8F&b", NAMES));
        QueryAuthParams q = QueryAuthParams.parse("X-Amz-Credential=%7F%00%0a%30", NAMES);
        assertEquals("\u007f\u0000\n0", q.value(1));
        assertEquals(17, q.rawFrom(1));
        QueryAuthParams u = QueryAuthParams.parse("X-Amz-Credential=\u0080", NAMES);
        assertEquals("\u0080", u.value(1));
        assertEquals(-1, u.rawFrom(1), "U+0080 is not ASCII");
        // a value that is not one of the exact spellings is not decoded at all
        assertNull(QueryAuthParams.parse("x-amz-credential=%FF", NAMES).value(1));
    }

    /** The message of a value that does not decode names its parameter, from the names array of that call. */
    @Test
    void theMessageNamesTheParameterOfThisCall() throws Exception {
        java.lang.reflect.Field cache = QueryAuthParams.class.getDeclaredField("lastWhats");
        cache.setAccessible(true);
        cache.set(null, null); // nothing built yet, as in a new JVM
        assertEquals("a/", QueryAuthParams.parse("X-Amz-Credential=a%2F", NAMES).value(1));
        String[] others = {"X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Security-Token", "X-Amz-Date"};
        MalformedTextException e = assertThrows(MalformedTextException.class,
                () -> QueryAuthParams.parse("X-Amz-Date=%C3", others));
        assertTrue(e.getMessage().startsWith("query parameter X-Amz-Date"), e.getMessage());
        MalformedTextException f = assertThrows(MalformedTextException.class,
                () -> QueryAuthParams.parse("X-Amz-Signature=%C3", NAMES));
        assertTrue(f.getMessage().startsWith("query parameter X-Amz-Signature"), f.getMessage());
        assertNotEquals(e.getMessage(), f.getMessage());
    }

    @Test
    void sixtyFourNamesAreAccepted() {
        String[] names = new String[64];
        for (int k = 0; k < 64; k++) {
            names[k] = "n" + k;
        }
        QueryAuthParams q = QueryAuthParams.parse("n63=last&n0=first", names);
        assertEquals("last", q.value(63));
        assertEquals("first", q.value(0));
        assertTrue(q.firstNamed());
    }

    /**
     * A value decoded when parsed replaces an earlier one held as a range: both ends of the range
     * are gone (-1), not only its start. Failed before the fix: rawTo and plainTo still gave the
     * end of the earlier value.
     */
    @Test
    void aValueDecodedWhenParsedLeavesNoRangeBehind() {
        QueryAuthParams q = QueryAuthParams.parse("X-Amz-Credential=abc&X-Amz-Credential=%C3%A9", NAMES);
        assertEquals("\u00e9", q.value(1));
        assertEquals(-1, q.rawFrom(1));
        assertEquals(-1, q.rawTo(1));
        assertEquals(-1, q.plainFrom(1));
        assertEquals(-1, q.plainTo(1));
        QueryAuthParams s = QueryAuthParams.parse("X-Amz-Credential=a%2F&X-Amz-Credential=\u00e9", NAMES);
        assertEquals("\u00e9", s.value(1));
        assertEquals(-1, s.rawTo(1));
        assertEquals(-1, s.plainTo(1));
    }

    @Test
    void moreThanSixtyFourNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> QueryAuthParams.parse("a=1", new String[65]));
    }
}
