package dev.awssig.v2;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.awssig.Credentials;
import dev.awssig.Payload;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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
}
