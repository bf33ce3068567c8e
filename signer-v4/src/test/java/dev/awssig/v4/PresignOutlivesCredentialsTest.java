package dev.awssig.v4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.AuthError;
import dev.awssig.Credentials;
import dev.awssig.CredentialsProvider;
import dev.awssig.PresignExpiryPolicy;
import dev.awssig.PresignedUrl;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.SigningException;
import dev.awssig.VerificationResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A SigV4 URL presigned with temporary credentials that expire before it would: a warning by
 * default, a capped {@code X-Amz-Expires} that still verifies, or a refusal.
 */
class PresignOutlivesCredentialsTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant CREDENTIALS_EXPIRE = NOW.plus(Duration.ofMinutes(50));
    static final Credentials TEMP = Credentials.of("ASIATEMPEXAMPLE", "tempSecretEXAMPLEKEY/K7MDENG",
            "IQoJb3JpZ2luX2VjTempTokenEXAMPLE", CREDENTIALS_EXPIRE);
    static final SignableRequest REQUEST = SignableRequest.builder().method("GET")
            .uri("https://examplebucket.s3.amazonaws.com/photos/cat.jpg").build();

    static SigningConfig.Builder config(CredentialsProvider credentials) {
        return SigningConfig.builder().credentialsProvider(credentials).region("us-east-1").service("s3")
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static VerificationResult verify(PresignedUrl url, Instant at) {
        return SigV4Verifier.create(SigningConfig.builder().region("us-east-1").service("s3").build()).verify(
                SignableRequest.builder().method("GET").uri(url.url()).headers(url.signedHeaders()).build(),
                SecretLookup.of(TEMP), at);
    }

    @Test
    void warnsByDefaultAndSignsAsAsked() {
        PresignedUrl url = SigV4Signer.create(config(() -> TEMP).build()).presign(REQUEST, Duration.ofHours(12));
        assertTrue(url.url().contains("X-Amz-Expires=43200&"), url.toString());
        assertEquals(NOW.plus(Duration.ofHours(12)), url.expiration());
        assertEquals(1, url.warnings().size());
        String w = url.warnings().get(0);
        assertTrue(w.startsWith("the credentials (ASIATEMPEXAMPLE) expire at 2026-03-01T10:50:00Z, before this URL"
                + " would (at 2026-03-01T22:00:00Z)"), w);
        assertFalse(w.contains(TEMP.secretAccessKey()) || w.contains(TEMP.sessionToken().orElseThrow()));
        assertTrue(verify(url, NOW.plus(Duration.ofMinutes(10))).isValid());
    }

    @Test
    void noWarningWhenTheCredentialsOutliveTheUrl() {
        PresignedUrl url = SigV4Signer.create(config(() -> TEMP).build()).presign(REQUEST, Duration.ofMinutes(50));
        assertEquals(List.of(), url.warnings());
        Credentials longTerm = Credentials.of("AKIDLONGTERM", "longTermSecret");
        assertEquals(List.of(), SigV4Signer.create(config(() -> longTerm).build()).presign(REQUEST, Duration.ofDays(7))
                .warnings());
    }

    @Test
    void capShortensXAmzExpiresAndTheUrlStillVerifies() {
        PresignedUrl url = SigV4Signer.create(config(() -> TEMP).option(PresignExpiryPolicy.OPTION,
                PresignExpiryPolicy.CAP).build()).presign(REQUEST, Duration.ofDays(7));
        assertTrue(url.url().contains("X-Amz-Expires=3000&"), url.toString());
        assertEquals(CREDENTIALS_EXPIRE, url.expiration());
        assertEquals(List.of("expiry capped from PT168H to PT50M (presign.credentialsExpiry=CAP): the credentials"
                + " (ASIATEMPEXAMPLE) expire at 2026-03-01T10:50:00Z"), url.warnings());
        assertTrue(verify(url, CREDENTIALS_EXPIRE).isValid());
        assertEquals(AuthError.ACCESS_DENIED, verify(url, CREDENTIALS_EXPIRE.plusSeconds(1)).error().orElseThrow());
    }

    @Test
    void refuseThrowsAndSignsNothing() {
        SigningException e = assertThrows(SigningException.class, () -> SigV4Signer.create(config(() -> TEMP)
                .option(PresignExpiryPolicy.OPTION, PresignExpiryPolicy.REFUSE).build()).presign(REQUEST,
                Duration.ofHours(1)));
        assertTrue(e.getMessage().startsWith("presign refused (presign.credentialsExpiry=REFUSE): the credentials"
                + " (ASIATEMPEXAMPLE) expire at 2026-03-01T10:50:00Z, 3000 s from now"), e.getMessage());
    }

    @Test
    void theUrlIsSignedWithTheCredentialsThatWereChecked() {
        AtomicInteger calls = new AtomicInteger();
        Credentials later = Credentials.of("ASIALATEREXAMPLE", "laterSecret", "laterToken",
                NOW.plus(Duration.ofHours(6)));
        CredentialsProvider changing = () -> calls.incrementAndGet() == 1 ? TEMP : later;
        PresignedUrl url = SigV4Signer.create(config(changing).build()).presign(REQUEST, Duration.ofHours(2));
        assertEquals(1, calls.get(), "the credentials are resolved once per presign");
        assertTrue(url.url().contains("X-Amz-Credential=ASIATEMPEXAMPLE%2F"), url.toString());
        assertEquals(1, url.warnings().size(), "the warning is about the credentials in the URL");
        PresignedUrl next = SigV4Signer.create(config(changing).build()).presign(REQUEST, Duration.ofHours(2));
        assertTrue(next.url().contains("X-Amz-Credential=ASIALATEREXAMPLE%2F"));
        assertEquals(List.of(), next.warnings());
    }
}
