package dev.awssig;

import dev.awssig.internal.OptionNames;
import java.util.Objects;

/**
 * The bounds a verifier puts on a request before it does any expensive work: a request is
 * chosen by whoever sends it, so everything a verifier parses, sorts or hashes before it has
 * checked the signature is bounded here. A request over a limit is answered with an S3 error
 * code ({@link AuthError#INVALID_URI}, {@link AuthError#REQUEST_HEADER_SECTION_TOO_LARGE},
 * {@link AuthError#MAX_POST_PRE_DATA_LENGTH_EXCEEDED}, {@link AuthError#INCOMPLETE_BODY})
 * whose message names the limit, and nothing else is computed.
 *
 * <p>The defaults are S3-like and leave room for what real clients send (long session
 * tokens, many {@code x-amz-meta-*} headers, presigned URLs with response overrides); a
 * server tightens or widens them through {@link #OPTION}:
 * <pre>{@code
 * SigningConfig config = SigningConfig.builder()
 *         .region("us-east-1").service("s3")
 *         .option(VerificationLimits.OPTION, VerificationLimits.builder().maxHeaderCount(64).build())
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.2.0
 */
public final class VerificationLimits {
    /**
     * The option under which a {@link SigningConfig} carries the limits for its verifiers.
     *
     * @since 0.2.0
     */
    public static final SigningOption<VerificationLimits> OPTION =
            OptionNames.own("verify.limits", VerificationLimits.class, false);

    private static final VerificationLimits DEFAULTS = new Builder().build();

    private final int maxUriLength;
    private final int maxQueryParameters;
    private final int maxHeaderCount;
    private final int maxHeaderBytes;
    private final int maxAuthorizationLength;
    private final int maxChunkHeaderLength;
    private final int maxTrailerBytes;
    private final int maxPostFieldsBytes;

    private VerificationLimits(Builder b) {
        this.maxUriLength = b.maxUriLength;
        this.maxQueryParameters = b.maxQueryParameters;
        this.maxHeaderCount = b.maxHeaderCount;
        this.maxHeaderBytes = b.maxHeaderBytes;
        this.maxAuthorizationLength = b.maxAuthorizationLength;
        this.maxChunkHeaderLength = b.maxChunkHeaderLength;
        this.maxTrailerBytes = b.maxTrailerBytes;
        this.maxPostFieldsBytes = b.maxPostFieldsBytes;
    }

    /**
     * The default limits (see each accessor for its value).
     *
     * @return the defaults
     * @since 0.2.0
     */
    public static VerificationLimits defaults() {
        return DEFAULTS;
    }

    /**
     * A builder starting from the defaults.
     *
     * @return a new builder
     * @since 0.2.0
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The limits configured for a verifier: the config's {@link #OPTION}, or the defaults.
     *
     * @param config the verifier's configuration
     * @return the limits to apply
     * @since 0.2.0
     */
    public static VerificationLimits of(SigningConfig config) {
        Objects.requireNonNull(config, "config");
        return config.option(OPTION, DEFAULTS);
    }

    /**
     * A builder starting from these limits.
     *
     * @return a new builder
     * @since 0.2.0
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.maxUriLength = maxUriLength;
        b.maxQueryParameters = maxQueryParameters;
        b.maxHeaderCount = maxHeaderCount;
        b.maxHeaderBytes = maxHeaderBytes;
        b.maxAuthorizationLength = maxAuthorizationLength;
        b.maxChunkHeaderLength = maxChunkHeaderLength;
        b.maxTrailerBytes = maxTrailerBytes;
        b.maxPostFieldsBytes = maxPostFieldsBytes;
        return b;
    }

    /**
     * The longest request target (raw path, {@code ?} and raw query) in characters; default
     * 16384. Over it: {@link AuthError#INVALID_URI}.
     *
     * @return the limit
     * @since 0.2.0
     */
    public int maxUriLength() {
        return maxUriLength;
    }

    /**
     * The most query parameters (of the URL, and of a query-API form body); default 1000.
     * Over it: {@link AuthError#INVALID_URI}.
     *
     * @return the limit
     * @since 0.2.0
     */
    public int maxQueryParameters() {
        return maxQueryParameters;
    }

    /**
     * The most header fields; default 256. Over it:
     * {@link AuthError#REQUEST_HEADER_SECTION_TOO_LARGE}.
     *
     * @return the limit
     * @since 0.2.0
     */
    public int maxHeaderCount() {
        return maxHeaderCount;
    }

    /**
     * The largest total of header names and values, in characters; default 16384 (twice the
     * 8 KB S3 documents for a PUT's headers, so that long session tokens fit). Over it:
     * {@link AuthError#REQUEST_HEADER_SECTION_TOO_LARGE}.
     *
     * @return the limit
     * @since 0.2.0
     */
    public int maxHeaderBytes() {
        return maxHeaderBytes;
    }

    /**
     * The longest {@code Authorization} header value, in characters; default 8192. Over it:
     * {@link AuthError#REQUEST_HEADER_SECTION_TOO_LARGE}.
     *
     * @return the limit
     * @since 0.2.0
     */
    public int maxAuthorizationLength() {
        return maxAuthorizationLength;
    }

    /**
     * The longest chunk header line of an {@code aws-chunked} body (size and extensions, with
     * its CRLF), in bytes; default 4096. Over it: {@link AuthError#INCOMPLETE_BODY}.
     *
     * @return the limit
     * @since 0.2.0
     */
    public int maxChunkHeaderLength() {
        return maxChunkHeaderLength;
    }

    /**
     * The largest trailer section of an {@code aws-chunked} body (every trailer line with its
     * CRLF), in bytes; default 16384. Over it: {@link AuthError#INCOMPLETE_BODY}.
     *
     * @return the limit
     * @since 0.2.0
     */
    public int maxTrailerBytes() {
        return maxTrailerBytes;
    }

