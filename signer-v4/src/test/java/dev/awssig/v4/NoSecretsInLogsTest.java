package dev.awssig.v4;

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
 * With DEBUG logging on, the canonical requests logged by the signer, presigner and verifier show
 * no secret, no session token (plain or percent-encoded) and no signature; toString() neither.
 */
class NoSecretsInLogsTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String TOKEN = "IQoJb3JpZ2luX2VjE/secret+token==";
    private static final Instant NOW = Instant.parse("2024-03-01T10:20:30Z");

    /**
     * Signs, presigns and verifies a tampered copy of a request with DEBUG logging on; returns
     * every logged line and the descriptions of what was made.
     */
    private static String debugLogOf(Credentials creds, SignableRequest req, String[] signatures) {
        Logger logger = (Logger) LoggerFactory.getLogger("dev.awssig.v4");
        Level before = logger.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        logger.setLevel(Level.DEBUG);
        try {
            SigV4Signer signer = SigV4Signer.create(SigningConfig.builder().credentials(creds).region("us-east-1")
                    .service("s3").clock(Clock.fixed(NOW, ZoneOffset.UTC)).build());
            SignedRequest signed = signer.sign(req);
            PresignedUrl url = signer.presign(req, Duration.ofMinutes(5));
            VerificationResult bad = SigV4Verifier.create(SigningConfig.builder().build()).verify(
                    signed.request().toBuilder().method("POST").build(), SecretLookup.of(creds), NOW);
            assertFalse(bad.isValid());
            assertTrue(appender.list.size() >= 3, "debug lines were logged");
            signatures[0] = signed.signature();
            signatures[1] = url.signature();
            StringBuilder all = new StringBuilder();
            for (ILoggingEvent e : appender.list) {
                all.append(e.getFormattedMessage()).append('\n');
            }
            return all.append(signed).append(signed.request()).append(url).append(signer).append(bad).append(req)
                    .toString();
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(before);
        }
    }

    @Test
    void debugLogsAndDescriptionsHideSecretsTokensAndSignatures() {
        String[] signatures = new String[2];
        String text = debugLogOf(Credentials.of("ASIAEXAMPLE", SECRET, TOKEN),
                SignableRequest.builder().method("GET").uri("https://b.s3.amazonaws.com/k").build(), signatures);
        assertFalse(text.contains(SECRET), "secret leaked");
        assertFalse(text.contains(TOKEN), "token leaked");
        assertFalse(text.contains(dev.awssig.internal.UriEncoding.encode(TOKEN, false)), "encoded token leaked");
        assertFalse(text.contains(signatures[0]), "signature leaked");
        assertFalse(text.contains(signatures[1]), "presigned signature leaked");
        assertTrue(text.contains("x-amz-security-token:****"), text);
    }

    private static final String SSE_C_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private static final String SSE_C_KEY_MD5 = "S2V5TUQ1S2V5TUQ1S2V5TQ==";
    private static final String COPY_KEY = "Q09QWVNPVVJDRUtFWTAxMjM0NTY3ODlhYmNkZWYwMTI=";
    private static final String COPY_KEY_MD5 = "Q29weU1ENUNvcHlNRDVDbw==";

    /**
     * SSE-C keys and their digests, of the object and of a copy source, are redacted from the
     * DEBUG canonical requests of the signer, the presigner and the verifier, with no session
     * token anywhere (redaction used to happen only when a token was present, and the copy-source
     * key was not on the list at all).
     */
    @Test
    void customerKeysAreRedactedFromDebugLogsWithoutAnyToken() {
        SignableRequest req = SignableRequest.builder().method("PUT").uri("https://b.s3.amazonaws.com/k")
                .header("x-amz-copy-source", "/b/src")
                .header("x-amz-server-side-encryption-customer-algorithm", "AES256")
                .header("x-amz-server-side-encryption-customer-key", SSE_C_KEY)
                .header("x-amz-server-side-encryption-customer-key-MD5", SSE_C_KEY_MD5)
                .header("x-amz-copy-source-server-side-encryption-customer-algorithm", "AES256")
                .header("x-amz-copy-source-server-side-encryption-customer-key", COPY_KEY)
                .header("x-amz-copy-source-server-side-encryption-customer-key-MD5", COPY_KEY_MD5)
                .build();
        String text = debugLogOf(Credentials.of("AKIAEXAMPLE", SECRET), req, new String[2]);
        for (String key : new String[] {SSE_C_KEY, SSE_C_KEY_MD5, COPY_KEY, COPY_KEY_MD5}) {
            assertFalse(text.contains(key), "an SSE-C key or digest leaked: " + text);
        }
        assertTrue(text.contains("x-amz-server-side-encryption-customer-key:****"), text);
        assertTrue(text.contains("x-amz-copy-source-server-side-encryption-customer-key-md5:****"), text);
        assertTrue(text.contains("x-amz-server-side-encryption-customer-algorithm:AES256"), text);
    }
}
