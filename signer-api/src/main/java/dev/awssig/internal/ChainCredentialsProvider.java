package dev.awssig.internal;

import dev.awssig.Credentials;
import dev.awssig.CredentialsNotFoundException;
import dev.awssig.CredentialsProvider;
import java.util.ArrayList;
import java.util.List;

/**
 * Tries providers in order and returns the first credentials found. Once a provider has
 * returned credentials it is asked first on later calls (as the AWS SDK for Java 2 does), so a
 * chain whose credentials come from its last source does not pay for the misses before it on
 * every signature; if that provider later has nothing, the whole chain is tried again in order.
 * Internal: use {@link dev.awssig.CredentialsProviders#chain(CredentialsProvider...)}.
 */
public final class ChainCredentialsProvider implements CredentialsProvider {
    private final List<CredentialsProvider> providers;
    private volatile int last = -1;

    /**
     * A chain over providers.
     *
     * @param providers at least one provider
     * @throws IllegalArgumentException if the list is empty
     */
    public ChainCredentialsProvider(List<? extends CredentialsProvider> providers) {
        this.providers = List.copyOf(providers);
        if (this.providers.isEmpty()) {
            throw new IllegalArgumentException("providers: a chain needs at least one provider");
        }
    }

    @Override
    public Credentials resolveCredentials() {
        int remembered = last;
        if (remembered >= 0) {
            try {
                return providers.get(remembered).resolveCredentials();
            } catch (CredentialsNotFoundException e) {
                last = -1;
            }
        }
        List<String> tried = new ArrayList<>(providers.size());
        for (int i = 0; i < providers.size(); i++) {
            CredentialsProvider p = providers.get(i);
            try {
                Credentials c = p.resolveCredentials();
                last = i;
                return c;
            } catch (CredentialsNotFoundException e) {
                tried.add(p.describe() + ": " + e.getMessage());
            }
        }
        throw new CredentialsNotFoundException("No credentials found. Tried, in order: " + String.join("; ", tried));
    }

    @Override
    public String describe() {
        List<String> names = new ArrayList<>(providers.size());
        for (CredentialsProvider p : providers) {
            names.add(p.describe());
        }
        return "chain " + names;
    }

    @Override
    public String toString() {
        return "ChainCredentialsProvider" + providers;
    }
}
