package dev.awssig;

import dev.awssig.internal.Checks;
import java.util.Objects;

/**
 * A typed, named option of a signer (for example the SigV4 payload mode or the DevPay user
 * token). Options are identified by name, so a framework that knows only the name can build
 * the same key: {@code SigningOption.of("devpay.userToken", String.class)}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <T> the type of the value
 * @since 0.1.0
 */
public final class SigningOption<T> {
    private final String name;
    private final Class<T> type;
    private final boolean sensitive;

    private SigningOption(String name, Class<T> type, boolean sensitive) {
        this.name = Checks.requireNonBlank(Objects.requireNonNull(name, "name"), "option name");
        this.type = Objects.requireNonNull(type, "type");
        this.sensitive = sensitive;
    }

    /**
     * An option key.
     *
     * @param name the option name, for example {@code "sigv4.payloadSigning"}
     * @param type the value type
     * @param <T> the value type
     * @return the key
     * @since 0.1.0
     */
    public static <T> SigningOption<T> of(String name, Class<T> type) {
        return new SigningOption<>(name, type, false);
    }

    /**
     * An option key whose values are secret (tokens): {@link SigningConfig#toString()} redacts them.
     *
     * @param name the option name
     * @param type the value type
     * @param <T> the value type
     * @return the key
     * @since 0.1.0
     */
    public static <T> SigningOption<T> secret(String name, Class<T> type) {
        return new SigningOption<>(name, type, true);
    }

    /**
     * The option name.
     *
     * @return the name
     * @since 0.1.0
     */
    public String name() {
        return name;
    }

    /**
     * The value type.
     *
     * @return the type
     * @since 0.1.0
     */
    public Class<T> type() {
        return type;
    }

    /**
     * Whether values of this option are secret and redacted in descriptions.
     *
     * @return true for secret options
     * @since 0.1.0
     */
    public boolean isSensitive() {
        return sensitive;
    }

    /**
     * Two options are equal when their names are.
     *
     * @param o the other object
     * @return whether the names are equal
     * @since 0.1.0
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof SigningOption && ((SigningOption<?>) o).name.equals(name);
    }

    /**
     * The hash of the name, consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     * @since 0.1.0
     */
    @Override
    public int hashCode() {
        return name.hashCode();
    }

    /**
     * The option name.
     *
     * @return the description
     * @since 0.1.0
     */
    @Override
    public String toString() {
        return name;
    }
}
