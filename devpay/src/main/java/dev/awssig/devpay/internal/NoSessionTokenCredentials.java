package dev.awssig.devpay.internal;

import dev.awssig.Credentials;
import dev.awssig.CredentialsProvider;
import java.util.Objects;

/**
 * A credentials provider that refuses credentials carrying a session token: a DevPay product
 * signs with its own long-term keys, and {@code x-amz-security-token} belongs to the DevPay
 * tokens. Resolves on every call, so a refreshing provider is checked each time.
 */
public final class NoSessionTokenCredentials implements CredentialsProvider {
    private final CredentialsProvider delegate;

    /**
     * Guards a provider.
     *
     * @param delegate the provider of the product's credentials
     */
    public NoSessionTokenCredentials(CredentialsProvider delegate) {
        this.delegate = Objects.requireNonNull(delegate, "credentialsProvider");
    }

    @Override
    public Credentials resolveCredentials() {
        Credentials c = delegate.resolveCredentials();
        if (c == null) {
            throw new IllegalStateException("credentials: the provider " + delegate.describe() + " returned null");
        }
        if (c.sessionToken().isPresent()) {
            throw new IllegalStateException(SecurityToken.SESSION_TOKEN_REFUSAL + " (access key id "
                    + c.accessKeyId() + ", from " + delegate.describe() + ")");
        }
        return c;
    }

    @Override
    public String describe() {
        return delegate.describe() + " (DevPay: no session token)";
    }

    @Override
    public String toString() {
        return "NoSessionTokenCredentials[" + delegate.describe() + "]";
    }
}
