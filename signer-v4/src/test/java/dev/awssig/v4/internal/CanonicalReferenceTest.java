package dev.awssig.v4.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.internal.Ascii;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pieces of the canonical request against plain reference implementations written from the
 * SigV4 rules (a segment stack, a regex, {@link URLDecoder}, {@link Arrays#sort}), over random
 * inputs built from the characters at the edges of each rule ({@code @ A Z [ ` a z {}, every
 * kind of whitespace, {@code .} and {@code ..} segments, prefixes). Fast paths and slow paths,
 * small and large inputs (insertion sort up to 16 entries, merge sort above) must all agree with
 * the reference. The seed is logged; {@code -Dawssig.seed=N} replays a run.
 */
class CanonicalReferenceTest {
    private static final Logger LOG = LoggerFactory.getLogger(CanonicalReferenceTest.class);
    private static final int CASES = 2_000;

    private static Random random(String test) {
        long seed = Long.getLong("awssig.seed", new Random().nextLong());
        LOG.info("{}: seed={} (replay with -Dawssig.seed={})", test, seed, seed);
        return new Random(seed);
    }

    private static String pick(Random rnd, String[] pieces, int max) {
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(max + 1);
        for (int i = 0; i < n; i++) {
            sb.append(pieces[rnd.nextInt(pieces.length)]);
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ lower case

    private static final String[] CASE_PIECES = {"@", "A", "B", "Y", "Z", "[", "`", "a", "z", "{", "-", "0",
        "\u00c0", "\u017f", "K", "\u212a", "x-amz-", "X-Amz-"};

    private static String referenceLower(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            sb.append("ABCDEFGHIJKLMNOPQRSTUVWXYZ".indexOf(c) >= 0 ? (char) (c - 'A' + 'a') : c);
        }
        return sb.toString();
    }

    @Test
    void lowerAndEqualsIgnoreAsciiCaseFoldAsciiLettersOnly() {
        Random rnd = random("lowerAndEqualsIgnoreAsciiCaseFoldAsciiLettersOnly");
        for (int i = 0; i < CASES; i++) {
            String a = pick(rnd, CASE_PIECES, 6);
            String lower = Ascii.lower(a);
            assertEquals(referenceLower(a), lower, a);
            if (lower.equals(a)) {
                assertSame(a, lower, "already lower case: the same instance");
            }
            String b = rnd.nextBoolean() ? flipCase(rnd, a) : pick(rnd, CASE_PIECES, 6);
            assertEquals(referenceLower(a).equals(referenceLower(b)), Ascii.equalsIgnoreCase(a, b),
                    a + " / " + b);
            assertEquals(referenceLower(a).equals(referenceLower(b)), Ascii.equalsIgnoreCase(b, a),
                    b + " / " + a);
        }
        // the neighbours of the ASCII letters are not letters
        assertFalse(Ascii.equalsIgnoreCase("@", "`"));
        assertFalse(Ascii.equalsIgnoreCase("[", "{"));
        // and in either argument
        assertFalse(Ascii.equalsIgnoreCase("`", "@"));
        assertFalse(Ascii.equalsIgnoreCase("{", "["));
        assertFalse(Ascii.equalsIgnoreCase("x-amz-checksum", "x-amz-check\u017fum"));
        assertTrue(Ascii.equalsIgnoreCase("AZ", "az"));
        assertEquals("@az[`az{", Ascii.lower("@AZ[`az{"));
    }

    private static String flipCase(Random rnd, String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (rnd.nextBoolean() && c >= 'a' && c <= 'z') {
                sb.append((char) (c - 32));
            } else if (rnd.nextBoolean() && c >= 'A' && c <= 'Z') {
                sb.append((char) (c + 32));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ path

    private static final String[] SEGMENTS = {"a", "b", "c", ".", "..", "", "...", ".a", "a.", "é"};

    private static String referenceNormalize(String raw) {
        Deque<String> out = new ArrayDeque<>();
        for (String seg : raw.split("/", -1)) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                out.pollLast();
            } else {
                out.addLast(seg);
            }
        }
        String p = "/" + String.join("/", out);
        return out.isEmpty() || !raw.endsWith("/") ? p : p + "/";
    }

    @Test
    void normalizePathRemovesDotSegmentsAndRepeatedSlashes() {
        Random rnd = random("normalizePathRemovesDotSegmentsAndRepeatedSlashes");
        for (int i = 0; i < CASES; i++) {
            int n = rnd.nextInt(6);
            StringBuilder sb = new StringBuilder(rnd.nextInt(8) == 0 ? "" : "/");
            for (int k = 0; k < n; k++) {
                sb.append(k == 0 ? "" : "/").append(SEGMENTS[rnd.nextInt(SEGMENTS.length)]);
            }
            if (rnd.nextInt(4) == 0) {
                sb.append('/');
            }
            String raw = sb.toString();
            String normal = Canonical.normalizePath(raw);
            assertEquals(referenceNormalize(raw), normal, raw);
            if (normal.equals(raw)) {
                assertSame(raw, normal, "an already normal path comes back as is: " + raw);
            }
        }
        assertEquals("/", Canonical.normalizePath(""));
        assertEquals("/", Canonical.normalizePath("/.."));
        assertEquals("/a", Canonical.normalizePath("/a/b/.."));
        assertEquals("/a/", Canonical.normalizePath("//a//"));
        assertEquals("/a/...", Canonical.normalizePath("/a/..."));
        assertEquals("/a", Canonical.normalizePath("a"));
    }

    // ------------------------------------------------------------------ header values

    private static final String[] VALUE_PIECES = {" ", "  ", "\t", "\n", "\u000b", "\r", "\f", "a", "b c", "é",
        "\u0085", "\u00a0", "\u001f", "!", "~", "\u007f"};

    private static String referenceTrim(String v) {
        return v.replaceAll("\\A[ \\t\\n\\x0B\\r\\f]+|[ \\t\\n\\x0B\\r\\f]+\\z", "").replaceAll("[ \\t\\n\\x0B\\r\\f]+", " ");
    }

    @Test
    void headerValuesAreTrimmedAndInnerWhitespaceCollapsed() {
        Random rnd = random("headerValuesAreTrimmedAndInnerWhitespaceCollapsed");
        for (int i = 0; i < CASES; i++) {
            String v = pick(rnd, VALUE_PIECES, 7);
            ByteBuf b = new ByteBuf(4);
            b.append("x:");
            Canonical.appendTrimmed(b, v);
            assertEquals("x:" + referenceTrim(v), b.asString(), () -> "value [" + v + "]");
        }
        for (char c = 0; c < 0x100; c++) {
            assertEquals(" \t\n\u000b\r\f".indexOf(c) >= 0, Canonical.isSpace(c), "isSpace " + (int) c);
        }
    }

    @Test
    void aWhitespaceOnlyHeaderValueIsTrimmedToNothing() {
        for (String v : new String[] {" ", "   ", "\t", " \t \r\n\u000b\f ", "\n"}) {
            ByteBuf b = new ByteBuf(2);
            b.append("x:");
            Canonical.appendTrimmed(b, v);
            assertEquals("x:", b.asString(), () -> "value [" + v + "]");
        }
    }

    @Test
    void canonicalHeadersJoinTheValuesOfARepeatedName() {
        ByteBuf b = new ByteBuf(8);
        Canonical.appendHeaders(b, new String[] {"a", "a", "b", "c", "c", "c"},
                new String[] {" 1 ", "2", "  ", "x  y", "", "z"}, 6);
        assertEquals("a:1,2\nb:\nc:x y,,z\n", b.asString());
        ByteBuf none = new ByteBuf(8);
        Canonical.appendHeaders(none, new String[0], new String[0], 0);
        assertEquals("", none.asString());
    }

    // ------------------------------------------------------------------ sorting

    private static final String[] NAME_PIECES = {"a", "b", "a1", "x-amz-", "-", "0", "A", "~", "_", ".", "é"};

    @Test
    void headerOrderSortsNamesStablyAtEverySize() {
        Random rnd = random("headerOrderSortsNamesStablyAtEverySize");
        for (int i = 0; i < CASES / 4; i++) {
            int n = rnd.nextInt(40);
            String[] names = new String[n];
            int[] order = new int[n];
            for (int k = 0; k < n; k++) {
                names[k] = pick(rnd, NAME_PIECES, 3);
                order[k] = k;
            }
            Integer[] expected = new Integer[n];
            for (int k = 0; k < n; k++) {
                expected[k] = k;
            }
            String[] original = names.clone();
            Arrays.sort(expected, Comparator.comparing(k -> original[k])); // stable
            CanonicalWriter.sortHeaders(names, order, n);
            for (int k = 0; k < n; k++) {
                assertEquals(expected[k].intValue(), order[k], "position " + k + " of " + Arrays.toString(original));
                assertEquals(original[expected[k]], names[k]);
            }
        }
    }

    @Test
    void compareNamesHasTheSignOfCompareTo() {
        Random rnd = random("compareNamesHasTheSignOfCompareTo");
        for (int i = 0; i < CASES; i++) {
            String a = pick(rnd, NAME_PIECES, 3);
            String b = rnd.nextInt(5) == 0 ? a : pick(rnd, NAME_PIECES, 3);
            assertEquals(Integer.signum(a.compareTo(b)), Integer.signum(Canonical.compareNames(a, b)), a + " / " + b);
            assertEquals(Integer.signum(a.compareTo(b)), Integer.signum(Canonical.compareNames(new String(a), b)));
        }
    }

    @Test
    void mergeSortIsAStableSortOfAnySize() {
        Random rnd = random("mergeSortIsAStableSortOfAnySize");
        for (int i = 0; i < CASES / 4; i++) {
            int n = rnd.nextInt(70);
            int[] keys = new int[n];
            for (int k = 0; k < n; k++) {
                keys[k] = rnd.nextInt(1 + rnd.nextInt(20));
            }
            int[] idx = Canonical.identity(n);
            for (int k = 0; k < n; k++) {
                assertEquals(k, idx[k]);
            }
            Canonical.mergeSort(idx, n, (x, y) -> Integer.compare(keys[x], keys[y]));
            Integer[] expected = new Integer[n];
            for (int k = 0; k < n; k++) {
                expected[k] = k;
            }
            Arrays.sort(expected, Comparator.comparingInt(k -> keys[k]));
            assertArrayEquals(Arrays.stream(expected).mapToInt(Integer::intValue).toArray(), idx,
                    Arrays.toString(keys));
        }
    }

    // ------------------------------------------------------------------ query

    private static final String[] QUERY_PIECES = {"a", "a1", "b", "A", "_", "-", "~", ".", "%20", "+", "%2B", "%41",
        "%e2%82%ac", "é", "*", "%2A", "!", "/", "%2F", ":", "=", ""};

    private static final String[] ESCAPED_PIECES = {"a", "b", "A", "~", "%2F", "%2B", "%20", "%3D", "%26", "%25",
        "%2f", "%61", "%7E", "%C3%A9"};

    private static String referenceEncode(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-_.~".indexOf(c) >= 0)) {
                sb.append(c);
            } else {
                sb.append('%').append("0123456789ABCDEF".charAt(c >> 4)).append("0123456789ABCDEF".charAt(c & 15));
            }
        }
        return sb.toString();
    }

    /** The canonical query by the book: split, form-decode, encode, sort by name then value, join. */
    private static String referenceQuery(String raw, String skip) {
        List<String[]> pairs = new ArrayList<>();
        for (String p : raw.split("&", -1)) {
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            String n = URLDecoder.decode(eq < 0 ? p : p.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8);
            if (!n.equals(skip)) {
                pairs.add(new String[] {referenceEncode(n), referenceEncode(v)});
            }
        }
        pairs.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1]));
        StringBuilder sb = new StringBuilder();
        for (String[] p : pairs) {
            sb.append(sb.length() == 0 ? "" : "&").append(p[0]).append('=').append(p[1]);
        }
        return sb.toString();
    }

    private static String query(String raw, String skip) {
        ByteBuf b = new ByteBuf(4);
        Canonical.appendQuery(b, raw, null, null, 0, skip, null);
        return b.asString();
    }

    @Test
    void canonicalQueryMatchesTheReferenceAtEverySize() {
        Random rnd = random("canonicalQueryMatchesTheReferenceAtEverySize");
        for (int i = 0; i < CASES; i++) {
            int n = rnd.nextInt(4) == 0 ? 10 + rnd.nextInt(20) : rnd.nextInt(5);
            // clean: nothing to escape; escaped: already in canonical form with escapes (a
            // presigned URL's %2F), and sometimes not (lower-case hex, an escaped letter); any
            int mode = rnd.nextInt(3);
            String[] names = mode == 0 ? new String[] {"a", "a1", "b", "_", "~", "A"}
                    : mode == 1 ? ESCAPED_PIECES : QUERY_PIECES;
            String[] values = mode == 0 ? new String[] {"1", "x", "x1", "-"} : names;
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < n; k++) {
                if (k > 0 || rnd.nextInt(10) == 0) {
                    sb.append('&');
                }
                sb.append(pick(rnd, names, 2).replace("=", ""));
                if (rnd.nextInt(5) != 0) {
                    sb.append('=').append(pick(rnd, values, 3));
                }
            }
            String raw = sb.toString();
            assertEquals(referenceQuery(raw, null), query(raw, null), raw);
            if (!raw.isEmpty()) {
                assertEquals(referenceQuery(raw, "a"), query(raw, "a"), "without 'a': " + raw);
            }
        }
        assertEquals("", query(null, null));
        assertEquals("", query("", null));
        assertEquals("a=&b=", query("b&a", null));
        assertEquals("a=1&a=1", query("a=1&a=1", null));
    }

    @Test
    void extraPairsAreMergedIntoTheQueryInOrder() {
        ByteBuf b = new ByteBuf(4);
        Canonical.appendQuery(b, "b=2&a=1", new String[] {"X-Amz-Date", "a"}, new String[] {"d", "0"}, 2, null, null);
        assertEquals("X-Amz-Date=d&a=0&a=1&b=2", b.asString());
        ByteBuf sorted = new ByteBuf(4);
        Canonical.appendQuery(sorted, null, new String[] {"A", "B", "B"}, new String[] {"1", "1", "2"}, 3, null, null);
        assertEquals("A=1&B=1&B=2", sorted.asString());
        ByteBuf unsorted = new ByteBuf(4);
        Canonical.appendQuery(unsorted, "", new String[] {"B", "A", "A"}, new String[] {"1", "2", "1"}, 3, null, null);
        assertEquals("A=1&A=2&B=1", unsorted.asString());
        ByteBuf noQuery = new ByteBuf(4);
        Canonical.appendQuery(noQuery, null, new String[] {"B", "A"}, new String[] {"1", "2"}, 2, null, null);
        assertEquals("A=2&B=1", noQuery.asString());
        assertTrue(Canonical.isSorted(new String[] {"a", "a", "b"}, new String[] {"1", "1", "0"}, 3));
        assertFalse(Canonical.isSorted(new String[] {"a", "a"}, new String[] {"2", "1"}, 2));
        assertFalse(Canonical.isSorted(new String[] {"b", "a"}, new String[] {"1", "1"}, 2));
        // the two skipped names (the presigned signature and, after signing, the token) leave out all their copies
        ByteBuf skipped = new ByteBuf(4);
        Canonical.appendQuery(skipped, "X-Amz-Signature=1&a=2&X-Amz-Security-Token=t&%58-Amz-Signature=3", null, null, 0,
                "X-Amz-Signature", "X-Amz-Security-Token");
        assertEquals("a=2", skipped.asString());
    }

    @Test
    void aLoneSurrogateInTheQueryIsRefusedOnEveryPath() {
        String raw = "a=1&b=x\ud800y";
        // the path with a parameter left out (a presigned URL's signature) and the path with extra pairs
        dev.awssig.internal.MalformedTextException skipping = assertThrows(
                dev.awssig.internal.MalformedTextException.class,
                () -> Canonical.appendQuery(new ByteBuf(4), raw, null, null, 0, "X-Amz-Signature", null));
        assertTrue(skipping.getMessage().contains("query"), skipping::getMessage);
        assertThrows(dev.awssig.internal.MalformedTextException.class, () -> Canonical.appendQuery(new ByteBuf(4),
                raw, new String[] {"X-Amz-Date"}, new String[] {"d"}, 1, null, null));
    }

    @Test
    void canonicalUriEncodesOnceForS3AndTwiceElsewhere() {
        assertEquals("/a%20b/c%2Bd/%E2%82%AC", Canonical.canonicalUri("/a%20b/c+d/%e2%82%ac", false, false));
        assertEquals("/a%2520b/c%2Bd", Canonical.canonicalUri("/a%20b/c+d", false, true));
        assertEquals("/b/c%2520", Canonical.canonicalUri("/a/../b//c%20", true, true));
        assertEquals("/a/../b//c%20", Canonical.canonicalUri("/a/../b//c%20", false, false));
    }
}
