package dev.awssig.benchmarks.floor;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * The floor of a signature that is one HMAC over a fixed string to sign: SigV2 (HMAC-SHA1 with
 * the secret), and the POST-policy signatures (HMAC-SHA1 with the secret for V2, HMAC-SHA256
 * with the cached signing key for V4). One {@code doFinal} with a pre-keyed {@link Mac}, no
 * allocation. Not thread-safe: one instance per benchmark thread.
 */
public final class MacFloor {
    private final Mac mac;
    private final byte[] stringToSign;
    private final byte[] out;

    /**
     * A floor.
     *
     * @param algorithm {@code HmacSHA1} or {@code HmacSHA256}
     * @param key the key
     * @param stringToSign the string to sign
     */
    public MacFloor(String algorithm, byte[] key, String stringToSign) {
        this.stringToSign = stringToSign.getBytes(StandardCharsets.UTF_8);
        try {
            this.mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        this.out = new byte[mac.getMacLength()];
    }

    /**
     * Computes the MAC.
     *
     * @return the MAC (the same array every call)
     */
    public byte[] sign() {
        try {
            mac.update(stringToSign);
            mac.doFinal(out, 0);
            return out;
        } catch (ShortBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The floor of verifying: the MAC compared in constant time with the one a request carried.
     *
     * @param expected the MAC bytes the request carried (decoded once, by the caller)
     * @return whether they match
     */
    public boolean verify(byte[] expected) {
        return java.security.MessageDigest.isEqual(sign(), expected);
    }
}
