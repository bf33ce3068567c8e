package dev.awssig;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds the secret access key of an access key id, on the receiving side.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface SecretLookup {
    /**
     * Looks up a secret.
     *
     * @param accessKeyId the access key id from the request
     * @return the secret, or empty if the key is unknown
     * @since 0.1.0
     */
    Optional<String> secretKey(String accessKeyId);

    /**
     * A lookup over a fixed map of access key id to secret (copied). Whatever a lookup answers,
     * the verifiers treat an absent or blank secret as an unknown access key id.
     *
     * @param secrets access key id to secret
     * @return the lookup
     * @throws IllegalArgumentException if a secret is blank
     * @since 0.1.0
     */
    static SecretLookup of(Map<String, String> secrets) {
        Objects.requireNonNull(secrets, "secrets");
        Map<String, String> copy = Map.copyOf(secrets);
        for (Map.Entry<String, String> e : copy.entrySet()) {
            if (e.getValue().isBlank()) {
                throw new IllegalArgumentException("secrets: the secret of access key id '"
                        + dev.awssig.internal.Checks.printable(e.getKey()) + "' is blank");
            }
        }
        return id -> Optional.ofNullable(copy.get(Objects.requireNonNull(id, "accessKeyId")));
    }

    /**
     * A lookup that knows the given credentials.
     *
     * @param credentials the known credentials
     * @return the lookup
     * @since 0.1.0
     */
    static SecretLookup of(Credentials... credentials) {
        Objects.requireNonNull(credentials, "credentials");
        Map<String, String> m = new java.util.HashMap<>();
        for (Credentials c : credentials) {
            Objects.requireNonNull(c, "credentials");
            m.put(c.accessKeyId(), c.secretAccessKey());
        }
        return of(m);
    }
}
