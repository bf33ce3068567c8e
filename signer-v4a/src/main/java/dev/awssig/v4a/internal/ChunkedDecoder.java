package dev.awssig.v4a.internal;

import dev.awssig.AuthError;
import dev.awssig.VerificationLimits;
import dev.awssig.VerificationResult;
import dev.awssig.internal.Ascii;
import dev.awssig.internal.Checks;
import dev.awssig.v4.AwsChunkedException;
import dev.awssig.v4.ChecksumAlgorithm;
import dev.awssig.v4.PayloadSigning;
import dev.awssig.v4.internal.Canonical;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;

/**
 * Decodes a SigV4a {@code aws-chunked} body as a stream, checking each chunk's ECDSA signature
 * before its data is handed on, and the final chunk, the length and the trailer (signature and
 * checksum) before the end of the stream is reported. Memory is one chunk (bounded by the
 * largest chunk accepted), a chunk header line is bounded by
 * {@link VerificationLimits#maxChunkHeaderLength()} and the trailer by
 * {@link VerificationLimits#maxTrailerBytes()}. Failures are {@link AwsChunkedException}s with
 * S3's codes. Not thread-safe.
 */
final class ChunkedDecoder extends InputStream {
    private static final String SIG_EXT = ";chunk-signature=";

    private final InputStream in;
    private final PayloadSigning mode;
    private final ChunkSigner chain;
    private final ECPublicKey key;
    private final String accessKeyId;
    private final long declaredLength;
    private final ChecksumAlgorithm checksumAlgorithm;
    private final ChecksumAlgorithm.Running checksum;
    private final int maxChunkSize;
    private final int maxLine;
    private final int maxTrailerBytes;
    private final byte[] line;
    private byte[] data = new byte[0];
    private int pos;
    private int limit;
    private long decoded;
    private boolean done;
    private AwsChunkedException failure;

    ChunkedDecoder(InputStream encoded, PayloadSigning mode, ChunkSigner chain, ECPublicKey key, String accessKeyId,
                   long declaredLength, ChecksumAlgorithm checksumAlgorithm, int maxChunkSize,
                   VerificationLimits limits) {
        this.in = new BufferedInputStream(encoded, 16 * 1024);
        this.mode = mode;
        this.chain = chain;
        this.key = key;
        this.accessKeyId = accessKeyId;
        this.declaredLength = declaredLength;
        this.checksumAlgorithm = checksumAlgorithm;
        this.checksum = checksumAlgorithm == null ? null : checksumAlgorithm.newRunning();
        this.maxChunkSize = maxChunkSize;
        this.maxLine = Math.max(limits.maxChunkHeaderLength() - 2, 1);
        this.maxTrailerBytes = limits.maxTrailerBytes();
        this.line = new byte[Math.max(maxLine, Math.min(maxTrailerBytes, 64 * 1024))];
    }

    private AwsChunkedException fail(AuthError error, String message) {
        failure = new AwsChunkedException(VerificationResult.failure(error, message, accessKeyId, null, null));
        return failure;
    }

    private AwsChunkedException failSignature(String what) {
        failure = new AwsChunkedException(VerificationResult.failure(AuthError.SIGNATURE_DOES_NOT_MATCH,
                "The " + what + " signature we calculated does not match the signature you provided.", accessKeyId,
                null, chain.lastStringToSign()));
        return failure;
    }

