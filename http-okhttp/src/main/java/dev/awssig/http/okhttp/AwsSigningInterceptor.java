package dev.awssig.http.okhttp;

import dev.awssig.HttpSigning;
import dev.awssig.Payload;
import dev.awssig.PayloadMode;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.http.okhttp.internal.BodyStreams;
import java.io.IOException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * An OkHttp {@link Interceptor} that signs requests with awssig.
 *
 * <pre>{@code
 * OkHttpClient s3 = new OkHttpClient.Builder()
 *         .addNetworkInterceptor(AwsSigningInterceptor.of(HttpSigning.of(config)))
 *         .build();
 * }</pre>
 *
 * <p>As a <em>network</em> interceptor ({@code addNetworkInterceptor}) it signs every attempt:
 * retries, follow-ups and redirects each carry a fresh signature, and it sees the headers OkHttp
 * adds itself ({@code Host}, {@code Content-Length}, {@code Accept-Encoding}, ...). As an
 * <em>application</em> interceptor ({@code addInterceptor}) it signs once per call; the headers
 * OkHttp adds afterwards are then not signed, except {@code Host} and {@code Content-Type},
 * which it signs with the values OkHttp will send (OkHttp writes the body's content type over
 * any {@code Content-Type} header).
 *
 * <p>Bodies: a body of known length is signed when small or readable twice; a larger or
 * one-shot one to S3 is sent {@code aws-chunked}, read once while it is sent (see
 * {@link HttpSigning} for the rules and for fixing a mode). A body of unknown length
 * ({@code contentLength() == -1}) is sent unsigned. Reading a large body for signing or encoding
 * uses one daemon thread per request body, writing into a 64 KiB pipe.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.2.0
 */
public final class AwsSigningInterceptor implements Interceptor {
    private final HttpSigning signing;

    private AwsSigningInterceptor(HttpSigning signing) {
        this.signing = Objects.requireNonNull(signing, "signing");
    }

    /**
     * An interceptor with a signing setup (algorithm through the SPI, config, payload mode,
     * unsigned headers).
     *
     * @param signing the setup
     * @return the interceptor
     * @since 0.2.0
     */
    public static AwsSigningInterceptor of(HttpSigning signing) {
        return new AwsSigningInterceptor(signing);
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
     * Signs the chain's request and proceeds with it.
     *
     * @param chain the chain
     * @return the response
     * @throws IOException if the body cannot be read or the exchange fails
     * @since 0.2.0
     */
    @Override
    public Response intercept(Chain chain) throws IOException {
        Objects.requireNonNull(chain, "chain");
        return chain.proceed(sign(chain.request()));
    }

    /**
     * Signs a request: a copy with the signer's headers set and, in a streaming mode, the
     * {@code aws-chunked} body.
     *
     * @param request the request
     * @return the signed request
     * @throws IOException if a small body cannot be read to sign it
     * @throws IllegalArgumentException if the request cannot be signed as configured
     * @since 0.2.0
     */
    public Request sign(Request request) throws IOException {
        Objects.requireNonNull(request, "request");
        RequestBody body = request.body();
        MediaType contentType = body == null ? null : body.contentType();
        SignableRequest.Builder b = SignableRequest.builder().method(request.method()).uri(request.url().toString());
        Headers headers = request.headers();
        for (int i = 0, n = headers.size(); i < n; i++) {
            if (contentType == null || !headers.name(i).equalsIgnoreCase("Content-Type")) {
                b.header(headers.name(i), headers.value(i));
            }
        }
        if (contentType != null) {
            b.header("Content-Type", contentType.toString());
        }
        long length = body == null ? 0 : body.contentLength();
        Payload payload;
        if (length == 0) {
            payload = Payload.empty();
        } else if (length < 0) {
            payload = Payload.unsigned();
        } else {
            payload = Payload.ofStream(() -> BodyStreams.open(body, length), length);
        }
        SignableRequest unsigned = b.payload(payload).build();
        PayloadMode mode = signing.payloadModeFor(unsigned, body == null || !body.isOneShot());
        SignedRequest signed = signing.sign(unsigned, mode);

        Request.Builder out = request.newBuilder();
        long sentLength = length;
        if (mode.isStreaming()) {
            Payload encoded = signed.request().payload();
            sentLength = encoded.contentLength().getAsLong();
            out.method(request.method(), BodyStreams.of(contentType, sentLength, body.isOneShot(), encoded::openStream));
        }
        Set<String> set = new HashSet<>();
        for (dev.awssig.Headers.Header h : signed.addedHeaders().entries()) {
            String lower = h.name().toLowerCase(Locale.ROOT);
            if (lower.equals("content-length") && Long.parseLong(h.value().trim()) != sentLength) {
                throw new IllegalStateException("Content-Length: the signer signed " + h.value()
                        + " but the body has " + sentLength + " bytes");
            }
            if (lower.equals("host") && !h.value().equals(hostHeader(request))) {
                throw new IllegalStateException("Host: the signer signed '" + h.value() + "' but OkHttp sends '"
                        + hostHeader(request) + "'");
            }
            if (set.add(lower)) {
                out.header(h.name(), h.value());
            } else {
                out.addHeader(h.name(), h.value());
            }
        }
        return out.build();
    }

    /** The Host header OkHttp writes: the host, and the port when it is not the scheme's default. */
    private static String hostHeader(Request request) {
        okhttp3.HttpUrl url = request.url();
        String host = url.host().indexOf(':') >= 0 ? "[" + url.host() + "]" : url.host();
        return url.port() == okhttp3.HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port();
    }

    /**
     * The signing setup, never credentials.
     *
     * @return the description
     * @since 0.2.0
     */
    @Override
    public String toString() {
        return "AwsSigningInterceptor[" + signing + "]";
    }
}
