package dev.awssig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SigningConfigTest {
    private static final SigningOption<String> USER_TOKEN = SigningOption.secret("devpay.userToken", String.class);
    private static final SigningOption<Boolean> CHUNKED = SigningOption.of("sigv4.chunked", Boolean.class);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC);

    @Test
    void builderSetsEverything() {
        CredentialsProvider provider = CredentialsProviders.of(Credentials.of("AKID", "secret"));
        SigningConfig c = SigningConfig.builder().credentialsProvider(provider).region("us-east-1").service("s3")
                .clock(CLOCK).option(CHUNKED, true).build();
        assertSame(provider, c.requireCredentialsProvider());
        assertEquals(Optional.of(provider), c.credentialsProvider());
        assertEquals(Optional.of("us-east-1"), c.region());
        assertEquals(Optional.of("s3"), c.service());
        assertSame(CLOCK, c.clock());
        assertEquals(Optional.of(true), c.option(CHUNKED));
        assertEquals(true, c.option(CHUNKED, false));
        assertEquals(Optional.empty(), c.option(USER_TOKEN));
        assertEquals("dflt", c.option(USER_TOKEN, "dflt"));
        assertEquals(Map.of(CHUNKED, true), c.options());
    }

    @Test
    void defaultsAreEmptyWithTheSystemUtcClock() {
        SigningConfig c = SigningConfig.builder().build();
        assertEquals(Optional.empty(), c.credentialsProvider());
        assertEquals(Optional.empty(), c.region());
        assertEquals(Optional.empty(), c.service());
        assertEquals(Clock.systemUTC(), c.clock());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, c::requireCredentialsProvider);
        assertTrue(e.getMessage().startsWith("credentials"), e.getMessage());
    }

    @Test
    void optionsAreFoundByNameAndNullUnsets() {
        SigningConfig c = SigningConfig.builder().option(USER_TOKEN, "tok").build();
        assertEquals(Optional.of("tok"), c.option(SigningOption.of("devpay.userToken", String.class)),
                "a key built from the same name finds the value");
        SigningConfig unset = c.toBuilder().option(USER_TOKEN, null).build();
        assertEquals(Optional.empty(), unset.option(USER_TOKEN));
        assertEquals(Optional.of("tok"), c.option(USER_TOKEN), "toBuilder does not change the original");
        assertThrows(UnsupportedOperationException.class, () -> c.options().clear());
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedNamingTheOptionAndBothTypes() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        SigningOption<Object> raw = (SigningOption) CHUNKED;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SigningConfig.builder().option(raw, "not a boolean"));
        assertEquals("option 'sigv4.chunked': must be a java.lang.Boolean, was a java.lang.String", e.getMessage());
    }

    @Test
    void regionAndServiceAreValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SigningConfig.builder().region("us-east-1/x"));
        assertTrue(e.getMessage().startsWith("region"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SigningConfig.builder().service("s 3"));
        assertTrue(e.getMessage().startsWith("service"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SigningConfig.builder().region(""));
        assertThrows(NullPointerException.class, () -> SigningConfig.builder().clock(null));
        assertThrows(NullPointerException.class, () -> SigningConfig.builder().credentialsProvider(null));
    }

    @Test
    void toStringRedactsSecretOptionsAndNeverShowsCredentials() {
        SigningConfig c = SigningConfig.builder().credentials(Credentials.of("AKIDEXAMPLE", "topsecretkey"))
                .region("us-east-1").service("s3").clock(CLOCK).option(USER_TOKEN, "usertokenvalue")
                .option(CHUNKED, true).build();
        String s = c.toString();
        assertEquals("SigningConfig[region=us-east-1, service=s3, clock=" + CLOCK
                + ", devpay.userToken=****, sigv4.chunked=true]", s);
        assertFalse(s.contains("usertokenvalue"));
        assertFalse(s.contains("topsecretkey"));
    }

    @Test
    void signingOptionIdentity() {
        assertEquals(SigningOption.of("a", String.class), SigningOption.of("a", String.class));
        assertEquals(SigningOption.of("a", String.class).hashCode(), "a".hashCode());
        assertNotEquals(SigningOption.of("a", String.class), SigningOption.of("b", String.class));
        assertEquals("a", SigningOption.of("a", String.class).toString());
        assertTrue(USER_TOKEN.isSensitive());
        assertFalse(CHUNKED.isSensitive());
        assertEquals(Boolean.class, CHUNKED.type());
        assertEquals("sigv4.chunked", CHUNKED.name());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SigningOption.of(" ", String.class));
        assertTrue(e.getMessage().startsWith("option name"), e.getMessage());
        assertThrows(NullPointerException.class, () -> SigningOption.of("x", null));
    }
}
