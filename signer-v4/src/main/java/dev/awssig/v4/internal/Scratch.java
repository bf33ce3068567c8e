package dev.awssig.v4.internal;

import dev.awssig.SigningException;
import dev.awssig.internal.Crypto;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Per-thread working state of the signer and verifier: canonical-request and string-to-sign
 * buffers, a SHA-256 digest, an HMAC-SHA256 {@link Mac} that stays keyed with the last signing
 * key used on this thread, and header arrays. Nothing here outlives one call except as reusable
 * capacity.
 */
final class Scratch {
    private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

    final ByteBuf creq = new ByteBuf(1024);
    final ByteBuf sts = new ByteBuf(256);
    final byte[] hash = new byte[32];
    final byte[] sig = new byte[32];
    final MessageDigest sha = Crypto.newDigest("SHA-256");
    final StringBuilder signedHeaders = new StringBuilder(128);
    String[] names = new String[16];
    String[] values = new String[16];
    private final Mac mac = Crypto.newMac(Crypto.HMAC_SHA256);
    private SecretKeySpec keyedWith;

    static Scratch get() {
        Scratch s = LOCAL.get();
        s.creq.reset();
        s.sts.reset();
        s.signedHeaders.setLength(0);
        return s;
    }

    void ensureHeaderCapacity(int n) {
        if (names.length < n) {
            names = new String[Math.max(n, names.length * 2)];
            values = new String[names.length];
        }
    }

    void clearHeaders(int n) {
        for (int i = 0; i < n; i++) {
            names[i] = null;
            values[i] = null;
        }
    }

    /** This thread's Mac keyed with the given key (re-keyed only when the key changes). */
    Mac mac(SecretKeySpec key) {
        if (keyedWith != key) {
            try {
                mac.init(key);
            } catch (GeneralSecurityException e) {
                throw new SigningException("could not key HmacSHA256", e);
            }
            keyedWith = key;
        }
        return mac;
    }
}
