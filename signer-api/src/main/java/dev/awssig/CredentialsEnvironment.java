package dev.awssig;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * What credentials providers read from the outside world: environment variables, Java system
 * properties, the home directory (where {@code .aws/} is) and the clock that decides whether
 * temporary credentials are still fresh.
 *
 * <p>{@link #system()} is this process's; a {@link #builder()} gives tests and embedding
 * exactly what they hand it, and nothing else is read.
 *
 * <p>The home directory, unless set, is found as the AWS CLI and SDKs find it: the {@code HOME}
 * variable; on Windows ({@code os.name} of the system properties) then {@code USERPROFILE},
 * then {@code HOMEDRIVE} + {@code HOMEPATH}; then the {@code user.home} system property. So
 * {@code HOME=/some/dir} moves {@code ~/.aws/} to {@code /some/dir/.aws/}, as it does for
 * {@code aws}.
 *
 * <pre>{@code
 * CredentialsEnvironment forTests = CredentialsEnvironment.builder()
 *         .environment(Map.of("AWS_PROFILE", "ci", "AWS_EC2_METADATA_DISABLED", "true"))
 *         .home(Path.of("/tmp/home"))
 *         .clock(Clock.systemUTC())
 *         .build();
 * CredentialsProvider chain = CredentialsProviders.defaultChain(forTests);
 * }</pre>
 *
 * <p>Immutable and thread-safe (the system properties are read at each use, not copied).
 *
 * @since 0.2.0
 */
public final class CredentialsEnvironment {
    private static final CredentialsEnvironment SYSTEM = new CredentialsEnvironment(null, null, null,
            Clock.systemUTC());

    private final Map<String, String> environment;
    private final Properties systemProperties;
    private final Path home;
    private final Clock clock;

    private CredentialsEnvironment(Map<String, String> environment, Properties systemProperties, Path home,
            Clock clock) {
        this.environment = environment;
        this.systemProperties = systemProperties;
        this.home = home;
        this.clock = clock;
    }

    /**
     * This process's environment variables and system properties (read at each use), the home
     * directory found from them, and {@link Clock#systemUTC()}.
     *
     * @return the environment of this process
     * @since 0.2.0
     */
    public static CredentialsEnvironment system() {
        return SYSTEM;
    }

    /**
     * A builder: no variables, no system properties, the home directory found from those, and
     * {@link Clock#systemUTC()}, until set.
     *
     * @return a builder
     * @since 0.2.0
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The environment variables.
     *
     * @return an unmodifiable map
     * @since 0.2.0
     */
    public Map<String, String> environment() {
        return environment == null ? System.getenv() : environment;
    }

    /**
     * One environment variable, with an empty or blank value counting as unset.
     *
     * @param name the variable name
     * @return the value, stripped, or {@code null}
     * @since 0.2.0
     */
    public String variable(String name) {
        Objects.requireNonNull(name, "name");
        return nonBlank(environment().get(name));
    }

    /**
     * The system properties.
     *
     * @return the properties (live, not a copy)
     * @since 0.2.0
     */
    public Properties systemProperties() {
        return systemProperties == null ? System.getProperties() : systemProperties;
    }

    /**
     * One system property, with an empty or blank value counting as unset.
     *
     * @param name the property name
     * @return the value, stripped, or {@code null}
     * @since 0.2.0
     */
    public String systemProperty(String name) {
        Objects.requireNonNull(name, "name");
        return nonBlank(systemProperties().getProperty(name));
    }

    /**
     * The home directory: the one set on the builder, else {@code HOME}, else (on Windows)
     * {@code USERPROFILE} or {@code HOMEDRIVE}{@code HOMEPATH}, else {@code user.home}.
     *
     * @return the home directory
     * @throws CredentialsNotFoundException if none of those is set
     * @since 0.2.0
     */
    public Path home() {
        if (home != null) {
            return home;
        }
        String found = variable("HOME");
        String from = "HOME";
        String os = systemProperty("os.name");
        if (found == null && os != null && os.toLowerCase(Locale.ROOT).startsWith("windows")) {
            found = variable("USERPROFILE");
            from = "USERPROFILE";
            if (found == null && variable("HOMEDRIVE") != null && variable("HOMEPATH") != null) {
                found = variable("HOMEDRIVE") + variable("HOMEPATH");
                from = "HOMEDRIVE and HOMEPATH";
            }
        }
        if (found == null) {
            found = systemProperty("user.home");
            from = "user.home";
        }
        if (found == null) {
            throw new CredentialsNotFoundException("the home directory is unknown: neither HOME nor user.home is set");
        }
        try {
            return Paths.get(found);
        } catch (InvalidPathException e) {
            throw new CredentialsNotFoundException("the home directory from " + from + " is not a valid path", e);
        }
    }

    /**
     * The clock that tells whether temporary credentials are fresh.
     *
     * @return the clock
     * @since 0.2.0
     */
    public Clock clock() {
        return clock;
    }

    /**
     * Names what this environment is, without any value.
     *
     * @return a description
     * @since 0.2.0
     */
    @Override
    public String toString() {
        return this == SYSTEM ? "CredentialsEnvironment[system]"
                : "CredentialsEnvironment[" + (environment == null ? "system" : environment.size()) + " variables, "
                        + (home == null ? "home from the variables" : "home " + home) + ", clock " + clock + "]";
    }

    private static String nonBlank(String v) {
        return v == null || v.isBlank() ? null : v.strip();
    }

    /**
     * Builds a {@link CredentialsEnvironment}. Not thread-safe.
     *
     * @since 0.2.0
     */
    public static final class Builder {
        private Map<String, String> environment = Map.of();
        private Properties systemProperties = new Properties();
        private Path home;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * Sets the environment variables.
         *
         * @param environment the variables (copied)
         * @return this builder
         * @since 0.2.0
         */
        public Builder environment(Map<String, String> environment) {
            this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
            return this;
        }

        /**
         * Sets the system properties.
         *
         * @param systemProperties the properties (read at each use, not copied)
         * @return this builder
         * @since 0.2.0
         */
        public Builder systemProperties(Properties systemProperties) {
            this.systemProperties = Objects.requireNonNull(systemProperties, "systemProperties");
            return this;
        }

        /**
         * Sets the home directory, instead of finding it from the variables and properties.
         *
         * @param home the home directory, or {@code null} to find it
         * @return this builder
         * @since 0.2.0
         */
        public Builder home(Path home) {
            this.home = home;
            return this;
        }

        /**
         * Sets the clock.
         *
         * @param clock the clock
         * @return this builder
         * @since 0.2.0
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Builds the environment.
         *
         * @return the immutable environment
         * @since 0.2.0
         */
        public CredentialsEnvironment build() {
            return new CredentialsEnvironment(environment, systemProperties, home, clock);
        }
    }
}
