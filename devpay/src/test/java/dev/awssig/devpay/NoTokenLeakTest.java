package dev.awssig.devpay;

import static dev.awssig.devpay.DevPayTokensTest.assertNoToken;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        for (ILoggingEvent e : appender.list) {
            assertNoToken(e.getFormattedMessage());
        }
    }
}
