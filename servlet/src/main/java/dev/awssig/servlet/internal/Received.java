package dev.awssig.servlet.internal;

import dev.awssig.Headers;
import dev.awssig.Payload;
import dev.awssig.SignableRequest;
import dev.awssig.internal.Checks;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * A servlet request as the verifiers read it: method, raw path and query as on the wire, every
 * header value in the order received. Building it never reads the body.
 */
public final class Received {
    /** The request for the verifiers (payload: empty or unsigned, see {@link #withBody}). */
    public final SignableRequest request;
    /** Whether a body follows the headers (a Content-Length above 0, or Transfer-Encoding). */
    public final boolean hasBody;
    /** The Content-Length, or -1 when absent or when Transfer-Encoding frames the body. */
    public final long contentLength;

    private Received(SignableRequest request, boolean hasBody, long contentLength) {
        this.request = request;
        this.hasBody = hasBody;
        this.contentLength = contentLength;
    }

    /**
     * Reads a request's line and headers.
     *
     * @param r the servlet request
     * @return the request as received
     * @throws IllegalArgumentException if a part cannot be a request (a message names it)
     */
    public static Received of(HttpServletRequest r) {
        String path = r.getRequestURI();
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            throw new IllegalArgumentException("The request target must be a path starting with '/'");
        }
        String host = r.getServerName();
        if (host == null || host.isEmpty() || !plainHost(host)) {
            host = "localhost";
        } else if (host.indexOf(':') >= 0 && host.charAt(0) != '[') {
            host = "[" + host + "]";
        }
        String scheme = "https".equalsIgnoreCase(r.getScheme()) ? "https" : "http";
        Headers.Builder headers = Headers.builder();
        long contentLength = -1;
        boolean chunked = false;
        for (Enumeration<String> names = r.getHeaderNames(); names != null && names.hasMoreElements();) {
            String name = names.nextElement();
            for (Enumeration<String> values = r.getHeaders(name); values.hasMoreElements();) {
                String value = values.nextElement();
                headers.add(name, value);
                if (name.equalsIgnoreCase("transfer-encoding")) {
                    chunked = true;
                } else if (name.equalsIgnoreCase("content-length")) {
                    contentLength = Checks.parseDecimal(value.trim());
                }
            }
        }
        if (chunked) {
            contentLength = -1;
        }
        SignableRequest req = SignableRequest.builder().method(r.getMethod()).uri(scheme + "://" + host)
                .rawPath(path).rawQuery(r.getQueryString()).headers(headers.build()).build();
        boolean hasBody = chunked || contentLength > 0;
        return new Received(req, hasBody, contentLength);
    }

    /**
     * The request with the payload the verifiers should see: empty when no body follows (so a
     * signed hash is compared with the empty body's), otherwise unsigned (the body is checked
     * as it streams, never read here).
     *
     * @return the request for {@code Verifier.verify}
     */
    public SignableRequest withBody() {
        return request.toBuilder().payload(hasBody ? Payload.unsigned() : Payload.empty()).build();
    }

    private static boolean plainHost(String h) {
        for (int i = 0; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c <= ' ' || c == '/' || c == '\\' || c == '?' || c == '#' || c == '@' || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /**
     * The decoded values of a query parameter, its name compared exactly or in ASCII case.
     *
     * @param rawQuery the raw query, or null
     * @param name the name
     * @param ignoreCase whether to compare in ASCII case
     * @return the values (empty when absent); a value that cannot be decoded is given raw
     */
    public static List<String> queryValues(String rawQuery, String name, boolean ignoreCase) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return Collections.emptyList();
        }
        List<String> out = null;
        int start = 0;
        int len = rawQuery.length();
        while (start <= len) {
            int amp = rawQuery.indexOf('&', start);
            int end = amp < 0 ? len : amp;
            int eq = rawQuery.indexOf('=', start);
            boolean hasValue = eq >= 0 && eq < end;
            String n = decode(rawQuery.substring(start, hasValue ? eq : end));
            if (ignoreCase ? n.equalsIgnoreCase(name) && isAscii(n) : n.equals(name)) {
                if (out == null) {
                    out = new ArrayList<>(1);
                }
                out.add(hasValue ? decode(rawQuery.substring(eq + 1, end)) : "");
            }
            if (amp < 0) {
                break;
            }
            start = amp + 1;
        }
        return out == null ? Collections.emptyList() : out;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String decode(String s) {
        if (s.indexOf('%') < 0 && s.indexOf('+') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
