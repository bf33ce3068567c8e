package dev.awssig.v4a;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.SigningConfig;
import dev.awssig.Signers;
import org.junit.jupiter.api.Test;

/** The SPI finds the SigV4a provider by its algorithm name, with a signer, presigner and verifier. */
class SigV4aProviderTest {
    @Test
    void theProviderIsDiscoveredUnderAws4EcdsaP256Sha256() {
        Signers signers = Signers.discover();
        assertEquals("AWS4-ECDSA-P256-SHA256", Algorithms.SIGV4A);
        SigningConfig config = SigningConfig.builder().credentials(Credentials.of("AKID", "secret"))
                .region("us-east-1").service("s3").build();
        assertInstanceOf(SigV4aSigner.class, signers.signer(Algorithms.SIGV4A, config));
        assertTrue(signers.provider(Algorithms.SIGV4A).presigner(config).isPresent());
        assertInstanceOf(SigV4aVerifier.class, signers.provider(Algorithms.SIGV4A).verifier(config).orElseThrow());
        assertTrue(signers.algorithms().contains(Algorithms.SIGV4), "SigV4 is found beside it");
    }
}
