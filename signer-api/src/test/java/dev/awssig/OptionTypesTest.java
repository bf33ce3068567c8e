package dev.awssig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.internal.OptionNames;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * An option name has one type: a second declaration with another type fails where it is made,
 * naming both types; a module's own declaration overrules a caller's earlier one, whose key is
 * then refused where it is used; values of the wrong type never reach a signer as a
 * {@link ClassCastException}. Every test uses names of its own: the registry lives as long as the
 * JVM.
 */
class OptionTypesTest {

    @Test
    void aSecondDeclarationWithAnotherTypeFailsNamingBothTypes() {
        SigningOption<Integer> first = SigningOption.of("test.oneType.size", Integer.class);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SigningOption.of("test.oneType.size", Long.class));
        assertEquals("option 'test.oneType.size': declared as java.lang.Integer, cannot also be declared as"
                + " java.lang.Long (an option name has one type)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SigningOption.secret("test.oneType.size", String.class));
        assertEquals(first, SigningOption.of("test.oneType.size", Integer.class), "the same type declares it again");
    }

    @Test
    void aPrimitiveTypeIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SigningOption.of("test.primitive", int.class));
        assertTrue(e.getMessage().startsWith("type: "), e.getMessage());
        assertTrue(e.getMessage().contains("int"), e.getMessage());
        assertEquals(null, OptionNames.type("test.primitive"), "a refused key declares nothing");
    }

    @Test
    void aRawTypedValueOfTheWrongTypeIsRefusedAtTheBuilder() {
        SigningOption<Duration> skew = SigningOption.of("test.raw.skew", Duration.class);
        @SuppressWarnings({"unchecked", "rawtypes"})
        SigningOption<Object> raw = (SigningOption) skew;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SigningConfig.builder().option(raw, 900));
        assertEquals("option 'test.raw.skew': must be a java.time.Duration, was a java.lang.Integer", e.getMessage());
        assertEquals(Optional.of(Duration.ofMinutes(1)),
                SigningConfig.builder().option(raw, Duration.ofMinutes(1)).build().option(skew));
    }

    @Test
    void aModulesDeclarationOverrulesACallersEarlierKeyWhichIsThenRefusedWhereUsed() {
        // the caller declares the name first, with a Long, and builds a config with it
        SigningOption<Long> callers = SigningOption.of("test.owned.chunkSize", Long.class);
        SigningConfig early = SigningConfig.builder().option(callers, 5L).build();
        // then the module that reads the option is loaded and declares it as an Integer
        SigningOption<Integer> modules = OptionNames.own("test.owned.chunkSize", Integer.class, false);
        assertSame(Integer.class, OptionNames.type("test.owned.chunkSize"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SigningConfig.builder().option(callers, 6L));
        assertEquals("option 'test.owned.chunkSize': declared as java.lang.Integer by the module that reads it,"
                + " but this key is a java.lang.Long option", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> early.option(modules, 64));
        assertEquals("option 'test.owned.chunkSize': must be a java.lang.Integer, was a java.lang.Long",
                e.getMessage(), "the value the early config holds is refused when the module reads it");
        assertThrows(IllegalArgumentException.class, () -> early.option(modules));
        assertThrows(IllegalArgumentException.class, () -> SigningOption.of("test.owned.chunkSize", Long.class),
                "after the module's declaration, the other type fails at declaration");
        assertEquals(Optional.of(7), SigningConfig.builder().option(modules, 7).build().option(modules));
    }

    @Test
    void twoModulesCannotDeclareOneNameWithTwoTypes() {
        OptionNames.own("test.twoModules.limit", Integer.class, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OptionNames.own("test.twoModules.limit", Long.class, false));
        assertTrue(e.getMessage().contains("java.lang.Integer") && e.getMessage().contains("java.lang.Long"),
                e.getMessage());
    }

    @Test
    void aNameDeclaredSecretAnywhereIsRedactedForEveryKey() {
        SigningOption<String> plain = SigningOption.of("test.secretEverywhere.token", String.class);
        SigningConfig c = SigningConfig.builder().option(plain, "tokenvalue").build();
        assertFalse(plain.isSensitive());
        assertTrue(c.toString().contains("tokenvalue"), "not declared secret yet: " + c);
        OptionNames.own("test.secretEverywhere.token", String.class, true);
        assertTrue(plain.isSensitive(), "the module declared the name secret");
        assertFalse(c.toString().contains("tokenvalue"), c.toString());
        assertTrue(c.toString().contains("test.secretEverywhere.token=****"), c.toString());
    }

    @Test
    void anOptionNoModuleDeclaresIsKeptForTheSignersThatReadIt() {
        SigningOption<String> unknown = SigningOption.of("someOtherSigner.mode", String.class);
        SigningConfig c = SigningConfig.builder().option(unknown, "fast").build();
        assertEquals(Optional.of("fast"), c.option(unknown));
        assertEquals("fast", c.options().get(unknown));
    }

    @Test
    void theApisOwnOptionsAreDeclaredWithTheirTypes() {
        assertSame(VerificationLimits.class, OptionNames.type(VerificationLimits.OPTION.name()));
        assertSame(PresignExpiryPolicy.class, OptionNames.type(PresignExpiryPolicy.OPTION.name()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SigningOption.of("presign.credentialsExpiry", String.class));
        assertTrue(e.getMessage().contains(PresignExpiryPolicy.class.getName()), e.getMessage());
    }
}
