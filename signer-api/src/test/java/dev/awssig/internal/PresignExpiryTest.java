package dev.awssig.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
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

/** The presign-outlives-credentials check shared by every presigner. */
class PresignExpiryTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final String SECRET = "presignSecretEXAMPLEKEY";
    static final SignableRequest REQUEST = SignableRequest.builder().method("GET")
            .uri("https://examplebucket.s3.amazonaws.com/test.txt").build();

    final AtomicInteger resolves = new AtomicInteger();
    Credentials used;
    Duration asked;

    CredentialsProvider provider(Credentials c) {
        return () -> {
            resolves.incrementAndGet();
            return c;
        };
    }

    SigningConfig config(Credentials c, PresignExpiryPolicy policy) {
        SigningConfig.Builder b = SigningConfig.builder().credentialsProvider(provider(c))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
        return policy == null ? b.build() : b.option(PresignExpiryPolicy.OPTION, policy).build();
    }

    /** A stand-in presigner: a URL that expires after the duration it is given. */
    PresignedUrl presign(SignableRequest request, Credentials c, Duration d) {
        used = c;
        asked = d;
        return PresignedUrl.builder().url(request.uri() + "?X-Amz-Signature=abc").method("GET")
                .expiration(NOW.plus(d)).stringToSign("sts").signature("abc").build();
    }

    static Credentials expiringAt(Instant at) {
        return Credentials.of("ASIAEXPIRING", SECRET, "token", at);
    }

    @Test
    void longTermCredentialsAreNeverWarnedAbout() {
        Credentials c = Credentials.of("AKIDLONG", SECRET);
        PresignedUrl url = PresignExpiry.of(config(c, PresignExpiryPolicy.REFUSE)).presign(REQUEST, Duration.ofDays(7),
                this::presign);
        assertEquals(List.of(), url.warnings());
        assertEquals(Duration.ofDays(7), asked);
        assertSame(c, used);
        assertEquals(1, resolves.get());
    }

    @Test
    void credentialsThatOutliveTheUrlAreNotWarnedAbout() {
        PresignedUrl url = PresignExpiry.of(config(expiringAt(NOW.plus(Duration.ofHours(1))), null))
                .presign(REQUEST, Duration.ofHours(1), this::presign);
        assertEquals(List.of(), url.warnings());
        assertEquals(Duration.ofHours(1), asked);
    }

    @Test
    void warnByDefaultWhenTheCredentialsExpireFirst() {
        PresignedUrl url = PresignExpiry.of(config(expiringAt(NOW.plus(Duration.ofMinutes(30))), null))
                .presign(REQUEST, Duration.ofHours(12), this::presign);
        assertEquals(Duration.ofHours(12), asked, "signed as asked");
        assertEquals(List.of("the credentials (ASIAEXPIRING) expire at 2026-03-01T10:30:00Z, before this URL would"
                + " (at 2026-03-01T22:00:00Z): requests with it fail with ExpiredToken after 2026-03-01T10:30:00Z;"
                + " presign for at most 1800 s, use longer-lived credentials, or set presign.credentialsExpiry to CAP"
                + " or REFUSE"), url.warnings());
        assertTrue(url.toString().contains("warnings [the credentials (ASIAEXPIRING) expire"), url.toString());
        assertFalse(url.warnings().get(0).contains(SECRET));
    }

    @Test
    void capShortensTheExpiryToTheCredentials() {
        PresignedUrl url = PresignExpiry.of(config(expiringAt(NOW.plus(Duration.ofMinutes(30)).plusMillis(900)),
                PresignExpiryPolicy.CAP)).presign(REQUEST, Duration.ofDays(7), this::presign);
        assertEquals(Duration.ofMinutes(30), asked, "whole seconds, never past the credentials");
        assertEquals(NOW.plus(Duration.ofMinutes(30)), url.expiration());
        assertEquals(List.of("expiry capped from PT168H to PT30M (presign.credentialsExpiry=CAP): the credentials"
                + " (ASIAEXPIRING) expire at 2026-03-01T10:30:00.900Z"), url.warnings());
    }

    @Test
    void capRefusesCredentialsWithLessThanASecondLeft() {
        SigningException e = assertThrows(SigningException.class, () -> PresignExpiry.of(config(
                expiringAt(NOW.plusMillis(999)), PresignExpiryPolicy.CAP)).presign(REQUEST, Duration.ofHours(1),
                this::presign));
        assertEquals("presign refused (presign.credentialsExpiry=CAP): the credentials (ASIAEXPIRING) expire at"
                + " 2026-03-01T10:00:00.999Z, which is now or past, before a URL valid for PT1H would expire; presign"
                + " for less, or with longer-lived credentials", e.getMessage());
    }

    @Test
    void refuseNamesBothInstants() {
        SigningException e = assertThrows(SigningException.class, () -> PresignExpiry.of(config(
                expiringAt(NOW.plus(Duration.ofMinutes(10))), PresignExpiryPolicy.REFUSE)).presign(REQUEST,
                Duration.ofMinutes(15), this::presign));
        assertEquals("presign refused (presign.credentialsExpiry=REFUSE): the credentials (ASIAEXPIRING) expire at"
                + " 2026-03-01T10:10:00Z, 600 s from now, before a URL valid for PT15M would expire; presign for less,"
                + " or with longer-lived credentials", e.getMessage());
        assertEquals(null, used, "nothing was signed");
        PresignedUrl fits = PresignExpiry.of(config(expiringAt(NOW.plus(Duration.ofMinutes(10))),
                PresignExpiryPolicy.REFUSE)).presign(REQUEST, Duration.ofMinutes(10), this::presign);
        assertEquals(List.of(), fits.warnings(), "a URL that ends with the credentials is fine");
    }

    @Test
    void theEngineOfAPinnedConfigSeesTheCheckedCredentialsWithoutResolvingAgain() {
        Credentials c = expiringAt(NOW.plus(Duration.ofHours(2)));
        SigningConfig config = config(c, null);
        CredentialsProvider pinned = PresignExpiry.pinned(config).requireCredentialsProvider();
        Credentials[] seenInside = new Credentials[1];
        PresignExpiry.of(config).presign(REQUEST, Duration.ofMinutes(5), (r, creds, d) -> {
            seenInside[0] = pinned.resolveCredentials();
            return presign(r, creds, d);
        });
        assertSame(c, seenInside[0]);
        assertEquals(1, resolves.get(), "resolved once, by the check");
        assertSame(c, pinned.resolveCredentials(), "outside a presign the pinned provider asks the real one");
        assertEquals(2, resolves.get());
    }

    @Test
    void nullOrNonPositiveExpiryIsLeftToThePresigner() {
        PresignExpiry check = PresignExpiry.of(config(expiringAt(NOW.plusSeconds(5)), PresignExpiryPolicy.REFUSE));
        check.presign(REQUEST, Duration.ZERO, (r, c, d) -> {
            asked = d;
            return null;
        });
        assertEquals(Duration.ZERO, asked);
    }
}
