package dev.awssig.v4;

/**
 * How the body enters a SigV4 signature: the value of {@code x-amz-content-sha256} and of the
 * last line of the canonical request.
 *
 * @since 0.1.0
 */
public enum PayloadSigning {
    /**
     * The SHA-256 of the body: computed from bytes or a stream payload, or the caller's
     * precomputed hash; {@link dev.awssig.Payload#unsigned()} still gives {@code UNSIGNED-PAYLOAD}.
     */
    SIGNED(null),
    /** {@code UNSIGNED-PAYLOAD}: the body is not part of the signature. */
    UNSIGNED("UNSIGNED-PAYLOAD"),
    /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}: aws-chunked, every chunk signed. */
    STREAMING_SIGNED("STREAMING-AWS4-HMAC-SHA256-PAYLOAD"),
    /** {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}: signed chunks and a signed trailing checksum. */
    STREAMING_SIGNED_TRAILER("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"),
    /** {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}: unsigned aws-chunked body with a trailing checksum. */
    STREAMING_UNSIGNED_TRAILER("STREAMING-UNSIGNED-PAYLOAD-TRAILER");

    private static final PayloadSigning[] ALL = values();
    /** The length of the longest literal. */
    private static final int LONGEST = java.util.Arrays.stream(ALL)
            .mapToInt(p -> p.literal == null ? 0 : p.literal.length()).max().orElse(0);

    private final String literal;

    PayloadSigning(String literal) {
        this.literal = literal;
    }

    /**
     * The literal that stands in for the payload hash, or null for {@link #SIGNED}.
     *
     * @return for example {@code UNSIGNED-PAYLOAD}
     * @since 0.1.0
     */
    public String literal() {
        return literal;
    }

    /**
     * Whether this is one of the aws-chunked streaming modes.
     *
     * @return true for the {@code STREAMING-*} modes
     * @since 0.1.0
     */
    public boolean isStreaming() {
        return this == STREAMING_SIGNED || this == STREAMING_SIGNED_TRAILER || this == STREAMING_UNSIGNED_TRAILER;
    }

    /**
     * Whether the aws-chunked body ends with a trailing checksum header.
     *
     * @return true for the two trailer modes
     * @since 0.1.0
     */
    public boolean hasTrailer() {
        return this == STREAMING_SIGNED_TRAILER || this == STREAMING_UNSIGNED_TRAILER;
    }

    /**
     * Whether each aws-chunked chunk carries a chunk signature.
     *
     * @return true for the two signed streaming modes
     * @since 0.1.0
     */
    public boolean signsChunks() {
        return this == STREAMING_SIGNED || this == STREAMING_SIGNED_TRAILER;
    }

    /**
     * The mode named by an {@code x-amz-content-sha256} value.
     *
     * @param value the header value, or null (a request without the header)
     * @return the streaming or unsigned mode, or null for a hash, an unknown value or null
     * @since 0.1.0
     */
    public static PayloadSigning fromLiteral(String value) {
        // a hash (64 hex digits) is longer than every literal: answered without comparing
        if (value == null || value.length() > LONGEST) {
            return null;
        }
        for (PayloadSigning p : ALL) { // values() would copy the array on every call
            if (p.literal != null && p.literal.equals(value)) {
                return p;
            }
        }
        return null;
    }
}
