package dev.awssig;

import dev.awssig.internal.ChainCredentialsProvider;
import dev.awssig.internal.EnvironmentCredentialsProvider;
import dev.awssig.internal.ProfileCredentialsProvider;
import dev.awssig.internal.SystemPropertiesCredentialsProvider;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Factories of {@link CredentialsProvider}s, finding credentials where users of the AWS CLI and
 * SDKs keep them: static values, the environment ({@code AWS_ACCESS_KEY_ID},
 * {@code AWS_SECRET_ACCESS_KEY}, {@code AWS_SESSION_TOKEN}), Java system properties
 * ({@code aws.accessKeyId}, {@code aws.secretAccessKey}, {@code aws.sessionToken}), the shared
 * files {@code ~/.aws/credentials} and {@code ~/.aws/config} ({@code AWS_PROFILE},
 * {@code AWS_SHARED_CREDENTIALS_FILE}, {@code AWS_CONFIG_FILE}), and chains of those.
 *
 * <p>Every source can be used alone or in a chain. The overloads that take an environment map,
 * {@link Properties} or a home directory read only what they are given (for tests and
 * embedding); the others read this process's environment, system properties and
 * {@code user.home}. A provider that finds nothing throws {@link CredentialsNotFoundException}
 * saying why (for example {@code AWS_ACCESS_KEY_ID not set}); a chain that finds nothing names
 * every source it tried and why each had nothing. No message ever contains a secret or token.
 *
 * <pre>{@code
 * CredentialsProvider provider = CredentialsProviders.defaultChain();   // env, then -D, then ~/.aws
 * CredentialsProvider work = CredentialsProviders.profile("work");      // like --profile work
 * Credentials c = provider.resolveCredentials();
 * }</pre>
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
     * A chain that returns the credentials of the first provider that has some (see
     * {@link #chain(List)}).
     *
     * @param providers the providers, tried in order
     * @return the chain
     * @throws IllegalArgumentException if no provider is given
     * @since 0.1.0
     */
    public static CredentialsProvider chain(CredentialsProvider... providers) {
        Objects.requireNonNull(providers, "providers");
        return chain(List.of(providers));
    }

    /**
     * A chain that returns the credentials of the first provider that has some. A provider that
     * throws {@link CredentialsNotFoundException} is skipped; if all do, the chain throws one
     * whose message names each provider (its {@link CredentialsProvider#describe()}) and why it
     * had nothing. Any other exception stops the chain. Once a provider has returned
     * credentials it is asked first on later calls (as the AWS SDK for Java 2 does); if it later
     * has none, the whole chain is tried again in order.
     *
     * @param providers the providers, tried in order
     * @return the chain
     * @throws IllegalArgumentException if the list is empty
     * @since 0.1.0
     */
    public static CredentialsProvider chain(List<? extends CredentialsProvider> providers) {
        Objects.requireNonNull(providers, "providers");
        return new ChainCredentialsProvider(providers);
    }

    /**
     * Credentials from this process's environment variables {@code AWS_ACCESS_KEY_ID},
     * {@code AWS_SECRET_ACCESS_KEY} and optional {@code AWS_SESSION_TOKEN}, read at each call.
     * An empty variable counts as unset.
     *
     * @return the provider
     * @since 0.1.0
     */
    public static CredentialsProvider environment() {
        return new EnvironmentCredentialsProvider(null);
    }

    /**
     * Credentials from the given environment variables (see {@link #environment()}).
     *
     * @param environment the variables (copied)
     * @return the provider
     * @since 0.1.0
     */
    public static CredentialsProvider environment(Map<String, String> environment) {
        return new EnvironmentCredentialsProvider(Objects.requireNonNull(environment, "environment"));
    }

    /**
     * Credentials from the Java system properties {@code aws.accessKeyId},
     * {@code aws.secretAccessKey} and optional {@code aws.sessionToken}, read at each call.
     *
     * @return the provider
     * @since 0.1.0
     */
    public static CredentialsProvider systemProperties() {
        return new SystemPropertiesCredentialsProvider(null);
    }

    /**
     * Credentials from the given properties (see {@link #systemProperties()}); the properties are
     * read at each call, not copied.
     *
     * @param properties the properties
     * @return the provider
     * @since 0.1.0
     */
    public static CredentialsProvider systemProperties(Properties properties) {
        return new SystemPropertiesCredentialsProvider(Objects.requireNonNull(properties, "properties"));
    }

    /**
     * Credentials of the profile named by {@code AWS_PROFILE}, or {@code default}, in this
     * user's shared files (see {@link #profile(String, Map, Path)}).
     *
     * @return the provider
     * @since 0.1.0
     */
    public static CredentialsProvider profile() {
        return new ProfileCredentialsProvider(null, null, null);
    }

    /**
     * Credentials of a named profile in this user's shared files, as {@code aws --profile name}
     * finds them (see {@link #profile(String, Map, Path)}).
     *
     * @param profileName the profile, for example {@code default} or {@code work}
     * @return the provider
     * @throws IllegalArgumentException if the name is blank
     * @since 0.1.0
     */
    public static CredentialsProvider profile(String profileName) {
        Objects.requireNonNull(profileName, "profileName");
        return new ProfileCredentialsProvider(profileName, null, null);
    }

    /**
     * Credentials of a profile in the shared files, with the environment and home directory
     * given. The profile is {@code profileName}, else {@code AWS_PROFILE}, else {@code default}.
     * The files are {@code AWS_SHARED_CREDENTIALS_FILE} (default {@code <home>/.aws/credentials},
     * sections {@code [name]}) and {@code AWS_CONFIG_FILE} (default {@code <home>/.aws/config},
     * sections {@code [profile name]} and {@code [default]}); for a property set in both, the
     * credentials file wins. The keys are {@code aws_access_key_id},
     * {@code aws_secret_access_key} and optional {@code aws_session_token}. Comments start with
     * {@code #} or {@code ;}. A malformed file gives a message with the file and line number.
     * The files are read at the first successful call and those credentials kept; a call that
     * finds nothing reads them again next time.
     *
     * @param profileName the profile, or {@code null} for {@code AWS_PROFILE} or {@code default}
     * @param environment the environment variables (copied)
     * @param home the home directory
     * @return the provider
     * @throws IllegalArgumentException if the profile name is blank
     * @since 0.1.0
     */
    public static CredentialsProvider profile(String profileName, Map<String, String> environment, Path home) {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(home, "home");
        return new ProfileCredentialsProvider(profileName, environment, home);
    }

    /**
     * The default chain, in the order the AWS SDK for Java uses: environment variables, then
     * Java system properties, then the shared files ({@code AWS_PROFILE} or {@code default}),
     * of this process and user.
     *
     * @return the chain
     * @since 0.1.0
     */
    public static CredentialsProvider defaultChain() {
        return chain(environment(), systemProperties(), profile());
    }

    /**
     * The default chain over a given environment, system properties and home directory: for
     * tests and embedding, nothing else is read.
     *
     * @param environment the environment variables (copied)
     * @param systemProperties the system properties (read at each call)
     * @param home the home directory, where {@code .aws/credentials} and {@code .aws/config} are
     * @return the chain
     * @since 0.1.0
     */
    public static CredentialsProvider defaultChain(Map<String, String> environment, Properties systemProperties,
            Path home) {
        return chain(environment(environment), systemProperties(systemProperties), profile(null, environment, home));
    }
}
