package dev.awssig.v4;

import dev.awssig.v4.internal.ChunkedEncoder;
import java.util.Objects;

/**
 * Sizes of {@code aws-chunked} bodies, for callers that set {@code Content-Length} themselves.
 * {@link SigV4Signer#sign} in a streaming mode already sets {@code Content-Length},
 * {@code x-amz-decoded-content-length}, {@code Content-Encoding} and {@code x-amz-trailer}, and
 * returns the encoded body as the payload of the signed request.
 *
 * @since 0.1.0
 */
public final class AwsChunked {
    private AwsChunked() {
    }

    /**
     * The encoded length of a body: every chunk's framing ({@code <hex-size>[;chunk-signature=<64 hex>]\r\n},
     * the data, {@code \r\n}), the final empty chunk, the trailer (if any) and the closing {@code \r\n}.
     *
     * @param decodedLength the body length, at least 0
     * @param chunkSize the chunk size, 1 .. 16 MiB
     * @param mode a streaming mode
     * @param checksum the trailer checksum, for the two trailer modes (ignored otherwise)
     * @return the {@code Content-Length} of the aws-chunked body
     * @throws IllegalArgumentException if a value is out of range or the mode does not stream
     * @since 0.1.0
     */
    public static long encodedLength(long decodedLength, int chunkSize, PayloadSigning mode,
                                     ChecksumAlgorithm checksum) {
        Objects.requireNonNull(mode, "mode");
        if (decodedLength < 0) {
            throw new IllegalArgumentException("decodedLength: must be >= 0, was " + decodedLength);
        }
        if (chunkSize < 1 || chunkSize > SigV4Options.MAX_CHUNK_SIZE_LIMIT) {
            throw new IllegalArgumentException("chunkSize: must be 1.." + SigV4Options.MAX_CHUNK_SIZE_LIMIT
                    + ", was " + chunkSize);
        }
        if (mode == null || !mode.isStreaming()) {
            throw new IllegalArgumentException("mode: must be a streaming mode, was " + mode);
        }
        if (mode.hasTrailer() && checksum == null) {
            throw new IllegalArgumentException("checksum: is required for " + mode);
        }
        return ChunkedEncoder.encodedLength(decodedLength, chunkSize, mode, checksum);
    }
}
