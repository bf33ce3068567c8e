package dev.awssig.v4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.SigningConfig;
import dev.awssig.Signers;
import dev.awssig.spi.SignerProvider;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The provider is found through the SPI under {@code AWS4-HMAC-SHA256}, with signer, presigner and verifier. */
class SigV4ProviderTest {
    private static final SigningConfig CONFIG = SigningConfig.builder()
            .credentials(Credentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"))
            .region("us-east-1").service("s3")
            .clock(Clock.fixed(Instant.parse("2015-08-30T12:36:00Z"), ZoneOffset.UTC))
            .build();

    @Test
    void serviceLoaderFindsTheSigV4ProviderWithSignerPresignerAndVerifier() {
        Signers signers = Signers.discover();
        assertTrue(signers.algorithms().contains(Algorithms.SIGV4), signers.toString());
        SignerProvider provider = signers.provider(Algorithms.SIGV4);
        assertEquals(Algorithms.SIGV4, provider.algorithm());
        assertInstanceOf(SigV4Signer.class, signers.signer(Algorithms.SIGV4, CONFIG));
        assertInstanceOf(SigV4Signer.class, signers.presigner(Algorithms.SIGV4, CONFIG));
        assertInstanceOf(SigV4Verifier.class, signers.verifier(Algorithms.SIGV4, CONFIG));
        assertEquals(Algorithms.SIGV4, signers.verifier(Algorithms.SIGV4, CONFIG).algorithm());
    }
}
