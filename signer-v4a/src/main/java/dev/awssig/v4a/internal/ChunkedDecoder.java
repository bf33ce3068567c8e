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
 *
 * <p>The body ends where the aws-chunked framing ends, and the decoder never reads past it (as
 * signer-v4's decoder): with a {@code Content-Length} it reads within it, in blocks, and bytes
 * left after the final chunk (or the trailer) are an error, as is a body that ends before it.
 * Without one it reads ahead only as far as a valid body must still reach: the smallest possible
 * rest (a final chunk with the shortest DER signature, the trailer lines), and, once the first
 * bytes of a signature are read, the length its DER header announces. So the start of a request
 * pipelined after this one stays in the caller's stream.
 */
final class ChunkedDecoder extends InputStream {
    private static final String SIG_EXT = ";chunk-signature=";
    private static final byte[] SIG_EXT_BYTES = SIG_EXT.getBytes(StandardCharsets.US_ASCII);
    private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";
    /**
     * The fewest hex characters of a signature that can verify: a DER SEQUENCE of two INTEGERs of
     * one byte each ({@code 30 06 02 01 r 02 01 s}, 8 bytes).
     */
    private static final int MIN_SIGNATURE_HEX = 16;
    /** What {@link #readLine} reads: a chunk header, a trailer line or the end of the body. */
    private static final int CHUNK_HEADER = 0;
    private static final int TRAILER_LINE = 1;
    private static final int END_LINE = 2;

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
    private byte[] data = new byte[0];
    private int pos;
    private int limit;
    private long decoded;
    private boolean done;
    private AwsChunkedException failure;

    ChunkedDecoder(InputStream encoded, PayloadSigning mode, ChunkSigner chain, ECPublicKey key, String accessKeyId,
                   long declaredLength, ChecksumAlgorithm checksumAlgorithm, int maxChunkSize,
                   VerificationLimits limits, long contentLength) {
        this.in = encoded;
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
        this.contentLength = contentLength;
        // "0;chunk-signature=<the shortest signature>\r\n" or "0\r\n"
        int finalChunk = chain != null ? 1 + SIG_EXT.length() + MIN_SIGNATURE_HEX + 2 : 3;
        if (mode.hasTrailer()) {
            // the checksum line with a value of its exact length, the trailer signature line, the empty line
            this.tail = checksumAlgorithm.headerName().length() + 1 + checksumAlgorithm.base64Length() + 2
                    + (chain != null ? TRAILER_SIGNATURE.length() + 1 + MIN_SIGNATURE_HEX + 2 : 0) + 2;
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
                null, chain.lastStringToSign()));
        return failure;
    }

    /** The failure of a body that ended early, naming Content-Length when that is where it ended. */
    private AwsChunkedException ended(String where) {
        return fail(AuthError.INCOMPLETE_BODY, "The aws-chunked body ended inside " + where
                + (contentLength >= 0 && fetched >= contentLength ? " (Content-Length " + contentLength + ")" : ""));
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
     * Reads a CRLF-terminated line of at most {@code max} bytes into {@link #line}; returns its
     * length. When the bytes known to be body run out in a signed line, {@link #probeSignature}
     * looks at what the line says of its own length before a byte at a time is read.
     */
    private int readLine(String what, int max, int kind) throws IOException {
        long start = position();
        int n = 0;
        while (true) {
            if (bufPos == bufLimit) {
                if (chain != null && contentLength < 0 && fetched >= knownEnd) {
                    probeSignature(kind, start, n);
                }
                if (fill() < 0) {
                    throw ended("the " + what);
                }
            }
            int b = buf[bufPos++] & 0xff;
            if (b == '\r') {
                int lf = nextByte();
                if (lf != '\n') {
                    throw lf < 0 ? ended("the " + what) : fail(AuthError.INCOMPLETE_BODY, "The " + what
                            + " of the aws-chunked body is not terminated by CRLF");
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

    /**
     * Without Content-Length, a signed line whose first {@code n} bytes (from {@code start}) are
     * read: when they reach the first four hex digits of its signature ({@code 30} and the DER
     * length), a valid body has at least the whole signature, the CRLF and then, after a chunk
     * of data, that chunk, its CRLF and a final chunk, or else what follows a final chunk. A
     * signature that does not start so never verifies, and nothing more becomes known.
     */
    private void probeSignature(int kind, long start, int n) {
        int sigAt;
        long after;
        if (kind == CHUNK_HEADER) {
            int semi = 0;
            while (semi < n && line[semi] != ';') {
                semi++;
            }
            sigAt = semi + SIG_EXT_BYTES.length;
            if (sigAt + 4 > n || !startsWith(line, semi, SIG_EXT_BYTES)) {
                return;
            }
            if (semi == 0 || semi > 8) {
                return;
            }
            long size = 0;
            for (int i = 0; i < semi; i++) {
                int d = Signatures.digit((char) (line[i] & 0xff));
                if (d < 0) {
                    return;
                }
                size = (size << 4) | d;
            }
            if (size > maxChunkSize || decoded + size > declaredLength) {
                return; // refused once the line is read
            }
            after = size > 0 ? size + 2 + minTail : tail;
        } else if (kind == TRAILER_LINE) {
            sigAt = TRAILER_SIGNATURE.length() + 1;
            if (sigAt + 4 > n || line[sigAt - 1] != ':' || !Ascii.equalsIgnoreCase(
                    new String(line, 0, sigAt - 1, StandardCharsets.ISO_8859_1), TRAILER_SIGNATURE)) {
                return;
            }
            after = 2; // the empty line that ends the trailer
        } else {
            return;
        }
        int length = derLength(line, sigAt);
        if (length > 0) {
            knownTo(start + sigAt + 2L * length + 2 + after);
        }
    }

    /** The DER length of a signature whose hex starts at {@code at} ({@code 30 LL}: 2 + LL bytes), or -1. */
    private static int derLength(byte[] text, int at) {
        int t0 = Signatures.digit((char) (text[at] & 0xff));
        int t1 = Signatures.digit((char) (text[at + 1] & 0xff));
        int l0 = Signatures.digit((char) (text[at + 2] & 0xff));
        int l1 = Signatures.digit((char) (text[at + 3] & 0xff));
        if (t0 != 3 || t1 != 0 || (l0 | l1) < 0) {
            return -1;
        }
        int length = 2 + (l0 << 4 | l1);
        return length <= Signatures.MAX_DER_LENGTH ? length : -1;
    }

    private static boolean startsWith(byte[] text, int at, byte[] prefix) {
        for (int i = 0; i < prefix.length; i++) {
            if (text[at + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private boolean nextChunk() throws IOException {
        if (failure != null) {
            throw failure;
        }
        if (done) {
            return false;
        }
        long headerStart = position();
        int n = readLine("chunk header", maxLine, CHUNK_HEADER);
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
        // a valid body goes on with this chunk's data, its CRLF and at least a final chunk
        knownTo(len > 0 ? headerStart + n + 2 + len + 2 + minTail : headerStart + n + 2 + tail);
        int got = 0;
        while (got < len) {
            if (got == data.length) {
                // grown as the bytes arrive: a chunk header alone never allocates what the body does not carry
                data = java.util.Arrays.copyOf(data, (int) Math.min(len, Math.max(8192L, 2L * data.length)));
            }
            int want = Math.min(len, data.length) - got;
            if (!readFully(data, got, want)) {
                throw ended("a chunk");
            }
            got += want;
        }
        if (len > 0) {
            int cr = nextByte();
            int lf = cr == '\r' ? nextByte() : cr;
            if (cr != '\r' || lf != '\n') {
                throw lf < 0 ? ended("a chunk's CRLF") : fail(AuthError.INCOMPLETE_BODY,
                        "An aws-chunked chunk is not followed by CRLF");
            }
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
            if (readLine("end of the body", maxLine, END_LINE) != 0) {
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
        int trailerBytes = 0;
        while (true) {
            int n = readLine("trailer", Math.min(line.length, Math.max(0, maxTrailerBytes - trailerBytes - 2)),
                    TRAILER_LINE);
            trailerBytes += n + 2;
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
                        + Checks.printable(name.length() > 64 ? name.substring(0, 64) : name) + "'");
            }
        }
        if (checksumValue == null) {
            throw fail(AuthError.INCOMPLETE_BODY, "The aws-chunked trailer has no " + checksumAlgorithm.headerName());
        }
        if (chain != null) {
            if (trailerSig == null) {
                throw fail(AuthError.INCOMPLETE_BODY, "The aws-chunked trailer has no " + TRAILER_SIGNATURE);
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
     * The framing has ended: with a Content-Length, exactly there. Without one, nothing past the
     * framing was read: every read is bounded by {@link #knownEnd}, which never passes the end
     * of a valid body.
     */
    private void endOfBody() throws IOException {
        long end = position();
        if (contentLength >= 0 && end != contentLength) {
            String framing = mode.hasTrailer() ? "its final chunk and trailer" : "its final chunk";
            // a byte more is still within Content-Length: is the body longer than its framing, or cut short?
            throw fail(AuthError.INCOMPLETE_BODY, nextByte() >= 0
                    ? "The aws-chunked body has data after " + framing + ": its framing ends at byte " + end
                            + " of Content-Length " + contentLength
                    : "The aws-chunked body ended after " + framing + " at byte " + end + ", short of its"
                            + " Content-Length " + contentLength);
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
