package dev.awssig.internal;

/**
 * The authentication parameters of a presigned URL (SigV4, SigV4a), read in one pass over the
 * raw query: the decoded value of each (by its exact name), whether the first of them is named in
 * any spelling, and the first one that appears more than once in any ASCII case or
 * percent-encoded spelling ({@code X-Amz-Signature}, {@code x-amz-signature},
 * {@code X-Amz-%53ignature}), which makes the request ambiguous: one parser would read one
 * value, another parser the other. Internal: exported only to the sibling modules of this
 * project.
 */
public final class QueryAuthParams {
    /** The messages naming each parameter, for the last names array {@link #parse} was given. */
    private static volatile Object[] lastWhats;

    private final String query;
    /** The decoded values of the parameters written with escapes (or '+'); the others are ranges. */
    private final String[] values;
    /**
     * Where the value of a parameter written without escapes lies in the query ({@code [2k, 2k + 1]}),
     * or -1: such a value decodes to itself and is taken from the query only when asked for.
     */
    private final int[] plain;
    /**
     * Bit k: the range of parameter k in {@link #plain} is written with escapes that cannot fail
     * to decode (ASCII, each {@code %} followed by two hex digits of an ASCII byte), decoded
     * only when asked for; {@link #plainFrom} does not give such a range.
     */
    private long escaped;
    /** The messages naming each parameter (set when a value is decoded later). */
    private String[] whats;
    private boolean firstNamed;
    private String repeated;

    private QueryAuthParams(String query, int n) {
        this.query = query;
        this.values = new String[n];
        this.plain = new int[2 * n];
        java.util.Arrays.fill(plain, -1);
    }

    /** "query parameter NAME" for each name, built once per names array (they are constants). */
    private static String[] whats(String[] names) {
        Object[] last = lastWhats;
        if (last != null && last[0] == names) {
            return (String[]) last[1];
        }
        String[] whats = new String[names.length];
        for (int k = 0; k < names.length; k++) {
            whats[k] = "query parameter " + names[k];
        }
        lastWhats = new Object[] {names, whats};
        return whats;
    }

    /**
     * Scans a raw query. Names and values are decoded strictly ({@link UriEncoding#decodeStrict}).
     *
     * @param query the raw query
     * @param names the parameters to find (exact spellings); the first is the one that tells a
     *     presigned request ({@code X-Amz-Algorithm})
     * @return what was found
     * @throws MalformedTextException if a name or value of one of them does not decode strictly
     */
    public static QueryAuthParams parse(String query, String[] names) {
        if (names.length > 64) {
            throw new IllegalArgumentException("names: at most 64");
        }
        QueryAuthParams q = new QueryAuthParams(query, names.length);
        String[] whats = null;
        int shortest = Integer.MAX_VALUE;
        for (String n : names) {
            shortest = Math.min(shortest, n.length());
        }
        long seen = 0; // bit k: names[k] was found
        int start = 0;
        int len = query.length();
        while (start <= len) {
            int amp = query.indexOf('&', start);
            int end = amp < 0 ? len : amp;
            int eq = query.indexOf('=', start);
            boolean hasValue = eq >= 0 && eq < end;
            int nameEnd = hasValue ? eq : end;
            if (nameEnd - start >= shortest) { // no shorter raw name decodes to one of the names
                // compared in place unless it is encoded
                String name = isEncoded(query, start, nameEnd)
                        ? UriEncoding.decodeStrict(query.substring(start, nameEnd), true, "query parameter name")
                        : null;
                for (int k = 0; k < names.length; k++) {
                    if (name != null ? Ascii.equalsIgnoreCase(name, names[k])
                            : equalsIgnoreCase(query, start, nameEnd, names[k])) {
                        if ((seen & (1L << k)) != 0 && q.repeated == null) {
                            q.repeated = names[k];
                        }
                        seen |= 1L << k;
                        if (k == 0) {
                            q.firstNamed = true;
                        }
                        if (name != null ? name.equals(names[k]) : query.startsWith(names[k], start)) {
                            int from = hasValue ? eq + 1 : end;
                            int kind = kindOf(query, from, end);
                            if (kind != OTHER) {
                                q.plain[2 * k] = from;
                                q.plain[2 * k + 1] = end;
                                q.values[k] = null;
                                if (kind == SAFE) {
                                    q.escaped |= 1L << k;
                                    if (whats == null) {
                                        whats = whats(names);
                                    }
                                    q.whats = whats;
                                } else {
                                    q.escaped &= ~(1L << k);
                                }
                            } else {
                                if (whats == null) {
                                    whats = whats(names);
                                }
                                q.values[k] = UriEncoding.decodeStrict(query, from, end, true, whats[k]);
                                q.plain[2 * k] = -1;
                                q.plain[2 * k + 1] = -1;
                                q.escaped &= ~(1L << k);
                            }
                        }
                        break;
                    }
                }
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return q;
    }

    private static boolean isEncoded(String t, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c == '%' || c == '+') {
                return true;
            }
        }
        return false;
    }

