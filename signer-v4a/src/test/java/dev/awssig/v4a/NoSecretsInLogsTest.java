package dev.awssig.v4a;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.awssig.Credentials;
import dev.awssig.PresignedUrl;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * With DEBUG logging on, what the SigV4a signer, presigner and verifier log and their toString()
 * show no secret, no session token (plain or percent-encoded) and no signature.
 */
class NoSecretsInLogsTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String TOKEN = "IQoJb3JpZ2luX2VjE/secret+token==";

    @Test
    void debugLogsAndDescriptionsHideSecretsTokensAndSignatures() {
        Logger logger = (Logger) LoggerFactory.getLogger("dev.awssig.v4a");
        Level before = logger.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
        try {
            Instant now = Instant.parse("2024-03-01T10:20:30Z");
            Credentials creds = Credentials.of("ASIAEXAMPLE", SECRET, TOKEN);
            SigV4aSigner signer = SigV4aSigner.create(SigningConfig.builder().credentials(creds).region("us-east-1")
                    .service("s3").clock(Clock.fixed(now, ZoneOffset.UTC)).build());
            SignableRequest req = SignableRequest.builder().method("GET").uri("https://b.s3.amazonaws.com/k").build();
            SignedRequest signed = signer.sign(req);
            PresignedUrl url = signer.presign(req, Duration.ofMinutes(5));
            SigV4aVerifier verifier = SigV4aVerifier.create(SigningConfig.builder().build());
            VerificationResult bad = verifier.verify(signed.request().toBuilder().method("PUT").build(),
                    SecretLookup.of(creds), now);
            assertFalse(bad.isValid());
            assertTrue(appender.list.size() >= 3, "debug lines were logged");
            StringBuilder all = new StringBuilder();
            for (ILoggingEvent e : appender.list) {
                all.append(e.getFormattedMessage()).append('\n');
            }
            all.append(signed).append(url).append(signer).append(verifier).append(bad).append(req);
            String text = all.toString();
            assertFalse(text.contains(SECRET), "secret leaked");
            assertFalse(text.contains(TOKEN), "token leaked");
            assertFalse(text.contains(dev.awssig.internal.UriEncoding.encode(TOKEN, false)), "encoded token leaked");
            assertFalse(text.contains(signed.signature()), "signature leaked");
            assertFalse(text.contains(url.signature()), "presigned signature leaked");
            assertTrue(text.contains("x-amz-security-token:****"), text);
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(before);
        }
    }
}
