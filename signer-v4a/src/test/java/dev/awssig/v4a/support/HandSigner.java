package dev.awssig.v4a.support;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * SigV4a written out by hand with the JDK alone, for requests the library's signer will not
 * make (a {@code Date} header instead of {@code X-Amz-Date}, an aws-chunked request without
 * its decoded length, a signed header that is absent): the private key from the secret by the
 * counter-mode HMAC-SHA256 KDF of NIST SP 800-108 (as the SigV4a vectors and aws-c-auth derive
 * it), the canonical request given line by line by the test, its string to sign, and an ECDSA
 * P-256 signature from {@link Signature}. Nothing of the code under test is used.
 */
public final class HandSigner {
    private final String accessKeyId;
    private final ECPrivateKey key;

    public HandSigner(String accessKeyId, String secret) {
        this.accessKeyId = accessKeyId;
        try {
            AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec("secp256r1"));
            ECParameterSpec p256 = params.getParameterSpec(ECParameterSpec.class);
            BigInteger nMinus2 = p256.getOrder().subtract(BigInteger.TWO);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(("AWS4A" + secret).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            BigInteger d = null;
            for (int counter = 1; counter <= 254 && d == null; counter++) {
                mac.update(new byte[] {0, 0, 0, 1});
                mac.update("AWS4-ECDSA-P256-SHA256".getBytes(StandardCharsets.US_ASCII));
                mac.update((byte) 0);
                mac.update(accessKeyId.getBytes(StandardCharsets.UTF_8));
                mac.update((byte) counter);
                mac.update(new byte[] {0, 0, 1, 0});
                BigInteger c = new BigInteger(1, mac.doFinal());
                if (c.compareTo(nMinus2) <= 0) {
                    d = c.add(BigInteger.ONE);
                }
            }
            this.key = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(d, p256));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hex SHA-256 of text. */
    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The hex DER ECDSA signature of the string to sign of a canonical request. */
    public String sign(String canonicalRequest, String amzDate, String service) {
        String stringToSign = "AWS4-ECDSA-P256-SHA256\n" + amzDate + "\n" + amzDate.substring(0, 8) + "/" + service
                + "/aws4_request\n" + sha256(canonicalRequest);
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(key);
            s.update(stringToSign.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The Authorization header of a request whose canonical request is the given lines:
     * method, path, query, the canonical headers ({@code name:value}, sorted), the signed
     * header names and the payload hash.
     */
    public String authorization(String method, String path, String query, String[] canonicalHeaders,
                                String signedHeaders, String payloadHash, String amzDate, String service) {
        String creq = method + "\n" + path + "\n" + query + "\n" + String.join("\n", canonicalHeaders) + "\n\n"
                + signedHeaders + "\n" + payloadHash;
        return "AWS4-ECDSA-P256-SHA256 Credential=" + accessKeyId + "/" + amzDate.substring(0, 8) + "/" + service
                + "/aws4_request, SignedHeaders=" + signedHeaders + ", Signature=" + sign(creq, amzDate, service);
    }
}