    /** A value that decodes to itself: no escape, no '+', no surrogate (which decoding would check). */
    private static final int PLAIN = 0;
    /** A value in ASCII whose escapes spell ASCII bytes: decoding it cannot fail. */
    private static final int SAFE = 1;
    /** Any other value: decoded (and checked) when parsed. */
    private static final int OTHER = 2;

    private static int kindOf(String t, int from, int to) {
        int kind = PLAIN;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c >= 0x80) {
                return OTHER;
            }
            if (c == '+') {
                kind = SAFE;
            } else if (c == '%') {
                int hi = i + 2 < to ? Hex.digit(t.charAt(i + 1)) : -1;
                int lo = hi >= 0 ? Hex.digit(t.charAt(i + 2)) : -1;
                if (lo < 0 || hi >= 8) {
                    return OTHER;
                }
                kind = SAFE;
                i += 2;
            }
        }
        return kind;
    }

    /** {@link Ascii#equalsIgnoreCase} of {@code t[from, to)} and {@code name}, in place. */
    private static boolean equalsIgnoreCase(String t, int from, int to, String name) {
        if (to - from != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (Ascii.lower(t.charAt(from + i)) != Ascii.lower(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The decoded value of a parameter.
     *
     * @param k its index in the names given to {@link #parse}
     * @return the value, or null when no parameter has exactly that name
     */
    public String value(int k) {
        int from = plain[2 * k];
        if (from < 0) {
            return values[k];
        }
        return (escaped & (1L << k)) != 0 ? UriEncoding.decodeStrict(query, from, plain[2 * k + 1], true, whats[k])
                : query.substring(from, plain[2 * k + 1]);
    }

    /**
     * Where a parameter's value lies in the query as written (escaped or not), for comparing it
     * with the same value written the same way; see {@link #rawTo}.
     *
     * @param k its index in the names given to {@link #parse}
     * @return its start in {@link #query()}, or -1 when the parameter is absent or its value
     *     was decoded when parsed (it has non-ASCII text or escapes of non-ASCII bytes)
     */
    public int rawFrom(int k) {
        return plain[2 * k];
    }

    /**
     * The end (exclusive) of a value {@link #rawFrom} locates.
     *
     * @param k its index in the names given to {@link #parse}
     * @return its end in {@link #query()}, or -1
     */
    public int rawTo(int k) {
        return plain[2 * k + 1];
    }

    /**
     * Whether a parameter is present and its decoded value is {@code text}, compared in place.
     *
     * @param k its index in the names given to {@link #parse}
     * @param text the text
     * @return whether the value is that text
     */
    public boolean valueIs(int k, String text) {
        int from = plainFrom(k);
        if (from >= 0) {
            return plain[2 * k + 1] - from == text.length() && query.startsWith(text, from);
        }
        return text.equals(value(k));
    }

    /**
     * Where a parameter's value lies in the query when it is written without escapes (so that
     * it is its own decoded value), for reading it in place; see {@link #plainTo}.
     *
     * @param k its index in the names given to {@link #parse}
     * @return its start in {@link #query()}, or -1 when the parameter is absent or was decoded
     */
    public int plainFrom(int k) {
        return (escaped & (1L << k)) != 0 ? -1 : plain[2 * k];
    }

    /**
     * The end (exclusive) of a value {@link #plainFrom} locates.
     *
     * @param k its index in the names given to {@link #parse}
     * @return its end in {@link #query()}, or -1
     */
    public int plainTo(int k) {
        return (escaped & (1L << k)) != 0 ? -1 : plain[2 * k + 1];
    }

    /**
     * The query that was parsed.
     *
     * @return the raw query
     */
    public String query() {
        return query;
    }

    /**
     * Whether the first of the names appears in some spelling (the request is presigned).
     *
     * @return whether it is named
     */
    public boolean firstNamed() {
        return firstNamed;
    }

    /**
     * The first parameter that appears more than once in some spelling.
     *
     * @return its name, or null when none does
     */
    public String repeated() {
        return repeated;
    }
}
