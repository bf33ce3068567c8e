package dev.awssig;

import dev.awssig.internal.Checks;
import dev.awssig.internal.OptionNames;
import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything a signer, presigner or verifier is configured with: a credentials provider, a
 * region, a service, a clock and algorithm-specific {@link SigningOption options}.
 *
 * <p>Immutable and thread-safe. The clock defaults to {@link Clock#systemUTC()} only when the
 * caller asks for it through {@link Builder#clock(Clock)}; nothing in this project reads the
 * system time behind the caller's back, so a config built without a clock uses the system
 * UTC clock explicitly named here.
 *
 * @since 0.1.0
 */
public final class SigningConfig {
    private final CredentialsProvider credentials;
    private final String region;
    private final String service;
    private final Clock clock;
    private final Map<SigningOption<?>, Object> options;

    private SigningConfig(Builder b) {
        this.credentials = b.credentials;
        this.region = b.region;
        this.service = b.service;
        this.clock = b.clock;
        this.options = Collections.unmodifiableMap(new LinkedHashMap<>(b.options));
    }

    /**
     * A new builder.
     *
     * @return a builder with the system UTC clock and no credentials, region or service
     * @since 0.1.0
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The credentials provider (required for signing and presigning; unused by verifiers).
     *
     * @return the provider, or empty
     * @since 0.1.0
     */
    public Optional<CredentialsProvider> credentialsProvider() {
        return Optional.ofNullable(credentials);
    }

    /**
     * The credentials provider, or an exception naming the missing field.
     *
     * @return the provider
     * @throws IllegalArgumentException if none was configured
     * @since 0.1.0
     */
    public CredentialsProvider requireCredentialsProvider() {
        if (credentials == null) {
            throw new IllegalArgumentException("credentials: a credentials provider is required to sign");
        }
        return credentials;
    }

    /**
     * The region, for example {@code us-east-1}.
     *
     * @return the region, or empty
     * @since 0.1.0
     */
    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /**
     * The service signing name, for example {@code s3} or {@code iam}.
     *
     * @return the service, or empty
     * @since 0.1.0
     */
    public Optional<String> service() {
        return Optional.ofNullable(service);
    }

    /**
     * The clock that gives the signing time.
     *
     * @return the clock
     * @since 0.1.0
     */
    public Clock clock() {
        return clock;
    }

    /**
     * The value of an option.
     *
     * @param option the option key
     * @param <T> the value type
     * @return the value, or empty when not set
     * @throws IllegalArgumentException if the value set is not of the option's type (set with a
     *     key its module later declared with another type)
     * @since 0.1.0
     */
    public <T> Optional<T> option(SigningOption<T> option) {
        Objects.requireNonNull(option, "option");
        Object v = options.get(option);
        return v == null ? Optional.empty() : Optional.of(OptionNames.requireType(option, v));
    }

    /**
     * The value of an option, or a default.
     *
     * @param option the option key
     * @param defaultValue the value when unset (may be null)
     * @param <T> the value type
     * @return the value or the default
     * @throws IllegalArgumentException if the value set is not of the option's type (set with a
     *     key its module later declared with another type)
     * @since 0.1.0
     */
    public <T> T option(SigningOption<T> option, T defaultValue) {
        Objects.requireNonNull(option, "option");
        Object v = options.get(option);
        return v == null ? defaultValue : OptionNames.requireType(option, v);
    }

    /**
     * Every option that is set.
     *
     * @return an unmodifiable map
     * @since 0.1.0
     */
    public Map<SigningOption<?>, Object> options() {
        return options;
    }

    /**
     * A builder initialised with this config.
     *
     * @return a builder
     * @since 0.1.0
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.credentials = credentials;
        b.region = region;
        b.service = service;
        b.clock = clock;
        b.options.putAll(options);
        return b;
    }

    /**
     * Region, service, clock and options; secret options and credentials are not shown.
     *
     * @return a redacted description
     * @since 0.1.0
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SigningConfig[region=").append(region)
                .append(", service=").append(service).append(", clock=").append(clock);
        for (Map.Entry<SigningOption<?>, Object> e : options.entrySet()) {
            sb.append(", ").append(e.getKey().name()).append('=')
                    .append(e.getKey().isSensitive() ? "****" : e.getValue());
        }
        return sb.append(']').toString();
    }

    /**
     * Builds a {@link SigningConfig}. Not thread-safe.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private CredentialsProvider credentials;
        private String region;
        private String service;
        private Clock clock = Clock.systemUTC();
        private final Map<SigningOption<?>, Object> options = new LinkedHashMap<>();

        private Builder() {
        }

        /**
         * Sets the credentials provider.
         *
         * @param credentialsProvider the provider
         * @return this builder
         * @since 0.1.0
         */
        public Builder credentialsProvider(CredentialsProvider credentialsProvider) {
            this.credentials = Objects.requireNonNull(credentialsProvider, "credentialsProvider");
            return this;
        }

        /**
         * Uses fixed credentials.
         *
         * @param credentials the credentials
         * @return this builder
         * @since 0.1.0
         */
        public Builder credentials(Credentials credentials) {
            return credentialsProvider(CredentialsProviders.of(credentials));
        }

        /**
         * Sets the region.
         *
         * @param region for example {@code us-east-1}
         * @return this builder
         * @since 0.1.0
         */
        public Builder region(String region) {
            this.region = Checks.requireScopePart(region, "region");
            return this;
        }

        /**
         * Sets the service signing name.
         *
         * @param service for example {@code s3}
         * @return this builder
         * @since 0.1.0
         */
        public Builder service(String service) {
            this.service = Checks.requireScopePart(service, "service");
            return this;
        }

        /**
         * Sets the clock that gives the signing time.
         *
         * @param clock the clock
         * @return this builder
         * @since 0.1.0
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Sets an option. An option whose name no loaded module declares is kept (a framework may
         * pass options for signers it does not know); the signers that read it check its value
         * when they are created.
         *
         * @param option the key
         * @param value the value, or {@code null} to unset
         * @param <T> the value type
         * @return this builder
         * @throws IllegalArgumentException if the value is not of the key's type (a raw-typed
         *     call), or the key's type is not the one the option's module declared for its name
         * @since 0.1.0
         */
        public <T> Builder option(SigningOption<T> option, T value) {
            Objects.requireNonNull(option, "option");
            Class<?> declared = OptionNames.type(option.name());
            if (declared != null && declared != option.type()) {
                throw new IllegalArgumentException("option '" + option.name() + "': declared as "
                        + declared.getName() + " by the module that reads it, but this key is a "
                        + option.type().getName() + " option");
            }
            if (value == null) {
                options.remove(option);
            } else {
                options.put(option, OptionNames.requireType(option, value));
            }
            return this;
        }

        /**
         * Builds the config.
         *
         * @return the immutable config
         * @since 0.1.0
         */
        public SigningConfig build() {
            return new SigningConfig(this);
        }
    }
}
