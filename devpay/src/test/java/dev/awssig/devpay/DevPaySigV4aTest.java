package dev.awssig.devpay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Algorithms;
import dev.awssig.AuthError;
import dev.awssig.Presigner;
import dev.awssig.PresignedUrl;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.Signer;
import dev.awssig.Signers;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.Verifier;
import dev.awssig.devpay.internal.SecurityToken;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The DevPay decorator over SigV4a, discovered as {@code DEVPAY+AWS4-ECDSA-P256-SHA256}: the user
 * token is signed as {@code x-amz-security-token} (header) or {@code X-Amz-Security-Token} (the
 * presigned URL's canonical query), the real SigV4a verifier accepts it and rejects an altered
 * token.
 */
class DevPaySigV4aTest {
    private static final String DEVPAY_V4A = Algorithms.devpay(Algorithms.SIGV4A);

    private static SigningConfig config() {
        return DevPayRoundTripTest.config().toBuilder()
                .option(DevPayOptions.USER_TOKEN, TestTokens.USER).build();
    }

    private static Verifier verifier() {
        return Signers.discover().provider(DEVPAY_V4A)
                .verifier(SigningConfig.builder().region("us-east-1").service("s3").build()).orElseThrow();
    }

    @Test
    void theSigV4aDecoratorIsDiscoveredByName() {
        assertEquals("DEVPAY+AWS4-ECDSA-P256-SHA256", DEVPAY_V4A);
        assertTrue(Signers.discover().algorithms().contains(DEVPAY_V4A));
        assertEquals(DEVPAY_V4A, Signers.discover().signer(DEVPAY_V4A, config()).algorithm());
    }

    @Test
    void aHeaderSignedRequestCarriesTheSignedTokenAndVerifies() {
        Signer signer = Signers.discover().signer(DEVPAY_V4A, config());
        SignedRequest signed = signer.sign(DevPayRoundTripTest.put());
        assertEquals(TestTokens.USER, signed.request().headers().firstValue(SecurityToken.NAME).orElseThrow());
        assertTrue(signed.signedHeaders().contains(SecurityToken.NAME), signed.signedHeaders().toString());
        assertTrue(signed.request().headers().firstValue("authorization").orElseThrow()
                .startsWith("AWS4-ECDSA-P256-SHA256 "));
        VerificationResult ok = verifier().verify(signed.request(), DevPayRoundTripTest.SECRETS, DevPayRoundTripTest.NOW);
        assertTrue(ok.isValid(), ok::toString);
        SignableRequest altered = signed.request().toBuilder()
                .setHeader(SecurityToken.NAME, DevPayRoundTripTest.ALTERED_USER).build();
        VerificationResult bad = verifier().verify(altered, DevPayRoundTripTest.SECRETS, DevPayRoundTripTest.NOW);
        assertEquals(Optional.of(AuthError.SIGNATURE_DOES_NOT_MATCH), bad.error(), bad::toString);
    }

    @Test
    void aPresignedUrlCarriesTheTokenInItsSignedQueryAndVerifies() {
        Presigner presigner = Signers.discover().provider(DEVPAY_V4A).presigner(config()).orElseThrow();
        PresignedUrl url = presigner.presign(DevPayRoundTripTest.puppy(), Duration.ofMinutes(10));
        assertTrue(url.canonicalRequest().contains("X-Amz-Security-Token="), url.canonicalRequest());
        SignableRequest received = DevPayRoundTripTest.received(url);
        VerificationResult ok = verifier().verify(received, DevPayRoundTripTest.SECRETS, DevPayRoundTripTest.NOW);
        assertTrue(ok.isValid(), ok::toString);
        SignableRequest removed = received.toBuilder().rawQuery(DevPayRoundTripTest.replaceTokenParameter(
                received.rawQuery().orElseThrow(), null)).build();
        assertFalse(verifier().verify(removed, DevPayRoundTripTest.SECRETS, DevPayRoundTripTest.NOW).isValid());
    }
}
