package dev.awssig.devpay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Algorithms;
import dev.awssig.AuthError;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.VerificationResult;
import dev.awssig.Verifier;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DevPayVerifierTest {
    private static final SecretLookup NO_SECRETS = id -> Optional.empty();
    private static final Instant NOW = Instant.parse("2026-11-24T01:00:00Z");
    private static final String BASE = "https://johnsmith.s3.amazonaws.com/photos/puppy.jpg";

    /** A verifier that answers a fixed result. */
    private static Verifier answering(VerificationResult result) {
        return new Verifier() {
            @Override
            public String algorithm() {
                return Algorithms.SIGV2_S3;
            }

            @Override
            public VerificationResult verify(SignableRequest request, SecretLookup secrets, Instant now) {
                return result;
            }
        };
    }

    private static final VerificationResult OK = VerificationResult.success("AKIDEXAMPLE", null, "sts");

    private static SignableRequest.Builder get() {
        return SignableRequest.builder().method("GET").uri(BASE);
    }

    @Test
    void acceptsATokenInTheHeader() {
        VerificationResult r = DevPay.verifier(answering(OK))
                .verify(get().header("x-amz-security-token", TestTokens.USER).build(), NO_SECRETS, NOW);
        assertSame(OK, r);
    }

    @Test
    void acceptsATokenInTheQuery() {
        VerificationResult r = DevPay.verifier(answering(OK))
                .verify(get().rawQuery("x-amz-security-token=" + TestTokens.USER_ENCODED).build(), NO_SECRETS, NOW);
        assertTrue(r.isValid());
    }

    @Test
    void innerRejectionIsReturnedAsIs() {
        VerificationResult bad = VerificationResult.failure(AuthError.SIGNATURE_DOES_NOT_MATCH, "nope");
        assertSame(bad, DevPay.verifier(answering(bad))
                .verify(get().header("x-amz-security-token", TestTokens.USER).build(), NO_SECRETS, NOW));
        // also when the request has no token (or two): the signature's answer comes first
        assertSame(bad, DevPay.verifier(answering(bad)).verify(get().build(), NO_SECRETS, NOW));
        assertSame(bad, DevPay.verifier(answering(bad)).verify(get().header("x-amz-security-token", "a")
                .rawQuery("x-amz-security-token=b").build(), NO_SECRETS, NOW));
    }

    @Test
    void aValidSignatureWithoutTokenIsRejectedAsMissingSecurityHeader() {
        VerificationResult r = DevPay.verifier(answering(OK)).verify(get().build(), NO_SECRETS, NOW);
        assertEquals(Optional.of(AuthError.MISSING_SECURITY_HEADER), r.error());
        assertEquals(Optional.of("AKIDEXAMPLE"), r.accessKeyId());
    }

    @Test
    void aTokenBothInHeaderAndQueryIsRejected() {
        VerificationResult r = DevPay.verifier(answering(OK)).verify(get().header("x-amz-security-token", "a")
                .rawQuery("x-amz-security-token=a").build(), NO_SECRETS, NOW);
        assertEquals(Optional.of(AuthError.INVALID_TOKEN), r.error());
    }

    @Test
    void aBlankTokenIsRejected() {
        VerificationResult r = DevPay.verifier(answering(OK))
                .verify(get().rawQuery("x-amz-security-token=%20").build(), NO_SECRETS, NOW);
        assertEquals(Optional.of(AuthError.INVALID_TOKEN), r.error());
    }

    @Test
    void algorithmIsDevPayOverTheInnerOne() {
        assertEquals("DEVPAY+AWS-S3-V2", DevPay.verifier(answering(OK)).algorithm());
        assertThrows(NullPointerException.class, () -> DevPay.verifier(null));
    }

    /** The verifier describes itself by its algorithm (for logs), without anything of a request. */
    @Test
    void toStringNamesTheAlgorithm() {
        String text = DevPay.verifier(answering(OK)).toString();
        assertTrue(text.contains("DEVPAY+AWS-S3-V2"), text);
    }
}
