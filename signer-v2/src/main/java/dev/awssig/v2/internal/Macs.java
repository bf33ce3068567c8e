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
        return slot.mac.doFinal(data);
    }

    private static final class Slot {
        final Mac mac;
        String secret;

        Slot(String algorithm) {
            this.mac = Crypto.newMac(algorithm);
        }
    }
}
