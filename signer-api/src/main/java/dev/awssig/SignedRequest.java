package dev.awssig;

import dev.awssig.internal.Checks;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The result of signing: the request to send (with the authentication headers or parameters
 * added), plus what was signed, so that a {@code SignatureDoesNotMatch} can be explained.
 *
 * <p>Immutable and thread-safe. {@link #toString()} never shows the signature. A signer may give
 * the canonical request and string to sign as suppliers that compute them only when asked, so
 * that the signing hot path does not build strings nobody reads.
 *
 * @since 0.1.0
 */
public final class SignedRequest {
    private final SignableRequest request;
    private final String algorithm;
    /** The signature, or null until first read when it is {@code signatureSource.substring(signatureFrom)}. */
    private String signature;
    private final String signatureSource;
    private final int signatureFrom;
    private final String canonicalRequest;
    private final String stringToSign;
    private final Supplier<String> canonicalRequestSupplier;
    private final Supplier<String> stringToSignSupplier;
    /** The trusted path's texts on demand (true: canonical request, false: string to sign), or null. */
    private final Function<Boolean, String> explanation;
    private final List<String> signedHeaders;
    private final Instant signingTime;
    /** {@link #addedHeaders()}, computed when first read. */
    private Headers addedHeaders;

    private SignedRequest(Builder b) {
        this.request = Objects.requireNonNull(b.request, "request");
        this.algorithm = Checks.requireNonBlank(b.algorithm, "algorithm");
        this.signature = Checks.requireNonBlank(b.signature, "signature");
        this.signatureSource = null;
        this.signatureFrom = 0;
        this.explanation = null;
        this.canonicalRequest = b.canonicalRequest;
        this.stringToSign = b.stringToSign;
        this.canonicalRequestSupplier = b.canonicalRequestSupplier;
        this.stringToSignSupplier = b.stringToSignSupplier;
        if (stringToSign == null && stringToSignSupplier == null) {
            throw new NullPointerException("stringToSign");
        }
        this.signedHeaders = List.copyOf(b.signedHeaders);
        this.signingTime = Objects.requireNonNull(b.signingTime, "signingTime");
    }

    /**
     * The trusted path of {@code ApiAccess}: parts the signer produced and validated, the
     * signature the end of {@code signatureSource} (read when asked for), the texts computed when
     * read.
     */
    SignedRequest(SignableRequest request, String algorithm, String signatureSource, int signatureFrom,
                  List<String> signedHeaders, Instant signingTime, Function<Boolean, String> explanation) {
        this.request = request;
        this.algorithm = algorithm;
        this.signature = null;
        this.signatureSource = signatureSource;
        this.signatureFrom = signatureFrom;
        this.canonicalRequest = null;
        this.stringToSign = null;
        this.canonicalRequestSupplier = null;
        this.stringToSignSupplier = null;
        this.explanation = Objects.requireNonNull(explanation, "explanation");
        this.signedHeaders = signedHeaders;
        this.signingTime = signingTime;
    }

    /**
     * A new builder, for signer implementations.
     *
     * @return a builder
     * @since 0.1.0
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The request to send, with the authentication added.
     *
     * @return the signed request
     * @since 0.1.0
     */
    public SignableRequest request() {
        return request;
    }

    /**
     * The headers the signer added or replaced: the entries of {@link #request()} that the request
     * given to the signer did not have with the same name and value, in order. These are what a
     * client sets on its own request (replacing any of the same name) to send it signed, for
     * example {@code X-Amz-Date}, {@code x-amz-content-sha256}, {@code Authorization} and, for an
     * {@code aws-chunked} body, {@code Content-Encoding}, {@code Content-Length},
     * {@code x-amz-decoded-content-length} and {@code x-amz-trailer}. When the signer built its
     * result without deriving it from the caller's request (a third-party signer using
     * {@link SignableRequest#toBuilder()}), this is every header of {@link #request()}.
     *
     * @return the added headers, in the order of {@link #request()}
     * @since 0.2.0
     */
    public Headers addedHeaders() {
        Headers added = addedHeaders;
        if (added == null) {
            // a racy single check: at worst two threads each compute the same immutable value
            added = diff(request.headers(), request.derivedFrom());
            addedHeaders = added;
        }
        return added;
    }

    private static Headers diff(Headers signed, Headers given) {
        if (given == null) {
            return signed;
        }
        java.util.Map<String, Integer> before = new java.util.HashMap<>();
        for (Headers.Header h : given.entries()) {
            before.merge(key(h), 1, Integer::sum);
        }
        Headers.Builder out = Headers.builder();
        for (Headers.Header h : signed.entries()) {
            String k = key(h);
            Integer n = before.get(k);
            if (n == null) {
                out.add(h.name(), h.value());
            } else if (n == 1) {
                before.remove(k);
            } else {
                before.put(k, n - 1);
            }
        }
        return out.build();
    }

    private static String key(Headers.Header h) {
        return h.name().toLowerCase(java.util.Locale.ROOT) + '\n' + h.value();
    }

    /**
     * The algorithm that signed it.
     *
     * @return the algorithm name
     * @since 0.1.0
     */
    public String algorithm() {
        return algorithm;
    }

    /**
     * The signature (hex for SigV4, Base64 for SigV2). Do not log it.
     *
     * @return the signature
     * @since 0.1.0
     */
    public String signature() {
        String sig = signature;
        if (sig == null) {
            // a racy single check: at worst two threads each build the same immutable string
            sig = signatureSource.substring(signatureFrom);
            signature = sig;
        }
        return sig;
    }

    /**
     * The canonical request (SigV4); SigV2 has none and returns the string to sign.
     *
     * @return the canonical request
     * @since 0.1.0
     */
    public String canonicalRequest() {
        if (canonicalRequest != null) {
            return canonicalRequest;
        }
        if (explanation != null) {
            return explanation.apply(Boolean.TRUE);
        }
        return canonicalRequestSupplier != null ? canonicalRequestSupplier.get() : stringToSign();
    }

    /**
     * The string to sign.
     *
     * @return the string to sign
     * @since 0.1.0
     */
    public String stringToSign() {
        if (stringToSign != null) {
            return stringToSign;
        }
        return explanation != null ? explanation.apply(Boolean.FALSE) : stringToSignSupplier.get();
    }

    /**
     * The lower-case names of the signed headers, sorted (SigV4), or empty for SigV2.
     *
     * @return an unmodifiable list
     * @since 0.1.0
     */
    public List<String> signedHeaders() {
        return signedHeaders;
    }

    /**
     * The signing time.
     *
     * @return the instant the signature is dated
     * @since 0.1.0
     */
    public Instant signingTime() {
        return signingTime;
    }

    /**
     * Algorithm, time, signed headers and the redacted request; never the signature.
     *
     * @return a redacted description
     * @since 0.1.0
     */
    @Override
    public String toString() {
        return "SignedRequest[" + algorithm + ", " + signingTime + ", signedHeaders=" + signedHeaders
                + ", " + request + "]";
    }

    /**
     * Builds a {@link SignedRequest}. Not thread-safe.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private SignableRequest request;
        private String algorithm;
        private String signature;
        private String canonicalRequest;
        private String stringToSign;
        private Supplier<String> canonicalRequestSupplier;
        private Supplier<String> stringToSignSupplier;
        private List<String> signedHeaders = List.of();
        private Instant signingTime;

        private Builder() {
        }

        /**
         * Sets the signed request.
         *
         * @param request the request with authentication
         * @return this builder
         * @since 0.1.0
         */
        public Builder request(SignableRequest request) {
            Objects.requireNonNull(request, "request");
            this.request = request;
            return this;
        }

        /**
         * Sets the algorithm.
         *
         * @param algorithm the algorithm name
         * @return this builder
         * @since 0.1.0
         */
        public Builder algorithm(String algorithm) {
            Objects.requireNonNull(algorithm, "algorithm");
            this.algorithm = algorithm;
            return this;
        }

        /**
         * Sets the signature.
         *
         * @param signature the signature
         * @return this builder
         * @since 0.1.0
         */
        public Builder signature(String signature) {
            Objects.requireNonNull(signature, "signature");
            this.signature = signature;
            return this;
        }

        /**
         * Sets the canonical request.
         *
         * @param canonicalRequest the canonical request, or null when the algorithm has none
         * @return this builder
         * @since 0.1.0
         */
        public Builder canonicalRequest(String canonicalRequest) {
            this.canonicalRequest = canonicalRequest;
            return this;
        }

        /**
         * Sets the string to sign.
         *
         * @param stringToSign the string to sign, or null when {@link #stringToSignSupplier} gives it
         * @return this builder
         * @since 0.1.0
         */
        public Builder stringToSign(String stringToSign) {
            this.stringToSign = stringToSign;
            return this;
        }

        /**
         * Sets the canonical request as a supplier called when {@link SignedRequest#canonicalRequest()}
         * is, so that it is built only when someone reads it. The supplier must be thread-safe and
         * return the same text every time. A value set with {@link #canonicalRequest(String)} wins.
         *
         * @param canonicalRequest computes the canonical request, or null
         * @return this builder
         * @since 0.1.0
         */
        public Builder canonicalRequestSupplier(Supplier<String> canonicalRequest) {
            this.canonicalRequestSupplier = canonicalRequest;
            return this;
        }

        /**
         * Sets the string to sign as a supplier called when {@link SignedRequest#stringToSign()} is.
         * The supplier must be thread-safe and return the same text every time. A value set with
         * {@link #stringToSign(String)} wins.
         *
         * @param stringToSign computes the string to sign, or null
         * @return this builder
         * @since 0.1.0
         */
        public Builder stringToSignSupplier(Supplier<String> stringToSign) {
            this.stringToSignSupplier = stringToSign;
            return this;
        }

        /**
         * Sets the signed header names.
         *
         * @param signedHeaders lower-case names
         * @return this builder
         * @since 0.1.0
         */
        public Builder signedHeaders(List<String> signedHeaders) {
            Objects.requireNonNull(signedHeaders, "signedHeaders");
            this.signedHeaders = signedHeaders;
            return this;
        }

        /**
         * Sets the signing time.
         *
         * @param signingTime the time
         * @return this builder
         * @since 0.1.0
         */
        public Builder signingTime(Instant signingTime) {
            Objects.requireNonNull(signingTime, "signingTime");
            this.signingTime = signingTime;
            return this;
        }

        /**
         * Builds the result.
         *
         * @return the signed request
         * @since 0.1.0
         */
        public SignedRequest build() {
            return new SignedRequest(this);
        }
    }
}
