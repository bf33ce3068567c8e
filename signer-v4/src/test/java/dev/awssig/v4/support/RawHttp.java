package dev.awssig.v4.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Parses the raw HTTP/1.1 requests of the test suites: request line, {@code Name:value} headers
 * (obs-fold continuation lines unfolded into the value with a space, as RFC 7230 allows), blank
 * line, body. Lines end with LF (the files have no CR).
 */
public final class RawHttp {
    public final String method;
    public final String target;
    public final List<String[]> headers;
    public final byte[] body;

    private RawHttp(String method, String target, List<String[]> headers, byte[] body) {
        this.method = method;
        this.target = target;
        this.headers = headers;
        this.body = body;
    }

    public static RawHttp parse(byte[] raw) {
        int p = 0;
        int n = raw.length;
        List<String> lines = new ArrayList<>();
        int bodyStart = n;
        while (p < n) {
            int e = p;
            while (e < n && raw[e] != '\n') {
                e++;
            }
            String line = new String(raw, p, e - p, StandardCharsets.UTF_8);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            p = e + 1;
            if (line.isEmpty() && !lines.isEmpty()) {
                bodyStart = Math.min(p, n);
                break;
            }
            lines.add(line);
        }
        String requestLine = lines.get(0);
        int sp = requestLine.indexOf(' ');
        int httpAt = requestLine.lastIndexOf(" HTTP/");
        String method = requestLine.substring(0, sp);
        String target = requestLine.substring(sp + 1, httpAt);
        List<String[]> headers = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String l = lines.get(i);
            if ((l.startsWith(" ") || l.startsWith("\t")) && !headers.isEmpty()) {
                String[] last = headers.get(headers.size() - 1);
                last[1] = last[1] + " " + l;
                continue;
            }
            int colon = l.indexOf(':');
            headers.add(new String[] {l.substring(0, colon), l.substring(colon + 1).trim()});
        }
        byte[] body = Arrays.copyOfRange(raw, bodyStart, n);
        return new RawHttp(method, target, headers, body);
    }

    public String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }

    public String query() {
        int q = target.indexOf('?');
        return q < 0 ? null : target.substring(q + 1);
    }

    public String header(String name) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                return h[1];
            }
        }
        return null;
    }

    /** Headers as "lower-name:value" lines, sorted by name, values of one name in order. */
    public static List<String> normalized(List<String[]> headers) {
        List<String> out = new ArrayList<>();
        for (String[] h : headers) {
            out.add(h[0].toLowerCase(Locale.ROOT) + ":" + h[1].trim());
        }
        List<String> sorted = new ArrayList<>(out);
        sorted.sort((a, b) -> a.substring(0, a.indexOf(':')).compareTo(b.substring(0, b.indexOf(':'))));
        return sorted;
    }
}
