package dev.awssig.v2.internal;

import dev.awssig.SigningException;
import dev.awssig.internal.Crypto;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA1 and HMAC-SHA256 keyed with a secret access key, with one {@link Mac} per thread and
 * algorithm that stays keyed for the last secret used (recognised by identity, so a secret is
 * never compared by value). Signing many requests with the same credentials thus costs one
 * HMAC each, with no re-keying.
 */
public final class Macs {
    private static final ThreadLocal<Slot> SHA1 = ThreadLocal.withInitial(() -> new Slot(Crypto.HMAC_SHA1));
    private static final ThreadLocal<Slot> SHA256 = ThreadLocal.withInitial(() -> new Slot(Crypto.HMAC_SHA256));

    private static final ThreadLocal<StringBuilder> TEXT = ThreadLocal.withInitial(() -> new StringBuilder(256));

    private Macs() {
    }

    /**
     * Base64 of the HMAC of the UTF-8 form of a string.
     *
     * @param algorithm {@link Crypto#HMAC_SHA1} or {@link Crypto#HMAC_SHA256}
     * @param secret the secret access key
     * @param data the string to sign
     * @return the Base64 signature
     */
    public static String base64Hmac(String algorithm, String secret, String data) {
        return Base64.getEncoder().encodeToString(hmac(algorithm, secret, data.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The HMAC of bytes.
     *
     * @param algorithm {@link Crypto#HMAC_SHA1} or {@link Crypto#HMAC_SHA256}
     * @param secret the secret access key
     * @param data the bytes
     * @return the MAC
     */
    public static byte[] hmac(String algorithm, String secret, byte[] data) {
        return keyed(algorithm, secret).mac.doFinal(data);
    }

    /**
     * This thread's reusable text buffer for a string to sign (emptied); valid until the next
     * call on this thread.
     *
     * @return the empty buffer
     */
    public static StringBuilder textBuffer() {
        StringBuilder sb = TEXT.get();
        sb.setLength(0);
        return sb;
    }

    /**
     * {@link #base64Hmac(String, String, String)} of text in a buffer, without intermediate
     * byte arrays: the UTF-8 bytes, the MAC and its Base64 form go through per-thread buffers;
     * the only allocation is the returned string.
     *
     * @param algorithm {@code HmacSHA1} or {@code HmacSHA256}
     * @param secret the key (UTF-8)
     * @param data the text
     * @return the Base64 MAC
     */
    public static String base64HmacOf(String algorithm, String secret, CharSequence data) {
        Slot slot = keyed(algorithm, secret);
        int n = data.length();
        byte[] buf = slot.data;
        if (buf.length < n) {
            buf = new byte[Math.max(n, buf.length * 2)];
            slot.data = buf;
        }
        boolean ascii = true;
        for (int i = 0; i < n; i++) {
            char c = data.charAt(i);
            if (c >= 0x80) {
                ascii = false;
                break;
            }
            buf[i] = (byte) c;
        }
        if (ascii) {
            slot.mac.update(buf, 0, n);
        } else {
            slot.mac.update(data.toString().getBytes(StandardCharsets.UTF_8));
        }
        try {
            slot.mac.doFinal(slot.out, 0);
        } catch (javax.crypto.ShortBufferException e) {
            throw new IllegalStateException(e);
        }
        int len = Base64.getEncoder().encode(slot.out, slot.base64);
        return new String(slot.base64, 0, len, StandardCharsets.ISO_8859_1);
    }

    private static Slot keyed(String algorithm, String secret) {
        Slot slot;
        if (Crypto.HMAC_SHA1.equals(algorithm)) {
            slot = SHA1.get();
        } else if (Crypto.HMAC_SHA256.equals(algorithm)) {
            slot = SHA256.get();
        } else {
            throw new IllegalArgumentException("SignatureMethod: unsupported '" + algorithm
                    + "', expected HmacSHA1 or HmacSHA256");
        }
        if (slot.secret != secret) {
            try {
                slot.mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            } catch (InvalidKeyException e) {
                slot.secret = null;
                throw new SigningException("could not key " + algorithm, e);
            }
            slot.secret = secret;
        }
        return slot;
    }

    private static final class Slot {
        final Mac mac;
        String secret;
        byte[] data = new byte[256];
        final byte[] out;
        final byte[] base64;

        Slot(String algorithm) {
            this.mac = Crypto.newMac(algorithm);
            this.out = new byte[mac.getMacLength()];
            this.base64 = new byte[(out.length + 2) / 3 * 4];
        }
    }
}
