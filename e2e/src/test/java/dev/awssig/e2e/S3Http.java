package dev.awssig.e2e;

import dev.awssig.Headers;
import dev.awssig.Payload;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Sends requests with the JDK's {@link HttpClient} exactly as a signer produced them: the raw
 * path and query as given, every header as given. The headers the JDK client writes itself
 * ({@code Host}, {@code Content-Length}) are checked against what it will send instead of
 * silently dropped, so a signature can never cover a value that differs from the wire.
 */
final class S3Http {
    /** Headers the JDK client sets itself and refuses from callers. */
    private static final Set<String> CLIENT_OWNED = Set.of("host", "content-length", "connection", "expect",
            "upgrade");

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private S3Http() {
    }

    /** A response: status, headers and the whole body. */
    record Response(int status, HttpHeaders headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        /** The {@code <Code>} of an S3 error document, or "" when the body has none. */
        String errorCode() {
            List<String> codes = xmlTexts("Code");
            return codes.isEmpty() ? "" : codes.get(0);
        }

        /** The text of every element with that local name, in document order. */
        List<String> xmlTexts(String element) {
            if (body.length == 0) {
                return List.of();
            }
            try {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setNamespaceAware(true);
                f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
                NodeList nodes = d.getElementsByTagNameNS("*", element);
                List<String> out = new ArrayList<>(nodes.getLength());
                for (int i = 0; i < nodes.getLength(); i++) {
                    out.add(nodes.item(i).getTextContent());
                }
                return out;
            } catch (Exception e) {
                return List.of();
            }
        }

        /** The first value of a response header, or "" when absent. */
        String header(String name) {
            return headers.firstValue(name).orElse("");
        }

        /** Status and body for assertion messages (the body of an error names its code). */
        String describe() {
            String t = body.length > 0 && body[0] == '<' ? text() : body.length + " bytes";
            return "HTTP " + status + (t.isEmpty() ? "" : ": " + (t.length() > 3000 ? t.substring(0, 3000) : t));
        }
    }

    /**
     * Sends a signed request; its payload is the body (bytes or stream).
     *
     * @param signed the signer's output
     * @return the response
     */
    static Response send(SignedRequest signed) {
        return send(signed.request(), null);
    }

    /**
     * Sends a request; the body is {@code body} when given, else the request's own payload.
     *
     * @param request the request (usually a signer's output)
     * @param body the bytes to send, or {@code null} to send the payload
     * @return the response
     */
    static Response send(SignableRequest request, byte[] body) {
        URI uri = URI.create(request.uri());
        HttpRequest.BodyPublisher publisher = publisher(request.payload(), body);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .method(request.method(), publisher);
        for (Headers.Header h : request.headers().entries()) {
            String lower = h.name().toLowerCase(Locale.ROOT);
            if (lower.equals("host")) {
                String authority = uri.getRawAuthority();
                if (!h.value().equals(authority)) {
                    throw new IllegalStateException("Host header '" + h.value() + "' differs from the URI's authority '"
                            + authority + "', which the JDK client sends");
                }
            } else if (lower.equals("content-length")) {
                long len = publisher.contentLength();
                if (Long.parseLong(h.value().trim()) != len) {
                    throw new IllegalStateException("Content-Length header " + h.value() + " differs from the body length "
                            + len + ", which the JDK client sends");
                }
            } else if (CLIENT_OWNED.contains(lower)) {
                throw new IllegalStateException("the JDK client cannot send header " + h.name());
            } else {
                b.header(h.name(), h.value());
            }
        }
        return exchange(b.build());
    }

