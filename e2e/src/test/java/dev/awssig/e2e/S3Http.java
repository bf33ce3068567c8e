package dev.awssig.e2e;

import dev.awssig.Headers;
import dev.awssig.Payload;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
                    + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
