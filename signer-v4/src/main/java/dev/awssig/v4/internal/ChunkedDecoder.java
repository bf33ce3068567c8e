package dev.awssig.v4.internal;

import dev.awssig.AuthError;
import dev.awssig.VerificationResult;
import dev.awssig.v4.AwsChunkedException;
import dev.awssig.v4.ChecksumAlgorithm;
import dev.awssig.v4.PayloadSigning;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Decodes an {@code aws-chunked} body as a stream, checking each chunk's signature before its
 * data is handed on, and the final chunk, the length and the trailer (signature and checksum)
 * before the end of the stream is reported. Memory is one chunk (bounded by the maximum chunk
 * size), whatever the body size. Not thread-safe.
 */
final class ChunkedDecoder extends InputStream {
    private static final int MAX_LINE = 4096;
    private static final String SIG_EXT = ";chunk-signature=";

    private final InputStream in;
    private final PayloadSigning mode;
    private final ChunkSigner signer;
    private final String accessKeyId;
    private final long declaredLength;
    private final ChecksumAlgorithm checksumAlgorithm;
    private final ChecksumAlgorithm.Running checksum;
    private final int maxChunkSize;
    private final byte[] line = new byte[MAX_LINE];
    private final byte[] computedSig = new byte[64];
    private byte[] data = new byte[0];
    private int pos;
    private int limit;
    private long decoded;
    private boolean done;
    private AwsChunkedException failure;

    ChunkedDecoder(InputStream encoded, PayloadSigning mode, SigningKey key, String amzDate, String seedSignature,
                   long declaredLength, ChecksumAlgorithm checksumAlgorithm, int maxChunkSize) {
        this.in = new BufferedInputStream(encoded, 16 * 1024);
        this.mode = mode;
        this.signer = mode.signsChunks() ? new ChunkSigner(key, amzDate, seedSignature) : null;
        this.accessKeyId = key.accessKeyId;
        this.declaredLength = declaredLength;
        this.checksumAlgorithm = checksumAlgorithm;
        this.checksum = checksumAlgorithm == null ? null : checksumAlgorithm.newRunning();
        this.maxChunkSize = maxChunkSize;
    }

    private AwsChunkedException fail(AuthError error, String message) {
        failure = new AwsChunkedException(VerificationResult.failure(error, message, accessKeyId, null, null));
        return failure;
    }

    private AwsChunkedException failSignature(String what) {
        failure = new AwsChunkedException(VerificationResult.failure(AuthError.SIGNATURE_DOES_NOT_MATCH,
                "The " + what + " signature we calculated does not match the signature you provided.", accessKeyId,
                null, signer.lastStringToSign()));
        return failure;
    }

