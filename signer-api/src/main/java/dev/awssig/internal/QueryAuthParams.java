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
    private final String[] values;
    private boolean firstNamed;
    private String repeated;

    private QueryAuthParams(int n) {
        this.values = new String[n];
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
        QueryAuthParams q = new QueryAuthParams(names.length);
        int shortest = Integer.MAX_VALUE;
        for (String n : names) {
            shortest = Math.min(shortest, n.length());
        }
        int[] seen = new int[names.length];
        int start = 0;
        int len = query.length();
        while (start <= len) {
            int amp = query.indexOf('&', start);
            int end = amp < 0 ? len : amp;
            int eq = query.indexOf('=', start);
            boolean hasValue = eq >= 0 && eq < end;
            int nameEnd = hasValue ? eq : end;
            if (nameEnd - start >= shortest) { // no shorter raw name decodes to one of the names
                String raw = query.substring(start, nameEnd);
                String name = raw.indexOf('%') >= 0 || raw.indexOf('+') >= 0
                        ? UriEncoding.decodeStrict(raw, true, "query parameter name") : raw;
                for (int k = 0; k < names.length; k++) {
                    if (Ascii.equalsIgnoreCase(name, names[k])) {
                        if (seen[k]++ > 0 && q.repeated == null) {
                            q.repeated = names[k];
                        }
                        if (k == 0) {
                            q.firstNamed = true;
                        }
                        if (name.equals(names[k])) {
                            q.values[k] = hasValue ? UriEncoding.decodeStrict(query, eq + 1, end, true,
                                    "query parameter " + names[k]) : "";
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

    /**
     * The decoded value of a parameter.
     *
     * @param k its index in the names given to {@link #parse}
     * @return the value, or null when no parameter has exactly that name
     */
    public String value(int k) {
        return values[k];
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
