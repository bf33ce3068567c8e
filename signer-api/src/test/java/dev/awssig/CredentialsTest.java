package dev.awssig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CredentialsTest {
    private static final String ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String TOKEN = "IQoJb3JpZ2luX2VjEXAMPLETOKEN";

    @Test
    void accessors() {
        Credentials c = Credentials.of(ID, SECRET, TOKEN);
        assertEquals(ID, c.accessKeyId());
        assertEquals(SECRET, c.secretAccessKey());
        assertEquals(Optional.of(TOKEN), c.sessionToken());
        assertEquals(Optional.empty(), Credentials.of(ID, SECRET).sessionToken());
        assertEquals(Optional.empty(), Credentials.of(ID, SECRET, null).sessionToken());
    }

    @Test
    void toStringNeverShowsSecretOrToken() {
        String s = Credentials.of(ID, SECRET, TOKEN).toString();
        assertEquals("Credentials[accessKeyId=" + ID + ", secretAccessKey=****, sessionToken=****]", s);
        assertFalse(s.contains(SECRET));
        assertFalse(s.contains(TOKEN));
        assertEquals("Credentials[accessKeyId=" + ID + ", secretAccessKey=****]", Credentials.of(ID, SECRET).toString());
    }

    @Test
    void equalityComparesEveryPart() {
        assertEquals(Credentials.of(ID, SECRET), Credentials.of(ID, SECRET));
        assertEquals(Credentials.of(ID, SECRET, TOKEN), Credentials.of(ID, SECRET, TOKEN));
        assertEquals(Credentials.of(ID, SECRET, TOKEN).hashCode(), Credentials.of(ID, SECRET, TOKEN).hashCode());
        assertNotEquals(Credentials.of(ID, SECRET), Credentials.of(ID, SECRET + "x"));
        assertNotEquals(Credentials.of(ID, SECRET), Credentials.of("AKIDOTHER", SECRET));
        assertNotEquals(Credentials.of(ID, SECRET), Credentials.of(ID, SECRET, TOKEN));
        assertNotEquals(Credentials.of(ID, SECRET, TOKEN), Credentials.of(ID, SECRET));
        assertNotEquals(Credentials.of(ID, SECRET, TOKEN), Credentials.of(ID, SECRET, TOKEN + "x"));
        assertNotEquals(Credentials.of(ID, SECRET), ID);
    }

    @Test
    void expirationIsKeptComparedAndShownButNeverTheSecrets() {
        java.time.Instant at = java.time.Instant.parse("2026-03-01T11:00:00Z");
        Credentials c = Credentials.of(ID, SECRET, TOKEN, at);
        assertEquals(Optional.of(at), c.expiration());
        assertEquals(Optional.empty(), Credentials.of(ID, SECRET, TOKEN).expiration());
        assertEquals(Optional.empty(), Credentials.of(ID, SECRET, null, null).expiration());
        assertEquals("Credentials[accessKeyId=" + ID + ", secretAccessKey=****, sessionToken=****,"
                + " expiration=2026-03-01T11:00:00Z]", c.toString());
        assertEquals(c, Credentials.of(ID, SECRET, TOKEN, at));
        assertNotEquals(c, Credentials.of(ID, SECRET, TOKEN, at.plusSeconds(1)));
        assertNotEquals(c, Credentials.of(ID, SECRET, TOKEN));
        assertEquals(c.hashCode(), Credentials.of(ID, SECRET, TOKEN, at.plusSeconds(1)).hashCode());
        assertEquals(Optional.of(at), c.withoutSessionToken().expiration());
    }

    @Test
    void hashCodeDoesNotDependOnTheSecret() {
        assertEquals(Credentials.of(ID, "a").hashCode(), Credentials.of(ID, "b").hashCode());
    }

    @Test
    void withoutSessionToken() {
        Credentials plain = Credentials.of(ID, SECRET);
        assertSame(plain, plain.withoutSessionToken());
        assertEquals(plain, Credentials.of(ID, SECRET, TOKEN).withoutSessionToken());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "AKID EXAMPLE", "AKID\n", "AKID/1", "AK\u00cfD"})
    void badAccessKeyIdNamesTheField(String id) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Credentials.of(id, SECRET));
        assertTrue(e.getMessage().startsWith("accessKeyId"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "Zq9\nwith newline", "Zq9\rcr", "tab\tZq9", "del\u007fZq9"})
    void badSecretIsRejectedWithoutEchoingIt(String secret) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Credentials.of(ID, secret));
        assertTrue(e.getMessage().startsWith("secretAccessKey"), e.getMessage());
        assertFalse(e.getMessage().contains("Zq9"), e.getMessage());
    }

    @Test
    void badTokenIsRejectedWithoutEchoingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Credentials.of(ID, SECRET, TOKEN + "\r\nX-Injected: 1"));
        assertTrue(e.getMessage().startsWith("sessionToken"), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Credentials.of(ID, SECRET, " "));
        assertTrue(e.getMessage().startsWith("sessionToken"), e.getMessage());
    }

    @Test
    void nullsAreNullPointerExceptionsNamingTheParameter() {
        assertEquals("accessKeyId", assertThrows(NullPointerException.class, () -> Credentials.of(null, SECRET))
                .getMessage());
        assertEquals("secretAccessKey", assertThrows(NullPointerException.class, () -> Credentials.of(ID, null))
                .getMessage());
    }
}
