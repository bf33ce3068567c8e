package dev.awssig;

import dev.awssig.internal.Checks;
import dev.awssig.internal.OptionNames;
import java.util.Objects;

/**
 * A typed, named option of a signer (for example the SigV4 payload mode or the DevPay user
 * token). Options are identified by name, so a framework that knows only the name can build
 * the same key: {@code SigningOption.of("devpay.userToken", String.class)}.
 *
 * <p><b>An option name has one type.</b> Declaring a name with another type than an earlier
 * declaration in the same JVM throws {@link IllegalArgumentException} naming both types. The
 * modules of this project declare their options in their options classes ({@code SigV4Options},
 * {@code V2Options}, ...), and their declaration is the authority: a key declared by a caller
 * with another type before the module's class was loaded is refused by
 * {@link SigningConfig.Builder#option} once the module has declared the name, and a value of the
 * wrong type already in a config is refused, naming the option, when a signer, presigner or
 * verifier is created from it. A name declared {@link #secret} anywhere is secret for every key
 * of that name. A name that no loaded module declares is allowed and ignored by the signers that
 * do not read it, so a framework may pass options meant for other signers.
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
        if (type.isPrimitive()) {
            throw new IllegalArgumentException("type: option values are objects; use the wrapper class of "
                    + type.getName());
        }
        this.sensitive = sensitive;
        OptionNames.declare(name, type, sensitive);
    }

    /**
     * An option key.
     *
     * @param name the option name, for example {@code "sigv4.payloadSigning"}
     * @param type the value type
     * @param <T> the value type
     * @return the key
     * @throws IllegalArgumentException if the name is blank, the type is primitive, or the name is
     *     already declared with another type
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
     * @throws IllegalArgumentException if the name is blank, the type is primitive, or the name is
     *     already declared with another type
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
     * Whether values of this option are secret and redacted in descriptions: declared with
     * {@link #secret}, here or by any other key of the same name.
     *
     * @return true for secret options
     * @since 0.1.0
     */
    public boolean isSensitive() {
        return sensitive || OptionNames.isSecret(name);
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
