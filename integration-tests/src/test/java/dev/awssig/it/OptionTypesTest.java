package dev.awssig.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.PresignExpiryPolicy;
import dev.awssig.SigningOption;
import dev.awssig.VerificationLimits;
import dev.awssig.devpay.DevPayOptions;
import dev.awssig.v2.S3V2Verifier;
import dev.awssig.v2.V2Options;
import dev.awssig.v4.SigV4Options;
import dev.awssig.v4.SigV4Signer;
import dev.awssig.v4a.SigV4aOptions;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Options are typed across modules: every option an awssig module declares has one type, and a
 * caller's declaration of the same name with another type fails at declaration, or, made before
 * the module was loaded, is refused where it is used, never as a {@link ClassCastException}
 * inside a signer.
 */
class OptionTypesTest {
    private static final List<Class<?>> OPTION_CLASSES = List.of(SigV4Options.class, SigV4aOptions.class,
            V2Options.class, DevPayOptions.class, VerificationLimits.class, PresignExpiryPolicy.class);

    @Test
    void everyOptionOfEveryModuleHasOneType() throws IllegalAccessException {
        List<String> names = new ArrayList<>();
        for (Class<?> c : OPTION_CLASSES) {
            for (Field f : c.getFields()) {
                if (!Modifier.isStatic(f.getModifiers()) || f.getType() != SigningOption.class) {
                    continue;
                }
                SigningOption<?> option = (SigningOption<?>) f.get(null);
                names.add(option.name());
                assertEquals(option, SigningOption.of(option.name(), option.type()), option.name());
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> SigningOption.of(option.name(), Object.class), option.name());
                assertEquals("option '" + option.name() + "': declared as " + option.type().getName()
                        + ", cannot also be declared as java.lang.Object (an option name has one type)", e.getMessage());
            }
        }
        assertEquals(20, names.size(), names.toString());
        assertEquals(names.size(), new java.util.HashSet<>(names).size(), "no name is declared twice: " + names);
    }

    @Test
    void aMistypedOptionDeclaredBeforeItsModuleLoadsIsRefusedWhenTheSignerIsCreated() throws Exception {
        URL[] path = {where(SigningOption.class), where(SigV4Signer.class), where(S3V2Verifier.class),
            where(org.slf4j.LoggerFactory.class), where(ch.qos.logback.classic.Logger.class),
            where(ch.qos.logback.core.Appender.class), where(LateModuleScenario.class)};
        try (URLClassLoader isolated = new URLClassLoader(path, ClassLoader.getPlatformClassLoader())) {
            Class<?> scenario = isolated.loadClass(LateModuleScenario.class.getName());
            assertNotSame(LateModuleScenario.class, scenario, "the scenario runs on classes of its own");
            @SuppressWarnings("unchecked")
            List<String> answers = (List<String>) scenario.getMethod("run").invoke(null);
            assertEquals(List.of(
                    "option 'sigv4.chunkSize': must be a java.lang.Integer, was a java.lang.Long",
                    "option 'sigv4.chunkSize': declared as java.lang.Integer by the module that reads it, but this"
                            + " key is a java.lang.Long option",
                    "option 'sigv2.maxClockSkew': must be a java.time.Duration, was a java.lang.String"), answers);
        }
    }

    private static URL where(Class<?> c) {
        URL url = c.getProtectionDomain().getCodeSource().getLocation();
        assertTrue(url != null, c.getName());
        return url;
    }
}
