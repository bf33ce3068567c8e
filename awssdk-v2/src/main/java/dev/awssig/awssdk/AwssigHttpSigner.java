package dev.awssig.awssdk;

import dev.awssig.Algorithms;
import dev.awssig.Headers;
import dev.awssig.Payload;
import dev.awssig.PayloadMode;
import dev.awssig.PresignedUrl;
import dev.awssig.Presigner;
import dev.awssig.SignableRequest;
import dev.awssig.Signer;
import dev.awssig.Signers;
import dev.awssig.SigningConfig;
import dev.awssig.SigningOption;
import dev.awssig.awssdk.internal.CallContext;
import dev.awssig.awssdk.internal.Digests;
import dev.awssig.awssdk.internal.Plan;
import dev.awssig.awssdk.internal.ReactiveBodies;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.reactivestreams.Publisher;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.BaseSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * awssig as an AWS SDK for Java v2 {@link HttpSigner}: signs with the SigV4 signer found through
 * awssig's SPI, reading the same signer properties as the SDK's {@code AwsV4HttpSigner}
 * (region, signing name, URI rules, payload signing, chunked encoding, checksum algorithm,
 * signing clock, presigning), so that the request on the wire is the SDK's: the same headers,
 * {@code x-amz-content-sha256}, the flexible checksum in a header or as the trailer of an
 * {@code aws-chunked} body in 128 KiB chunks. Use it through {@link AwssigAuthScheme}.
 *
 * <p>Differences, by design: awssig leaves a few more headers out of the signature than the SDK
 * (those its default policy excludes, such as {@code Transfer-Encoding} and {@code Via}, which
 * proxies rewrite); a {@code Content-Encoding} already on an aws-chunked request becomes
 * {@code aws-chunked,<it>} in one header rather than a second header; the trailer checksums are
 * those awssig streams (CRC32, CRC32C, CRC64NVME, SHA-1, SHA-256; another, such as XXHASH64, is
 * refused with a message). Event streams are not signed.
 *
 * <p>Async bodies that go aws-chunked are read on a small pool of daemon threads (the encoder
 * reads a stream); every other body is passed through or digested as it is published.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.2.0
 */
