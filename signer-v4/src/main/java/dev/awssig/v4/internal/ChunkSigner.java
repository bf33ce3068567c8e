package dev.awssig.v4.internal;

import dev.awssig.SigningException;
import dev.awssig.internal.Crypto;
import dev.awssig.internal.Hex;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;

/**
 * Signs (or checks) aws-chunked chunks and trailers: each signature chains on the previous one,
 * starting with the seed signature of the request. One instance per stream; not thread-safe.
 */
final class ChunkSigner {
    private static final byte[] CHUNK_PREFIX = "AWS4-HMAC-SHA256-PAYLOAD\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRAILER_PREFIX = "AWS4-HMAC-SHA256-TRAILER\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY_HASH = Crypto.EMPTY_SHA256_HEX.getBytes(StandardCharsets.US_ASCII);

    private final Mac mac;
    private final MessageDigest sha = Crypto.newDigest("SHA-256");
    private final byte[] dateScope;
    private final byte[] prev = new byte[64];
    private final byte[] hash = new byte[32];
    private final byte[] sig = new byte[32];
    private final ByteBuf sts = new ByteBuf(256);

    ChunkSigner(SigningKey key, String amzDate, String seedSignature) {
        this.mac = Crypto.newMac(Crypto.HMAC_SHA256);
        try {
            mac.init(key.spec);
        } catch (GeneralSecurityException e) {
            throw new SigningException("could not key HmacSHA256", e);
        }
        this.dateScope = (amzDate + '\n' + key.scope + '\n').getBytes(StandardCharsets.US_ASCII);
        byte[] seed = seedSignature.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(seed, 0, prev, 0, 64);
    }

    /**
     * Signs the next chunk and makes its signature the previous one.
     *
     * @param data the buffer
     * @param off the offset of the chunk data
     * @param len the chunk length (0 for the final chunk)
     * @param out receives 64 hex digits at {@code outOff}
     * @param outOff where to write
     */
    void signChunk(byte[] data, int off, int len, byte[] out, int outOff) {
        sha.update(data, off, len);
        try {
            sha.digest(hash, 0, 32);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
        sts.reset();
        sts.append(CHUNK_PREFIX).append(dateScope).append(prev).append('\n').append(EMPTY_HASH).append('\n')
                .appendHex(hash, 32);
        finish(out, outOff);
    }

    /**
     * Signs the trailer (its canonical form, each header as {@code name:value\n}).
     *
     * @param canonicalTrailer the trailer lines
     * @param out receives 64 hex digits at {@code outOff}
     * @param outOff where to write
     */
    void signTrailer(byte[] canonicalTrailer, byte[] out, int outOff) {
        sha.update(canonicalTrailer);
        try {
            sha.digest(hash, 0, 32);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
        sts.reset();
        sts.append(TRAILER_PREFIX).append(dateScope).append(prev).append('\n').appendHex(hash, 32);
        finish(out, outOff);
    }

    private void finish(byte[] out, int outOff) {
        mac.update(sts.buf, 0, sts.len);
        try {
            mac.doFinal(sig, 0);
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        Hex.encodeTo(sig, prev, 0);
        System.arraycopy(prev, 0, out, outOff, 64);
    }

    /** The string to sign of the last chunk or trailer (for error reports). */
    String lastStringToSign() {
        return sts.asString();
    }
}
