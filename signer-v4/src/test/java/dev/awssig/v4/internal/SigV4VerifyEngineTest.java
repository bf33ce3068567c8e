package dev.awssig.v4.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.v4.SigV4Verifier;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The engine behind {@link SigV4Verifier} is a public class of its own (for the sibling module
 * and the SPI): it refuses missing arguments itself, and describes itself without secrets.
 */
class SigV4VerifyEngineTest {
    private static final SignableRequest REQUEST = SignableRequest.builder().method("GET")
            .uri("https://iam.amazonaws.com/").build();
    private static final SecretLookup SECRETS = SecretLookup.of(Map.of("AKID", "secret"));
    private static final Instant NOW = Instant.parse("2024-03-01T10:20:30Z");

    @Test
    void eachMissingArgumentIsAnIllegalArgument() {
        SigV4VerifyEngine e = new SigV4VerifyEngine(SigningConfig.builder().build());
        assertThrows(IllegalArgumentException.class, () -> e.verify(null, SECRETS, NOW));
        assertThrows(IllegalArgumentException.class, () -> e.verify(REQUEST, null, NOW));
        assertThrows(IllegalArgumentException.class, () -> e.verify(REQUEST, SECRETS, null));
        ByteArrayInputStream body = new ByteArrayInputStream(new byte[0]);
        assertThrows(IllegalArgumentException.class, () -> e.verifyStreaming(null, SECRETS, NOW, body));
        assertThrows(IllegalArgumentException.class, () -> e.verifyStreaming(REQUEST, null, NOW, body));
        assertThrows(IllegalArgumentException.class, () -> e.verifyStreaming(REQUEST, SECRETS, null, body));
        // with all three it answers (a request without authentication)
        assertFalse(e.verify(REQUEST, SECRETS, NOW).isValid());
    }

    @Test
    void theVerifierAndItsEngineNameTheirRegionAndService() {
        String bound = SigV4Verifier.create(SigningConfig.builder().region("eu-west-1").service("s3").build()).toString();
        assertTrue(bound.startsWith("SigV4Verifier["), bound);
        assertTrue(bound.contains("region=eu-west-1"), bound);
        assertTrue(bound.contains("service=s3"), bound);
        String open = new SigV4VerifyEngine(SigningConfig.builder().build()).toString();
        assertTrue(open.contains("region=null") && open.contains("service=null"), open);
        assertEquals(SigV4Verifier.create(SigningConfig.builder().build()).toString(), "SigV4Verifier[" + open + "]");
    }
}
