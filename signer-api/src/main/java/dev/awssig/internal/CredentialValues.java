package dev.awssig.internal;

import dev.awssig.Credentials;
import dev.awssig.CredentialsNotFoundException;

/**
 * Turns the raw key id / secret / token values of a credentials source into {@link Credentials},
 * with messages that name the source's keys and never the values of the secret or the token.
 * Internal: exported only to the sibling modules of this project.
 */
public final class CredentialValues {
    private CredentialValues() {
    }

    /**
     * Builds credentials from raw values; empty or blank values count as absent.
     *
     * @param id the access key id value, or null
     * @param secret the secret value, or null
     * @param token the session token value, or null
     * @param idName the name of the id key in its source
     * @param secretName the name of the secret key in its source
     * @param tokenName the name of the token key in its source
     * @param kind what the names are, for messages ("environment variable ")
     * @return the credentials
     * @throws CredentialsNotFoundException if the id or secret is missing or invalid
     */
    public static Credentials resolve(String id, String secret, String token, String idName, String secretName,
            String tokenName, String kind) {
        boolean hasId = id != null && !id.isBlank();
        boolean hasSecret = secret != null && !secret.isBlank();
        if (!hasId) {
            throw new CredentialsNotFoundException(idName + " not set"
                    + (hasSecret ? " (" + secretName + " is set)" : ""));
        }
        if (!hasSecret) {
            throw new CredentialsNotFoundException(secretName + " not set (" + idName + " is set)");
        }
        String trimmedId = id.trim();
        if (!Checks.isToken(trimmedId)) {
            throw new CredentialsNotFoundException(kind + idName + " is set but invalid: '"
                    + Checks.printable(trimmedId) + "' is not a valid access key id");
        }
        String s = secret.trim();
        if (hasControl(s)) {
            throw new CredentialsNotFoundException(kind + secretName
                    + " is set but invalid: it contains control characters");
        }
        String t = token == null || token.isBlank() ? null : token.trim();
        if (t != null && hasControl(t)) {
            throw new CredentialsNotFoundException(kind + tokenName
                    + " is set but invalid: it contains control characters");
        }
        return Credentials.of(trimmedId, s, t);
    }

    private static boolean hasControl(String s) {
        return Checks.indexOfControl(s, false) >= 0;
    }
}
