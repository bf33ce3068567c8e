package dev.awssig.post.internal;

import dev.awssig.internal.SigningKeys;
import java.nio.charset.StandardCharsets;

/**
 * The two POST signatures: the string to sign is the Base64 {@code policy} field itself. Internal.
 *
 * <p>The MACs are the thread's, kept keyed between calls, and the policy's ASCII bytes and the
 * result go through the thread's buffers, not new arrays: see {@link PostScratch}.
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
        PostScratch s = PostScratch.open();
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
        PostScratch s = PostScratch.open();
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
        PostScratch s = PostScratch.open();
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
        PostScratch s = PostScratch.open();
        try {
            return s.matches(s.v4(key, policyBase64), given);
        } finally {
            s.close();
        }
    }
}
