package dev.awssig;

import dev.awssig.internal.Checks;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The body of a request as a signer sees it: bytes, a precomputed SHA-256, no signature over the
 * body at all, or a stream of known length.
 *
 * <p>Immutable and thread-safe (byte arrays are copied in and out).
 *
 * @since 0.1.0
 */
public final class Payload {
    /**
     * What kind of payload this is.
     *
     * @since 0.1.0
     */
    public enum Kind {
        /** The body bytes are known; their SHA-256 is computed by the signer. */
        BYTES,
        /** The caller computed the SHA-256 of the body; the bytes are not given. */
        PRECOMPUTED_SHA256,
        /** The body is not signed ({@code UNSIGNED-PAYLOAD} in SigV4). */
        UNSIGNED,
        /** A stream of known length, for example for {@code aws-chunked} uploads. */
        STREAM
    }

    /**
     * Opens the body of a {@link Kind#STREAM} payload; each call returns a fresh stream.
     *
     * @since 0.1.0
     */
    @FunctionalInterface
    public interface StreamSupplier {
        /**
         * Opens the body.
         *
         * @return a new stream positioned at the first byte
         * @throws IOException if the body cannot be opened
         * @since 0.1.0
         */
        InputStream open() throws IOException;
    }

    private static final byte[] NO_BYTES = new byte[0];
    private static final Payload EMPTY = new Payload(Kind.BYTES, NO_BYTES, null, -1, null);
    private static final Payload UNSIGNED = new Payload(Kind.UNSIGNED, null, null, -1, null);

    private final Kind kind;
    private final byte[] bytes;
    private final String sha256Hex;
    private final long length;
    private final StreamSupplier stream;

    private Payload(Kind kind, byte[] bytes, String sha256Hex, long length, StreamSupplier stream) {
        this.kind = kind;
        this.bytes = bytes;
        this.sha256Hex = sha256Hex;
        this.length = length;
        this.stream = stream;
    }

    /**
     * An empty body.
     *
     * @return the empty payload
     * @since 0.1.0
     */
    public static Payload empty() {
        return EMPTY;
    }

    /**
     * A body given as bytes (copied).
     *
     * @param bytes the body
     * @return the payload
     * @since 0.1.0
     */
    public static Payload ofBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        return bytes.length == 0 ? EMPTY : new Payload(Kind.BYTES, bytes.clone(), null, -1, null);
    }

    /**
     * A body whose SHA-256 the caller already computed.
     *
     * @param sha256Hex 64 lowercase hex digits
     * @return the payload
     * @throws IllegalArgumentException if the value is not 64 hex digits
     * @since 0.1.0
     */
    public static Payload ofSha256Hex(String sha256Hex) {
        Objects.requireNonNull(sha256Hex, "sha256Hex");
        return new Payload(Kind.PRECOMPUTED_SHA256, null, Checks.requireSha256Hex(sha256Hex, "payloadHash"), -1, null);
    }

    /**
     * A body that is not signed.
     *
     * @return the unsigned payload
     * @since 0.1.0
     */
    public static Payload unsigned() {
        return UNSIGNED;
    }

    /**
     * A body read from a stream of known length.
     *
     * @param stream opens the body; may be called more than once
     * @param length the number of bytes the stream yields, at least 0
     * @return the payload
     * @throws IllegalArgumentException if the length is negative
     * @since 0.1.0
     */
    public static Payload ofStream(StreamSupplier stream, long length) {
        Objects.requireNonNull(stream, "stream");
        if (length < 0) {
            throw new IllegalArgumentException("payload length must be >= 0, was " + length);
        }
        return new Payload(Kind.STREAM, null, null, length, stream);
    }

    /**
     * The kind of this payload.
     *
     * @return the kind
     * @since 0.1.0
     */
    public Kind kind() {
        return kind;
    }

    /**
     * A copy of the body bytes of a {@link Kind#BYTES} payload.
     *
     * @return the bytes
     * @throws IllegalStateException if this is not a {@link Kind#BYTES} payload
     * @since 0.1.0
     */
    public byte[] bytes() {
        if (kind != Kind.BYTES) {
            throw new IllegalStateException("payload of kind " + kind + " has no bytes");
        }
        return bytes.clone();
    }

    /**
     * Feeds the body bytes of a {@link Kind#BYTES} payload to a digest, without copying them.
     *
     * @param digest the digest to update
     * @throws IllegalStateException if this is not a {@link Kind#BYTES} payload
     * @since 0.1.0
     */
    public void updateDigest(java.security.MessageDigest digest) {
        Objects.requireNonNull(digest, "digest");
        if (kind != Kind.BYTES) {
            throw new IllegalStateException("payload of kind " + kind + " has no bytes");
        }
        digest.update(bytes);
    }

    /**
     * The precomputed SHA-256 of a {@link Kind#PRECOMPUTED_SHA256} payload.
     *
     * @return 64 lowercase hex digits
     * @throws IllegalStateException for another kind
     * @since 0.1.0
     */
    public String sha256Hex() {
        if (kind != Kind.PRECOMPUTED_SHA256) {
            throw new IllegalStateException("payload of kind " + kind + " has no precomputed hash");
        }
        return sha256Hex;
    }

    /**
     * The body length when it is known (bytes and stream payloads).
     *
     * @return the length, or empty
     * @since 0.1.0
     */
    public OptionalLong contentLength() {
        switch (kind) {
            case BYTES:
                return OptionalLong.of(bytes.length);
            case STREAM:
                return OptionalLong.of(length);
            default:
                return OptionalLong.empty();
        }
    }

    /**
     * Opens the body of a bytes or stream payload.
     *
     * @return a new stream
     * @throws IOException if the stream supplier fails
     * @throws IllegalStateException for a payload without a body
     * @since 0.1.0
     */
    public InputStream openStream() throws IOException {
        switch (kind) {
            case BYTES:
                return new ByteArrayInputStream(bytes);
            case STREAM:
                return stream.open();
            default:
                throw new IllegalStateException("payload of kind " + kind + " has no body to read");
        }
    }

    /**
     * Value equality: kind, bytes, hash and length; stream payloads are equal only with the same supplier.
     *
     * @param o the other object
     * @return whether both describe the same value
     * @since 0.1.0
     */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Payload)) {
            return false;
        }
        Payload p = (Payload) o;
        return kind == p.kind && Arrays.equals(bytes, p.bytes) && Objects.equals(sha256Hex, p.sha256Hex)
                && length == p.length && stream == p.stream;
    }

    /**
     * A hash consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     * @since 0.1.0
     */
    @Override
    public int hashCode() {
        return Objects.hash(kind, Arrays.hashCode(bytes), sha256Hex, length);
    }

    /**
     * A description for logs and messages, without secrets, signatures or tokens.
     *
     * @return the description
     * @since 0.1.0
     */
    @Override
    public String toString() {
        switch (kind) {
            case BYTES:
                return "Payload[BYTES, length=" + bytes.length + "]";
            case STREAM:
                return "Payload[STREAM, length=" + length + "]";
            case PRECOMPUTED_SHA256:
                return "Payload[PRECOMPUTED_SHA256, " + sha256Hex + "]";
            default:
                return "Payload[UNSIGNED]";
        }
    }
}
