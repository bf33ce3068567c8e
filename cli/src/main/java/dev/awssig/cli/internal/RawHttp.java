package dev.awssig.cli.internal;

import dev.awssig.Headers;
import dev.awssig.Payload;
import dev.awssig.SignableRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses a raw HTTP/1.1 request (request line, headers, blank line, body) as saved from a proxy,
 * {@code curl -v}, or a server log. Lines may end in CRLF or LF; obs-fold continuation lines are
 * unfolded with a single space.
 */
final class RawHttp {
    private RawHttp() {
    }

    /** The parsed request and its body bytes. */
    static final class Parsed {
        final String method;
        final String target;
        final List<Headers.Header> headers;
        final byte[] body;

        Parsed(String method, String target, List<Headers.Header> headers, byte[] body) {
            this.method = method;
            this.target = target;
            this.headers = headers;
            this.body = body;
        }

        String header(String name) {
            for (Headers.Header h : headers) {
                if (h.name().equalsIgnoreCase(name)) {
                    return h.value();
                }
            }
            return null;
        }

        /** The request as a signable request; the URL is built from the Host header (or an absolute target). */
        SignableRequest toRequest(String scheme, String field) {
            String url;
            String lower = target.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("http://") || lower.startsWith("https://")) {
                url = target;
            } else {
                String host = header("Host");
                if (host == null || host.isBlank()) {
                    throw new UserException(field + ": the request has no Host header (and no absolute URL in its request line)");
                }
                if (!target.startsWith("/")) {
                    throw new UserException(field + ": the request target must start with '/', was '" + target + "'");
                }
                url = scheme + "://" + host.strip() + target;
            }
            return Requests.build(method, url, headers, Payload.ofBytes(body), field + " (method)", field + " (URL)");
        }
    }

    static Parsed parse(byte[] raw, String field) {
        int pos = 0;
        // skip leading blank lines, as HTTP servers do
        while (pos < raw.length && (raw[pos] == '\r' || raw[pos] == '\n')) {
            pos++;
        }
        int[] lineEnd = new int[2];
        if (!nextLine(raw, pos, lineEnd)) {
            throw new UserException(field + ": empty input; expected a raw HTTP request like 'GET /key HTTP/1.1'");
        }
        String requestLine = new String(raw, pos, lineEnd[0] - pos, StandardCharsets.UTF_8);
        pos = lineEnd[1];
        String[] parts = requestLine.strip().split(" +");
        if (parts.length < 2 || parts.length > 3 || (parts.length == 3 && !parts[2].startsWith("HTTP/"))) {
            throw new UserException(field + ": the first line must be 'METHOD TARGET HTTP/1.1', was '"
                    + Cli.oneLine(requestLine) + "'");
        }
        List<Headers.Header> headers = new ArrayList<>();
        String name = null;
        StringBuilder value = null;
        boolean sawBlank = false;
        while (nextLine(raw, pos, lineEnd)) {
            String line = new String(raw, pos, lineEnd[0] - pos, StandardCharsets.UTF_8);
            pos = lineEnd[1];
            if (line.isEmpty()) {
                sawBlank = true;
                break;
            }
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                if (name == null) {
                    throw new UserException(field + ": a continuation line comes before any header");
                }
                value.append(' ').append(line.strip());
                continue;
            }
            if (name != null) {
                headers.add(header(name, value.toString(), field));
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new UserException(field + ": expected a header line 'Name: value', was '" + Cli.oneLine(line) + "'");
            }
            name = line.substring(0, colon).strip();
            value = new StringBuilder(line.substring(colon + 1).strip());
        }
        if (name != null) {
            headers.add(header(name, value.toString(), field));
        }
        byte[] body = sawBlank ? Arrays.copyOfRange(raw, pos, raw.length) : new byte[0];
        String cl = null;
        for (Headers.Header h : headers) {
            if (h.name().equalsIgnoreCase("Content-Length")) {
                cl = h.value();
            }
        }
        if (cl != null) {
            long n;
            try {
                n = Long.parseLong(cl.strip());
            } catch (NumberFormatException e) {
                throw new UserException(field + ": Content-Length is not a number: '" + cl + "'");
            }
            if (n > body.length) {
                throw new UserException(field + ": Content-Length says " + n + " bytes but the body has " + body.length);
            }
            body = Arrays.copyOf(body, (int) n);
        } else if (isOnlyLineBreaks(body)) {
            body = new byte[0];
        }
        return new Parsed(parts[0], parts[1], headers, body);
    }

    private static Headers.Header header(String name, String value, String field) {
        try {
            return new Headers.Header(name, value);
        } catch (IllegalArgumentException e) {
            throw new UserException(field + ": " + Cli.oneLine(e.getMessage()));
        }
    }

    private static boolean isOnlyLineBreaks(byte[] b) {
        for (byte x : b) {
            if (x != '\r' && x != '\n') {
                return false;
            }
        }
        return true;
    }

    /** Finds the end of the line starting at {@code pos}: out[0] = end of content, out[1] = start of next line. */
    private static boolean nextLine(byte[] raw, int pos, int[] out) {
        if (pos >= raw.length) {
            return false;
        }
        int i = pos;
        while (i < raw.length && raw[i] != '\n') {
            i++;
        }
        int end = i;
        if (end > pos && raw[end - 1] == '\r') {
            end--;
        }
        out[0] = end;
        out[1] = i < raw.length ? i + 1 : i;
        return true;
    }
}