    /**
     * The largest total of the fields of a POST upload other than the file (the policy among
     * them), in bytes; default 20480, S3's. Over it:
     * {@link AuthError#MAX_POST_PRE_DATA_LENGTH_EXCEEDED}.
     *
     * @return the limit
     * @since 0.2.0
     */
    public int maxPostFieldsBytes() {
        return maxPostFieldsBytes;
    }

    /**
     * Equal when every limit is.
     *
     * @param o the other object
     * @return whether equal
     * @since 0.2.0
     */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof VerificationLimits)) {
            return false;
        }
        VerificationLimits l = (VerificationLimits) o;
        return maxUriLength == l.maxUriLength && maxQueryParameters == l.maxQueryParameters
                && maxHeaderCount == l.maxHeaderCount && maxHeaderBytes == l.maxHeaderBytes
                && maxAuthorizationLength == l.maxAuthorizationLength
                && maxChunkHeaderLength == l.maxChunkHeaderLength && maxTrailerBytes == l.maxTrailerBytes
                && maxPostFieldsBytes == l.maxPostFieldsBytes;
    }

    /**
     * A hash consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     * @since 0.2.0
     */
    @Override
    public int hashCode() {
        return Objects.hash(maxUriLength, maxQueryParameters, maxHeaderCount, maxHeaderBytes,
                maxAuthorizationLength, maxChunkHeaderLength, maxTrailerBytes, maxPostFieldsBytes);
    }

    /**
     * Every limit by name.
     *
     * @return the description
     * @since 0.2.0
     */
    @Override
    public String toString() {
        return "VerificationLimits[maxUriLength=" + maxUriLength + ", maxQueryParameters=" + maxQueryParameters
                + ", maxHeaderCount=" + maxHeaderCount + ", maxHeaderBytes=" + maxHeaderBytes
                + ", maxAuthorizationLength=" + maxAuthorizationLength
                + ", maxChunkHeaderLength=" + maxChunkHeaderLength + ", maxTrailerBytes=" + maxTrailerBytes
                + ", maxPostFieldsBytes=" + maxPostFieldsBytes + "]";
    }

    /**
     * Builds {@link VerificationLimits}; every value must be positive.
     *
     * @since 0.2.0
     */
    public static final class Builder {
        private int maxUriLength = 16 * 1024;
        private int maxQueryParameters = 1000;
        private int maxHeaderCount = 256;
        private int maxHeaderBytes = 16 * 1024;
        private int maxAuthorizationLength = 8 * 1024;
        private int maxChunkHeaderLength = 4 * 1024;
        private int maxTrailerBytes = 16 * 1024;
        private int maxPostFieldsBytes = 20 * 1024;

        private Builder() {
        }

        private static int positive(int value, String field) {
            if (value <= 0) {
                throw new IllegalArgumentException(field + ": must be positive (was " + value + ")");
            }
            return value;
        }

        /**
         * Sets {@link VerificationLimits#maxUriLength()}.
         *
         * @param value characters, positive
         * @return this builder
         * @since 0.2.0
         */
        public Builder maxUriLength(int value) {
            this.maxUriLength = positive(value, "maxUriLength");
            return this;
        }

        /**
         * Sets {@link VerificationLimits#maxQueryParameters()}.
         *
         * @param value parameters, positive
         * @return this builder
         * @since 0.2.0
         */
        public Builder maxQueryParameters(int value) {
            this.maxQueryParameters = positive(value, "maxQueryParameters");
            return this;
        }

        /**
         * Sets {@link VerificationLimits#maxHeaderCount()}.
         *
         * @param value header fields, positive
         * @return this builder
         * @since 0.2.0
         */
        public Builder maxHeaderCount(int value) {
            this.maxHeaderCount = positive(value, "maxHeaderCount");
            return this;
        }

        /**
         * Sets {@link VerificationLimits#maxHeaderBytes()}.
         *
         * @param value characters, positive
         * @return this builder
         * @since 0.2.0
         */
        public Builder maxHeaderBytes(int value) {
            this.maxHeaderBytes = positive(value, "maxHeaderBytes");
            return this;
        }

        /**
         * Sets {@link VerificationLimits#maxAuthorizationLength()}.
         *
         * @param value characters, positive
         * @return this builder
         * @since 0.2.0
         */
        public Builder maxAuthorizationLength(int value) {
            this.maxAuthorizationLength = positive(value, "maxAuthorizationLength");
            return this;
        }

        /**
         * Sets {@link VerificationLimits#maxChunkHeaderLength()}.
         *
         * @param value bytes, positive
         * @return this builder
         * @since 0.2.0
         */
        public Builder maxChunkHeaderLength(int value) {
            this.maxChunkHeaderLength = positive(value, "maxChunkHeaderLength");
            return this;
        }

        /**
         * Sets {@link VerificationLimits#maxTrailerBytes()}.
         *
         * @param value bytes, positive
         * @return this builder
         * @since 0.2.0
         */
        public Builder maxTrailerBytes(int value) {
            this.maxTrailerBytes = positive(value, "maxTrailerBytes");
            return this;
        }

        /**
         * Sets {@link VerificationLimits#maxPostFieldsBytes()}.
         *
         * @param value bytes, positive
         * @return this builder
         * @since 0.2.0
         */
        public Builder maxPostFieldsBytes(int value) {
            this.maxPostFieldsBytes = positive(value, "maxPostFieldsBytes");
            return this;
        }

        /**
         * The limits.
         *
         * @return a new immutable value
         * @since 0.2.0
         */
        public VerificationLimits build() {
            return new VerificationLimits(this);
        }
    }
}
