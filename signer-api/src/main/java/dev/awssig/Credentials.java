package dev.awssig;

import dev.awssig.internal.Checks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * AWS credentials: an access key id, a secret access key, an optional session token and, for
 * temporary credentials, an optional expiration.
 *
 * <p>Immutable and thread-safe. {@link #toString()} shows the access key id (and the expiration)
 * only; the secret and the token never appear in a string, a log line or an exception message.
 * {@link #equals(Object)} compares the secret and the token in constant time.
 *
 * @since 0.1.0
 */
public final class Credentials {
    private final String accessKeyId;
    private final String secretAccessKey;
    private final String sessionToken;
    private final Instant expiration;

    private Credentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {
        this.accessKeyId = Checks.requireToken(accessKeyId, "accessKeyId");
        this.secretAccessKey = Checks.requireSecret(secretAccessKey, "secretAccessKey");
        this.sessionToken = sessionToken == null ? null : Checks.requireSecret(sessionToken, "sessionToken");
        this.expiration = expiration;
    }

    /**
     * Long-term credentials without a session token.
     *
     * @param accessKeyId the access key id, for example {@code AKIAIOSFODNN7EXAMPLE}
     * @param secretAccessKey the secret access key
     * @return the credentials
     * @throws NullPointerException if the access key id or the secret is null
     * @throws IllegalArgumentException if a value is blank or contains control characters
     * @since 0.1.0
     */
    public static Credentials of(String accessKeyId, String secretAccessKey) {
        return new Credentials(accessKeyId, secretAccessKey, null, null);
    }

    /**
     * Temporary credentials with a session token.
     *
     * @param accessKeyId the access key id
     * @param secretAccessKey the secret access key
     * @param sessionToken the session token, or {@code null} for none
     * @return the credentials
     * @throws IllegalArgumentException if a value is blank or contains control characters
     * @since 0.1.0
     */
    public static Credentials of(String accessKeyId, String secretAccessKey, String sessionToken) {
        return new Credentials(accessKeyId, secretAccessKey, sessionToken, null);
    }

    /**
     * Temporary credentials that stop working at an instant, as STS, SSO, the instance metadata
     * service, container endpoints and credential processes hand them out. Caching providers
     * refresh them ahead of that instant, and presigners warn when a URL would outlive them
     * (see {@link PresignExpiryPolicy}).
     *
     * @param accessKeyId the access key id
     * @param secretAccessKey the secret access key
     * @param sessionToken the session token, or {@code null} for none
     * @param expiration when the credentials expire, or {@code null} if they do not
     * @return the credentials
     * @throws IllegalArgumentException if a value is blank or contains control characters
     * @since 0.2.0
     */
    public static Credentials of(String accessKeyId, String secretAccessKey, String sessionToken,
            Instant expiration) {
        return new Credentials(accessKeyId, secretAccessKey, sessionToken, expiration);
    }

    /**
     * The access key id.
     *
     * @return the access key id, never null
     * @since 0.1.0
     */
    public String accessKeyId() {
        return accessKeyId;
    }

    /**
     * The secret access key. Handle with care: never log it.
     *
     * @return the secret, never null
     * @since 0.1.0
     */
    public String secretAccessKey() {
        return secretAccessKey;
    }

    /**
     * The session token of temporary credentials.
     *
     * @return the token, or empty for long-term credentials
     * @since 0.1.0
     */
    public Optional<String> sessionToken() {
        return Optional.ofNullable(sessionToken);
    }

    /**
     * When these credentials expire.
     *
     * @return the expiration, or empty for credentials that do not expire (long-term keys, or a
     *     source that did not say)
     * @since 0.2.0
     */
    public Optional<Instant> expiration() {
        return Optional.ofNullable(expiration);
    }

    /**
     * A copy of these credentials without the session token (the expiration is kept).
     *
     * @return credentials with the same key pair and no token
     * @since 0.1.0
     */
    public Credentials withoutSessionToken() {
        return sessionToken == null ? this : new Credentials(accessKeyId, secretAccessKey, null, expiration);
    }

    /**
     * Compares key id, secret, token and expiration; the secret and token in constant time.
     *
     * @param o the other object
     * @return whether both hold the same credentials
     * @since 0.1.0
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Credentials)) {
            return false;
        }
        Credentials other = (Credentials) o;
        boolean secretsEqual = MessageDigest.isEqual(
                secretAccessKey.getBytes(StandardCharsets.UTF_8),
                other.secretAccessKey.getBytes(StandardCharsets.UTF_8));
        boolean tokensEqual = (sessionToken == null || other.sessionToken == null)
                ? sessionToken == other.sessionToken
                : MessageDigest.isEqual(sessionToken.getBytes(StandardCharsets.UTF_8),
                        other.sessionToken.getBytes(StandardCharsets.UTF_8));
        return accessKeyId.equals(other.accessKeyId) & secretsEqual & tokensEqual
                & Objects.equals(expiration, other.expiration);
    }

    /**
     * A hash of the access key id only, so that the hash leaks nothing about the secret.
     *
     * @return the hash code
     * @since 0.1.0
     */
    @Override
    public int hashCode() {
        return Objects.hash(accessKeyId, sessionToken != null);
    }

    /**
     * Shows the access key id, whether a session token is present and the expiration; never the
     * secret or token.
     *
     * @return a redacted description
     * @since 0.1.0
     */
    @Override
    public String toString() {
        return "Credentials[accessKeyId=" + accessKeyId + ", secretAccessKey=****"
                + (sessionToken != null ? ", sessionToken=****" : "")
                + (expiration != null ? ", expiration=" + expiration : "") + "]";
    }
}
