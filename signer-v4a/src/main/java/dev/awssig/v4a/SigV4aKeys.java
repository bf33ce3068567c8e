package dev.awssig.v4a;

import dev.awssig.Credentials;
import dev.awssig.v4a.internal.EcKeys;
import java.math.BigInteger;
import java.security.interfaces.ECPublicKey;
import java.util.Objects;

/**
 * The SigV4a P-256 key of a pair of credentials, as AWS derives it from the secret access key:
 * the public key a verifier checks signatures with (the private key never leaves this module).
 * Keys come from a bounded shared cache.
 *
 * @since 0.2.0
 */
public final class SigV4aKeys {
    private SigV4aKeys() {
    }

    /**
     * The public key of a pair of credentials.
     *
     * @param credentials the credentials (the session token plays no part)
     * @return the P-256 public key
     * @since 0.2.0
     */
    public static ECPublicKey publicKey(Credentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        return EcKeys.shared().get(credentials.accessKeyId(), credentials.secretAccessKey()).publicKey();
    }

    /**
     * A P-256 public key from its coordinates (for example those of aws-c-auth's
     * {@code public-key.json}).
     *
     * @param x the x coordinate, hex
     * @param y the y coordinate, hex
     * @return the key
     * @throws IllegalArgumentException if a coordinate is not hex or the point is not on P-256
     * @since 0.2.0
     */
    public static ECPublicKey publicKey(String x, String y) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(y, "y");
        try {
            return EcKeys.publicKey(new BigInteger(x, 16), new BigInteger(y, 16));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("x, y: must be hex coordinates", e);
        }
    }
}
