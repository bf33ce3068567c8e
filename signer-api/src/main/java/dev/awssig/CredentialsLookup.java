package dev.awssig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The key store of a receiving server that checks session tokens: the credentials an access key
 * id may sign with. An entry without a session token accepts requests that carry none; an entry
 * with a token accepts only requests that carry exactly that token (in {@code x-amz-security-token},
 * its query parameter or POST field). One access key id may have one entry without a token and
 * any number with different tokens. A plain {@link SecretLookup} is a store without tokens
 * ({@link #of(SecretLookup)}).
 *
 * <p>Verifiers take a {@link SecretLookup}; {@link #secretsFor(String)} is the one for a request
 * carrying a given token (or none), so a signature made with another entry's secret does not
 * verify. Implementations must be thread-safe.
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface CredentialsLookup {
    /**
     * The entries of an access key id.
     *
     * @param accessKeyId the access key id the request names
     * @return its credentials (secret, and session token if the entry requires one); empty when
     *     the key is unknown
     * @since 0.2.0
     */
    List<Credentials> credentials(String accessKeyId);

    /**
     * The lookup for a request that carries {@code sessionToken}: the secret of the entry whose
     * token equals it (compared in constant time), or of the entry without a token when
     * {@code sessionToken} is null.
     *
     * @param sessionToken the token the request carries, or null when it carries none
     * @return a secret lookup for that request
     * @since 0.2.0
     */
    default SecretLookup secretsFor(String sessionToken) {
        byte[] token = sessionToken == null ? null : sessionToken.getBytes(StandardCharsets.UTF_8);
        return accessKeyId -> {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            List<Credentials> entries = credentials(accessKeyId);
            for (Credentials c : entries == null ? List.<Credentials>of() : entries) {
                Optional<String> t = c.sessionToken();
                boolean match = token == null ? t.isEmpty()
                        : t.isPresent() && MessageDigest.isEqual(token, t.get().getBytes(StandardCharsets.UTF_8));
                if (match && c.accessKeyId().equals(accessKeyId)) {
                    return Optional.of(c.secretAccessKey());
                }
            }
            return Optional.empty();
        };
    }

    /**
     * A store over fixed credentials (copied).
     *
     * @param credentials the entries; an access key id may appear once without a token and once
     *     per different token
     * @return the lookup
     * @throws IllegalArgumentException if an access key id appears twice without a token, or twice
     *     with the same token
     * @since 0.2.0
     */
    static CredentialsLookup of(Collection<Credentials> credentials) {
        Objects.requireNonNull(credentials, "credentials");
        Map<String, List<Credentials>> byId = new HashMap<>();
        for (Credentials c : credentials) {
            Objects.requireNonNull(c, "credentials");
            List<Credentials> list = byId.computeIfAbsent(c.accessKeyId(), k -> new ArrayList<>(1));
            for (Credentials other : list) {
                if (other.sessionToken().equals(c.sessionToken())) {
                    throw new IllegalArgumentException("credentials: access key id '" + c.accessKeyId()
                            + "' appears twice " + (c.sessionToken().isPresent() ? "with the same session token"
                            : "without a session token"));
                }
            }
            list.add(c);
        }
        Map<String, List<Credentials>> copy = new HashMap<>();
        byId.forEach((k, v) -> copy.put(k, List.copyOf(v)));
        return accessKeyId -> copy.getOrDefault(Objects.requireNonNull(accessKeyId, "accessKeyId"), List.of());
    }

    /**
     * A store without session tokens over a secret lookup: each known key is one entry without a
     * token, so a request that carries a token is not accepted.
     *
     * @param secrets the secret lookup
     * @return the lookup
     * @since 0.2.0
     */
    static CredentialsLookup of(SecretLookup secrets) {
        Objects.requireNonNull(secrets, "secrets");
        return accessKeyId -> {
            Objects.requireNonNull(accessKeyId, "accessKeyId");
            Optional<String> secret = secrets.secretKey(accessKeyId);
            return secret == null || secret.isEmpty() ? List.of()
                    : List.of(Credentials.of(accessKeyId, secret.get()));
        };
    }
}
