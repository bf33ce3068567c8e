package dev.awssig.internal;

import dev.awssig.SecretLookup;
import java.util.Optional;

/**
 * How every verifier asks a {@link SecretLookup} for a secret: an answer that is absent,
 * {@code null} or blank is an unknown access key id ({@code InvalidAccessKeyId}), never a key
 * that makes the MAC throw. Internal: exported only to the sibling modules of this project.
 */
public final class Secrets {
    private Secrets() {
    }

    /**
     * The secret of an access key id.
     *
     * @param lookup the server's lookup
     * @param accessKeyId the access key id from the request
     * @return the secret, or {@code null} when the lookup knows none (or only a blank one)
     */
    public static String find(SecretLookup lookup, String accessKeyId) {
        Optional<String> secret = lookup.secretKey(accessKeyId);
        if (secret == null || secret.isEmpty() || secret.get().isBlank()) {
            return null;
        }
        return secret.get();
    }
}
