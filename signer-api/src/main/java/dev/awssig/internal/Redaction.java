package dev.awssig.internal;

import java.util.Locale;

/**
 * Redacts credentials-bearing headers and query parameters in descriptions and messages.
 * Internal: exported only to the sibling modules of this project.
 */
public final class Redaction {
    private Redaction() {
    }

    /**
     * Whether a header carries a signature, token or secret.
     *
     * @param name the header name
     * @return true for {@code Authorization}, {@code x-amz-security-token} and similar
     */
    public static boolean isSensitiveHeader(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("authorization") || n.equals("proxy-authorization") || n.equals("x-amz-security-token")
                || n.equals("x-amz-signature") || n.equals("cookie") || n.equals("x-amz-server-side-encryption-customer-key");
    }

    /**
     * Whether a query parameter or form field carries a signature, token or secret.
     *
     * @param name the (raw) parameter name
     * @return true for {@code X-Amz-Signature}, {@code Signature}, tokens and similar
     */
    public static boolean isSensitiveParameter(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("x-amz-signature") || n.equals("signature") || n.equals("x-amz-security-token")
                || n.equals("securitytoken") || n.equals("x-amz-credential-token") || n.equals("policy-signature");
    }

    /**
     * A raw query with the values of sensitive parameters replaced by {@code ****}.
     *
     * @param rawQuery the raw query
     * @return the redacted query
     */
    public static String redactQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return rawQuery;
        }
        StringBuilder sb = new StringBuilder(rawQuery.length());
        int start = 0;
        while (start <= rawQuery.length()) {
            int amp = rawQuery.indexOf('&', start);
            int end = amp < 0 ? rawQuery.length() : amp;
            String pair = rawQuery.substring(start, end);
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (eq >= 0 && isSensitiveParameter(UriEncoding.decode(name, false))) {
                sb.append(name).append("=****");
            } else {
                sb.append(pair);
            }
            if (amp < 0) {
                break;
            }
            sb.append('&');
            start = amp + 1;
        }
        return sb.toString();
    }

    /**
     * A URI with the sensitive query parameters redacted.
     *
     * @param uri the URI
     * @return the redacted URI
     */
    public static String redactUri(String uri) {
        if (uri == null) {
            return null;
        }
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q + 1) + redactQuery(uri.substring(q + 1));
    }

    /**
     * A canonical request or string to sign, made safe for a DEBUG log line: the value of every
     * credentials-bearing header line ({@code x-amz-security-token:...}) and of every
     * credentials-bearing query parameter ({@code X-Amz-Security-Token=...}, {@code SecurityToken=...})
     * is replaced by {@code ****}. The structure (line count, names, order) is kept so the text can
     * still be compared line by line with a server's.
     *
     * @param text a canonical request or string to sign
     * @return the redacted text (the same instance when nothing is sensitive)
     */
    public static String redactSigningText(String text) {
        if (text == null || !containsIgnoreCase(text, "token")) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int start = 0;
        while (true) {
            int nl = text.indexOf('\n', start);
            String line = nl < 0 ? text.substring(start) : text.substring(start, nl);
            int colon = line.indexOf(':');
            if (colon > 0 && isSensitiveHeader(line.substring(0, colon).trim())) {
                sb.append(line, 0, colon + 1).append("****");
            } else if (line.indexOf('=') >= 0 && containsIgnoreCase(line, "token")) {
                sb.append(redactQuery(line));
            } else {
                sb.append(line);
            }
            if (nl < 0) {
                return sb.toString();
            }
            sb.append('\n');
            start = nl + 1;
        }
    }

    private static boolean containsIgnoreCase(String s, String lowerNeedle) {
        int n = lowerNeedle.length();
        for (int i = 0; i + n <= s.length(); i++) {
            if (s.regionMatches(true, i, lowerNeedle, 0, n)) {
                return true;
            }
        }
        return false;
    }
}
