package dev.awssig.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.awssig.Credentials;
import dev.awssig.Payload;
import dev.awssig.PresignedUrl;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.internal.Redaction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** DEBUG logs show strings to sign, never the secret, a token or a signature. */
class LoggingRedactionTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String TOKEN = "SESSIONTOKENSECRETVALUE+/==";
    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.awssig.v2");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Level before;

    @BeforeEach
    void capture() {
        before = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void release() {
        logger.detachAppender(appender);
        logger.setLevel(before);
    }

    @Test
    void debugLogsOfEveryModeRedactTokensAndNeverShowSecretsOrSignatures() {
        Instant now = Instant.parse("2020-01-01T00:00:00Z");
        SigningConfig cfg = SigningConfig.builder().credentials(Credentials.of("AKID", SECRET, TOKEN))
                .clock(Clock.fixed(now, ZoneOffset.UTC)).build();
        S3V2Signer s3 = S3V2Signer.create(cfg);
        String sig1 = s3.sign(SignableRequest.builder().method("GET").uri("https://b.s3.amazonaws.com/k").build())
                .signature();
        String sig2 = s3.presign(SignableRequest.builder().method("GET").uri("https://b.s3.amazonaws.com/k").build(),
                Duration.ofMinutes(5)).signature();
        String sig3 = QueryV2Signer.create(cfg).sign(SignableRequest.builder().method("POST").uri("https://h.example.com/")
                .payload(Payload.ofBytes("Action=A".getBytes(StandardCharsets.UTF_8))).build()).signature();
        SignableRequest tampered = s3.sign(SignableRequest.builder().method("GET").uri("https://b.s3.amazonaws.com/k")
                .build()).request().toBuilder().rawPath("/other").build();
        S3V2Verifier.create().verify(tampered, SecretLookup.of(Map.of("AKID", SECRET)), now);

        assertTrue(appender.list.size() >= 4, "strings to sign are logged at DEBUG");
        for (ILoggingEvent e : appender.list) {
            String text = e.getFormattedMessage();
            assertFalse(text.contains(SECRET), text);
            assertFalse(text.contains(TOKEN), text);
            assertFalse(text.contains("SESSIONTOKENSECRETVALUE"), text);
            assertFalse(text.contains(sig1) || text.contains(sig2) || text.contains(sig3), text);
        }
    }

    /**
     * SigV2 has no redaction of its own: every string to sign it logs, signing or verifying, is
     * exactly signer-api's {@link Redaction#redactSigningText} of it, so the headers that rule
     * hides (tokens, SSE-C customer keys) are hidden in SigV2's DEBUG output too.
     */
    @Test
    void debugOutputIsSignerApisRedactionOfTheStringToSign() {
        Instant now = Instant.parse("2020-01-01T00:00:00Z");
        SigningConfig cfg = SigningConfig.builder().credentials(Credentials.of("AKID", SECRET, TOKEN))
                .clock(Clock.fixed(now, ZoneOffset.UTC)).build();
        SignableRequest put = SignableRequest.builder().method("PUT").uri("https://b.s3.amazonaws.com/k")
                .header("x-amz-server-side-encryption-customer-algorithm", "AES256")
                .header("x-amz-server-side-encryption-customer-key", "c2VjcmV0LWN1c3RvbWVyLWtleS0zMi1ieXRlcyEhISE=")
                .header("x-amz-server-side-encryption-customer-key-md5", "bWQ1LW9mLXRoZS1rZXk=")
                .header("x-amz-copy-source-server-side-encryption-customer-key", "Y29weS1zb3VyY2Uta2V5")
                .build();
        S3V2Signer s3 = S3V2Signer.create(cfg);
        List<String> expected = new ArrayList<>();
        SignedRequest signed = s3.sign(put);
        expected.add("SigV2 S3 string to sign:\n" + Redaction.redactSigningText(signed.stringToSign()));
        PresignedUrl url = s3.presign(put, Duration.ofMinutes(5));
        expected.add("SigV2 S3 query-string string to sign:\n" + Redaction.redactSigningText(url.stringToSign()));
        SignedRequest q = QueryV2Signer.create(cfg).sign(SignableRequest.builder().method("POST")
                .uri("https://h.example.com/").payload(Payload.ofBytes("Action=A".getBytes(StandardCharsets.UTF_8)))
                .build());
        expected.add("SigV2 query-API string to sign:\n" + Redaction.redactSigningText(q.stringToSign()));
        VerificationResult v = S3V2Verifier.create().verify(signed.request().toBuilder().rawPath("/other").build(),
                SecretLookup.of(Map.of("AKID", SECRET)), now);
        expected.add("SigV2 S3 signature does not match for access key AKID; server's string to sign:\n"
                + Redaction.redactSigningText(v.stringToSign().orElseThrow()));
        List<String> logged = new ArrayList<>();
        for (ILoggingEvent e : appender.list) {
            logged.add(e.getFormattedMessage());
        }
        assertEquals(expected, logged);
        // and directly: no SSE-C key, key MD5 or copy-source key value is in any line, while the
        // headers' names and the algorithm are (the string to sign is still useful to read)
        for (String line : logged) {
            for (String value : new String[] {"c2VjcmV0LWN1c3RvbWVyLWtleS0zMi1ieXRlcyEhISE=", "bWQ1LW9mLXRoZS1rZXk=",
                "Y29weS1zb3VyY2Uta2V5"}) {
                assertFalse(line.contains(value), line);
            }
        }
        String s3Line = logged.get(0);
        assertTrue(s3Line.contains("x-amz-server-side-encryption-customer-key:")
                && s3Line.contains("x-amz-server-side-encryption-customer-key-md5:")
                && s3Line.contains("x-amz-copy-source-server-side-encryption-customer-key:")
                && s3Line.contains("x-amz-server-side-encryption-customer-algorithm:AES256"), s3Line);
    }
}
