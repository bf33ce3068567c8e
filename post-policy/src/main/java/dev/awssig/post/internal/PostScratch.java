package dev.awssig.post.internal;

import dev.awssig.SigningException;
import dev.awssig.internal.Crypto;
import dev.awssig.internal.Hex;
import dev.awssig.internal.ScratchPool;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One thread's state for POST policies (a virtual thread borrows one from a small pool): a
 * {@link Mac} per algorithm that stays keyed with the last key it was given, so the next
 * signature under the same SigV4 signing key (the cache's array, compared by identity) or the same
 * SigV2 secret skips keying; and byte buffers for the policy's text, wiped when the call ends (the
 * policy may hold a session token). Internal.
 */
final class PostScratch {
    private static final byte[] BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
            .getBytes(StandardCharsets.US_ASCII);
    /** The value of each Base64 character, -1 for other ASCII characters. */
    private static final byte[] BASE64_VALUES = new byte[128];

    static {
        java.util.Arrays.fill(BASE64_VALUES, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) {
            BASE64_VALUES[alphabet.charAt(i)] = (byte) i;
        }
    }

    private static final ThreadLocal<PostScratch> LOCAL = ThreadLocal.withInitial(PostScratch::new);
    private static final ScratchPool<PostScratch> POOL = ScratchPool.forCarriers();

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
    private byte[] decoded = new byte[1024];
    /** How much of {@link #decoded} the last call wrote: wiped on close. */
    private int decodedUsed;
    /** The policy's characters as bytes, for the Base64 encoder (exactly their length). */
    private byte[] plain = new byte[0];
    /** How much of {@link #plain} the last call wrote: wiped on close. */
    private int plainUsed;
    /** The signature's ASCII text. */
    final byte[] out = new byte[64];
    private boolean inUse;
    private boolean pooled;

    static PostScratch open() {
        PostScratch s;
        if (ScratchPool.currentThreadIsVirtual()) {
            s = POOL.take();
            if (s == null) {
                s = new PostScratch();
            }
            s.pooled = true;
        } else {
            s = LOCAL.get();
            if (s.inUse) {
                s = new PostScratch();
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
        if (decodedUsed > 0) {
            java.util.Arrays.fill(decoded, 0, decodedUsed, (byte) 0);
            decodedUsed = 0;
        }
        if (plainUsed > 0) {
            java.util.Arrays.fill(plain, 0, Math.min(plainUsed, plain.length), (byte) 0);
            plainUsed = 0;
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
        // the same instance (a lookup hands back the secret it holds): no comparison of secrets,
        // whose time would depend on how much of two of them agree
        if (secret1 != secret) {
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

    /**
     * Copies the characters of {@code s} into {@code buf} as bytes, and answers whether they were
     * all ASCII (then the bytes are its US-ASCII encoding): one pass without a branch per
     * character, which the JIT can vectorize.
     */
    private static boolean ascii(String s, byte[] buf) {
        int any = 0;
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            any |= c;
            buf[i] = (byte) c;
        }
        return any < 0x80;
    }

    /**
     * The text of padded standard Base64 whose bytes are all ASCII, decoded straight into the
     * string; null for anything else (empty, a length not a multiple of 4, a character outside
     * the alphabet, padding out of place, a non-ASCII byte), which the caller decodes with the JDK.
     */
    String asciiFromBase64(String b64) {
        int n = b64.length();
        if (n == 0 || (n & 3) != 0 || n > (1 << 24)) {
            return null;
        }
        int pad = b64.charAt(n - 1) != '=' ? 0 : b64.charAt(n - 2) == '=' ? 2 : 1;
        int len = n / 4 * 3 - pad;
        if (decoded.length < len + 2) {
            decoded = new byte[len + 2];
        }
        byte[] out = decoded;
        decodedUsed = len + 2;
        int o = 0;
        for (int i = 0; i < n; i += 4) {
            boolean last = i + 4 == n;
            int a = value(b64.charAt(i));
            int b = value(b64.charAt(i + 1));
            int c = last && pad == 2 ? 0 : value(b64.charAt(i + 2));
            int d = last && pad > 0 ? 0 : value(b64.charAt(i + 3));
            if ((a | b | c | d) < 0) {
                return null;
            }
            int v = a << 18 | b << 12 | c << 6 | d;
            out[o] = (byte) (v >> 16);
            out[o + 1] = (byte) (v >> 8);
            out[o + 2] = (byte) v;
            o += 3;
        }
        for (int i = 0; i < len; i++) {
            if (out[i] < 0) {
                return null;
            }
        }
        return new String(out, 0, len, StandardCharsets.US_ASCII);
    }

    private static int value(char c) {
        return c < 128 ? BASE64_VALUES[c] : -1;
    }

    /**
     * Padded standard Base64 of ASCII text, through {@link #text}: the characters copied into
     * {@link #plain} (an array of exactly their length, kept while lengths repeat), then the JDK's
     * encoder, which the JIT replaces with vector code where the CPU has it.
     *
     * @return the Base64 text, or null when {@code ascii} is not all ASCII
     */
    String base64Ascii(String ascii) {
        int n = ascii.length();
        byte[] src = plain;
        if (src.length != n) {
            src = new byte[n];
            if (n <= 64 * 1024) {
                plain = src;
            }
        }
        plainUsed = n; // ascii() writes every byte, whatever it answers: wiped on close
        if (!ascii(ascii, src)) {
            if (src != plain) {
                java.util.Arrays.fill(src, (byte) 0);
            }
            return null;
        }
        int size = (n + 2) / 3 * 4;
        if (text.length < size) {
            text = new byte[size];
        }
        textUsed = size;
        Base64.getEncoder().encode(src, text);
        if (src != plain) {
            java.util.Arrays.fill(src, (byte) 0);
        }
        return new String(text, 0, size, StandardCharsets.US_ASCII);
    }
}
