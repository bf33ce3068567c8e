package dev.awssig.v2.internal;

import dev.awssig.internal.Ascii;
import dev.awssig.internal.MalformedTextException;
import dev.awssig.internal.UriEncoding;

/**
 * Parameters of a query string or an {@code application/x-www-form-urlencoded} body, decoded,
 * in order, repeated names kept. A parameter without {@code =} has a {@code null} value.
 */
public final class Params {
    private static final Params EMPTY = new Params(new String[0], new String[0], 0);

    private final String[] names;
    private final String[] values;
    private final int size;

    private Params(String[] names, String[] values, int size) {
        this.names = names;
        this.values = values;
        this.size = size;
    }

    /**
     * The empty parameter list.
     *
     * @return no parameters
     */
    public static Params empty() {
        return EMPTY;
    }

    /**
     * Parses a raw query string. Empty pieces ({@code a&&b}) are skipped; {@code +} means a
     * space, as in form encoding (what S3 and the query API do).
     *
     * @param raw the raw text, or null
     * @return the decoded parameters
     * @throws MalformedTextException for a {@code %} not followed by two ASCII hex digits,
     *     escapes that are not UTF-8, or a lone UTF-16 surrogate
     */
    public static Params parse(String raw) {
        return parse(raw, "query");
    }

    /**
     * Parses a raw query string or {@code application/x-www-form-urlencoded} body, strictly (see
     * {@link Text}). One pass, O(n) in the length of the text.
     *
     * @param raw the raw text, or null
     * @param what what the text is, for the message of a {@link MalformedTextException}
     * @return the decoded parameters
     * @throws MalformedTextException for a {@code %} not followed by two ASCII hex digits,
     *     escapes that are not UTF-8, or a lone UTF-16 surrogate
     */
    public static Params parse(String raw, String what) {
        if (raw == null || raw.isEmpty()) {
            return EMPTY;
        }
        int cap = 1;
        for (int i = 0; i < raw.length(); i++) {
            if (raw.charAt(i) == '&') {
                cap++;
            }
        }
        String[] names = new String[cap];
        String[] values = new String[cap];
        int n = 0;
        int start = 0;
        int len = raw.length();
        while (start <= len) {
            int amp = raw.indexOf('&', start);
            int end = amp < 0 ? len : amp;
            if (end > start) {
                int eq = start;
                while (eq < end && raw.charAt(eq) != '=') {
                    eq++;
                }
                if (eq == end) {
                    names[n] = UriEncoding.decodeStrict(raw, start, end, true, what);
                    values[n] = null;
                } else {
                    names[n] = UriEncoding.decodeStrict(raw, start, eq, true, what);
                    values[n] = UriEncoding.decodeStrict(raw, eq + 1, end, true, what);
                }
                n++;
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return new Params(names, values, n);
    }

    /**
     * These parameters and one more at the end.
     *
     * @param name the decoded name
     * @param value the decoded value
     * @return new parameters
     */
    public Params with(String name, String value) {
        String[] n = java.util.Arrays.copyOf(names, size + 1);
        String[] v = java.util.Arrays.copyOf(values, size + 1);
        n[size] = name;
        v[size] = value;
        return new Params(n, v, size + 1);
    }

    /**
     * The number of parameters.
     *
     * @return the count
     */
    public int size() {
        return size;
    }

    /**
     * The decoded name of a parameter.
     *
     * @param i the index
     * @return the name
     */
    public String name(int i) {
        return names[i];
    }

    /**
     * The decoded value of a parameter.
     *
     * @param i the index
     * @return the value, or null when the parameter has no {@code =}
     */
    public String value(int i) {
        return values[i];
    }

    /**
     * The index of the first parameter of a name (case-sensitive).
     *
     * @param name the name
     * @return the index, or -1
     */
    public int indexOf(String name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The number of parameters with a name (case-sensitive).
     *
     * @param name the name
     * @return the count
     */
    public int count(String name) {
        int c = 0;
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                c++;
            }
        }
        return c;
    }

    /**
     * The index of the first parameter of a name, ignoring case.
     *
     * @param name the name
     * @return the index, or -1
     */
    public int indexOfIgnoreCase(String name) {
        for (int i = 0; i < size; i++) {
            if (Ascii.equalsIgnoreCase(names[i], name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The value of the first parameter of a name (case-sensitive).
     *
     * @param name the name
     * @return the value ({@code ""} for a parameter without {@code =}), or null when absent
     */
    public String first(String name) {
        int i = indexOf(name);
        if (i < 0) {
            return null;
        }
        return values[i] == null ? "" : values[i];
    }
}