public final class AwssigHttpSigner implements HttpSigner<AwsCredentialsIdentity> {
    private static final SigningOption<Boolean> DOUBLE_URL_ENCODE = SigningOption.of("sigv4.doubleUrlEncode", Boolean.class);
    private static final SigningOption<Boolean> NORMALIZE_PATH = SigningOption.of("sigv4.normalizePath", Boolean.class);
    private static final SigningOption<Boolean> CONTENT_SHA256 = SigningOption.of("sigv4.contentSha256Header",
            Boolean.class);
    private static final SigningOption<Integer> CHUNK_SIZE = SigningOption.of("sigv4.chunkSize", Integer.class);
    private static final int MAX_CACHED = 64;
    private static final ExecutorService ASYNC_BODIES = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "awssig-sdk-async-body");
        t.setDaemon(true);
        return t;
    });

    private final Signers signers;
    private final String algorithm;
    private final PayloadMode payloadMode;
    private final Set<String> unsignedHeaders;
    private final Map<Key, Object> cache = new ConcurrentHashMap<>();

    private AwssigHttpSigner(Builder b) {
        this.signers = b.signers != null ? b.signers : Signers.discover();
        this.algorithm = b.algorithm;
        this.payloadMode = b.payloadMode;
        this.unsignedHeaders = Set.copyOf(b.unsignedHeaders);
        signers.provider(algorithm); // fails now when the algorithm has no provider
    }

    /**
     * SigV4 found with {@link Signers#discover()}, the payload signed as the SDK decides.
     *
     * @return the signer
     * @throws dev.awssig.SignerLookupException if no SigV4 provider is on the class or module path
     * @since 0.2.0
     */
    public static AwssigHttpSigner create() {
        return builder().build();
    }

    /**
     * A builder.
     *
     * @return a builder with the defaults of {@link #create()}
     * @since 0.2.0
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Signs a request as the SDK's SigV4 signer would, with awssig.
     *
     * @param request the SDK's sign request
     * @return the signed request (and, for aws-chunked, the encoded body)
     * @throws UnsupportedOperationException for an event stream, query signing without expiry, or
     *     a trailer checksum awssig does not stream
     * @since 0.2.0
     */
    @Override
    public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
        Objects.requireNonNull(request, "request");
        ContentStreamProvider body = request.payload().orElse(null);
        if (isAnonymous(request.identity())) {
            return SignedRequest.builder().request(request.request()).payload(body).build();
        }
        Plan plan = Plan.of(request, false, payloadMode);
        SdkHttpRequest http = request.request();
        SignableRequest.Builder b = signable(http);
        SdkHttpRequest.Builder out = http.toBuilder();
        Payload payload;
        if (plan.mode.isStreaming()) {
            long decoded = http.firstMatchingHeader("Content-Length").map(Long::parseLong)
                    .orElseGet(() -> Digests.of(body, false, null).length());
            payload = Payload.ofStream(body::newStream, decoded);
        } else if (plan.headerChecksum != null) {
            Digests d = Digests.of(body, plan.mode == PayloadMode.SIGNED, plan.headerChecksum);
            addChecksumHeader(b, out, plan, d.checksumBase64());
            payload = plan.mode == PayloadMode.SIGNED ? Payload.ofSha256Hex(d.sha256Hex()) : Payload.unsigned();
        } else if (plan.mode == PayloadMode.UNSIGNED) {
            payload = Payload.unsigned();
        } else if (body == null) {
            payload = Payload.empty();
        } else {
            long length = http.firstMatchingHeader("Content-Length").map(Long::parseLong)
                    .orElseGet(() -> Digests.of(body, false, null).length());
            payload = Payload.ofStream(body::newStream, length);
        }
        SignableRequest toSign = b.payload(payload).build();
        CallContext.enter(request.identity(), clock(request));
        try {
            if (plan.presignFor != null) {
                return SignedRequest.builder().request(presigned(plan, toSign, out)).payload(body).build();
            }
            dev.awssig.SignedRequest signed = signer(plan).sign(toSign);
            apply(signed.addedHeaders(), out);
            if (plan.mode.isStreaming()) {
                Payload encoded = signed.request().payload();
                return SignedRequest.builder().request(out.build()).payload(() -> open(encoded)).build();
            }
            return SignedRequest.builder().request(out.build()).payload(body).build();
        } finally {
            CallContext.exit();
        }
    }

    /**
     * Signs a request of the SDK's async clients as the SDK's SigV4 signer would: a body that is
     * signed or checksummed in a header is digested as it is published (the SDK publishes it again
     * to send it); an aws-chunked body is encoded while it is sent.
     *
     * @param request the SDK's async sign request
     * @return the signed request, when the body has been digested if it had to be
     * @since 0.2.0
     */
    @Override
    public CompletableFuture<AsyncSignedRequest> signAsync(AsyncSignRequest<? extends AwsCredentialsIdentity> request) {
        Objects.requireNonNull(request, "request");
        Publisher<ByteBuffer> body = request.payload().orElse(null);
        if (isAnonymous(request.identity())) {
            return CompletableFuture.completedFuture(AsyncSignedRequest.builder().request(request.request())
                    .payload(body).build());
        }
        Plan plan;
        try {
            plan = Plan.of(request, true, payloadMode);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        SdkHttpRequest http = request.request();
        boolean needsDigest = body != null && !plan.mode.isStreaming()
                && (plan.headerChecksum != null || plan.mode == PayloadMode.SIGNED);
        CompletableFuture<Digests> digests = needsDigest
                ? Digests.of(body, plan.mode == PayloadMode.SIGNED, plan.headerChecksum)
                : CompletableFuture.completedFuture(null);
        return digests.thenApply(d -> {
            SignableRequest.Builder b = signable(http);
            SdkHttpRequest.Builder out = http.toBuilder();
            Payload payload;
            if (plan.mode.isStreaming()) {
                long decoded = Long.parseLong(http.firstMatchingHeader("Content-Length").orElseThrow(() ->
                        new UnsupportedOperationException("an aws-chunked async body needs a Content-Length")));
                payload = Payload.ofStream(() -> ReactiveBodies.read(body), decoded);
            } else if (d != null && plan.headerChecksum != null) {
                addChecksumHeader(b, out, plan, d.checksumBase64());
                payload = plan.mode == PayloadMode.SIGNED ? Payload.ofSha256Hex(d.sha256Hex()) : Payload.unsigned();
            } else if (d != null) {
                payload = Payload.ofSha256Hex(d.sha256Hex());
            } else {
                payload = plan.mode == PayloadMode.UNSIGNED ? Payload.unsigned() : Payload.empty();
            }
            SignableRequest toSign = b.payload(payload).build();
            CallContext.enter(request.identity(), clock(request));
            try {
                if (plan.presignFor != null) {
                    return AsyncSignedRequest.builder().request(presigned(plan, toSign, out)).payload(body).build();
                }
                dev.awssig.SignedRequest signed = signer(plan).sign(toSign);
                apply(signed.addedHeaders(), out);
                Publisher<ByteBuffer> sent = body;
                if (plan.mode.isStreaming()) {
                    Payload encoded = signed.request().payload();
                    sent = ReactiveBodies.publish(encoded::openStream, ASYNC_BODIES);
                }
                return AsyncSignedRequest.builder().request(out.build()).payload(sent).build();
            } finally {
                CallContext.exit();
            }
        });
    }

    private SignableRequest.Builder signable(SdkHttpRequest http) {
        StringBuilder uri = new StringBuilder(128).append(http.protocol()).append("://").append(http.host());
        int port = http.port();
        if (port != -1 && !(port == 443 && "https".equals(http.protocol())) && !(port == 80 && "http".equals(http.protocol()))) {
            uri.append(':').append(port);
        }
        String path = http.encodedPath();
        uri.append(path == null || path.isEmpty() ? "/" : path);
        http.encodedQueryParameters().ifPresent(q -> uri.append('?').append(q));
        SignableRequest.Builder b = SignableRequest.builder().method(http.method().name()).uri(uri.toString());
        http.forEachHeader((name, values) -> {
            if (!unsignedHeaders.contains(name.toLowerCase(Locale.ROOT))) {
                for (String v : values) {
                    b.header(name, v);
                }
            }
        });
        return b;
    }

    private static void addChecksumHeader(SignableRequest.Builder b, SdkHttpRequest.Builder out, Plan plan, String value) {
        String name = Plan.checksumHeaderName(plan.headerChecksum);
        b.setHeader(name, value);
        out.putHeader(name, value);
    }

    private static void apply(Headers added, SdkHttpRequest.Builder out) {
        Set<String> set = new HashSet<>();
        for (Headers.Header h : added.entries()) {
            if (set.add(h.name().toLowerCase(Locale.ROOT))) {
                out.putHeader(h.name(), h.value());
            } else {
                out.appendHeader(h.name(), h.value());
            }
        }
    }

    /** The presigned request: the URL's query as raw parameters, the headers it was signed with. */
    private SdkHttpRequest presigned(Plan plan, SignableRequest toSign, SdkHttpRequest.Builder out) {
        PresignedUrl url = presigner(plan).presign(toSign, plan.presignFor);
        String text = url.url();
        int q = text.indexOf('?');
        out.clearQueryParameters();
        if (q >= 0) {
            for (String pair : text.substring(q + 1).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? null : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                out.appendRawQueryParameter(name, value);
            }
        }
        apply(url.signedHeaders(), out);
        return out.build();
    }

    private Signer signer(Plan plan) {
        Key key = new Key(plan, false);
        return (Signer) cached(key, () -> {
            SigningConfig config = config(plan);
            return plan.mode.isStreaming()
                    ? signers.streamingSigner(algorithm, config, plan.mode, trailerName(plan))
                    : signers.signer(algorithm, config);
        });
    }

    private Presigner presigner(Plan plan) {
        return (Presigner) cached(new Key(plan, true), () -> signers.presigner(algorithm, config(plan)));
    }

    private Object cached(Key key, java.util.function.Supplier<Object> make) {
        Object s = cache.get(key);
        if (s == null) {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            s = cache.computeIfAbsent(key, k -> make.get());
        }
        return s;
    }

    private static String trailerName(Plan plan) {
        if (plan.trailerChecksum == null) {
            return null;
        }
        String id = plan.trailerChecksum.algorithmId().toUpperCase(Locale.ROOT);
        if (!id.equals("CRC32") && !id.equals("CRC32C") && !id.equals("CRC64NVME") && !id.equals("SHA1")
                && !id.equals("SHA256")) {
            throw new UnsupportedOperationException("awssig streams the trailer checksums CRC32, CRC32C, CRC64NVME,"
                    + " SHA1 and SHA256, not " + id + "; choose one of those as the request's checksum algorithm");
        }
        return id;
    }

    private static SigningConfig config(Plan plan) {
        return SigningConfig.builder()
                .credentialsProvider(CallContext.CREDENTIALS)
                .clock(CallContext.CLOCK)
                .region(plan.region)
                .service(plan.service)
                .option(DOUBLE_URL_ENCODE, plan.doubleUrlEncode)
                .option(NORMALIZE_PATH, plan.normalizePath)
                .option(CONTENT_SHA256, Boolean.TRUE)
                .option(CHUNK_SIZE, Plan.SDK_CHUNK_SIZE)
                .build();
    }

    private static Clock clock(BaseSignRequest<?, ?> request) {
        return request.requireProperty(SIGNING_CLOCK, Clock.systemUTC());
    }

    private static boolean isAnonymous(AwsCredentialsIdentity identity) {
        return identity.accessKeyId() == null && identity.secretAccessKey() == null;
    }

    private static InputStream open(Payload encoded) {
        try {
            return encoded.openStream();
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the aws-chunked body", e);
        }
    }

    /**
     * The algorithm and options; never credentials.
     *
     * @return the description
     * @since 0.2.0
     */
    @Override
    public String toString() {
        return "AwssigHttpSigner[" + algorithm + ", payload " + (payloadMode == null ? "as the SDK decides" : payloadMode)
                + ", unsigned headers " + new TreeSet<>(unsignedHeaders) + "]";
    }

    /** What a cached awssig signer is configured by (the identity and clock come per call). */
    private static final class Key {
        private final String region;
        private final String service;
        private final boolean doubleUrlEncode;
        private final boolean normalizePath;
        private final PayloadMode mode;
        private final String trailer;
        private final boolean presign;

        Key(Plan plan, boolean presign) {
            this.region = plan.region;
            this.service = plan.service;
            this.doubleUrlEncode = plan.doubleUrlEncode;
            this.normalizePath = plan.normalizePath;
            this.mode = presign || !plan.mode.isStreaming() ? null : plan.mode;
            this.trailer = plan.trailerChecksum == null ? null : plan.trailerChecksum.algorithmId();
            this.presign = presign;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key)) {
                return false;
            }
            Key k = (Key) o;
            return region.equals(k.region) && service.equals(k.service) && doubleUrlEncode == k.doubleUrlEncode
                    && normalizePath == k.normalizePath && mode == k.mode && Objects.equals(trailer, k.trailer)
                    && presign == k.presign;
        }

        @Override
        public int hashCode() {
            return Objects.hash(region, service, doubleUrlEncode, normalizePath, mode, trailer, presign);
        }
    }

    /**
     * Builds an {@link AwssigHttpSigner}. Not thread-safe.
     *
     * @since 0.2.0
     */
    public static final class Builder {
        private Signers signers;
        private String algorithm = Algorithms.SIGV4;
        private PayloadMode payloadMode;
        private final Set<String> unsignedHeaders = new TreeSet<>();

        private Builder() {
        }

        /**
         * Where to find the signer (default {@link Signers#discover()}).
         *
         * @param signers the registry
         * @return this builder
         * @since 0.2.0
         */
        public Builder signers(Signers signers) {
            this.signers = Objects.requireNonNull(signers, "signers");
            return this;
        }

        /**
         * The algorithm (default {@link Algorithms#SIGV4}); it must sign like SigV4, since the SDK
         * gives it SigV4's properties.
         *
         * @param algorithm the algorithm name
         * @return this builder
         * @since 0.2.0
         */
        public Builder algorithm(String algorithm) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        /**
         * One payload mode for every request, replacing the SDK's choice (default: as the SDK
         * decides, which is what gives the SDK's own wire result).
         *
         * @param mode the mode, or null
         * @return this builder
         * @since 0.2.0
         */
        public Builder payloadMode(PayloadMode mode) {
            this.payloadMode = mode;
            return this;
        }

        /**
         * Headers sent but not signed.
         *
         * @param headerNames header names, any case
         * @return this builder
         * @since 0.2.0
         */
        public Builder unsignedHeaders(String... headerNames) {
            Objects.requireNonNull(headerNames, "headerNames");
            for (String n : headerNames) {
                String lower = Objects.requireNonNull(n, "header name").toLowerCase(Locale.ROOT);
                if (lower.equals("host") || lower.startsWith("x-amz-")) {
                    throw new IllegalArgumentException("unsignedHeaders: '" + n + "' is always signed");
                }
                unsignedHeaders.add(lower);
            }
            return this;
        }

        /**
         * Builds the signer.
         *
         * @return the signer
         * @throws dev.awssig.SignerLookupException if the algorithm has no provider
         * @since 0.2.0
         */
        public AwssigHttpSigner build() {
            return new AwssigHttpSigner(this);
        }
    }
}
