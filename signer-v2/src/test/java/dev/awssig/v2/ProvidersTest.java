package dev.awssig.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.SignerLookupException;
import dev.awssig.Signers;
import dev.awssig.SigningConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The SPI registration of both SigV2 algorithms (class path; the module path is proven in integration-tests). */
class ProvidersTest {
    private static final SigningConfig CONFIG = SigningConfig.builder()
            .credentials(Credentials.of("AKIDEXAMPLE", "secret")).build();

    @Test
    void discoveryFindsTheS3AndQueryApiProviders() {
        Signers signers = Signers.discover();
        assertTrue(signers.algorithms().containsAll(List.of(Algorithms.SIGV2_S3, Algorithms.SIGV2_QUERY)),
                signers::toString);
    }

    @Test
    void s3ProviderGivesSignerPresignerAndVerifier() {
        Signers signers = Signers.discover();
        assertInstanceOf(S3V2Signer.class, signers.signer(Algorithms.SIGV2_S3, CONFIG));
        assertInstanceOf(S3V2Signer.class, signers.presigner(Algorithms.SIGV2_S3, CONFIG));
        assertInstanceOf(S3V2Verifier.class, signers.verifier(Algorithms.SIGV2_S3, CONFIG));
        assertEquals(Algorithms.SIGV2_S3, signers.signer(Algorithms.SIGV2_S3, CONFIG).algorithm());
    }

    @Test
    void queryProviderGivesSignerAndVerifierButNoPresigner() {
        Signers signers = Signers.discover();
        assertInstanceOf(QueryV2Signer.class, signers.signer(Algorithms.SIGV2_QUERY, CONFIG));
        assertInstanceOf(QueryV2Verifier.class, signers.verifier(Algorithms.SIGV2_QUERY, CONFIG));
        assertThrows(SignerLookupException.class, () -> signers.presigner(Algorithms.SIGV2_QUERY, CONFIG));
    }
}
