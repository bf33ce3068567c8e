package dev.awssig.http.jdk;

import dev.awssig.Headers;
import dev.awssig.HttpSigning;
import dev.awssig.Payload;
import dev.awssig.PayloadMode;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.internal.PublisherInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Signs a {@link HttpRequest}: returns a copy with the signer's headers set and, for an
 * {@code aws-chunked} upload, the encoded body. Use it for every attempt: each call signs anew,
 * dated now.
 *
 * <pre>{@code
 * HttpRequestSigner signer = HttpRequestSigner.of(HttpSigning.of(config));
 * HttpResponse<String> r = client.send(signer.sign(request), HttpResponse.BodyHandlers.ofString());
 * }</pre>
 *
 * <p>What the JDK client does not let a caller set is handled here: {@code Host} is signed with
 * the value the client sends (the URI's host, and the port when it is not the scheme's default)
 * and {@code Content-Length} with the length of the body publisher, so both are left to the
 * client; a non-ASCII URI is sent in its percent-encoded form, as signed. Headers the client adds
 * itself ({@code User-Agent}, {@code Connection}, the HTTP/2 upgrade headers) are not signed.
 *
 * <p>The body is read through its {@link HttpRequest.BodyPublisher}, which must, like the JDK's own
 * publishers, allow more than one subscription when the body is signed
 * ({@link PayloadMode#SIGNED}: hashed, then sent). A publisher without a length
 * ({@code contentLength() < 0}) is sent unsigned ({@code UNSIGNED-PAYLOAD}).
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.2.0
 */
public final class HttpRequestSigner {
    private final HttpSigning signing;

    private HttpRequestSigner(HttpSigning signing) {
        this.signing = Objects.requireNonNull(signing, "signing");
    }

    /**
     * A signer with a signing setup (algorithm through the SPI, config, payload mode, unsigned
     * headers).
     *
     * @param signing the setup
     * @return the signer
     * @since 0.2.0
     */
    public static HttpRequestSigner of(HttpSigning signing) {
        return new HttpRequestSigner(signing);
    }

    /**
     * The signing setup.
     *
     * @return the setup
     * @since 0.2.0
     */
    public HttpSigning signing() {
        return signing;
    }

    /**
     * Signs a request.
     *
     * @param request the request as it would be sent unsigned
     * @return the request to send: the same method, URI (percent-encoded when it had non-ASCII
     *     characters), headers, timeout, version and expect-continue, plus the signer's headers,
     *     and the {@code aws-chunked} body in a streaming mode
     * @throws IllegalArgumentException if the request cannot be signed as configured (for example
     *     a streaming mode for a body of unknown length)
     * @since 0.2.0
     */
    public HttpRequest sign(HttpRequest request) {
        Objects.requireNonNull(request, "request");
        URI uri = request.uri();
        String ascii = uri.toASCIIString();
        SignableRequest.Builder b = SignableRequest.builder().method(request.method()).uri(ascii);
        for (Map.Entry<String, List<String>> e : request.headers().map().entrySet()) {
            for (String v : e.getValue()) {
                b.header(e.getKey(), v);
            }
        }
        HttpRequest.BodyPublisher body = request.bodyPublisher().orElse(null);
        long length = body == null ? 0 : body.contentLength();
        Payload payload;
        if (length == 0) {
            payload = Payload.empty();
        } else if (length < 0) {
            payload = Payload.unsigned();
        } else {
            payload = Payload.ofStream(() -> new PublisherInputStream(body), length);
        }
        SignableRequest unsigned = b.payload(payload).build();
        PayloadMode mode = signing.payloadModeFor(unsigned, true);
        SignedRequest signed = signing.sign(unsigned, mode);

        HttpRequest.Builder out = HttpRequest.newBuilder(request, (n, v) -> true);
        if (!ascii.equals(uri.toString())) {
            out.uri(URI.create(ascii));
        }
        long sentLength = length < 0 ? -1 : length;
        if (mode.isStreaming()) {
            Payload encoded = signed.request().payload();
            sentLength = encoded.contentLength().getAsLong();
            out.method(request.method(), HttpRequest.BodyPublishers.fromPublisher(
                    HttpRequest.BodyPublishers.ofInputStream(() -> open(encoded)), sentLength));
        }
        Set<String> set = new HashSet<>();
        for (Headers.Header h : signed.addedHeaders().entries()) {
            String lower = h.name().toLowerCase(Locale.ROOT);
            if (lower.equals("host")) {
                String sent = hostHeader(URI.create(ascii));
                if (!h.value().equals(sent)) {
                    throw new IllegalStateException("Host: the signer signed '" + h.value()
                            + "' but the JDK client sends '" + sent + "'");
                }
            } else if (lower.equals("content-length")) {
                if (Long.parseLong(h.value().trim()) != sentLength) {
                    throw new IllegalStateException("Content-Length: the signer signed " + h.value()
                            + " but the body publisher has " + sentLength + " bytes");
                }
            } else if (set.add(lower)) {
                out.setHeader(h.name(), h.value());
            } else {
                out.header(h.name(), h.value());
            }
        }
        return out.build();
    }

    /** The Host header the JDK client writes for a URI: the port only when it is not the default. */
    static String hostHeader(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("https".equalsIgnoreCase(uri.getScheme()) ? port == 443 : port == 80);
        return defaultPort ? uri.getHost() : uri.getHost() + ':' + port;
    }

    private static InputStream open(Payload encoded) {
        try {
            return encoded.openStream();
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the aws-chunked body", e);
        }
    }

    /**
     * The signing setup, never credentials.
     *
     * @return the description
     * @since 0.2.0
     */
    @Override
    public String toString() {
        return "HttpRequestSigner[" + signing + "]";
    }
}
