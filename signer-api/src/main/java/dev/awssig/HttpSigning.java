package dev.awssig;

import dev.awssig.internal.Checks;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the HTTP client adapters ({@code awssig-http-jdk}, {@code awssig-http-okhttp},
 * {@code awssig-http-apache5}) share: the algorithm, found through the SPI; the configuration;
 * how bodies are signed ({@link PayloadMode}); and the headers left out of the signature. An
 * adapter turns each attempt of a request into a {@link SignableRequest}, asks
 * {@link #payloadModeFor} how to sign its body, calls {@link #sign}, sets
 * {@link SignedRequest#addedHeaders()} on its own request and, in a streaming mode, sends the
 * signed request's payload (the {@code aws-chunked} body) instead of the original.
 *
 * <pre>{@code
 * HttpSigning signing = HttpSigning.of(SigningConfig.builder()
 *         .credentialsProvider(CredentialsProviders.defaultChain())
 *         .region("eu-west-1").service("s3").build());
 * }</pre>
 *
 * <p>Without a payload mode the adapters choose per request: a body held in memory, or one of at
 * most 1 MiB that can be read twice, is signed ({@link PayloadMode#SIGNED}); a larger (or
 * one-shot) body of known length to S3 goes {@code aws-chunked} with a trailing checksum
 * ({@link PayloadMode#STREAMING_SIGNED_TRAILER} over HTTP, {@link PayloadMode#STREAMING_UNSIGNED_TRAILER}
 * over HTTPS, as the AWS SDKs do), read once while it is sent; to other services it is signed
 * when it can be read twice, else unsigned; a body of unknown length is unsigned.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.2.0
 */
public final class HttpSigning {
    /** The SigV4 option that would fight with {@link #payloadModeFor}; set the mode here instead. */
    private static final String SIGV4_PAYLOAD_OPTION = "sigv4.payloadSigning";
    /** Up to this size a body that can be read twice is hashed and signed rather than streamed. */
    private static final long SMALL_BODY = 1024 * 1024;

    private final Signers signers;
    private final String algorithm;
    private final SigningConfig config;
    private final PayloadMode payloadMode;
    private final String trailerChecksum;
    private final Set<String> unsignedHeaders;
    private final Signer signer;
    private final boolean s3;
    private final Map<PayloadMode, Optional<Signer>> streaming = new ConcurrentHashMap<>();

    private HttpSigning(Builder b) {
        this.signers = b.signers != null ? b.signers : Signers.discover();
        this.algorithm = b.algorithm;
        this.config = Objects.requireNonNull(b.config, "config");
        for (SigningOption<?> o : config.options().keySet()) {
            if (o.name().equals(SIGV4_PAYLOAD_OPTION)) {
                throw new IllegalArgumentException("config: option " + SIGV4_PAYLOAD_OPTION + " is chosen per request by"
                        + " the adapter; set HttpSigning.builder(config).payloadMode(...) instead");
            }
        }
        this.payloadMode = b.payloadMode;
        this.trailerChecksum = b.trailerChecksum;
        this.unsignedHeaders = Collections.unmodifiableSet(new TreeSet<>(b.unsignedHeaders));
        this.signer = signers.signer(algorithm, config);
        this.s3 = config.service().map("s3"::equals).orElse(false);
    }

    /**
     * SigV4 ({@link Algorithms#SIGV4}), found with {@link Signers#discover()}, with the automatic
     * payload mode and every header signed that the signer signs.
     *
     * @param config credentials provider, region, service, clock and algorithm options
     * @return the signing setup
     * @throws SignerLookupException if no SigV4 provider is on the class or module path
     * @since 0.2.0
     */
    public static HttpSigning of(SigningConfig config) {
        return builder(config).build();
    }

    /**
     * A builder over a configuration.
     *
     * @param config credentials provider, region, service, clock and algorithm options
     * @return a builder
     * @since 0.2.0
     */
    public static Builder builder(SigningConfig config) {
        return new Builder(Objects.requireNonNull(config, "config"));
    }

    /**
     * The algorithm name.
     *
     * @return for example {@link Algorithms#SIGV4}
     * @since 0.2.0
     */
    public String algorithm() {
        return algorithm;
    }

    /**
     * The configuration.
     *
     * @return the config
     * @since 0.2.0
     */
    public SigningConfig config() {
        return config;
    }

    /**
     * The payload mode set for every request.
     *
     * @return the mode, or empty when it is chosen per request
     * @since 0.2.0
     */
    public Optional<PayloadMode> payloadMode() {
        return Optional.ofNullable(payloadMode);
    }

    /**
     * The names (lower case) of the headers left out of the signature: sent, not signed.
     *
     * @return an unmodifiable sorted set
     * @since 0.2.0
     */
    public Set<String> unsignedHeaders() {
        return unsignedHeaders;
    }

    /**
     * How the body of a request is signed: the configured mode, or the automatic choice described
     * in the class documentation.
     *
     * @param request the request; its payload describes the body: {@link Payload#empty()},
     *     {@link Payload#ofBytes}, {@link Payload#ofStream} (known length) or
     *     {@link Payload#unsigned()} (a body of unknown length)
     * @param replayable whether a stream body can be opened more than once
     * @return the mode; a request without a body (or with an empty one) is signed
     *     ({@link PayloadMode#SIGNED}, the hash of nothing) whatever streaming mode is configured
     * @throws IllegalArgumentException if the configured mode cannot sign this body (a streaming
     *     mode needs a known length; {@link PayloadMode#SIGNED} needs a body that can be read
     *     before it is sent)
     * @since 0.2.0
     */
    public PayloadMode payloadModeFor(SignableRequest request, boolean replayable) {
        Objects.requireNonNull(request, "request");
        Payload p = request.payload();
        switch (p.kind()) {
            case PRECOMPUTED_SHA256:
                return PayloadMode.SIGNED;
            case UNSIGNED:
                if (payloadMode != null && payloadMode != PayloadMode.UNSIGNED) {
                    throw new IllegalArgumentException("payload: " + payloadMode + " needs the body's length; this"
                            + " body's length is unknown (send it with a Content-Length, or use PayloadMode.UNSIGNED)");
                }
                return PayloadMode.UNSIGNED;
            case BYTES:
                if (payloadMode == null || (payloadMode.isStreaming() && p.contentLength().getAsLong() == 0)) {
                    return PayloadMode.SIGNED; // no body (a GET) or an empty one: nothing to stream
                }
                return payloadMode;
            default:
                if (payloadMode != null) {
                    if (payloadMode == PayloadMode.SIGNED && !replayable) {
                        throw new IllegalArgumentException("payload: PayloadMode.SIGNED reads the body to hash it before"
                                + " sending it, and this body can be read only once; use a streaming mode or UNSIGNED");
                    }
                    return payloadMode;
                }
                if (replayable && p.contentLength().getAsLong() <= SMALL_BODY) {
                    return PayloadMode.SIGNED;
                }
                if (s3) {
                    PayloadMode m = "http".equals(request.scheme()) ? PayloadMode.STREAMING_SIGNED_TRAILER
                            : PayloadMode.STREAMING_UNSIGNED_TRAILER;
                    if (streamingSigner(m).isPresent()) {
                        return m;
                    }
                }
                return replayable ? PayloadMode.SIGNED : PayloadMode.UNSIGNED;
        }
    }

    /**
     * Signs one attempt of a request: the headers named in {@link #unsignedHeaders()} are left
     * out, the body is presented to the signer as {@code mode} says, and the result carries the
     * headers to set ({@link SignedRequest#addedHeaders()}) and, in a streaming mode, the encoded
     * body as its payload. Call it for every attempt: each signature is dated now.
     *
     * @param request the request as the client will send it (its payload as in
     *     {@link #payloadModeFor})
     * @param mode the mode {@link #payloadModeFor} chose
     * @return the signed request
     * @throws IllegalArgumentException if the request cannot be signed in that mode
     * @since 0.2.0
     */
    public SignedRequest sign(SignableRequest request, PayloadMode mode) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(mode, "mode");
        SignableRequest toSign = request;
        if (!unsignedHeaders.isEmpty() || mode == PayloadMode.UNSIGNED) {
            SignableRequest.Builder b = request.toBuilder();
            for (String name : unsignedHeaders) {
                b.removeHeader(name);
            }
            if (mode == PayloadMode.UNSIGNED) {
                b.payload(Payload.unsigned());
            }
            toSign = b.build();
        }
        if (mode.isStreaming()) {
            return streamingSigner(mode).orElseThrow(() -> new IllegalArgumentException("payload: algorithm "
                    + algorithm + " has no aws-chunked form; use PayloadMode.SIGNED or UNSIGNED")).sign(toSign);
        }
        return signer.sign(toSign);
    }

    private Optional<Signer> streamingSigner(PayloadMode mode) {
        return streaming.computeIfAbsent(mode, m -> signers.provider(algorithm).streamingSigner(config, m,
                trailerChecksum));
    }

    /**
     * Algorithm, payload mode and unsigned headers; never credentials.
     *
     * @return the description
     * @since 0.2.0
     */
    @Override
    public String toString() {
        return "HttpSigning[" + algorithm + ", payload " + (payloadMode == null ? "automatic" : payloadMode)
                + ", unsigned headers " + unsignedHeaders + ", " + config + "]";
    }

    /**
     * Builds an {@link HttpSigning}. Not thread-safe.
     *
     * @since 0.2.0
     */
    public static final class Builder {
        private final SigningConfig config;
        private Signers signers;
        private String algorithm = Algorithms.SIGV4;
        private PayloadMode payloadMode;
        private String trailerChecksum;
        private final Set<String> unsignedHeaders = new TreeSet<>();

        private Builder(SigningConfig config) {
            this.config = config;
        }

        /**
         * The algorithm, looked up through the SPI (default {@link Algorithms#SIGV4}).
         *
         * @param algorithm for example {@link Algorithms#SIGV2_S3}
         * @return this builder
         * @since 0.2.0
         */
        public Builder algorithm(String algorithm) {
            this.algorithm = Checks.requireNonBlank(algorithm, "algorithm");
            return this;
        }

        /**
         * Where to look the algorithm up (default {@link Signers#discover()}).
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
         * One payload mode for every request (default: chosen per request).
         *
         * @param mode the mode, or null for the automatic choice
         * @return this builder
         * @since 0.2.0
         */
        public Builder payloadMode(PayloadMode mode) {
            this.payloadMode = mode;
            return this;
        }

        /**
         * The checksum of the {@code aws-chunked} trailer, as S3 names it: {@code CRC32},
         * {@code CRC32C}, {@code CRC64NVME}, {@code SHA1} or {@code SHA256} (default: the
         * provider's, CRC32C for SigV4).
         *
         * @param checksum the checksum name, or null for the default
         * @return this builder
         * @since 0.2.0
         */
        public Builder trailerChecksum(String checksum) {
            this.trailerChecksum = checksum == null ? null : Checks.requireNonBlank(checksum, "trailerChecksum")
                    .toUpperCase(Locale.ROOT);
            return this;
        }

        /**
         * Headers sent but not signed, for headers that something between the client and the
         * server may change (a proxy's, a tracing agent's). SigV2 signs {@code Content-Type} and
         * {@code Content-MD5} whatever this says.
         *
         * @param headerNames header names, any case
         * @return this builder
         * @throws IllegalArgumentException if a name is not a valid header name, or is
         *     {@code host} or an {@code x-amz-*} header, which SigV4 always signs
         * @since 0.2.0
         */
        public Builder unsignedHeaders(String... headerNames) {
            Objects.requireNonNull(headerNames, "headerNames");
            for (String n : headerNames) {
                String lower = Checks.requireHeaderName(n).toLowerCase(Locale.ROOT);
                if (lower.equals("host") || lower.startsWith("x-amz-")) {
                    throw new IllegalArgumentException("unsignedHeaders: '" + n + "' is always signed");
                }
                unsignedHeaders.add(lower);
            }
            return this;
        }

        /**
         * Builds the setup and creates its signer.
         *
         * @return the immutable setup
         * @throws SignerLookupException if the algorithm has no single provider, or the payload
         *     mode is a streaming one the algorithm does not have
         * @throws IllegalArgumentException if the config lacks what the algorithm needs or sets
         *     its own payload option
         * @since 0.2.0
         */
        public HttpSigning build() {
            HttpSigning s = new HttpSigning(this);
            if (s.payloadMode != null && s.payloadMode.isStreaming() && s.streamingSigner(s.payloadMode).isEmpty()) {
                throw new SignerLookupException("Algorithm '" + s.algorithm + "' has no aws-chunked streaming form for "
                        + s.payloadMode);
            }
            return s;
        }
    }
}