    /**
     * Sends a request over a plain socket, byte for byte, for requests the server is expected to
     * turn away before it has read the whole body (a bad chunk signature in an aws-chunked body).
     * The server may then answer and close while the body is still being written; the JDK client
     * treats the failed write as a failed exchange, whereas here the body is written on its own
     * thread, a write the server refused is ignored, and the answer is read as it arrived.
     *
     * @param request the request (usually a signer's output); its headers are sent as given
     * @param body the bytes to send after the headers
     * @return the response
     */
    static Response sendOverSocket(SignableRequest request, byte[] body) {
        URI uri = URI.create(request.uri());
        StringBuilder head = new StringBuilder(512);
        head.append(request.method()).append(' ').append(uri.getRawPath());
        if (uri.getRawQuery() != null) {
            head.append('?').append(uri.getRawQuery());
        }
        head.append(" HTTP/1.1\r\n");
        boolean host = false;
        boolean length = false;
        for (Headers.Header h : request.headers().entries()) {
            String lower = h.name().toLowerCase(Locale.ROOT);
            host |= lower.equals("host");
            if (lower.equals("content-length")) {
                length = true;
                if (Long.parseLong(h.value().trim()) != body.length) {
                    throw new IllegalStateException("Content-Length header " + h.value()
                            + " differs from the body length " + body.length);
                }
            }
            head.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        if (!host) {
            head.append("Host: ").append(uri.getRawAuthority()).append("\r\n");
        }
        if (!length) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        String what = "request " + request.method() + " " + uri.getRawPath();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5_000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    out.write(headBytes);
                    out.write(body);
                    out.flush();
                } catch (IOException refused) {
                    // The server answered without reading everything: the answer says why.
                }
            }, "e2e-socket-writer");
            writer.setDaemon(true);
            writer.start();
            Response r = readResponse(new BufferedInputStream(socket.getInputStream()), what);
            writer.join(5_000);
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(what + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static Response readResponse(InputStream in, String what) throws IOException {
        String status = line(in);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        while (true) {
            String[] parts = status.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
                throw new IOException(what + ": not an HTTP/1.x status line: " + status);
            }
            headers.clear();
            for (String l = line(in); !l.isEmpty(); l = line(in)) {
                int colon = l.indexOf(':');
                if (colon <= 0) {
                    throw new IOException(what + ": malformed response header: " + l);
                }
                headers.computeIfAbsent(l.substring(0, colon).trim(), k -> new ArrayList<>())
                        .add(l.substring(colon + 1).trim());
            }
            int code = Integer.parseInt(parts[1]);
            if (code >= 200) {
                byte[] body = responseBody(in, headers, what);
                return new Response(code, HttpHeaders.of(headers, (n, v) -> true), body);
            }
            status = line(in); // an interim (1xx) answer: the final one follows
        }
    }

    private static byte[] responseBody(InputStream in, Map<String, List<String>> headers, String what)
            throws IOException {
        List<String> te = headers.getOrDefault("Transfer-Encoding", List.of());
        if (te.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            while (true) {
                String size = line(in);
                int semi = size.indexOf(';');
                int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
                if (n == 0) {
                    for (String l = line(in); !l.isEmpty(); l = line(in)) {
                        // trailers: none expected, none kept
                    }
                    return body.toByteArray();
                }
                body.write(exactly(in, n, what));
                line(in);
            }
        }
        List<String> cl = headers.getOrDefault("Content-Length", List.of());
        if (!cl.isEmpty()) {
            return exactly(in, Integer.parseInt(cl.get(0)), what);
        }
        return in.readAllBytes();
    }

    private static byte[] exactly(InputStream in, int n, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length != n) {
            throw new IOException(what + ": response body ended after " + b.length + " of " + n + " bytes");
        }
        return b;
    }

    /** One CRLF-terminated line, without the CRLF. */
    static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\n') {
                int len = sb.length();
                return len > 0 && sb.charAt(len - 1) == '\r' ? sb.substring(0, len - 1) : sb.toString();
            }
            sb.append((char) c);
        }
        throw new EOFException("connection closed in the middle of the response head");
    }

    /**
     * Sends a request built by hand (a presigned URL, a POST form).
     *
     * @param method the method
     * @param url the absolute URL, already encoded
     * @param headers header name/value pairs
     * @param body the body, or {@code null} for none
     * @return the response
     */
    static Response send(String method, String url, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return exchange(b.build());
    }

    private static HttpRequest.BodyPublisher publisher(Payload payload, byte[] body) {
        if (body != null) {
            return body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body);
        }
        switch (payload.kind()) {
            case BYTES:
                byte[] bytes = payload.bytes();
                return bytes.length == 0 ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(bytes);
            case STREAM:
                long length = payload.contentLength().orElseThrow();
                return HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> {
                    try {
                        return payload.openStream();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }), length);
            default:
                throw new IllegalArgumentException("payload of kind " + payload.kind()
                        + " carries no body: pass the body bytes explicitly");
        }
    }

    private static Response exchange(HttpRequest request) {
        try {
            HttpResponse<InputStream> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                return new Response(r.statusCode(), r.headers(), in.readAllBytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("request " + request.method() + " " + request.uri().getRawPath()
                    + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
