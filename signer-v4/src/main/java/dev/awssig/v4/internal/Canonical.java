package dev.awssig.v4.internal;

import dev.awssig.internal.Hex;
import dev.awssig.internal.UriEncoding;
import java.util.Arrays;

/**
 * The pieces of a SigV4 canonical request, written straight into a {@link ByteBuf}: the
 * canonical URI (S3 rule and the normalise-and-encode-twice rule), the canonical query and the
 * canonical headers. No regex, no formatter, fast paths for text that needs no escaping.
 */
public final class Canonical {
    private Canonical() {
    }

    // ---------------------------------------------------------------- path

    /**
     * Removes {@code .} and {@code ..} segments and collapses runs of {@code /}; the result ends
     * with {@code /} exactly when the raw path does (or is the root). {@code //example//} becomes
     * {@code /example/}, {@code /a/b/..} becomes {@code /a} (as botocore and the AWS SDK for Java
     * v2 normalise).
     *
     * @param raw the raw path
     * @return the normalised path (the same instance when it is already normal)
     */
    public static String normalizePath(String raw) {
        if (isNormal(raw)) {
            return raw;
        }
        int n = raw.length();
        String[] segs = new String[n / 2 + 2];
        int count = 0;
        int i = 0;
        while (i < n) {
            int j = raw.indexOf('/', i);
            if (j < 0) {
                j = n;
            }
            String seg = raw.substring(i, j);
            if (seg.equals("..")) {
                if (count > 0) {
                    count--;
                }
            } else if (!seg.isEmpty() && !seg.equals(".")) {
                segs[count++] = seg;
            }
            i = j + 1;
        }
        StringBuilder sb = new StringBuilder(n);
        for (int k = 0; k < count; k++) {
            sb.append('/').append(segs[k]);
        }
        if (count == 0 || raw.charAt(n - 1) == '/') {
            sb.append('/');
        }
        return sb.toString();
    }

    private static boolean isNormal(String p) {
        int n = p.length();
        if (n == 0 || p.charAt(0) != '/') {
            return false;
        }
        int segStart = 1;
        for (int i = 1; i <= n; i++) {
            if (i == n || p.charAt(i) == '/') {
                int len = i - segStart;
                if (len == 0 && i < n) {
                    return false; // '//'
                }
                if (len == 1 && p.charAt(segStart) == '.') {
                    return false;
                }
                if (len == 2 && p.charAt(segStart) == '.' && p.charAt(segStart + 1) == '.') {
                    return false;
                }
                segStart = i + 1;
            }
        }
        return true;
    }

    /**
     * Appends the canonical URI.
     *
     * @param b the buffer
     * @param rawPath the path as sent
     * @param normalize whether to remove dot segments and collapse slashes first
     * @param doubleEncode true: the raw path (already encoded once) is encoded again, so
     *     {@code %} becomes {@code %25}; false (S3): the path is decoded and encoded once
     */
    static void appendUri(ByteBuf b, String rawPath, boolean normalize, boolean doubleEncode) {
        String p = normalize ? normalizePath(rawPath) : rawPath;
        if (doubleEncode) {
            b.appendEncoded(p, true);
        } else {
            b.appendReencoded(p, true, false);
        }
    }

    /**
     * The canonical URI as a string.
     *
     * @param rawPath the path as sent
     * @param normalize whether to normalise
     * @param doubleEncode whether to encode twice
     * @return the canonical URI
     */
    public static String canonicalUri(String rawPath, boolean normalize, boolean doubleEncode) {
        ByteBuf b = new ByteBuf(rawPath.length() + 16);
        appendUri(b, rawPath, normalize, doubleEncode);
        return b.asString();
    }

    // ---------------------------------------------------------------- query

    /**
     * Encodes a raw query name or value for the canonical query: percent-decoded ({@code +}
     * means a space, as form decoding and the AWS SDKs read it), then encoded with
     * {@code %20} for a space and {@code ~} kept.
     *
     * @param raw the raw text from the query string
     * @return the canonical form (the same instance when nothing changes)
     */
    static String canonicalQueryPart(String raw) {
        if (ByteBuf.isUnreservedOnly(raw, 0, raw.length(), false)) {
            return raw;
        }
        return UriEncoding.encode(UriEncoding.decode(raw, true), false);
    }

