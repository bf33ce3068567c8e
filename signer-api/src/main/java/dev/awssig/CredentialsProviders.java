package dev.awssig;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Factories of {@link CredentialsProvider}s: static credentials and chains. The environment,
 * system-property and shared-file providers are added by the credentials-provider work.
 *
 * @since 0.1.0
 */
public final class CredentialsProviders {
    private CredentialsProviders() {
    }

    /**
     * A provider of fixed credentials.
     *
     * @param credentials the credentials
     * @return the provider
     * @since 0.1.0
     */
    public static CredentialsProvider of(Credentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        return new CredentialsProvider() {
            @Override
            public Credentials resolveCredentials() {
                return credentials;
            }

            @Override
            public String describe() {
                return "static credentials";
            }

            @Override
            public String toString() {
                return "StaticCredentialsProvider[" + credentials + "]";
            }
        };
    }

    /**
     * A chain that returns the credentials of the first provider that has some.
     *
     * @param providers the providers, tried in order
     * @return the chain
     * @since 0.1.0
     */
    public static CredentialsProvider chain(CredentialsProvider... providers) {
        List<CredentialsProvider> list = List.of(providers);
        if (list.isEmpty()) {
            throw new IllegalArgumentException("providers: a chain needs at least one provider");
        }
        return new CredentialsProvider() {
            @Override
            public Credentials resolveCredentials() {
                List<String> tried = new ArrayList<>(list.size());
                for (CredentialsProvider p : list) {
                    try {
                        return p.resolveCredentials();
                    } catch (CredentialsNotFoundException e) {
                        tried.add(p.describe() + ": " + e.getMessage());
                    }
                }
                throw new CredentialsNotFoundException("No credentials found. Tried, in order: "
                        + String.join("; ", tried));
            }

            @Override
            public String describe() {
                List<String> names = new ArrayList<>();
                for (CredentialsProvider p : list) {
                    names.add(p.describe());
                }
                return "chain " + names;
            }
        };
    }
}
