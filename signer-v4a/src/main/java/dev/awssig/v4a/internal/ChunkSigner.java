package dev.awssig.v4a.internal;

import dev.awssig.SigningException;
import dev.awssig.internal.Crypto;
import dev.awssig.internal.Hex;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;

/**
 * Signs or checks the chunks and the trailer of a SigV4a aws-chunked body. Each string to sign
 * chains on the previous signature (the request's seed signature first):
 * {@code AWS4-ECDSA-P256-SHA256-PAYLOAD\n<date>\n<scope>\n<previous>\n<sha256("")>\n<sha256(chunk)>}
 * for a chunk, {@code AWS4-ECDSA-P256-SHA256-TRAILER\n<date>\n<scope>\n<previous>\n<sha256(trailer)>}
 * for the trailer, each signed with ECDSA P-256 over its SHA-256. On the wire a signature is its
 * DER in hex, padded with {@code *} to 144 characters so that the body length is known up front
 * (as aws-c-auth does); the padding is not part of the chain. One instance per stream, with its
 * own JDK {@code Signature} (a stream may be read on another thread); not thread-safe.
 */
final class ChunkSigner {
    private static final byte[] CHUNK_PREFIX = "AWS4-ECDSA-P256-SHA256-PAYLOAD\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TRAILER_PREFIX = "AWS4-ECDSA-P256-SHA256-TRAILER\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY_HASH = Crypto.EMPTY_SHA256_HEX.getBytes(StandardCharsets.US_ASCII);

    private final Signature signature;
    private final SecureRandom random;
    private final MessageDigest sha = Crypto.newDigest("SHA-256");
    private final byte[] dateScope;
    private final byte[] hash = new byte[32];
    private byte[] previous;
    private byte[] sts = new byte[512];
    private int stsLength;

    ChunkSigner(String amzDate, String scope, String seedSignature) {
        try {
            this.signature = Signature.getInstance("SHA256withECDSA");
        } catch (GeneralSecurityException e) {
            throw new SigningException("SHA256withECDSA is not available in this JVM", e);
        }
        SecureRandom r;
        try {
            r = SecureRandom.getInstance("DRBG");
        } catch (GeneralSecurityException e) {
            r = new SecureRandom();
        }
        this.random = r;
        this.dateScope = (amzDate + '\n' + scope + '\n').getBytes(StandardCharsets.UTF_8);
        this.previous = seedSignature.getBytes(StandardCharsets.US_ASCII);
    }

    /** Builds the string to sign of a chunk (the data's hash) into {@link #sts}. */
    private void chunkStringToSign(byte[] data, int off, int len) {
        sha.update(data, off, len);
        digest();
        begin(CHUNK_PREFIX);
        put(previous);
        put('\n');
        put(EMPTY_HASH);
        put('\n');
        putHash();
    }

    /** Builds the string to sign of the trailer into {@link #sts}. */
    private void trailerStringToSign(byte[] canonicalTrailer) {
        sha.update(canonicalTrailer);
        digest();
        begin(TRAILER_PREFIX);
        put(previous);
        put('\n');
        putHash();
    }

    /**
     * Signs the next chunk; its signature becomes the previous one.
     *
     * @param key the private key
     * @param data the buffer
     * @param off where the chunk starts
     * @param len its length (0 for the final chunk)
     * @param out receives 144 characters (hex, padded with {@code *}) at {@code outOff}
     * @param outOff where to write
     */
    void signChunk(ECPrivateKey key, byte[] data, int off, int len, byte[] out, int outOff) {
        chunkStringToSign(data, off, len);
        finish(key, out, outOff);
    }

    /**
     * Signs the trailer (its canonical form, each header as {@code name:value\n}).
     *
     * @param key the private key
     * @param canonicalTrailer the trailer lines
     * @param out receives 144 characters at {@code outOff}
     * @param outOff where to write
     */
    void signTrailer(ECPrivateKey key, byte[] canonicalTrailer, byte[] out, int outOff) {
        trailerStringToSign(canonicalTrailer);
        finish(key, out, outOff);
    }

    /**
     * Checks the next chunk's signature; the given signature becomes the previous one.
     *
     * @param key the public key
     * @param data the buffer
     * @param off where the chunk starts
     * @param len its length
     * @param given the signature as sent (hex, possibly padded with {@code *})
     * @return whether it verifies
     */
    boolean verifyChunk(ECPublicKey key, byte[] data, int off, int len, String given) {
        chunkStringToSign(data, off, len);
        return check(key, given);
    }

    /**
     * Checks the trailer's signature.
     *
     * @param key the public key
     * @param canonicalTrailer the trailer lines
     * @param given the signature as sent
     * @return whether it verifies
     */
    boolean verifyTrailer(ECPublicKey key, byte[] canonicalTrailer, String given) {
        trailerStringToSign(canonicalTrailer);
        return check(key, given);
    }

    private boolean check(ECPublicKey key, String given) {
        String hex = unpad(given);
        byte[] der = hex == null ? null : Signatures.decodeHex(hex);
        previous = (hex == null ? "" : hex).getBytes(StandardCharsets.US_ASCII);
        if (der == null) {
            return false;
        }
        try {
            signature.initVerify(key);
            signature.update(sts, 0, stsLength);
            return signature.verify(der);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The signature without its trailing {@code *} padding, or null when it is longer than 144. */
    static String unpad(String given) {
        if (given == null || given.length() > V4a.PADDED_SIGNATURE_LENGTH) {
            return null;
        }
        int end = given.length();
        while (end > 0 && given.charAt(end - 1) == V4a.PADDING) {
            end--;
        }
        return given.substring(0, end);
    }

    private void finish(ECPrivateKey key, byte[] out, int outOff) {
        byte[] der;
        try {
            signature.initSign(key, random);
            signature.update(sts, 0, stsLength);
            der = signature.sign();
        } catch (GeneralSecurityException e) {
            throw new SigningException("ECDSA P-256 signing of an aws-chunked chunk failed in the JDK", e);
        }
        byte[] hex = new byte[der.length * 2];
        Hex.encodeTo(der, hex, 0);
        previous = hex;
        System.arraycopy(hex, 0, out, outOff, hex.length);
        Arrays.fill(out, outOff + hex.length, outOff + V4a.PADDED_SIGNATURE_LENGTH, V4a.PADDING);
    }

    private void digest() {
        try {
            sha.digest(hash, 0, 32);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    private void begin(byte[] prefix) {
        stsLength = 0;
        put(prefix);
        put(dateScope);
    }

    private void put(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, sts, stsLength, b.length);
        stsLength += b.length;
    }

    private void put(char c) {
        ensure(1);
        sts[stsLength++] = (byte) c;
    }

    private void putHash() {
        ensure(64);
        stsLength = Hex.encodeTo(hash, 32, sts, stsLength);
    }

    private void ensure(int n) {
        if (stsLength + n > sts.length) {
            sts = Arrays.copyOf(sts, Math.max(sts.length * 2, stsLength + n));
        }
    }

    /** The string to sign of the last chunk or trailer (for error reports). */
    String lastStringToSign() {
        return new String(sts, 0, stsLength, StandardCharsets.UTF_8);
    }
}
