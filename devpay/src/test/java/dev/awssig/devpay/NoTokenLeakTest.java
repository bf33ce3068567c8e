package dev.awssig.devpay;

import static dev.awssig.devpay.DevPayTokensTest.assertNoToken;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.awssig.Algorithms;
import dev.awssig.SignableRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Signs, presigns and fails at DEBUG level and checks that no token reaches a log line. */
class NoTokenLeakTest {
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private Logger root;
    private Level previous;

    @BeforeEach
    void capture() {
        root = (Logger) LoggerFactory.getLogger("dev.awssig");
        previous = root.getLevel();
        root.setLevel(Level.DEBUG);
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void release() {
        root.detachAppender(appender);
        root.setLevel(previous);
    }

    @Test
    void noTokenInAnyLogLineOrMessage() {
        SignableRequest get = SignableRequest.builder().method("GET")
                .uri("https://johnsmith.s3.amazonaws.com/photos/puppy.jpg").build();
        for (String alg : new String[] {Algorithms.SIGV2_S3, Algorithms.SIGV4}) {
            DevPay.signer(FakeSigner.named(alg), DevPayTokens.legacy(TestTokens.USER, TestTokens.PRODUCT)).sign(get);
            DevPay.presigner(FakeSigner.named(alg), DevPayTokens.of(TestTokens.USER)).presign(get, Duration.ofMinutes(1));
            assertNoToken(assertThrows(IllegalStateException.class, () -> DevPay.signer(
                    FakeSigner.withSessionToken(alg, "S"), DevPayTokens.legacy(TestTokens.USER, TestTokens.PRODUCT))
                    .sign(get)).getMessage());
        }
        assertFalse(appender.list.isEmpty(), "expected DEBUG lines from the decorators");
        assertNoTokenLogged();
    }

    /**
     * The real SigV2 signer and verifier and the POST form signer and enforcer under DevPay, at
     * DEBUG. (signer-v4 is not in this list: its DEBUG line shows the raw canonical request,
     * x-amz-security-token value included; reported to its owner.)
     */
    @Test
    void noTokenInTheLogsOfTheRealSigV2AndPostFormRoundTrips() {
        DevPayTokens legacy = DevPayTokens.legacy(TestTokens.USER, TestTokens.PRODUCT);
        DevPayTokens current = DevPayTokens.of(TestTokens.USER);
        SignableRequest header = DevPayRoundTripTest.Mode.V2_HEADER.send(legacy);
        SignableRequest presigned = DevPayRoundTripTest.Mode.V2_PRESIGNED.send(current);
        for (SignableRequest r : new SignableRequest[] {header, presigned}) {
            DevPay.verifier(dev.awssig.v2.S3V2Verifier.create()).verify(r, DevPayRoundTripTest.SECRETS, DevPayRoundTripTest.NOW);
            DevPay.verifier(dev.awssig.v2.S3V2Verifier.create()).verify(
                    r.toBuilder().removeHeader("x-amz-meta-uuid").build(), DevPayRoundTripTest.SECRETS, DevPayRoundTripTest.NOW);
        }
        for (DevPayPostFormTest.Version v : DevPayPostFormTest.Version.values()) {
            DevPayPostFormTest.roundTrip(v, current);
        }
        assertTrue(appender.list.stream().anyMatch(e -> e.getLoggerName().startsWith("dev.awssig.v2.")),
                "expected DEBUG lines from signer-v2");
        assertTrue(appender.list.stream().anyMatch(e -> e.getLoggerName().startsWith("dev.awssig.post.")),
                "expected DEBUG lines from post-policy");
        assertNoTokenLogged();
    }

    private void assertNoTokenLogged() {
        for (ILoggingEvent e : appender.list) {
            assertNoToken(e.getFormattedMessage());
        }
    }
}
