package dev.awssig.internal;

import dev.awssig.SigningException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SHA-256, HMAC-SHA256 and HMAC-SHA1 with per-thread reuse of {@link MessageDigest} and
 * {@link Mac} instances (creating them through the provider lookup is the expensive part).
 * Internal: exported only to the sibling modules of this project.
 */
public final class Crypto {
    /** Hex SHA-256 of the empty string. */
    public static final String EMPTY_SHA256_HEX = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    /** JCA name of HMAC-SHA256. */
    public static final String HMAC_SHA256 = "HmacSHA256";
    /** JCA name of HMAC-SHA1. */
    public static final String HMAC_SHA1 = "HmacSHA1";

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> newDigest("SHA-256"));
    private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(() -> newDigest("MD5"));
    private static final ThreadLocal<Mac> HMAC256 = ThreadLocal.withInitial(() -> newMac(HMAC_SHA256));
    private static final ThreadLocal<Mac> HMAC1 = ThreadLocal.withInitial(() -> newMac(HMAC_SHA1));

    private Crypto() {
    }

    /**
     * A new {@link MessageDigest}.
     *
     * @param algorithm the JCA name
     * @return the digest
     */
    public static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new SigningException(algorithm + " is not available in this JVM", e);
        }
    }

    /**
     * A new, unkeyed {@link Mac}.
     *
     * @param algorithm the JCA name
     * @return the Mac
     */
    public static Mac newMac(String algorithm) {
        try {
            return Mac.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new SigningException(algorithm + " is not available in this JVM", e);
        }
    }

    /**
     * This thread's SHA-256 digest, reset. Do not keep it across calls that may use it.
     *
     * @return the digest
     */
    public static MessageDigest sha256() {
        MessageDigest md = SHA256.get();
        md.reset();
        return md;
    }

    /**
     * This thread's MD5 digest, reset (for {@code Content-MD5}).
     *
     * @return the digest
     */
    public static MessageDigest md5() {
        MessageDigest md = MD5.get();
        md.reset();
        return md;
    }

    /**
     * SHA-256 of bytes.
     *
     * @param data the bytes
     * @return the 32-byte digest
     */
    public static byte[] sha256(byte[] data) {
        return sha256().digest(data);
    }

    /**
     * Hex SHA-256 of bytes.
     *
     * @param data the bytes
     * @return 64 hex digits
     */
    public static String sha256Hex(byte[] data) {
        return data.length == 0 ? EMPTY_SHA256_HEX : Hex.encode(sha256(data));
    }

    /**
     * Hex SHA-256 of the UTF-8 form of a string.
     *
     * @param s the string
     * @return 64 hex digits
     */
    public static String sha256Hex(String s) {
        return sha256Hex(s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * This thread's {@link Mac} of an algorithm, keyed with the given key.
     *
     * @param algorithm {@link #HMAC_SHA256} or {@link #HMAC_SHA1}
     * @param key the key bytes
     * @return the keyed Mac; do not keep it across calls that may use it
     */
    public static Mac mac(String algorithm, byte[] key) {
        Mac mac;
        if (HMAC_SHA256.equals(algorithm)) {
            mac = HMAC256.get();
        } else if (HMAC_SHA1.equals(algorithm)) {
            mac = HMAC1.get();
        } else {
            throw new IllegalArgumentException("mac algorithm: unsupported '" + algorithm + "'");
        }
        try {
            mac.init(new SecretKeySpec(key, algorithm));
        } catch (GeneralSecurityException e) {
            throw new SigningException("could not key " + algorithm, e);
        }
        return mac;
    }

    /**
     * HMAC of bytes.
     *
     * @param algorithm {@link #HMAC_SHA256} or {@link #HMAC_SHA1}
     * @param key the key
     * @param data the data
     * @return the MAC
     */
    public static byte[] hmac(String algorithm, byte[] key, byte[] data) {
        return mac(algorithm, key).doFinal(data);
    }

    /**
     * HMAC-SHA256 of the UTF-8 form of a string.
     *
     * @param key the key
     * @param data the string
     * @return the 32-byte MAC
     */
    public static byte[] hmacSha256(byte[] key, String data) {
        return hmac(HMAC_SHA256, key, data.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * HMAC-SHA1 of the UTF-8 form of a string.
     *
     * @param key the key
     * @param data the string
     * @return the 20-byte MAC
     */
    public static byte[] hmacSha1(byte[] key, String data) {
        return hmac(HMAC_SHA1, key, data.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Constant-time comparison of two strings (as their UTF-8 bytes).
     *
     * @param a one value
     * @param b the other
     * @return whether they are equal
     */
    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