    /**
     * Appends the canonical query string: the parameters of the raw query (without the one
     * named {@code skipDecodedName}, if any) plus the extra pre-encoded pairs, sorted by
     * encoded name and then encoded value, each {@code name=value}, joined with {@code &}.
     *
     * @param b the buffer
     * @param rawQuery the raw query, or null
     * @param extraNames encoded names to add (may be null)
     * @param extraValues encoded values to add
     * @param extraCount how many extra pairs
     * @param skip1 a parameter to leave out (by decoded name), or null
     * @param skip2 another parameter to leave out, or null
     */
    static void appendQuery(ByteBuf b, String rawQuery, String[] extraNames, String[] extraValues, int extraCount,
                            String skip1, String skip2) {
        int rawCount = 0;
        if (rawQuery != null && !rawQuery.isEmpty()) {
            rawCount = 1;
            for (int i = 0; i < rawQuery.length(); i++) {
                if (rawQuery.charAt(i) == '&') {
                    rawCount++;
                }
            }
        }
        int total = rawCount + extraCount;
        if (total == 0) {
            return;
        }
        if (extraCount == 0 && appendCleanQuery(b, rawQuery, rawCount, skip1, skip2)) {
            return;
        }
        if (rawCount == 0 && isSorted(extraNames, extraValues, extraCount)) {
            for (int i = 0; i < extraCount; i++) {
                if (i > 0) {
                    b.append('&');
                }
                b.append(extraNames[i]).append('=').append(extraValues[i]);
            }
            return;
        }
        if (rawCount > 0) {
            // the index of a lone surrogate is reported into the whole query, not one parameter
            dev.awssig.internal.MalformedTextException.requireWellFormed(rawQuery, "query");
        }
        String[] names = new String[total];
        String[] values = new String[total];
        int n = 0;
        if (rawCount > 0) {
            int start = 0;
            int len = rawQuery.length();
            while (start <= len) {
                int amp = rawQuery.indexOf('&', start);
                int end = amp < 0 ? len : amp;
                if (end > start) {
                    int eq = rawQuery.indexOf('=', start);
                    String rn;
                    String rv;
                    if (eq < 0 || eq > end) {
                        rn = rawQuery.substring(start, end);
                        rv = "";
                    } else {
                        rn = rawQuery.substring(start, eq);
                        rv = rawQuery.substring(eq + 1, end);
                    }
                    String dn = skip1 == null ? null : UriEncoding.decode(rn, true);
                    if (skip1 == null || !(skip1.equals(dn) || dn.equals(skip2))) {
                        names[n] = canonicalQueryPart(rn);
                        values[n] = canonicalQueryPart(rv);
                        n++;
                    }
                }
                if (amp < 0) {
                    break;
                }
                start = amp + 1;
            }
        }
        for (int i = 0; i < extraCount; i++) {
            names[n] = extraNames[i];
            values[n] = extraValues[i];
            n++;
        }
        sortPairs(names, values, n);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append('&');
            }
            b.append(names[i]).append('=').append(values[i]);
        }
    }

    /** Whether pairs are in canonical order (by name, then value). */
    static boolean isSorted(String[] names, String[] values, int n) {
        for (int i = 1; i < n; i++) {
            if (compare(names[i - 1], values[i - 1], names[i], values[i]) > 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The allocation-free path for a query whose names and values are already in canonical form
     * (unreserved characters, and escapes {@code %XX} in upper-case hex of ASCII bytes that must
     * be escaped, such as the {@code %2F} of a presigned URL's credential): parameters are sorted
     * and copied as ranges of the raw query, without the parameters named {@code skip1} or
     * {@code skip2} (in canonical form a name decodes to either only when it is spelled as it).
     * Returns false (writing nothing) when some part would be written otherwise.
     */
    private static boolean appendCleanQuery(ByteBuf b, String q, int count, String skip1, String skip2) {
        int len = q.length();
        if (b.ranges.length < count * 4) {
            b.ranges = new int[count * 8];
        }
        int[] r = b.ranges;
        // the query is copied while it is scanned: when it is already canonical (every parameter
        // has a '=', none is empty, in order) the copy is the answer
        b.ensure(len);
        byte[] out = b.buf;
        int at = b.len;
        boolean canonical = true;
        int n = 0;
        int start = 0;
        while (start <= len) {
            int end = start;
            int eq = -1;
            while (end < len) {
                char c = q.charAt(end);
                if (c == '&') {
                    break;
                }
                if (c == '=' && eq < 0) {
                    eq = end;
                } else if (c == '%') {
                    if (!isCanonicalEscape(q, end, len)) {
                        return false;
                    }
                    out[at + end] = '%';
                    out[at + end + 1] = (byte) q.charAt(end + 1);
                    out[at + end + 2] = (byte) q.charAt(end + 2);
                    end += 3;
                    continue;
                } else if (c >= 0x80 || !ByteBuf.isUnreserved(c)) {
                    return false;
                }
                out[at + end] = (byte) c;
                end++;
            }
            int nameEnd = eq < 0 ? end : eq;
            if (end > start && (isNamed(q, start, nameEnd, skip1) || isNamed(q, start, nameEnd, skip2))) {
                canonical = false; // left out: the copy is not the answer
            } else if (end > start) {
                int o = n * 4;
                r[o] = start;
                r[o + 1] = eq < 0 ? end : eq;
                r[o + 2] = eq < 0 ? end : eq + 1;
                r[o + 3] = end;
                canonical &= eq >= 0 && (n == 0 || compareRanges(q, r, o - 4, o) <= 0);
                n++;
            } else {
                canonical = false; // an empty parameter ("&&", or a '&' at either end)
            }
            if (end >= len) {
                break;
            }
            out[at + end] = '&';
            start = end + 1;
        }
        if (canonical) {
            b.len = at + len;
            return true;
        }
        if (n <= SMALL) {
            for (int i = 1; i < n; i++) {
                int j = i;
                while (j > 0 && compareRanges(q, r, (j - 1) * 4, j * 4) > 0) {
                    for (int k = 0; k < 4; k++) {
                        int t = r[(j - 1) * 4 + k];
                        r[(j - 1) * 4 + k] = r[j * 4 + k];
                        r[j * 4 + k] = t;
                    }
                    j--;
                }
            }
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    b.append('&');
                }
                int o = i * 4;
                b.append(q, r[o], r[o + 1]).append('=').append(q, r[o + 2], r[o + 3]);
            }
            return true;
        }
        // many parameters (chosen by whoever sent the request): O(n log n)
        int[] idx = identity(n);
        mergeSort(idx, n, (x, y) -> compareRanges(q, r, x * 4, y * 4));
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                b.append('&');
            }
            int o = idx[i] * 4;
            b.append(q, r[o], r[o + 1]).append('=').append(q, r[o + 2], r[o + 3]);
        }
        return true;
    }

    /** Whether {@code q[from, to)} is {@code name} (false for a null name). */
    private static boolean isNamed(String q, int from, int to, String name) {
        return name != null && to - from == name.length() && q.startsWith(name, from);
    }

    /**
     * Whether {@code q} has at {@code i} an escape as canonical encoding writes it: {@code %}, two
     * upper-case hex digits, of an ASCII byte that is not unreserved. (A lower-case letter can
     * only be the second digit: as the first, the byte is not ASCII.)
     */
    private static boolean isCanonicalEscape(String q, int i, int len) {
        if (i + 2 >= len) {
            return false;
        }
        char lo = q.charAt(i + 2);
        // negative when either is not a hex digit
        int v = Hex.digit(q.charAt(i + 1)) << 4 | Hex.digit(lo);
        return v >= 0 && v < 0x80 && lo < 'a' && !ByteBuf.isUnreserved((char) v);
    }

    private static int compareRanges(String q, int[] r, int x, int y) {
        int c = compareRegion(q, r[x], r[x + 1], r[y], r[y + 1]);
        return c != 0 ? c : compareRegion(q, r[x + 2], r[x + 3], r[y + 2], r[y + 3]);
    }

    private static int compareRegion(String q, int a0, int a1, int b0, int b1) {
        int la = a1 - a0;
        int lb = b1 - b0;
        int m = Math.min(la, lb);
        for (int i = 0; i < m; i++) {
            int d = q.charAt(a0 + i) - q.charAt(b0 + i);
            if (d != 0) {
                return d;
            }
        }
        return la - lb;
    }

    private static void sortPairs(String[] names, String[] values, int n) {
        if (n < 2) {
            return;
        }
        if (n <= SMALL) {
            for (int i = 1; i < n; i++) {
                String kn = names[i];
                String kv = values[i];
                int j = i - 1;
                while (j >= 0 && compare(names[j], values[j], kn, kv) > 0) {
                    names[j + 1] = names[j];
                    values[j + 1] = values[j];
                    j--;
                }
                names[j + 1] = kn;
                values[j + 1] = kv;
            }
            return;
        }
        String[] nn = Arrays.copyOf(names, n);
        String[] vv = Arrays.copyOf(values, n);
        int[] idx = identity(n);
        mergeSort(idx, n, (x, y) -> compare(nn[x], vv[x], nn[y], vv[y]));
        for (int i = 0; i < n; i++) {
            names[i] = nn[idx[i]];
            values[i] = vv[idx[i]];
        }
    }

    /** Up to this many elements, an insertion sort (no allocation); above it, a merge sort. */
    static final int SMALL = 16;

    /** {@code 0, 1, ..., n - 1}. */
    static int[] identity(int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return idx;
    }

    /**
     * Sorts {@code idx[0, n)} by {@code cmp}, stably, in O(n log n) whatever the input (a
     * bottom-up merge sort): the order of what a client sent costs no more than any other.
     *
     * @param idx the indices to sort
     * @param n how many
     * @param cmp compares two indices
     */
    static void mergeSort(int[] idx, int n, java.util.function.IntBinaryOperator cmp) {
        int[] from = idx;
        int[] to = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    to[k++] = cmp.applyAsInt(from[i], from[j]) <= 0 ? from[i++] : from[j++];
                }
                while (i < mid) {
                    to[k++] = from[i++];
                }
                while (j < hi) {
                    to[k++] = from[j++];
                }
            }
            int[] t = from;
            from = to;
            to = t;
        }
        if (from != idx) {
            System.arraycopy(from, 0, idx, 0, n);
        }
    }

    private static int compare(String n1, String v1, String n2, String v2) {
        int c = n1.compareTo(n2);
        return c != 0 ? c : v1.compareTo(v2);
    }

    // ---------------------------------------------------------------- headers

    static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\r' || c == '\f';
    }

    /** Appends a header value trimmed, with inner runs of whitespace collapsed to one space. */
    static void appendTrimmed(ByteBuf b, String v) {
        // fast path: printable ASCII with single inner spaces, written in one tight pass
        int n = v.length();
        b.ensure(n);
        byte[] buf = b.buf;
        int p = b.len;
        char prev = ' ';
        for (int i = 0; i < n; i++) {
            char c = v.charAt(i);
            if (c > ' ' && c < 0x80) {
                buf[p++] = (byte) c;
            } else if (c == ' ' && prev != ' ') {
                buf[p++] = ' ';
            } else {
                appendTrimmedSlow(b, v);
                return;
            }
            prev = c;
        }
        if (n > 0 && prev == ' ') {
            appendTrimmedSlow(b, v);
            return;
        }
        b.len = p;
    }

    private static void appendTrimmedSlow(ByteBuf b, String v) {
        int n = v.length();
        int start = 0;
        while (start < n && isSpace(v.charAt(start))) {
            start++;
        }
        int end = n;
        while (end > start && isSpace(v.charAt(end - 1))) {
            end--;
        }
        int i = start;
        while (i < end) {
            int runStart = i;
            while (i < end && !isSpace(v.charAt(i))) {
                i++;
            }
            b.append(v, runStart, i);
            if (i < end) {
                b.append(' ');
                while (i < end && isSpace(v.charAt(i))) {
                    i++;
                }
            }
        }
    }

    /** {@code a.compareTo(b)}, deciding on the first character when it differs (most header names do). */
    static int compareNames(String a, String b) {
        if (a == b) {
            return 0;
        }
        if (!a.isEmpty() && !b.isEmpty()) {
            int d = a.charAt(0) - b.charAt(0);
            if (d != 0) {
                return d;
            }
        }
        return a.compareTo(b);
    }

    /**
     * Appends the canonical headers block: {@code name:value\n} per distinct name, values of a
     * repeated name joined with {@code ,}. The entries must already be sorted with
     * {@link CanonicalWriter#sortHeaders} (signers) or as a verifier orders them.
     *
     * @param b the buffer
     * @param names sorted lower-case names
     * @param values the values
     * @param n the count
     */
    static void appendHeaders(ByteBuf b, String[] names, String[] values, int n) {
        int i = 0;
        while (i < n) {
            String name = names[i];
            // lower-cased as written: a verifier hands over the names as received (tokens, ASCII)
            b.appendLowerAscii(name).append(':');
            try {
                appendTrimmed(b, values[i]);
                i++;
                while (i < n && names[i].equals(name)) {
                    b.append(',');
                    appendTrimmed(b, values[i]);
                    i++;
                }
            } catch (dev.awssig.internal.MalformedTextException e) {
                throw e.in("header '" + name + "'");
            }
            b.append('\n');
        }
    }
}
