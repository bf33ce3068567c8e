package dev.awssig.v4.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An oracle for expected SigV4 values built from the JDK alone ({@code Mac}, {@code MessageDigest},
 * {@code HexFormat}), following the steps of the AWS documentation: nothing of awssig's own
 * digest, HMAC, hex or key-derivation code is involved, so a test that takes its expected value
 * from here does not take it from the code under test.
 */
public final class JdkSigV4 {
    private JdkSigV4() {
    }

    public static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request"). */
    public static byte[] signingKey(String secret, String dateStamp, String region, String service) {
        byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), dateStamp);
        k = hmac(k, region);
        k = hmac(k, service);
        return hmac(k, "aws4_request");
    }

    /** The string to sign of a canonical request. */
    public static String stringToSign(String amzDate, String region, String service, String canonicalRequest) {
        return "AWS4-HMAC-SHA256\n" + amzDate + "\n" + amzDate.substring(0, 8) + "/" + region + "/" + service
                + "/aws4_request\n" + sha256Hex(canonicalRequest);
    }

    /** The hex signature of a canonical request. */
    public static String signature(String secret, String amzDate, String region, String service,
                                   String canonicalRequest) {
        return signatureOfStringToSign(secret, amzDate, region, service,
                stringToSign(amzDate, region, service, canonicalRequest));
    }

    /** The hex signature of a string to sign. */
    public static String signatureOfStringToSign(String secret, String amzDate, String region, String service,
                                                 String stringToSign) {
        return HexFormat.of().formatHex(hmac(signingKey(secret, amzDate.substring(0, 8), region, service),
                stringToSign));
    }
}
