package dev.awssig.v4.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A signing key tells its scope, and describes itself by it alone (no secret, no key id). */
class SigningKeyTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    @Test
    void aKeyTellsItsScopeAndShowsNothingElse() {
        SigningKey key = SigningKey.of("AKIAIOSFODNN7EXAMPLE", SECRET, "20240301", "eu-west-1", "s3");
        assertEquals("20240301/eu-west-1/s3/aws4_request", key.scope());
        String text = key.toString();
        assertTrue(text.contains("20240301/eu-west-1/s3/aws4_request"), text);
        assertFalse(text.contains(SECRET), text);
        assertFalse(text.contains("AKIAIOSFODNN7EXAMPLE"), text);
    }
}
