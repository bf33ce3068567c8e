package dev.awssig.v4a.internal;

import dev.awssig.v4.ChecksumAlgorithm;
import dev.awssig.v4.PayloadSigning;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPrivateKey;

/**
 * Encodes a body as SigV4a {@code aws-chunked}: reads the source one chunk at a time, signs each
 * chunk with ECDSA (in the signed modes; signatures padded to 144 characters), then writes the
 * final empty chunk and the trailer. Memory is one chunk plus its framing, whatever the body
 * size. Not thread-safe.
 */
final class ChunkedEncoder extends InputStream {
    private static final byte[] SIG_EXT = ";chunk-signature=".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRAILER_SIG = "x-amz-trailer-signature:".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final int SIG = V4a.PADDED_SIGNATURE_LENGTH;

    private final InputStream source;
    private final PayloadSigning mode;
    private final ECPrivateKey key;
    private final ChunkSigner signer;
    private final ChecksumAlgorithm.Running checksum;
    private final ChecksumAlgorithm checksumAlgorithm;
    private final int chunkSize;
    private long remaining;
    private final byte[] frame;
    private int pos;
    private int limit;
    private boolean finalWritten;

    ChunkedEncoder(InputStream source, long decodedLength, int chunkSize, PayloadSigning mode,
                   ChecksumAlgorithm checksumAlgorithm, ECPrivateKey key, String amzDate, String scope,
                   String seedSignature) {
        this.source = source;
        this.remaining = decodedLength;
        this.chunkSize = chunkSize;
        this.mode = mode;
        this.key = key;
        this.signer = mode.signsChunks() ? new ChunkSigner(amzDate, scope, seedSignature) : null;
        this.checksumAlgorithm = mode.hasTrailer() ? checksumAlgorithm : null;
        this.checksum = mode.hasTrailer() ? checksumAlgorithm.newRunning() : null;
        int frameSize = (int) Math.min(chunkSize, Math.max(decodedLength, 0)) + 512;
        this.frame = new byte[frameSize];
    }

    /**
     * The encoded length of a body: every chunk's framing, the final chunk, the trailer and the
     * closing CRLF.
     *
     * @param decodedLength the body length
     * @param chunkSize the chunk size
     * @param mode a streaming mode
     * @param checksumAlgorithm the trailer checksum (trailer modes)
     * @return the Content-Length to send
     */
    static long encodedLength(long decodedLength, int chunkSize, PayloadSigning mode,
                              ChecksumAlgorithm checksumAlgorithm) {
        boolean signed = mode.signsChunks();
        long full = decodedLength / chunkSize;
        int rest = (int) (decodedLength % chunkSize);
        long total = full * chunkLength(chunkSize, signed);
        if (rest > 0) {
            total += chunkLength(rest, signed);
        }
        total += chunkLength(0, signed) - 2; // final chunk: header only
        if (mode.hasTrailer()) {
            total += checksumAlgorithm.headerName().length() + 1 + checksumAlgorithm.base64Length() + 2;
            if (signed) {
                total += TRAILER_SIG.length + SIG + 2;
            }
        }
        return total + 2;
    }

    private static long chunkLength(int size, boolean signed) {
        return hexDigits(size) + (signed ? SIG_EXT.length + SIG : 0) + 2 + size + 2;
    }

    private static int hexDigits(int v) {
        int n = 1;
        while ((v >>>= 4) != 0) {
            n++;
        }
        return n;
    }

    private boolean fill() throws IOException {
        if (finalWritten) {
            return false;
        }
        pos = 0;
        if (remaining > 0) {
            int size = (int) Math.min(chunkSize, remaining);
            int headerLen = hexDigits(size) + (signer != null ? SIG_EXT.length + SIG : 0) + 2;
            int got = 0;
            while (got < size) {
                int r = source.read(frame, headerLen + got, size - got);
                if (r < 0) {
                    throw new IOException("aws-chunked source ended early: " + remaining + " bytes were still expected"
                            + " of the declared length");
                }
                got += r;
            }
            remaining -= size;
            if (checksum != null) {
                checksum.update(frame, headerLen, size);
            }
            int p = writeHex(size, 0);
            if (signer != null) {
                System.arraycopy(SIG_EXT, 0, frame, p, SIG_EXT.length);
                p += SIG_EXT.length;
                signer.signChunk(key, frame, headerLen, size, frame, p);
                p += SIG;
            }
            frame[p++] = '\r';
            frame[p] = '\n';
            int end = headerLen + size;
            frame[end++] = '\r';
            frame[end++] = '\n';
            limit = end;
            return true;
        }
        if (source.read() >= 0) {
            throw new IOException("aws-chunked source is longer than the declared length");
        }
        int p = 0;
        frame[p++] = '0';
        if (signer != null) {
            System.arraycopy(SIG_EXT, 0, frame, p, SIG_EXT.length);
            p += SIG_EXT.length;
            signer.signChunk(key, frame, 0, 0, frame, p);
            p += SIG;
        }
        frame[p++] = '\r';
        frame[p++] = '\n';
        if (checksum != null) {
            byte[] line = (checksumAlgorithm.headerName() + ':' + checksum.base64()).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(line, 0, frame, p, line.length);
            p += line.length;
            frame[p++] = '\r';
            frame[p++] = '\n';
            if (signer != null) {
                byte[] canonical = new byte[line.length + 1];
                System.arraycopy(line, 0, canonical, 0, line.length);
                canonical[line.length] = '\n';
                System.arraycopy(TRAILER_SIG, 0, frame, p, TRAILER_SIG.length);
                p += TRAILER_SIG.length;
                signer.signTrailer(key, canonical, frame, p);
                p += SIG;
                frame[p++] = '\r';
                frame[p++] = '\n';
            }
        }
        frame[p++] = '\r';
        frame[p++] = '\n';
        limit = p;
        finalWritten = true;
        return true;
    }

    private int writeHex(int v, int at) {
        int digits = hexDigits(v);
        for (int i = digits - 1; i >= 0; i--) {
            frame[at + i] = HEX[v & 0xf];
            v >>>= 4;
        }
        return at + digits;
    }

    /**
     * Reads one byte.
     *
     * @return the byte, or -1 at the end
     * @throws IOException if the source fails or has another length than declared
     * @since 0.2.0
     */
    @Override
    public int read() throws IOException {
        if (pos >= limit && !fill()) {
            return -1;
        }
        return frame[pos++] & 0xff;
    }

    /**
     * Reads up to {@code len} bytes.
     *
     * @param b the buffer
     * @param off where to write
     * @param len the most bytes to read
     * @return the number of bytes read, or -1 at the end
     * @throws IOException if the source fails or has another length than declared
     * @since 0.2.0
     */
    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos >= limit && !fill()) {
            return -1;
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(frame, pos, b, off, n);
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
     * Closes the source.
     *
     * @throws IOException if closing fails
     * @since 0.2.0
     */
    @Override
    public void close() throws IOException {
        source.close();
    }

    /**
     * A description without keys or signatures.
     *
     * @return the description
     * @since 0.2.0
     */
    @Override
    public String toString() {
        return "SigV4a ChunkedEncoder[" + mode + ", chunkSize=" + chunkSize + "]";
    }
}
