package dev.awssig.benchmarks.floor;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The floor of one SigV4a signature (or verification): what any implementation on the JDK must
 * pay for the same request once its key is derived — one SHA-256 over the canonical request's
 * bytes, its 64 hex digits written into the string to sign, and one P-256 ECDSA signature
 * ({@code SHA256withECDSA}, the JDK's {@code Signature} with a pre-built key) over the string to
 * sign; for verification one ECDSA verification instead. Not thread-safe: one per benchmark
 * thread.
 */
public final class SigV4aFloor {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final MessageDigest sha256;
    private final Signature ecdsa;
    private final byte[] canonicalRequest;
    private final byte[] stringToSign;
    private final int hashOffset;
    private final byte[] hash = new byte[32];

    /**
     * A floor for one request.
     *
     * @param canonicalRequest the canonical request
     * @param stringToSignPrefix the string to sign without its last line
     */
    public SigV4aFloor(String canonicalRequest, String stringToSignPrefix) {
        this.canonicalRequest = canonicalRequest.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = stringToSignPrefix.getBytes(StandardCharsets.UTF_8);
        this.stringToSign = new byte[prefix.length + 64];
        System.arraycopy(prefix, 0, stringToSign, 0, prefix.length);
        this.hashOffset = prefix.length;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
            this.ecdsa = Signature.getInstance("SHA256withECDSA");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** SHA-256 of the canonical request, in hex, into the string to sign. */
    private void hashCanonicalRequest() {
        try {
            sha256.update(canonicalRequest);
            sha256.digest(hash, 0, 32);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0, o = hashOffset; i < 32; i++, o += 2) {
            stringToSign[o] = HEX[(hash[i] >> 4) & 0xf];
            stringToSign[o + 1] = HEX[hash[i] & 0xf];
        }
    }

    /**
     * Signs.
     *
     * @param key the private key
     * @return the DER signature
     */
    public byte[] sign(ECPrivateKey key) {
        hashCanonicalRequest();
        try {
            ecdsa.initSign(key);
            ecdsa.update(stringToSign);
            return ecdsa.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Verifies.
     *
     * @param key the public key
     * @param signature the DER signature
     * @return whether it verifies
     */
    public boolean verify(ECPublicKey key, byte[] signature) {
        hashCanonicalRequest();
        try {
            ecdsa.initVerify(key);
            ecdsa.update(stringToSign);
            return ecdsa.verify(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The string to sign as last computed.
     *
     * @return the text
     */
    public String stringToSign() {
        return new String(stringToSign, StandardCharsets.UTF_8);
    }

    /**
     * The SigV4a private key of a pair of credentials, derived here independently of the code
     * under test (the KDF of aws-c-auth's {@code key_derivation.c}, written out).
     *
     * @param accessKeyId the access key id
     * @param secret the secret access key
     * @return the P-256 private key
     */
    public static ECPrivateKey privateKey(String accessKeyId, String secret) {
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec("secp256r1"));
            ECParameterSpec p256 = params.getParameterSpec(ECParameterSpec.class);
            BigInteger limit = p256.getOrder().subtract(BigInteger.TWO);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(("AWS4A" + secret).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            for (int counter = 1; counter <= 254; counter++) {
                mac.update(new byte[] {0, 0, 0, 1});
                mac.update("AWS4-ECDSA-P256-SHA256".getBytes(StandardCharsets.US_ASCII));
                mac.update((byte) 0);
                mac.update(accessKeyId.getBytes(StandardCharsets.UTF_8));
                mac.update((byte) counter);
                mac.update(new byte[] {0, 0, 1, 0});
                BigInteger candidate = new BigInteger(1, mac.doFinal());
                if (candidate.compareTo(limit) <= 0) {
                    return (ECPrivateKey) KeyFactory.getInstance("EC")
                            .generatePrivate(new ECPrivateKeySpec(candidate.add(BigInteger.ONE), p256));
                }
            }
            throw new IllegalStateException("no key");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
