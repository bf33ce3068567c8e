package dev.awssig.v4.internal;

import dev.awssig.AuthError;
import dev.awssig.VerificationLimits;
import dev.awssig.VerificationResult;
import dev.awssig.internal.Ascii;
import dev.awssig.internal.Checks;
import dev.awssig.internal.Hex;
import dev.awssig.v4.AwsChunkedException;
import dev.awssig.v4.ChecksumAlgorithm;
import dev.awssig.v4.PayloadSigning;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Decodes an {@code aws-chunked} body as a stream, checking each chunk's signature before its
 * data is handed on, and the final chunk, the length and the trailer (signature and checksum)
 * before the end of the stream is reported. Memory is one chunk (bounded by the maximum chunk
 * size), whatever the body size. Not thread-safe.
 *
 * <p>The body ends where the aws-chunked framing ends, and the decoder never reads past it: it
 * reads ahead only as far as a valid body must still reach (the smallest possible rest: a final
 * chunk and, in trailer modes, the trailer lines), so the start of a request pipelined after
 * this one stays in the caller's stream. With a {@code Content-Length} the body is exactly that
 * long: the decoder reads within it, and bytes left after the final chunk (or after the
 * trailer) are an error, as is a body that ends before it. Chunk header lines and the trailer
 * section are bounded by {@link VerificationLimits#maxChunkHeaderLength()} and
 * {@link VerificationLimits#maxTrailerBytes()}.
 */
final class ChunkedDecoder extends InputStream {
    private static final String SIG_EXT = ";chunk-signature=";
    private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";

    private final InputStream in;
    private final PayloadSigning mode;
    private final ChunkSigner signer;
    private final String accessKeyId;
    private final long declaredLength;
    private final ChecksumAlgorithm checksumAlgorithm;
    private final ChecksumAlgorithm.Running checksum;
    private final int maxChunkSize;
    private final int maxChunkHeaderLength;
    private final int maxTrailerBytes;
    /** The body's length from Content-Length, or -1 when the framing alone ends it. */
    private final long contentLength;
    /** The fewest bytes a valid body has from a chunk header on: a final chunk, its end, a trailer. */
    private final int minTail;
    /** The fewest bytes a valid body has after its final chunk header: the empty line, or the trailer. */
    private final int tail;

    /** Bytes read from {@link #in} and not yet parsed: {@code [bufPos, bufLimit)}. */
    private final byte[] buf = new byte[16 * 1024];
    private int bufPos;
    private int bufLimit;
    /** Bytes read from {@link #in} so far. */
    private long fetched;
    /** How far into the body a valid body is known to reach: reading up to here never reads past it. */
    private long knownEnd;

    private byte[] line = new byte[128];
    private final byte[] computedSig = new byte[64];
    private byte[] data = new byte[0];
    private int pos;
    private int limit;
    private long decoded;
    private boolean done;
    private AwsChunkedException failure;

    ChunkedDecoder(InputStream encoded, PayloadSigning mode, SigningKey key, String amzDate, String seedSignature,
                   long declaredLength, ChecksumAlgorithm checksumAlgorithm, int maxChunkSize,
                   VerificationLimits limits, long contentLength) {
        this.in = encoded;
        this.mode = mode;
        this.signer = mode.signsChunks() ? new ChunkSigner(key, amzDate, seedSignature) : null;
        this.accessKeyId = key.accessKeyId;
        this.declaredLength = declaredLength;
        this.checksumAlgorithm = checksumAlgorithm;
        this.checksum = checksumAlgorithm == null ? null : checksumAlgorithm.newRunning();
        this.maxChunkSize = maxChunkSize;
        this.maxChunkHeaderLength = limits.maxChunkHeaderLength();
        this.maxTrailerBytes = limits.maxTrailerBytes();
        this.contentLength = contentLength;
        int finalChunk = signer != null ? 1 + SIG_EXT.length() + 64 + 2 : 3; // "0;chunk-signature=<64>\r\n" or "0\r\n"
        if (mode.hasTrailer()) {
            // the checksum line with a value of its exact length, the trailer signature line, the empty line
            this.tail = checksumAlgorithm.headerName().length() + 1 + checksumAlgorithm.base64Length() + 2
                    + (signer != null ? TRAILER_SIGNATURE.length() + 1 + 64 + 2 : 0) + 2;
        } else {
            this.tail = 2;
        }
        this.minTail = finalChunk + tail;
        this.knownEnd = contentLength >= 0 ? contentLength : minTail;
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

    // ------------------------------------------------------------------ reading the encoded body

    /** The offset in the body of the next byte to parse. */
    private long position() {
        return fetched - (bufLimit - bufPos);
    }

    /** Makes a valid body known to reach at least {@code end} (an offset in the body). */
    private void knownTo(long end) {
        if (contentLength < 0 && end > knownEnd) {
            knownEnd = end;
        }
    }

    /**
     * Refills the empty buffer with at most as many bytes as a valid body still has for sure,
     * and at least one when the framing needs one (a byte that a valid body has); -1 at the end
     * of the stream or of Content-Length.
     */
    private int fill() throws IOException {
        long allowed = knownEnd - fetched;
        if (allowed <= 0) {
            if (contentLength >= 0) {
                return -1; // Content-Length reached
            }
            allowed = 1;
        }
        int r = in.read(buf, 0, (int) Math.min(buf.length, allowed));
        if (r <= 0) {
            return -1;
        }
        bufPos = 0;
        bufLimit = r;
        fetched += r;
        return r;
    }

    private int nextByte() throws IOException {
        if (bufPos == bufLimit && fill() < 0) {
            return -1;
        }
        return buf[bufPos++] & 0xff;
    }

    /**
     * Reads a chunk's {@code n} bytes into {@link #data}, growing it as the bytes arrive: a chunk
     * header alone (up to the largest chunk accepted) never makes the decoder allocate what the
     * body does not carry.
     */
    private boolean readData(int n) throws IOException {
        int got = 0;
        while (got < n) {
            if (got == data.length) {
                data = java.util.Arrays.copyOf(data, (int) Math.min(n, Math.max(8192L, 2L * data.length)));
            }
            int want = Math.min(n, data.length) - got;
            if (!readFully(data, got, want)) {
                return false;
            }
            got += want;
        }
        return true;
    }

    /** Reads exactly {@code n} bytes into {@code dst} at {@code off}, from the buffer and then straight from the stream. */
    private boolean readFully(byte[] dst, int off, int n) throws IOException {
        int got = Math.min(n, bufLimit - bufPos);
        System.arraycopy(buf, bufPos, dst, off, got);
        bufPos += got;
        while (got < n) {
            long room = contentLength >= 0 ? contentLength - fetched : n - got;
            if (room <= 0) {
                return false;
            }
            int r = in.read(dst, off + got, (int) Math.min(n - got, room));
            if (r <= 0) {
                return false;
            }
            got += r;
            fetched += r;
        }
        return true;
    }

    /**
     * Reads a CRLF-terminated line into {@link #line}; returns its length without CRLF.
     *
     * @param what what the line is, for messages
     * @param max the most bytes the line may take with its CRLF
     * @param limit the {@link VerificationLimits} value behind {@code max}, for the message
     * @param limitName its accessor
     */
    private int readLine(String what, int max, int limit, String limitName) throws IOException {
        int n = 0;
        while (true) {
            int b = nextByte();
            if (b < 0) {
                throw fail(AuthError.INCOMPLETE_BODY, "The aws-chunked body ended inside the " + what);
            }
            if (b == '\r') {
                int lf = nextByte();
                if (lf != '\n') {
                    throw fail(AuthError.INCOMPLETE_BODY, "The " + what + " of the aws-chunked body is not"
                            + " terminated by CRLF");
                }
                return n;
            }
            if (n + 2 >= max) {
                throw fail(AuthError.INCOMPLETE_BODY, "The " + what + " of the aws-chunked body is longer than "
                        + limit + " bytes (VerificationLimits." + limitName + ")");
            }
            if (n == line.length) {
                line = java.util.Arrays.copyOf(line, Math.min(line.length * 2, max));
            }
            line[n++] = (byte) b;
        }
    }

    // ------------------------------------------------------------------ framing

    private boolean nextChunk() throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (done) {
            return false;
        }
        long headerStart = position();
        int n = readLine("chunk header", maxChunkHeaderLength, maxChunkHeaderLength, "maxChunkHeaderLength");
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
            int d = Hex.digit(line[i]);
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
        if (signer != null) {
            String ext = semi < 0 ? "" : new String(line, semi, n - semi, StandardCharsets.ISO_8859_1);
            if (!ext.startsWith(SIG_EXT) || ext.length() != SIG_EXT.length() + 64) {
                throw fail(AuthError.INCOMPLETE_BODY, "An aws-chunked chunk header has no valid chunk-signature");
            }
            givenSig = ext.substring(SIG_EXT.length());
        }
        if (decoded + size > declaredLength) {
            // refused before its data is read: the body would be longer than was signed
            throw fail(AuthError.INCOMPLETE_BODY, "The aws-chunked body is longer than x-amz-decoded-content-length");
        }
        int chunk = (int) size;
        long afterHeader = headerStart + n + 2;
        // a valid body goes on with this chunk's data, its CRLF and at least a final chunk
        knownTo(chunk > 0 ? afterHeader + chunk + 2 + minTail : afterHeader + tail);
        if (!readData(chunk)) {
            throw fail(AuthError.INCOMPLETE_BODY, "The aws-chunked body ended inside a chunk");
        }
        if (chunk > 0 && (nextByte() != '\r' || nextByte() != '\n')) {
            throw fail(AuthError.INCOMPLETE_BODY, "An aws-chunked chunk is not followed by CRLF");
        }
        if (signer != null) {
            signer.signChunk(data, 0, chunk, computedSig, 0);
            if (!equalsHex(computedSig, givenSig)) {
                throw failSignature(chunk == 0 ? "final chunk" : "chunk");
            }
        }
        decoded += chunk;
        if (chunk == 0) {
            finish();
            done = true;
            return false;
        }
        if (checksum != null) {
            checksum.update(data, 0, chunk);
        }
        pos = 0;
        limit = chunk;
        return true;
    }

    private void finish() throws IOException {
        if (decoded != declaredLength) {
            throw fail(AuthError.INCOMPLETE_BODY, "You did not provide the number of bytes specified by"
                    + " x-amz-decoded-content-length (" + declaredLength + "); got " + decoded);
        }
        if (!mode.hasTrailer()) {
            int n = readLine("end of the body", maxChunkHeaderLength, maxChunkHeaderLength,
                    "maxChunkHeaderLength");
            if (n != 0) {
                throw fail(AuthError.INCOMPLETE_BODY, "The aws-chunked body has data after the final chunk");
            }
        } else {
            readTrailer();
        }
        endOfBody();
    }

    private void readTrailer() throws IOException {
        String checksumValue = null;
        String canonicalTrailer = null;
        String trailerSig = null;
        long trailerStart = position();
        while (true) {
            int room = (int) Math.max(0, Math.min(Integer.MAX_VALUE, maxTrailerBytes - (position() - trailerStart)));
            int n = readLine("trailer", room, maxTrailerBytes, "maxTrailerBytes");
            if (n == 0) {
                break;
            }
            knownTo(position() + 2); // the empty line that ends the trailer
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
            if (Ascii.equalsIgnoreCase(name, TRAILER_SIGNATURE)) {
                if (trailerSig != null) {
                    throw fail(AuthError.INVALID_REQUEST, "The trailer repeats " + TRAILER_SIGNATURE);
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
                        + Checks.printable(name) + "'");
            }
        }
        if (checksumValue == null) {
            throw fail(AuthError.INCOMPLETE_BODY, "The aws-chunked trailer has no " + checksumAlgorithm.headerName());
        }
        if (signer != null) {
            if (trailerSig == null) {
                throw fail(AuthError.INCOMPLETE_BODY, "The aws-chunked trailer has no " + TRAILER_SIGNATURE);
            }
            signer.signTrailer(canonicalTrailer.getBytes(StandardCharsets.UTF_8), computedSig, 0);
            if (!equalsHex(computedSig, trailerSig)) {
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
     * The framing has ended: with a Content-Length, exactly there. Without one, nothing past the
     * framing was read: every read is bounded by {@link #knownEnd}, which never passes the end
     * of a valid body, so nothing can be left in the buffer here.
     */
    private void endOfBody() throws AwsChunkedException {
        long end = position();
        if (contentLength >= 0 && end != contentLength) {
            throw fail(AuthError.INCOMPLETE_BODY, "The aws-chunked body has " + (contentLength - end)
                    + " bytes after its final chunk" + (mode.hasTrailer() ? " and trailer" : "")
                    + " (Content-Length " + contentLength + ")");
        }
    }

    private static boolean equalsHex(byte[] computed, String given) {
        if (given.length() != 64) { // never null: a chunk header without one and a trailer without one are refused first
            return false;
        }
        byte[] g = new byte[64];
        for (int i = 0; i < 64; i++) {
            char c = given.charAt(i);
            g[i] = (byte) (c >= 'A' && c <= 'F' ? c + 32 : c);
        }
        return MessageDigest.isEqual(computed, g);
    }

    // ------------------------------------------------------------------ InputStream

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
        java.util.Objects.checkFromIndexSize(off, len, b.length);
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