    /** Reads a CRLF-terminated line into {@link #line}; returns its length without CRLF. */
    private int readLine(String what) throws IOException {
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw fail(AuthError.INCOMPLETE_BODY, "The aws-chunked body ended inside the " + what);
            }
            if (b == '\r') {
                int lf = in.read();
                if (lf != '\n') {
                    throw fail(AuthError.INCOMPLETE_BODY, "The " + what + " of the aws-chunked body is not"
                            + " terminated by CRLF");
                }
                return n;
            }
            if (n == MAX_LINE) {
                throw fail(AuthError.INCOMPLETE_BODY, "The " + what + " of the aws-chunked body is longer than "
                        + MAX_LINE + " bytes");
            }
            line[n++] = (byte) b;
        }
    }

    private boolean nextChunk() throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (done) {
            return false;
        }
        int n = readLine("chunk header");
        int semi = -1;
        for (int i = 0; i < n; i++) {
            if (line[i] == ';') {
                semi = i;
                break;
            }
        }
        int sizeEnd = semi < 0 ? n : semi;
        if (sizeEnd == 0 || sizeEnd > 8) {
            throw fail(AuthError.INCOMPLETE_BODY, "An aws-chunked chunk header has no valid hex size");
        }
        int size = 0;
        for (int i = 0; i < sizeEnd; i++) {
            int d = Character.digit(line[i], 16);
            if (d < 0) {
                throw fail(AuthError.INCOMPLETE_BODY, "An aws-chunked chunk header has no valid hex size");
            }
            size = (size << 4) | d;
        }
        if (size < 0 || size > maxChunkSize) {
            throw fail(AuthError.INVALID_REQUEST, "An aws-chunked chunk is larger than the limit of " + maxChunkSize
                    + " bytes");
        }
        String givenSig = null;
        if (signer != null) {
            String ext = semi < 0 ? "" : new String(line, semi, n - semi, StandardCharsets.US_ASCII);
            if (!ext.startsWith(SIG_EXT) || ext.length() != SIG_EXT.length() + 64) {
                throw fail(AuthError.INCOMPLETE_BODY, "An aws-chunked chunk header has no valid chunk-signature");
            }
            givenSig = ext.substring(SIG_EXT.length());
        }
        if (data.length < size) {
            data = new byte[size];
        }
        int got = 0;
        while (got < size) {
            int r = in.read(data, got, size - got);
            if (r < 0) {
                throw fail(AuthError.INCOMPLETE_BODY, "The aws-chunked body ended inside a chunk");
            }
            got += r;
        }
        if (size > 0) {
            if (in.read() != '\r' || in.read() != '\n') {
                throw fail(AuthError.INCOMPLETE_BODY, "An aws-chunked chunk is not followed by CRLF");
            }
        }
        if (signer != null) {
            signer.signChunk(data, 0, size, computedSig, 0);
            if (!equalsHex(computedSig, givenSig)) {
                throw failSignature(size == 0 ? "final chunk" : "chunk");
            }
        }
        decoded += size;
        if (decoded > declaredLength) {
            throw fail(AuthError.INCOMPLETE_BODY, "The aws-chunked body is longer than x-amz-decoded-content-length");
        }
        if (size == 0) {
            finish();
            done = true;
            return false;
        }
        if (checksum != null) {
            checksum.update(data, 0, size);
        }
        pos = 0;
        limit = size;
        return true;
    }

    private void finish() throws IOException {
        if (decoded != declaredLength) {
            throw fail(AuthError.INCOMPLETE_BODY, "You did not provide the number of bytes specified by"
                    + " x-amz-decoded-content-length (" + declaredLength + "); got " + decoded);
        }
        if (!mode.hasTrailer()) {
            int n = readLine("end of the body");
            if (n != 0) {
                throw fail(AuthError.INCOMPLETE_BODY, "The aws-chunked body has data after the final chunk");
            }
            return;
        }
        String checksumValue = null;
        String canonicalTrailer = null;
        String trailerSig = null;
        while (true) {
            int n = readLine("trailer");
            if (n == 0) {
                break;
            }
            String l = new String(line, 0, n, StandardCharsets.UTF_8);
            int colon = l.indexOf(':');
            if (colon <= 0) {
                throw fail(AuthError.INCOMPLETE_BODY, "An aws-chunked trailer line is not 'name:value'");
            }
            String name = l.substring(0, colon).trim();
            String value = l.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("x-amz-trailer-signature")) {
                trailerSig = value;
            } else if (name.equalsIgnoreCase(checksumAlgorithm.headerName())) {
                if (checksumValue != null) {
                    throw fail(AuthError.INVALID_REQUEST, "The trailer repeats " + checksumAlgorithm.headerName());
                }
                checksumValue = value;
                canonicalTrailer = Canonical.lower(name) + ':' + value + '\n';
            } else {
                throw fail(AuthError.INVALID_REQUEST, "The trailer has a header that x-amz-trailer did not declare: '"
                        + dev.awssig.internal.Checks.printable(name) + "'");
            }
        }
        if (checksumValue == null) {
            throw fail(AuthError.INCOMPLETE_BODY, "The aws-chunked trailer has no " + checksumAlgorithm.headerName());
        }
        if (signer != null) {
            if (trailerSig == null) {
                throw fail(AuthError.INCOMPLETE_BODY, "The aws-chunked trailer has no x-amz-trailer-signature");
            }
            signer.signTrailer(canonicalTrailer.getBytes(StandardCharsets.UTF_8), computedSig, 0);
            if (!equalsHex(computedSig, trailerSig)) {
                throw failSignature("trailer");
            }
        }
        String actual = checksum.base64();
        if (!MessageDigest.isEqual(actual.getBytes(StandardCharsets.US_ASCII),
                checksumValue.getBytes(StandardCharsets.US_ASCII))) {
            throw fail(AuthError.BAD_DIGEST, "The " + checksumAlgorithm.headerName()
                    + " you specified did not match the calculated checksum.");
        }
    }

    private static boolean equalsHex(byte[] computed, String given) {
        if (given == null || given.length() != 64) {
            return false;
        }
        byte[] g = new byte[64];
        for (int i = 0; i < 64; i++) {
            char c = given.charAt(i);
            g[i] = (byte) (c >= 'A' && c <= 'F' ? c + 32 : c);
        }
        return MessageDigest.isEqual(computed, g);
    }

    /**
     * Reads one byte.
     *
     * @return the byte, or -1 at the end
     * @throws IOException if the underlying stream fails, or an {@link dev.awssig.v4.AwsChunkedException}
     *     when a signature, the framing, the length or the checksum is wrong
     * @since 0.1.0
     */
    @Override
    public int read() throws IOException {
        while (pos >= limit) {
            if (!nextChunk()) {
                return -1;
            }
        }
        return data[pos++] & 0xff;
    }

    /**
     * Reads up to {@code len} bytes.
     *
     * @param b the buffer
     * @param off where to write
     * @param len the most bytes to read
     * @return the number of bytes read, or -1 at the end
     * @throws IOException if the underlying stream fails, or an {@link dev.awssig.v4.AwsChunkedException}
     *     when a signature, the framing, the length or the checksum is wrong
     * @since 0.1.0
     */
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (pos >= limit) {
            if (!nextChunk()) {
                return -1;
            }
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(data, pos, b, off, n);
        pos += n;
        return n;
    }

    /**
     * The bytes that can be read without blocking.
     *
     * @return the bytes buffered
     * @since 0.1.0
     */
    @Override
    public int available() {
        return limit - pos;
    }

    /**
     * Closes the underlying stream.
     *
     * @throws IOException if closing fails
     * @since 0.1.0
     */
    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * A description for logs and messages, without secrets, signatures or tokens.
     *
     * @return the description
     * @since 0.1.0
     */
    @Override
    public String toString() {
        return "ChunkedDecoder[" + mode + "]";
    }
}
