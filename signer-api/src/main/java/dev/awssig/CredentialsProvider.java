package dev.awssig;

/**
 * A source of {@link Credentials}: static values, the environment, system properties, the shared
 * AWS files, or a chain of those (see {@link CredentialsProviders}).
 *
 * <p>Implementations must be thread-safe; they may re-read their source on every call.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface CredentialsProvider {
    /**
     * Resolves the credentials.
     *
     * @return the credentials, never null
     * @throws CredentialsNotFoundException if this source has no credentials
     * @since 0.1.0
     */
    Credentials resolveCredentials();

    /**
     * A short name of the source, used in the message of a chain that found nothing.
     *
     * @return a description such as {@code "environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY)"}
     * @since 0.1.0
     */
    default String describe() {
        return getClass().getSimpleName();
    }
}
