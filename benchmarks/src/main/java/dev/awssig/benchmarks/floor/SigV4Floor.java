package dev.awssig.benchmarks.floor;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * The floor of one SigV4 signature: what any implementation must pay for the same request once
 * its signing key is cached — one SHA-256 over the canonical request's bytes and one
 * HMAC-SHA256 over the string to sign, with a pre-keyed {@link Mac}. The only other work is
 * writing the 64 hex digits of the hash into the string to sign, so that the result is the real
 * signature (checked against ours before measuring). No allocation per call. Not thread-safe: one
 * instance per benchmark thread.
 */
public final class SigV4Floor {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final MessageDigest sha256;
    private final Mac mac;
    private final byte[] canonicalRequest;
    private final byte[] stringToSign;
    private final int hashOffset;
    private final byte[] hash = new byte[32];
    private final byte[] signature = new byte[32];

    /**
     * A floor for one request.
     *
     * @param canonicalRequest the canonical request (as the docs or the vector give it)
     * @param stringToSignPrefix the string to sign without its last line (algorithm, date, scope,
     *     each followed by a newline)
     * @param signingKey the derived SigV4 signing key
     */
    public SigV4Floor(String canonicalRequest, String stringToSignPrefix, byte[] signingKey) {
        this.canonicalRequest = canonicalRequest.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = stringToSignPrefix.getBytes(StandardCharsets.UTF_8);
        this.stringToSign = new byte[prefix.length + 64];
        System.arraycopy(prefix, 0, stringToSign, 0, prefix.length);
        this.hashOffset = prefix.length;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
            this.mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingKey, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Computes the signature.
     *
     * @return the 32-byte signature (the same array every call)
     */
    public byte[] sign() {
        try {
            sha256.update(canonicalRequest);
            sha256.digest(hash, 0, 32);
            for (int i = 0, o = hashOffset; i < 32; i++, o += 2) {
                stringToSign[o] = HEX[(hash[i] >> 4) & 0xf];
                stringToSign[o + 1] = HEX[hash[i] & 0xf];
            }
            mac.update(stringToSign);
            mac.doFinal(signature, 0);
            return signature;
        } catch (DigestException | ShortBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The floor of verifying: the signature as {@link #sign()} computes it, compared in constant
     * time with the one a request carried.
     *
     * @param expected the 32 signature bytes the request carried (decoded once, by the caller)
     * @return whether they match
     */
    public boolean verify(byte[] expected) {
        return MessageDigest.isEqual(sign(), expected);
    }

    /**
     * Derives a SigV4 signing key (independently of the code under test).
     *
     * @param secret the secret access key
     * @param date {@code yyyyMMdd}
     * @param region the region
     * @param service the service
     * @return the key
     */
    public static byte[] signingKey(String secret, String date, String region, String service) {
        byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        k = hmac(k, region);
        k = hmac(k, service);
        return hmac(k, "aws4_request");
    }

    /**
     * One HMAC-SHA256.
     *
     * @param key the key
     * @param data the UTF-8 data
     * @return the MAC
     */
    public static byte[] hmac(byte[] key, String data) {
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(key, "HmacSHA256"));
            return m.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The string to sign without its last line.
     *
     * @param stringToSign a full SigV4 string to sign
     * @return everything up to and including the last newline
     */
    public static String prefixOf(String stringToSign) {
        return stringToSign.substring(0, stringToSign.lastIndexOf('\n') + 1);
    }
}
