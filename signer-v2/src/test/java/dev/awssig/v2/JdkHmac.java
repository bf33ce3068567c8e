package dev.awssig.v2;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The expected SigV2 signature of a string to sign, from the JDK's own {@code Mac} and
 * {@code Base64} alone: no awssig HMAC or encoding code is involved, so a test comparing with
 * this does not take its expected value from the code under test.
 */
final class JdkHmac {
    private JdkHmac() {
    }

    /** Base64 of HMAC-{@code algorithm} ("HmacSHA1", "HmacSHA256") of the UTF-8 text. */
    static String base64(String algorithm, String secret, String text) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), algorithm));
            return Base64.getEncoder().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
