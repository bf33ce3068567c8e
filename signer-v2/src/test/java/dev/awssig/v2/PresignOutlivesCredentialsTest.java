package dev.awssig.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Credentials;
import dev.awssig.CredentialsProvider;
import dev.awssig.PresignExpiryPolicy;
import dev.awssig.PresignedUrl;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.SigningException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** An S3 SigV2 query-string URL presigned with credentials that expire before it would. */
class PresignOutlivesCredentialsTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final Instant CREDENTIALS_EXPIRE = NOW.plus(Duration.ofMinutes(50));
    static final Credentials TEMP = Credentials.of("ASIATEMPEXAMPLE", "tempSecretEXAMPLEKEY/K7MDENG",
            "IQoJb3JpZ2luX2VjTempTokenEXAMPLE", CREDENTIALS_EXPIRE);
    static final SignableRequest REQUEST = SignableRequest.builder().method("GET")
            .uri("https://examplebucket.s3.amazonaws.com/photos/cat.jpg").build();

    static SigningConfig.Builder config(CredentialsProvider credentials) {
        return SigningConfig.builder().credentialsProvider(credentials).clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void warnsByDefault() {
        PresignedUrl url = S3V2Signer.create(config(() -> TEMP).build()).presign(REQUEST, Duration.ofHours(12));
        assertTrue(url.url().contains("&Expires=" + NOW.plus(Duration.ofHours(12)).getEpochSecond() + "&"), url.url());
        assertEquals(1, url.warnings().size());
        assertTrue(url.warnings().get(0).startsWith("the credentials (ASIATEMPEXAMPLE) expire at 2026-03-01T10:50:00Z,"
                + " before this URL would"), url.warnings().get(0));
        assertEquals(List.of(), S3V2Signer.create(config(() -> TEMP).build()).presign(REQUEST, Duration.ofMinutes(50))
                .warnings());
    }

    @Test
    void capMovesExpiresToTheCredentialsExpiration() {
        PresignedUrl url = S3V2Signer.create(config(() -> TEMP).option(PresignExpiryPolicy.OPTION,
                PresignExpiryPolicy.CAP).build()).presign(REQUEST, Duration.ofDays(30));
        assertTrue(url.url().contains("&Expires=" + CREDENTIALS_EXPIRE.getEpochSecond() + "&"), url.url());
        assertEquals(CREDENTIALS_EXPIRE, url.expiration());
        assertEquals(List.of("expiry capped from PT720H to PT50M (presign.credentialsExpiry=CAP): the credentials"
                + " (ASIATEMPEXAMPLE) expire at 2026-03-01T10:50:00Z"), url.warnings());
        S3V2Verifier verifier = S3V2Verifier.create(SigningConfig.builder().build());
        SignableRequest received = SignableRequest.builder().method("GET").uri(url.url()).headers(url.signedHeaders())
                .build();
        assertTrue(verifier.verify(received, dev.awssig.SecretLookup.of(TEMP), CREDENTIALS_EXPIRE.minusSeconds(1))
                .isValid());
    }

    @Test
    void refuseThrows() {
        SigningException e = assertThrows(SigningException.class, () -> S3V2Signer.create(config(() -> TEMP)
                .option(PresignExpiryPolicy.OPTION, PresignExpiryPolicy.REFUSE).build()).presign(REQUEST,
                Duration.ofHours(1)));
        assertTrue(e.getMessage().startsWith("presign refused (presign.credentialsExpiry=REFUSE)"), e.getMessage());
    }

    @Test
    void theUrlIsSignedWithTheCredentialsThatWereChecked() {
        AtomicInteger calls = new AtomicInteger();
        PresignedUrl url = S3V2Signer.create(config(() -> {
            calls.incrementAndGet();
            return TEMP;
        }).build()).presign(REQUEST, Duration.ofHours(2));
        assertEquals(1, calls.get());
        assertTrue(url.url().contains("AWSAccessKeyId=ASIATEMPEXAMPLE&"), url.url());
        assertEquals(1, url.warnings().size());
    }
}
