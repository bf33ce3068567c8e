package dev.awssig.internal;

import dev.awssig.Credentials;
import dev.awssig.CredentialsNotFoundException;
import dev.awssig.CredentialsProvider;
import java.util.Map;

/**
 * Credentials from the environment variables {@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY} and (optional) {@code AWS_SESSION_TOKEN}, as the AWS CLI and
 * SDKs read them. An empty variable counts as unset. The environment is read on every call.
 * Internal: use {@link dev.awssig.CredentialsProviders#environment()}.
 */
public final class EnvironmentCredentialsProvider implements CredentialsProvider {
    /** The access key id variable. */
    public static final String ACCESS_KEY_ID = "AWS_ACCESS_KEY_ID";
    /** The secret access key variable. */
    public static final String SECRET_ACCESS_KEY = "AWS_SECRET_ACCESS_KEY";
    /** The session token variable. */
    public static final String SESSION_TOKEN = "AWS_SESSION_TOKEN";

    private final Map<String, String> environment;

    /**
     * A provider over an environment.
     *
     * @param environment the variables, or {@code null} for the real environment of this process
     */
    public EnvironmentCredentialsProvider(Map<String, String> environment) {
        this.environment = environment == null ? null : Map.copyOf(environment);
    }

    @Override
    public Credentials resolveCredentials() {
        Map<String, String> env = environment == null ? System.getenv() : environment;
        return CredentialValues.resolve(env.get(ACCESS_KEY_ID), env.get(SECRET_ACCESS_KEY), env.get(SESSION_TOKEN),
                ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN, "environment variable ");
    }

    @Override
    public String describe() {
        return "environment variables (" + ACCESS_KEY_ID + ", " + SECRET_ACCESS_KEY + ")";
    }

    @Override
    public String toString() {
        return "EnvironmentCredentialsProvider";
    }
}
