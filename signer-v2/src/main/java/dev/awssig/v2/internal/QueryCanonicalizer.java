package dev.awssig.v2.internal;

import dev.awssig.SignableRequest;
import dev.awssig.internal.UriEncoding;
import java.util.Locale;

/**
 * The query API's SigV2 string to sign:
 * {@code Verb \n lower-case host[:non-default port] \n path \n canonical query}, where the
 * canonical query is every parameter but {@code Signature}, sorted by name (then value) in the
 * natural byte order of their UTF-8 forms, each name and value percent-encoded per RFC 3986
 * (unreserved characters kept, {@code %XX} upper-case), joined as {@code name=value} with
 * {@code &}.
 */
public final class QueryCanonicalizer {
    private QueryCanonicalizer() {
    }

    /**
     * The canonical query of parameters.
     *
     * @param names decoded names
     * @param values decoded values (null means empty)
     * @param n how many to use
     * @param skip a name to leave out (every occurrence), or null
     * @return the canonical query
     */
    public static String canonicalQuery(String[] names, String[] values, int n, String skip) {
        String[] sn = new String[n];
        String[] sv = new String[n];
        int c = 0;
        for (int i = 0; i < n; i++) {
            if (skip != null && skip.equals(names[i])) {
                continue;
            }
            sn[c] = names[i];
            sv[c] = values[i] == null ? "" : values[i];
            c++;
        }
        PairSort.sort(sn, sv, c, QueryCanonicalizer::compare);
        StringBuilder sb = new StringBuilder(32 * c + 16);
        for (int i = 0; i < c; i++) {
            if (i > 0) {
                sb.append('&');
            }
            UriEncoding.appendEncoded(sb, sn[i], false).append('=');
            UriEncoding.appendEncoded(sb, sv[i], false);
        }
        return sb.toString();
    }

    /**
     * The canonical host: the {@code Host} header (else the URI's host and port), lower-cased,
     * without the scheme's default port.
     *
     * @param request the request
     * @return the host line of the string to sign
     */
    public static String host(SignableRequest request) {
        String host = request.headers().firstValue("Host").orElse(null);
        if (host == null) {
            return request.hostHeaderValue().toLowerCase(Locale.ROOT);
        }
        host = host.trim().toLowerCase(Locale.ROOT);
        if (("https".equals(request.scheme()) && host.endsWith(":443"))
                || ("http".equals(request.scheme()) && host.endsWith(":80"))) {
            host = host.substring(0, host.lastIndexOf(':'));
        }
        return host;
    }

    /**
     * The string to sign.
     *
     * @param method the HTTP method
     * @param host the canonical host
     * @param rawPath the path as sent ({@code /} when empty)
     * @param canonicalQuery the canonical query
     * @return the string to sign
     */
    public static String stringToSign(String method, String host, String rawPath, String canonicalQuery) {
        return new StringBuilder(method.length() + host.length() + rawPath.length() + canonicalQuery.length() + 3)
                .append(method).append('\n').append(host).append('\n').append(rawPath).append('\n')
                .append(canonicalQuery).toString();
    }

    /** By name, then value, in code point (= UTF-8 byte) order. */
    private static int compare(String n1, String v1, String n2, String v2) {
        int c = compareCodePoints(n1, n2);
        return c != 0 ? c : compareCodePoints(v1, v2);
    }

    /**
     * Compares in Unicode code point order, which is the byte order of the UTF-8 forms (plain
     * {@link String#compareTo} orders by UTF-16 units and puts supplementary characters before
     * U+E000..U+FFFF).
     *
     * @param a one string
     * @param b the other
     * @return negative, zero or positive
     */
    public static int compareCodePoints(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                if (x >= 0xD800 && y >= 0xD800) {
                    x = fixup(x);
                    y = fixup(y);
                }
                return x - y;
            }
        }
        return a.length() - b.length();
    }

    private static char fixup(char c) {
        return (char) (c >= 0xE000 ? c - 0x800 : c + 0x2000);
    }
}
