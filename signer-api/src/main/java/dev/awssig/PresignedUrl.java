package dev.awssig;

import dev.awssig.internal.Checks;
import dev.awssig.internal.Redaction;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A presigned URL and what was signed to make it.
 *
 * <p>Immutable and thread-safe. The URL is a bearer credential: {@link #toString()} shows it
 * with the signature and token redacted; {@link #url()} gives the real one.
 *
 * @since 0.1.0
 */
public final class PresignedUrl {
    private final String url;
    private final String method;
    private final Headers signedHeaders;
    private final Instant expiration;
    private final String canonicalRequest;
    private final String stringToSign;
    /** Computes the canonical request and string to sign when first read (trusted path), or null. */
    private final java.util.function.Function<Boolean, String> explanation;
    /** The signature, or null until first read when it is {@code url[signatureFrom, signatureTo)}. */
    private String signature;
    private final int signatureFrom;
    private final int signatureTo;
    private final List<String> warnings;

    private PresignedUrl(Builder b) {
        this.url = Checks.requireNoControl(Checks.requireNonBlank(b.url, "url"), "url");
        this.method = Checks.requireToken(b.method, "method");
        this.signedHeaders = Objects.requireNonNull(b.signedHeaders, "signedHeaders");
        this.expiration = Objects.requireNonNull(b.expiration, "expiration");
        this.canonicalRequest = b.canonicalRequest;
        this.stringToSign = Objects.requireNonNull(b.stringToSign, "stringToSign");
        this.signature = Checks.requireNonBlank(b.signature, "signature");
        this.signatureFrom = 0;
        this.signatureTo = 0;
        this.explanation = null;
        this.warnings = List.copyOf(b.warnings);
        for (String w : warnings) {
            Checks.requireNonBlank(w, "warnings");
        }
    }

    /**
     * The trusted path of {@code ApiAccess}: parts the presigner produced, texts computed when read;
     * the signature is {@code signature} or, when that is null, {@code url[signatureFrom, signatureTo)}.
     */
    PresignedUrl(String url, String method, Headers signedHeaders, Instant expiration, String signature,
                 int signatureFrom, int signatureTo, java.util.function.Function<Boolean, String> explanation) {
        this.url = url;
        this.method = method;
        this.signedHeaders = signedHeaders;
        this.expiration = expiration;
        this.canonicalRequest = null;
        this.stringToSign = null;
        this.signature = signature;
        this.signatureFrom = signatureFrom;
        this.signatureTo = signatureTo;
        this.explanation = Objects.requireNonNull(explanation, "explanation");
        this.warnings = List.of();
    }

    /** A copy with other warnings (the trusted path of {@code ApiAccess}). */
    private PresignedUrl(PresignedUrl u, List<String> warnings) {
        this.url = u.url;
        this.method = u.method;
        this.signedHeaders = u.signedHeaders;
        this.expiration = u.expiration;
        this.canonicalRequest = u.canonicalRequest;
        this.stringToSign = u.stringToSign;
        this.explanation = u.explanation;
        this.signature = u.signature;
        this.signatureFrom = u.signatureFrom;
        this.signatureTo = u.signatureTo;
        this.warnings = List.copyOf(warnings);
    }

    /** This URL with other warnings, for {@code ApiAccess}. */
    PresignedUrl withWarnings(List<String> newWarnings) {
        return new PresignedUrl(this, newWarnings);
    }

    /**
     * A new builder, for presigner implementations.
     *
     * @return a builder
     * @since 0.1.0
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The presigned URL, ready to use. It grants access: do not log it.
     *
     * @return the URL
     * @since 0.1.0
     */
    public String url() {
        return url;
    }

    /**
     * The presigned URL as a {@link java.net.URI}, for HTTP clients that take one. It grants
     * access: do not log it.
     *
     * @return the URI
     * @throws IllegalStateException if the URL is not a valid URI, which happens only when the
     *     request given to the presigner had characters a URI does not allow in its path or query
     *     and the algorithm signs them as given (SigV4 for services other than S3, whose paths are
     *     encoded twice): percent-encode them in the request (a space as {@code %20})
     * @since 0.2.0
     */
    public java.net.URI toUri() {
        try {
            return new java.net.URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("the presigned URL is not a valid URI (" + e.getReason() + " at index "
                    + e.getIndex() + "); percent-encode such characters in the request's path and query before"
                    + " presigning, for example a space as %20", e);
        }
    }

    /**
     * The HTTP method the URL is valid for.
     *
     * @return the method
     * @since 0.1.0
     */
    public String method() {
        return method;
    }

    /**
     * The headers that were signed and that the client must send with these values
     * ({@code host} at least).
     *
     * @return the headers
     * @since 0.1.0
     */
    public Headers signedHeaders() {
        return signedHeaders;
    }

    /**
     * When the URL stops being valid.
     *
     * @return the expiration instant
     * @since 0.1.0
     */
    public Instant expiration() {
        return expiration;
    }

    /**
     * The canonical request (SigV4); for SigV2 the string to sign.
     *
     * @return the canonical request
     * @since 0.1.0
     */
    public String canonicalRequest() {
        if (explanation != null) {
            return explanation.apply(Boolean.TRUE);
        }
        return canonicalRequest == null ? stringToSign : canonicalRequest;
    }

    /**
     * The string to sign.
     *
     * @return the string to sign
     * @since 0.1.0
     */
    public String stringToSign() {
        if (explanation != null) {
            return explanation.apply(Boolean.FALSE);
        }
        return stringToSign;
    }

    /**
     * The signature. Do not log it.
     *
     * @return the signature
     * @since 0.1.0
     */
    public String signature() {
        String sig = signature;
        if (sig == null) {
            // a racy single check: at worst two threads each build the same immutable string
            sig = url.substring(signatureFrom, signatureTo);
            signature = sig;
        }
        return sig;
    }

    /**
     * What the presigner wants the caller to know about this URL, for example that the temporary
     * credentials that signed it expire before the URL does (see {@link PresignExpiryPolicy}).
     * The texts hold no secret, token, signature or URL.
     *
     * @return the warnings, an unmodifiable list, empty when there are none
     * @since 0.2.0
     */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * The URL with its signature and token redacted, the expiration, and the warnings if any.
     *
     * @return a redacted description
     * @since 0.1.0
     */
    @Override
    public String toString() {
        return "PresignedUrl[" + method + " " + Redaction.redactUri(url) + ", expires " + expiration
                + (warnings.isEmpty() ? "" : ", warnings " + warnings) + "]";
    }

    /**
     * Builds a {@link PresignedUrl}. Not thread-safe.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private String url;
        private String method;
        private Headers signedHeaders = Headers.empty();
        private Instant expiration;
        private String canonicalRequest;
        private String stringToSign;
        private String signature;
        private List<String> warnings = List.of();

        private Builder() {
        }

        /**
         * Sets the URL.
         *
         * @param url the presigned URL, without control characters (checked by {@link #build()})
         * @return this builder
         * @since 0.1.0
         */
        public Builder url(String url) {
            Objects.requireNonNull(url, "url");
            this.url = url;
            return this;
        }

        /**
         * Sets the method.
         *
         * @param method the HTTP method
         * @return this builder
         * @since 0.1.0
         */
        public Builder method(String method) {
            Objects.requireNonNull(method, "method");
            this.method = method;
            return this;
        }

        /**
         * Sets the signed headers the client must send.
         *
         * @param signedHeaders the headers
         * @return this builder
         * @since 0.1.0
         */
        public Builder signedHeaders(Headers signedHeaders) {
            Objects.requireNonNull(signedHeaders, "signedHeaders");
            this.signedHeaders = signedHeaders;
            return this;
        }

        /**
         * Sets the expiration.
         *
         * @param expiration the instant
         * @return this builder
         * @since 0.1.0
         */
        public Builder expiration(Instant expiration) {
            Objects.requireNonNull(expiration, "expiration");
            this.expiration = expiration;
            return this;
        }

        /**
         * Sets the canonical request.
         *
         * @param canonicalRequest the canonical request, or null
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
         * @param stringToSign the string to sign
         * @return this builder
         * @since 0.1.0
         */
        public Builder stringToSign(String stringToSign) {
            Objects.requireNonNull(stringToSign, "stringToSign");
            this.stringToSign = stringToSign;
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
         * Sets the warnings (see {@link PresignedUrl#warnings()}).
         *
         * @param warnings the warnings, none blank; copied
         * @return this builder
         * @since 0.2.0
         */
        public Builder warnings(List<String> warnings) {
            this.warnings = List.copyOf(Objects.requireNonNull(warnings, "warnings"));
            return this;
        }

        /**
         * Builds the result.
         *
         * @return the presigned URL
         * @throws IllegalArgumentException if the URL is blank or has a control character, the
         *     method is not a token, or the signature or a warning is blank
         * @since 0.1.0
         */
        public PresignedUrl build() {
            return new PresignedUrl(this);
        }
    }
}
