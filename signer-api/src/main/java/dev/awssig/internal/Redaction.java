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
     * Whether a header carries a signature, a token, a key or a secret, and so is never shown:
     * {@code Authorization}, {@code Proxy-Authorization}, {@code Cookie}, {@code Set-Cookie},
     * {@code x-amz-security-token}, {@code x-amz-signature}, {@code x-amz-mfa}, {@code x-api-key},
     * every SSE-C key and key digest ({@code x-amz-server-side-encryption-customer-key},
     * {@code -customer-key-md5}, and the {@code x-amz-copy-source-} forms), and any name with
     * {@code token}, {@code secret} or {@code password} in it.
     *
     * @param name the header name (any case)
     * @return true when its value must be redacted
     */
    public static boolean isSensitiveHeader(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return isSensitiveName(n) || n.contains("token") || n.contains("secret") || n.contains("password");
    }

    /** The names that carry a credential, whether sent as a header or as a query parameter. */
    private static boolean isSensitiveName(String lower) {
        switch (lower) {
            case "authorization":
            case "proxy-authorization":
            case "cookie":
            case "set-cookie":
            case "x-amz-security-token":
            case "x-amz-signature":
            case "x-amz-mfa":
            case "x-api-key":
                return true;
            default:
                return lower.endsWith("-customer-key") || lower.endsWith("-customer-key-md5");
        }
    }

    /**
     * Whether a query parameter or form field carries a signature, token, key or secret.
     *
     * @param name the (decoded) parameter name
     * @return true for {@code X-Amz-Signature}, {@code Signature}, tokens, SSE-C keys and similar
     */
    public static boolean isSensitiveParameter(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("signature") || n.equals("securitytoken") || n.equals("x-amz-credential-token")
                || n.equals("policy-signature") || isSensitiveName(n);
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
            if (eq >= 0 && isSensitiveEncodedName(name)) {
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

    /** Whether a raw parameter name decodes to a sensitive one; a name that cannot be decoded is redacted too. */
    private static boolean isSensitiveEncodedName(String rawName) {
        try {
            return isSensitiveParameter(UriEncoding.decode(rawName, false));
        } catch (MalformedTextException e) {
            return true;
        }
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
     * header line that carries a credential or key ({@code x-amz-security-token:...},
     * {@code x-amz-server-side-encryption-customer-key:...}, see {@link #isSensitiveHeader}) and of
     * every such query parameter ({@code X-Amz-Security-Token=...}, {@code SecurityToken=...}) is
     * replaced by {@code ****}, whatever else the text holds. The structure (line count, names,
     * order) is kept so the text can still be compared line by line with a server's.
     *
     * @param text a canonical request or string to sign
     * @return the redacted text (the same instance when nothing is sensitive)
     */
    public static String redactSigningText(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(text.length());
        boolean changed = false;
        int start = 0;
        while (true) {
            int nl = text.indexOf('\n', start);
            String line = nl < 0 ? text.substring(start) : text.substring(start, nl);
            int colon = line.indexOf(':');
            String out = line;
            if (colon > 0 && isSensitiveHeader(line.substring(0, colon).trim())) {
                out = line.substring(0, colon + 1) + "****";
            } else if (line.indexOf('=') >= 0) {
                out = redactQuery(line);
            }
            changed |= !out.equals(line);
            sb.append(out);
            if (nl < 0) {
                return changed ? sb.toString() : text;
            }
            sb.append('\n');
            start = nl + 1;
        }
    }
}
