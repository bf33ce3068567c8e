package dev.awssig.internal;

import dev.awssig.SigningOption;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry of declared {@link SigningOption} names: an option name has one type, in the
 * whole JVM. Every {@link SigningOption#of} and {@link SigningOption#secret} declares its name
 * here, and a second declaration with another type fails with both types named.
 *
 * <p>The option classes of this project's modules ({@code SigV4Options}, {@code V2Options}, ...)
 * declare their options with {@link #own}: a module's declaration is the authority on its
 * option, so if a caller declared the same name with another type before the module's class was
 * loaded, the module's declaration wins (with a warning), and the caller's key is refused where
 * it is used ({@link dev.awssig.SigningConfig.Builder#option}). A name declared secret anywhere
 * is secret everywhere. Names that no loaded module declares are allowed: a framework may pass
 * options meant for signers it does not know.
 *
 * <p>Thread-safe. Internal: exported only to the sibling modules of this project.
 */
public final class OptionNames {
    private static final Logger LOG = LoggerFactory.getLogger(OptionNames.class);
    private static final ConcurrentHashMap<String, Declared> NAMES = new ConcurrentHashMap<>();

    private OptionNames() {
    }

    /** One declared name: its type, whether its values are secret, whether its module declared it. */
    private static final class Declared {
        final Class<?> type;
        final boolean secret;
        final boolean owned;

        Declared(Class<?> type, boolean secret, boolean owned) {
            this.type = type;
            this.secret = secret;
            this.owned = owned;
        }
    }

    /**
     * Declares an option name with a type; called by every {@link SigningOption} key.
     *
     * @param name the option name
     * @param type the value type
     * @param secret whether its values are secret
     * @throws IllegalArgumentException if the name is already declared with another type
     */
    public static void declare(String name, Class<?> type, boolean secret) {
        NAMES.compute(name, (k, old) -> {
            if (old == null) {
                return new Declared(type, secret, false);
            }
            if (old.type != type) {
                throw new IllegalArgumentException("option '" + name + "': declared as " + old.type.getName()
                        + ", cannot also be declared as " + type.getName() + " (an option name has one type)");
            }
            return secret && !old.secret ? new Declared(old.type, true, old.owned) : old;
        });
    }

    /**
     * Declares an option of the calling module, which reads it: the authority on its type. A
     * caller's earlier declaration of the name with another type is overruled (its key is refused
     * where it is used) and logged as a warning.
     *
     * @param name the option name
     * @param type the value type
     * @param secret whether its values are secret (redacted in descriptions)
     * @param <T> the value type
     * @return the option key
     * @throws IllegalArgumentException if another module already declared the name with another type
     */
    public static <T> SigningOption<T> own(String name, Class<T> type, boolean secret) {
        Class<?>[] overruled = new Class<?>[1];
        NAMES.compute(name, (k, old) -> {
            if (old != null && old.type != type) {
                if (old.owned) {
                    throw new IllegalArgumentException("option '" + name + "': declared as " + old.type.getName()
                            + " by one module and as " + type.getName() + " by another");
                }
                overruled[0] = old.type;
            }
            return new Declared(type, secret || (old != null && old.secret), true);
        });
        if (overruled[0] != null) {
            LOG.warn("option '{}' was declared as {} before the module that reads it declared it as {}; values set"
                    + " with the {} key are refused", name, overruled[0].getName(), type.getName(),
                    overruled[0].getName());
        }
        return secret ? SigningOption.secret(name, type) : SigningOption.of(name, type);
    }

    /**
     * The type an option name is declared with.
     *
     * @param name the option name
     * @return the type, or null when no key of that name was declared
     */
    public static Class<?> type(String name) {
        Declared d = NAMES.get(name);
        return d == null ? null : d.type;
    }

    /**
     * Whether any declaration of an option name says its values are secret.
     *
     * @param name the option name
     * @return true for a secret option
     */
    public static boolean isSecret(String name) {
        Declared d = NAMES.get(name);
        return d != null && d.secret;
    }

    /**
     * Refuses a value that is not of an option's type, naming the option and both types.
     *
     * @param option the option
     * @param value the value, not null
     * @param <T> the value type
     * @return the value, typed
     * @throws IllegalArgumentException if the value is not an instance of the option's type
     */
    public static <T> T requireType(SigningOption<T> option, Object value) {
        if (!option.type().isInstance(value)) {
            throw new IllegalArgumentException("option '" + option.name() + "': must be a " + option.type().getName()
                    + ", was a " + value.getClass().getName());
        }
        return option.type().cast(value);
    }
}
