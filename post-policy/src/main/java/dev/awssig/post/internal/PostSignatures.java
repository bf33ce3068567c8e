package dev.awssig.post.internal;

import dev.awssig.SigningException;
import dev.awssig.internal.Crypto;
import dev.awssig.internal.Hex;
import dev.awssig.internal.ScratchPool;
import dev.awssig.internal.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two POST signatures: the string to sign is the Base64 {@code policy} field itself. Internal.
 *
 * <p>Each thread keeps (a virtual thread borrows from a small pool) a {@link Mac} per algorithm
 * that stays keyed with the last key it was given: the next signature under the same SigV4
 * signing key (the cached one, compared by identity) or the same SigV2 secret skips keying, and
 * the policy's ASCII bytes and the result go through the thread's buffers, not new arrays.
 */
public final class PostSignatures {
    private static final int V4_HEX = 64;

    private PostSignatures() {
    }

    /**
     * SigV2: {@code Base64(HMAC-SHA1(secret, policyBase64))}.
     *
     * @param secret the secret access key
     * @param policyBase64 the {@code policy} field
     * @return the Base64 signature
     */
    public static String v2(String secret, String policyBase64) {
        Scratch s = Scratch.open();
        try {
            return new String(s.out, 0, s.v2(secret, policyBase64), StandardCharsets.US_ASCII);
        } finally {
            s.close();
        }
    }

    /**
     * Whether a SigV2 signature is {@link #v2}'s, compared in constant time.
     *
     * @param secret the secret access key
     * @param policyBase64 the {@code policy} field
     * @param given the signature received, or null
     * @return true when it matches
     */
    public static boolean v2Matches(String secret, String policyBase64, String given) {
        Scratch s = Scratch.open();
        try {
            return s.matches(s.v2(secret, policyBase64), given);
        } finally {
            s.close();
        }
    }

    /**
     * SigV4: {@code hex(HMAC-SHA256(signingKey(secret, date, region, service), policyBase64))}.
     *
     * @param keys the signing-key cache
     * @param secret the secret access key
     * @param dateStamp {@code yyyyMMdd} of the credential scope
     * @param region the region
     * @param service the service, {@code s3}
     * @param policyBase64 the {@code policy} field
     * @return 64 lowercase hex digits
     */
    public static String v4(SigningKeys keys, String secret, String dateStamp, String region, String service,
                            String policyBase64) {
        byte[] key = keys.get(secret, dateStamp, region, service);
        Scratch s = Scratch.open();
        try {
            return new String(s.out, 0, s.v4(key, policyBase64), StandardCharsets.US_ASCII);
        } finally {
            s.close();
        }
    }

    /**
     * Whether a SigV4 signature is {@link #v4}'s, compared in constant time.
     *
     * @param keys the signing-key cache
     * @param secret the secret access key
     * @param dateStamp {@code yyyyMMdd} of the credential scope
     * @param region the region
     * @param service the service, {@code s3}
     * @param policyBase64 the {@code policy} field
     * @param given the signature received, or null
     * @return true when it matches
     */
    public static boolean v4Matches(SigningKeys keys, String secret, String dateStamp, String region, String service,
                                    String policyBase64, String given) {
        byte[] key = keys.get(secret, dateStamp, region, service);
        Scratch s = Scratch.open();
        try {
            return s.matches(s.v4(key, policyBase64), given);
        } finally {
            s.close();
        }
    }

    /** One thread's keyed MACs and buffers. */
    private static final class Scratch {
        private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);
        private static final ScratchPool<Scratch> POOL = ScratchPool.forCarriers();

        private final Mac sha256 = Crypto.newMac(Crypto.HMAC_SHA256);
        private final Mac sha1 = Crypto.newMac(Crypto.HMAC_SHA1);
        /** The signing key {@link #sha256} holds (the cache's array, compared by identity). */
        private byte[] key256;
        /** The secret {@link #sha1} holds. */
        private String secret1;
        private byte[] text = new byte[1024];
        private final byte[] mac = new byte[32];
        private final byte[] mac1 = new byte[20];
        /** How much of {@link #text} the last call wrote: wiped on close (the policy may name a token). */
        private int textUsed;
        /** The signature's ASCII text. */
        final byte[] out = new byte[V4_HEX];
        private boolean inUse;
        private boolean pooled;

        static Scratch open() {
            Scratch s;
            if (ScratchPool.currentThreadIsVirtual()) {
                s = POOL.take();
                if (s == null) {
                    s = new Scratch();
                }
                s.pooled = true;
            } else {
                s = LOCAL.get();
                if (s.inUse) {
                    s = new Scratch();
                }
            }
            s.inUse = true;
            return s;
        }

        void close() {
            if (textUsed > 0) {
                java.util.Arrays.fill(text, 0, textUsed, (byte) 0);
                textUsed = 0;
            }
            inUse = false;
            if (pooled) {
                pooled = false;
                POOL.give(this);
            }
        }

        /** Signs into {@link #out}; returns the number of characters. */
        int v4(byte[] key, String policyBase64) {
            if (key256 != key) {
                key256 = null;
                init(sha256, key, Crypto.HMAC_SHA256);
                key256 = key;
            }
            digest(sha256, policyBase64, mac);
            return Hex.encodeTo(mac, 32, out, 0);
        }

        /** Signs into {@link #out}; returns the number of characters. */
        int v2(String secret, String policyBase64) {
            if (secret1 == null || !secret1.equals(secret)) {
                secret1 = null;
                init(sha1, secret.getBytes(StandardCharsets.UTF_8), Crypto.HMAC_SHA1);
                secret1 = secret;
            }
            digest(sha1, policyBase64, mac1);
            return Base64.getEncoder().encode(mac1, out);
        }

        /** Whether {@code given} is the first {@code n} characters of {@link #out}, in constant time. */
        boolean matches(int n, String given) {
            if (given == null || given.length() != n) {
                return false;
            }
            int diff = 0;
            for (int i = 0; i < n; i++) {
                diff |= given.charAt(i) ^ out[i];
            }
            return diff == 0;
        }

        private static void init(Mac m, byte[] key, String algorithm) {
            try {
                m.init(new SecretKeySpec(key, algorithm));
            } catch (GeneralSecurityException e) {
                throw new SigningException("could not key " + algorithm, e);
            }
        }

        private void digest(Mac m, String policyBase64, byte[] result) {
            int n = policyBase64.length();
            byte[] buf = text;
            if (n > buf.length) {
                buf = n <= 64 * 1024 ? (text = new byte[n]) : null;
            }
            if (buf != null) {
                textUsed = n; // ascii() may stop part way: wipe what it wrote either way
            }
            if (buf != null && ascii(policyBase64, buf)) {
                m.update(buf, 0, n);
            } else {
                m.update(policyBase64.getBytes(StandardCharsets.UTF_8));
            }
            try {
                m.doFinal(result, 0);
            } catch (javax.crypto.ShortBufferException e) {
                throw new IllegalStateException(e);
            }
        }

        private static boolean ascii(String s, byte[] buf) {
            for (int i = 0, n = s.length(); i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x80) {
                    return false;
                }
                buf[i] = (byte) c;
            }
            return true;
        }
    }
}
