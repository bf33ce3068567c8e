package dev.awssig.cli.internal;

import dev.awssig.CredentialsEnvironment;
import dev.awssig.CredentialsProvider;
import dev.awssig.CredentialsProviders;
import dev.awssig.Signers;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Everything the command reads from the outside world, injected so that tests never touch the
 * real environment, home directory, standard streams or clock.
 *
 * @since 0.1.0
 */
public final class CliEnvironment {
    /**
     * Finds credentials: the default chain, or a named profile.
     *
     * @since 0.1.0
     */
    @FunctionalInterface
    public interface CredentialsSource {
        /**
         * The provider to use.
         *
         * @param profile the profile named with {@code --profile}, or {@code null} for the default chain
         * @return the provider
         * @since 0.1.0
         */
        CredentialsProvider provider(String profile);

        /**
         * The default chain of signer-api over the given sources, or the named profile of the
         * shared files (see {@link #of(CredentialsEnvironment)}).
         *
         * @param environment the environment variables
         * @param systemProperties the system properties
         * @param home the home directory holding {@code .aws/credentials} and {@code .aws/config}
         * @return the source
         * @since 0.1.0
         */
        static CredentialsSource of(Map<String, String> environment, Properties systemProperties, Path home) {
            return of(CredentialsEnvironment.builder().environment(environment).systemProperties(systemProperties)
                    .home(home).build());
        }

        /**
         * The default chain of signer-api (system properties, environment, web identity, shared
         * files, container, instance metadata) over an environment, or its named profile.
         *
         * @param environment the variables, properties, home directory and clock; for this process,
         *     {@link CredentialsEnvironment#system()} (the home directory is {@code HOME} first)
         * @return the source
         * @since 0.2.0
         */
        static CredentialsSource of(CredentialsEnvironment environment) {
            return profile -> profile == null
                    ? CredentialsProviders.defaultChain(environment)
                    : CredentialsProviders.profile(profile, environment);
        }
    }

    private final Map<String, String> env;
    private final InputStream stdin;
    private final PrintWriter out;
    private final PrintWriter err;
    private final Clock clock;
    private final Supplier<Signers> signers;
    private final CredentialsSource credentials;

    /**
     * Creates an environment.
     *
     * @param env environment variables (only region defaults are read from it)
     * @param stdin standard input
     * @param out standard output
     * @param err standard error
     * @param clock the clock for "now"
     * @param signers finds the signer providers
     * @param credentials finds credentials
     * @since 0.1.0
     */
    public CliEnvironment(Map<String, String> env, InputStream stdin, PrintWriter out, PrintWriter err,
                          Clock clock, Supplier<Signers> signers, CredentialsSource credentials) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
        this.stdin = Objects.requireNonNull(stdin, "stdin");
        this.out = Objects.requireNonNull(out, "out");
        this.err = Objects.requireNonNull(err, "err");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signers = Objects.requireNonNull(signers, "signers");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    Map<String, String> env() {
        return env;
    }

    InputStream stdin() {
        return stdin;
    }

    PrintWriter out() {
        return out;
    }

    PrintWriter err() {
        return err;
    }

    Clock clock() {
        return clock;
    }

    Signers signers() {
        return signers.get();
    }

    CredentialsSource credentials() {
        return credentials;
    }
}
