package dev.awssig.servlet;

import dev.awssig.Headers;
import dev.awssig.PresignedUrl;
import dev.awssig.SignableRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A raw HTTP/1.1 client over a socket: sends exactly the bytes given, reads one response. */
final class Http {
    private Http() {
    }

    /** A response. */
    static final class Response {
        final int status;
        final List<String[]> headers;
        final byte[] body;

        Response(int status, List<String[]> headers, byte[] body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        String header(String name) {
            for (String[] h : headers) {
                if (h[0].equalsIgnoreCase(name)) {
                    return h[1];
                }
            }
            return null;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The text of an XML element of the error document, or null. */
        String element(String name) {
            String t = text();
            int a = t.indexOf("<" + name + ">");
            int b = t.indexOf("</" + name + ">");
            return a < 0 || b < 0 ? null : t.substring(a + name.length() + 2, b);
        }

        @Override
        public String toString() {
            return status + " " + text();
        }
    }

    /** The request line and headers of a signed request, with its body. */
    static byte[] raw(SignableRequest r, byte[] body) {
        String target = r.rawPath() + r.rawQuery().map(q -> "?" + q).orElse("");
        return raw(r.method(), target, r.headers(), body);
    }

    static byte[] raw(String method, String target, Headers headers, byte[] body) {
        StringBuilder b = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        boolean host = false;
        boolean length = false;
        for (Headers.Header h : headers.entries()) {
            b.append(h.name()).append(": ").append(h.value()).append("\r\n");
            host |= h.name().equalsIgnoreCase("host");
            length |= h.name().equalsIgnoreCase("content-length") || h.name().equalsIgnoreCase("transfer-encoding");
        }
        if (!host) {
            b.append("Host: 127.0.0.1\r\n");
        }
        if (!length && body != null) {
            b.append("Content-Length: ").append(body.length).append("\r\n");
        }
        b.append("Connection: close\r\n\r\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(b.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null) {
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    static Response get(int port, PresignedUrl url, String method) throws IOException {
        URI u = URI.create(url.url());
        String target = u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        Headers.Builder h = Headers.builder().add("Host", u.getHost() + ":" + u.getPort());
        for (Headers.Header x : url.signedHeaders().entries()) {
            if (!x.name().equalsIgnoreCase("host")) {
                h.add(x.name(), x.value());
            }
        }
        return send(port, raw(method, target, h.build(), "GET".equals(method) ? null : new byte[0]));
    }

    static Response send(int port, byte[] raw) throws IOException {
        return send(port, raw, raw.length, null);
    }

    /**
     * Sends {@code raw}: its first {@code firstPart} bytes, then (after {@code between} runs) the rest.
     */
    static Response send(int port, byte[] raw, int firstPart, Runnable between) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            OutputStream out = s.getOutputStream();
            out.write(raw, 0, firstPart);
            out.flush();
            if (between != null) {
                between.run();
            }
            try {
                out.write(raw, firstPart, raw.length - firstPart);
                out.flush();
            } catch (IOException closedEarly) {
                // the server answered and closed before the whole body was sent: read its answer
            }
            return read(s.getInputStream());
        }
    }

    private static Response read(InputStream in) throws IOException {
        String status = line(in);
        int code = Integer.parseInt(status.split(" ")[1]);
        List<String[]> headers = new ArrayList<>();
        long length = -1;
        boolean chunked = false;
        for (String l = line(in); !l.isEmpty(); l = line(in)) {
            int c = l.indexOf(':');
            String name = l.substring(0, c).trim();
            String value = l.substring(c + 1).trim();
            headers.add(new String[] {name, value});
            if (name.equalsIgnoreCase("content-length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                chunked = true;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (chunked) {
            while (true) {
                int size = Integer.parseInt(line(in).split(";")[0].trim(), 16);
                if (size == 0) {
                    while (!line(in).isEmpty()) {
                        // trailer
                    }
                    break;
                }
                body.writeBytes(in.readNBytes(size));
                line(in);
            }
        } else if (length >= 0) {
            body.writeBytes(in.readNBytes((int) length));
        } else {
            body.writeBytes(in.readAllBytes());
        }
        return new Response(code, headers, body.toByteArray());
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                b.write(c);
            }
        }
        if (c < 0 && b.size() == 0) {
            throw new IOException("connection closed");
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
