package dev.awssig.v4a.internal;

import dev.awssig.SigningException;
import dev.awssig.internal.Crypto;
import dev.awssig.internal.ScratchPool;
import dev.awssig.v4.internal.CanonicalWriter;
import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;

/**
 * Per-thread working state of the SigV4a signer and verifier, borrowed and returned at one
 * point: {@code try (Scratch s = Scratch.open()) { ... }}. It holds the canonical-request and
 * string-to-sign buffers, a SHA-256 digest, the JDK's {@code SHA256withECDSA} for signing and
 * for verifying (looking them up is the expensive part of creating them), a per-thread random
 * source for the ECDSA nonces (so threads do not queue on one shared generator), and the header
 * arrays. {@link #close()} drops the references to request values, so nothing a caller sent or
 * signed outlives the call; a nested borrow on the same thread gets a fresh instance. On a
 * virtual thread the scratch comes from a small pool shared by the virtual threads and goes back
 * to it on {@link #close()}, so what is retained is bounded by the pool, not by the number of
 * virtual threads.
 */
final class Scratch implements AutoCloseable {
    private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);
    /** The scratches of calls on virtual threads (see {@link ScratchPool}). */
    static final ScratchPool<Scratch> POOL = ScratchPool.forCarriers();

    final CanonicalWriter creq = new CanonicalWriter();
    final CanonicalWriter sts = new CanonicalWriter();
    final MessageDigest sha = Crypto.newDigest("SHA-256");
    final byte[] hash = new byte[32];
    String[] names = new String[16];
    String[] values = new String[16];
    int[] order = new int[16];
    boolean[] drop = new boolean[16];
    private int used;
    private boolean borrowed;
    /** Whether this scratch goes back to {@link #POOL} on {@link #close()} (it was borrowed on a virtual thread). */
    private boolean pooled;
    private Signature signer;
    private Signature verifier;
    private SecureRandom random;

    private Scratch() {
    }

    /**
     * Borrows this thread's scratch (or a fresh one when it is already borrowed), reset; on a
     * virtual thread, one from {@link #POOL} (or a fresh one when the pool is empty).
     *
     * @return the scratch; close it to return it
     */
    static Scratch open() {
        Scratch s;
        if (ScratchPool.currentThreadIsVirtual()) {
            s = POOL.take(); // a virtual thread does not keep a scratch of its own
            if (s == null) {
                s = new Scratch();
            }
            s.pooled = true;
        } else {
            s = LOCAL.get();
            if (s.borrowed) {
                s = new Scratch();
            }
        }
        s.borrowed = true;
        s.creq.reset();
        s.sts.reset();
        return s;
    }

    /**
     * Makes room for {@code n} headers, keeping those already there (the verifier adds the signed
     * headers one name at a time).
     */
    void ensureHeaders(int n) {
        if (names.length < n) {
            int size = Math.max(n, names.length * 2);
            names = java.util.Arrays.copyOf(names, size);
            values = java.util.Arrays.copyOf(values, size);
            order = java.util.Arrays.copyOf(order, size);
            drop = java.util.Arrays.copyOf(drop, size);
        }
        used = Math.max(used, n);
    }

    /** SHA-256 of the canonical request into {@link #hash}. */
    void hashCanonicalRequest() {
        sha.update(creq.bytes(), 0, creq.length());
        try {
            sha.digest(hash, 0, 32);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Signs the string to sign with ECDSA P-256 over its SHA-256.
     *
     * @param key the private key
     * @return the DER signature
     */
    byte[] signStringToSign(ECPrivateKey key) {
        return sign(key, sts.bytes(), 0, sts.length());
    }

    /**
     * Signs bytes with {@code SHA256withECDSA}.
     *
     * @param key the private key
     * @param data the bytes
     * @param off where they start
     * @param len how many
     * @return the DER signature
     */
    byte[] sign(ECPrivateKey key, byte[] data, int off, int len) {
        try {
            Signature s = signer;
            if (s == null) {
                s = newSignature();
                signer = s;
                random = newRandom();
            }
            s.initSign(key, random);
            s.update(data, off, len);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new SigningException("ECDSA P-256 signing failed in the JDK", e);
        }
    }

    /**
     * Verifies a {@code SHA256withECDSA} signature; a malformed signature is not valid.
     *
     * @param key the public key
     * @param data the signed bytes
     * @param off where they start
     * @param len how many
     * @param signature the DER signature
     * @return whether it verifies
     */
    boolean verify(ECPublicKey key, byte[] data, int off, int len, byte[] signature) {
        try {
            Signature v = verifier;
            if (v == null) {
                v = newSignature();
                verifier = v;
            }
            v.initVerify(key);
            v.update(data, off, len);
            return v.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false; // a malformed DER signature or a value out of range
        }
    }

    private static Signature newSignature() {
        try {
            return Signature.getInstance("SHA256withECDSA");
        } catch (NoSuchAlgorithmException e) {
            throw new SigningException("SHA256withECDSA is not available in this JVM", e);
        }
    }

    private static SecureRandom newRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    /**
     * Returns the scratch: drops the header names and values of the call (request data and
     * tokens do not stay on the thread).
     */
    @Override
    public void close() {
        java.util.Arrays.fill(names, 0, used, null);
        java.util.Arrays.fill(values, 0, used, null);
        java.util.Arrays.fill(drop, 0, used, false);
        used = 0;
        borrowed = false;
        if (pooled) {
            pooled = false;
            POOL.give(this);
        }
    }
}