    /** Reads a CRLF-terminated line of at most {@code max} bytes into {@link #line}; returns its length. */
    private int readLine(String what, int max) throws IOException {
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
            if (n >= max) {
                throw fail(AuthError.INCOMPLETE_BODY, "The " + what + " of the aws-chunked body is longer than "
                        + max + " bytes (VerificationLimits)");
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
        int n = readLine("chunk header", maxLine);
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
        long size = 0;
        for (int i = 0; i < sizeEnd; i++) {
            int d = Signatures.digit((char) (line[i] & 0xff));
            if (d < 0) {
                throw fail(AuthError.INCOMPLETE_BODY, "An aws-chunked chunk header has no valid hex size");
            }
            size = (size << 4) | d;
        }
        if (size > maxChunkSize) {
            throw fail(AuthError.INVALID_REQUEST, "An aws-chunked chunk is larger than the limit of " + maxChunkSize
                    + " bytes");
        }
        String givenSig = null;
        if (chain != null) {
            String ext = semi < 0 ? "" : new String(line, semi, n - semi, StandardCharsets.ISO_8859_1);
            if (!ext.startsWith(SIG_EXT) || ext.length() == SIG_EXT.length()
                    || ext.length() > SIG_EXT.length() + V4a.PADDED_SIGNATURE_LENGTH) {
                throw fail(AuthError.INCOMPLETE_BODY, "An aws-chunked chunk header has no valid chunk-signature");
            }
            givenSig = ext.substring(SIG_EXT.length());
        }
        if (decoded + size > declaredLength) {
            // refused before its data is read: the body would be longer than was signed
            throw fail(AuthError.INCOMPLETE_BODY, "The aws-chunked body is longer than x-amz-decoded-content-length");
        }
        int len = (int) size;
        int got = 0;
        while (got < len) {
            if (got == data.length) {
                // grown as the bytes arrive: a chunk header alone never allocates what the body does not carry
                data = java.util.Arrays.copyOf(data, (int) Math.min(len, Math.max(8192L, 2L * data.length)));
            }
            int r = in.read(data, got, Math.min(len, data.length) - got);
            if (r < 0) {
                throw fail(AuthError.INCOMPLETE_BODY, "The aws-chunked body ended inside a chunk");
            }
            got += r;
        }
        if (len > 0 && (in.read() != '\r' || in.read() != '\n')) {
            throw fail(AuthError.INCOMPLETE_BODY, "An aws-chunked chunk is not followed by CRLF");
        }
        if (chain != null && !chain.verifyChunk(key, data, 0, len, givenSig)) {
            throw failSignature(len == 0 ? "final chunk" : "chunk");
        }
        decoded += len;
        if (len == 0) {
            finish();
            done = true;
            return false;
        }
        if (checksum != null) {
            checksum.update(data, 0, len);
        }
        pos = 0;
        limit = len;
        return true;
    }

    private void finish() throws IOException {
        if (decoded != declaredLength) {
            throw fail(AuthError.INCOMPLETE_BODY, "You did not provide the number of bytes specified by"
                    + " x-amz-decoded-content-length (" + declaredLength + "); got " + decoded);
        }
        if (!mode.hasTrailer()) {
            if (readLine("end of the body", maxLine) != 0) {
                throw fail(AuthError.INCOMPLETE_BODY, "The aws-chunked body has data after the final chunk");
            }
            return;
        }
        String checksumValue = null;
        String canonicalTrailer = null;
        String trailerSig = null;
        int trailerBytes = 0;
        while (true) {
            int n = readLine("trailer", Math.min(line.length, Math.max(0, maxTrailerBytes - trailerBytes - 2)));
            trailerBytes += n + 2;
            if (n == 0) {
                break;
            }
            String l = new String(line, 0, n, StandardCharsets.UTF_8);
            int colon = l.indexOf(':');
            if (colon <= 0) {
                throw fail(AuthError.INCOMPLETE_BODY, "An aws-chunked trailer line is not 'name:value'");
            }
            int control = Checks.indexOfControl(l, true);
            if (control >= 0) {
                // trim() below would drop it silently and read "\0x-amz-checksum-..." as the declared name
                throw fail(AuthError.INVALID_REQUEST, "An aws-chunked trailer line has a control character at index "
                        + control);
            }
            String name = l.substring(0, colon).trim();
            String value = l.substring(colon + 1).trim();
            if (Ascii.equalsIgnoreCase(name, "x-amz-trailer-signature")) {
                if (trailerSig != null) {
                    throw fail(AuthError.INVALID_REQUEST, "The trailer repeats x-amz-trailer-signature");
                }
                trailerSig = value;
            } else if (Ascii.equalsIgnoreCase(name, checksumAlgorithm.headerName())) {
                if (checksumValue != null) {
                    throw fail(AuthError.INVALID_REQUEST, "The trailer repeats " + checksumAlgorithm.headerName());
                }
                checksumValue = value;
                canonicalTrailer = Ascii.lower(name) + ':' + value + '\n';
            } else {
                throw fail(AuthError.INVALID_REQUEST, "The trailer has a header that x-amz-trailer did not declare: '"
                        + Checks.printable(name.length() > 64 ? name.substring(0, 64) : name) + "'");
            }
        }
        if (checksumValue == null) {
            throw fail(AuthError.INCOMPLETE_BODY, "The aws-chunked trailer has no " + checksumAlgorithm.headerName());
        }
        if (chain != null) {
            if (trailerSig == null) {
                throw fail(AuthError.INCOMPLETE_BODY, "The aws-chunked trailer has no x-amz-trailer-signature");
            }
            if (!chain.verifyTrailer(key, canonicalTrailer.getBytes(StandardCharsets.UTF_8), trailerSig)) {
                throw failSignature("trailer");
            }
        }
        String actual = checksum.base64();
        if (!MessageDigest.isEqual(actual.getBytes(StandardCharsets.US_ASCII),
                checksumValue.getBytes(StandardCharsets.UTF_8))) {
            throw fail(AuthError.BAD_DIGEST, "The " + checksumAlgorithm.headerName()
                    + " you specified did not match the calculated checksum.");
        }
    }

    /**
     * Reads one byte.
     *
     * @return the byte, or -1 at the end
     * @throws IOException if the body fails, or an {@link AwsChunkedException} when a signature,
     *     the framing, the length or the checksum is wrong
     * @since 0.2.0
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
     * @throws IOException if the body fails, or an {@link AwsChunkedException} when a signature,
     *     the framing, the length or the checksum is wrong
     * @since 0.2.0
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
     * @since 0.2.0
     */
    @Override
    public int available() {
        return limit - pos;
    }

    /**
     * Closes the body.
     *
     * @throws IOException if closing fails
     * @since 0.2.0
     */
    @Override
    public void close() throws IOException {
        in.close();
    }

    /**
     * A description without keys or signatures.
     *
     * @return the description
     * @since 0.2.0
     */
    @Override
    public String toString() {
        return "SigV4a ChunkedDecoder[" + mode + "]";
    }
}
