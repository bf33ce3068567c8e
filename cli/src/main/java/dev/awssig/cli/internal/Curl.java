package dev.awssig.cli.internal;

import dev.awssig.Headers;
import dev.awssig.SignableRequest;

/** Renders a signed request as a curl command line (POSIX shell quoting). */
final class Curl {
    private Curl() {
    }

    static String command(SignableRequest r, String data, String dataFile) {
        StringBuilder sb = new StringBuilder("curl");
        String m = r.method();
        if (m.equals("HEAD")) {
            sb.append(" --head");
        } else if (!m.equals("GET") || data != null || dataFile != null) {
            sb.append(" -X ").append(quote(m));
        }
        for (Headers.Header h : r.headers().entries()) {
            sb.append(" -H ").append(quote(h.name() + ": " + h.value()));
        }
        if (data != null || dataFile != null) {
            if (!r.headers().contains("Content-Type")) {
                // curl would otherwise add Content-Type: application/x-www-form-urlencoded, which
                // SigV2 signs; an empty header value tells curl not to send one.
                sb.append(" -H ").append(quote("Content-Type:"));
            }
            sb.append(data != null ? " --data-raw " + quote(data) : " --data-binary " + quote("@" + dataFile));
        }
        String uri = r.uri();
        if (uri.indexOf('[') >= 0 || uri.indexOf('{') >= 0) {
            sb.append(" --globoff");
        }
        return sb.append(' ').append(quote(uri)).toString();
    }

    /** Single-quotes a word for a POSIX shell. */
    static String quote(String s) {
        boolean plain = !s.isEmpty();
        for (int i = 0; i < s.length() && plain; i++) {
            char c = s.charAt(i);
            plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '/' || c == ':' || c == '@' || c == '=' || c == ',' || c == '%' || c == '+';
        }
        return plain ? s : "'" + s.replace("'", "'\\''") + "'";
    }
}
