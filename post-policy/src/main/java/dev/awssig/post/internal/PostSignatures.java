package dev.awssig.post.internal;

import dev.awssig.internal.Crypto;
import dev.awssig.internal.Hex;
import dev.awssig.internal.SigningKeys;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The two POST signatures: the string to sign is the Base64 {@code policy} field itself. Internal.
 */
public final class PostSignatures {
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
        byte[] mac = Crypto.hmac(Crypto.HMAC_SHA1, secret.getBytes(StandardCharsets.UTF_8),
                policyBase64.getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(mac);
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
        return Hex.encode(Crypto.hmac(Crypto.HMAC_SHA256, key, policyBase64.getBytes(StandardCharsets.UTF_8)));
    }
}
