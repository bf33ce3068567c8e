package dev.awssig;

/**
 * How the body of a request enters its signature, named independently of the algorithm, so that
 * code which finds its signer through the SPI (the HTTP client adapters, for example) can ask
 * for a streaming upload without depending on a signer module. SigV4 maps these to its
 * {@code x-amz-content-sha256} values; an algorithm that does not sign bodies (SigV2) treats
 * every mode like {@link #UNSIGNED}.
 *
 * @since 0.2.0
 */
public enum PayloadMode {
    /** The SHA-256 of the whole body is signed; the body is read once to hash it, then sent. */
    SIGNED,
    /** The body is not part of the signature ({@code UNSIGNED-PAYLOAD}). */
    UNSIGNED,
    /** {@code aws-chunked} body, every chunk signed ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}). */
    STREAMING_SIGNED,
    /**
     * {@code aws-chunked} body, every chunk signed, and a trailing checksum with its own signature
     * ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}).
     */
    STREAMING_SIGNED_TRAILER,
    /**
     * {@code aws-chunked} body with unsigned chunks and a trailing checksum
     * ({@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}); meant for HTTPS.
     */
    STREAMING_UNSIGNED_TRAILER;

    /**
     * Whether this mode sends the body {@code aws-chunked}: the body is read once, while it is
     * sent, and the signed request carries the encoded body and its length.
     *
     * @return true for the {@code STREAMING_*} modes
     * @since 0.2.0
     */
    public boolean isStreaming() {
        return this == STREAMING_SIGNED || this == STREAMING_SIGNED_TRAILER || this == STREAMING_UNSIGNED_TRAILER;
    }
}
