package dev.awssig.devpay;

import static dev.awssig.devpay.DevPayTokensTest.assertNoToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Algorithms;
import dev.awssig.PresignedUrl;
import dev.awssig.Presigner;
import dev.awssig.SignableRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DevPayPresignerTest {
    private static final SignableRequest PUPPY = SignableRequest.builder().method("GET")
            .uri("https://johnsmith.s3.amazonaws.com/photos/puppy.jpg").build();
    private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

    @Test
    void sigV2UrlCarriesTheEncodedUserTokenAndTheStringToSignTheDecodedOne() {
        FakeSigner inner = FakeSigner.v2();
        PresignedUrl url = DevPay.presigner(inner, DevPayTokens.of(TestTokens.USER)).presign(PUPPY, TEN_MINUTES);

        assertEquals("x-amz-security-token=" + TestTokens.USER_ENCODED, inner.received().get(0).rawQuery().orElseThrow());
        assertTrue(url.url().startsWith("https://johnsmith.s3.amazonaws.com/photos/puppy.jpg?x-amz-security-token="
                + TestTokens.USER_ENCODED + "&AWSAccessKeyId="), url.url());
        assertTrue(url.stringToSign().contains("\nx-amz-security-token:" + TestTokens.USER + "\n"), url.stringToSign());
        assertFalse(url.stringToSign().contains(TestTokens.USER_ENCODED));
        assertFalse(url.signedHeaders().contains("x-amz-security-token"));
        assertTrue(inner.received().get(0).headers().values("x-amz-security-token").isEmpty());
    }

    @Test
    void sigV4UrlNamesTheParameterLikeSigV4DoesAndCarriesTheUserTokenOnce() {
        FakeSigner inner = FakeSigner.v4();
        PresignedUrl url = DevPay.presigner(inner, DevPayTokens.of(TestTokens.USER)).presign(PUPPY, TEN_MINUTES);
        assertEquals("X-Amz-Security-Token=" + TestTokens.USER_ENCODED, inner.received().get(0).rawQuery().orElseThrow());
        assertEquals(1, url.url().split("(?i)x-amz-security-token", -1).length - 1, url.url());
    }

    @Test
    void existingQueryParametersComeFirst() {
        FakeSigner inner = FakeSigner.v2();
        DevPay.presigner(inner, DevPayTokens.of(TestTokens.USER))
                .presign(PUPPY.toBuilder().rawQuery("response-content-type=image%2Fjpeg").build(), TEN_MINUTES);
        assertEquals("response-content-type=image%2Fjpeg&x-amz-security-token=" + TestTokens.USER_ENCODED,
                inner.received().get(0).rawQuery().orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {Algorithms.SIGV2_S3, Algorithms.SIGV4})
    void presigningWithAProductTokenIsRefusedExplainingWhyAndWhatToDo(String algorithm) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DevPay.presigner(FakeSigner.named(algorithm), DevPayTokens.legacy(TestTokens.USER, TestTokens.PRODUCT)));
        assertTrue(e.getMessage().startsWith("productToken: "), e.getMessage());
        assertTrue(e.getMessage().contains("clear text"), e.getMessage());
        assertTrue(e.getMessage().contains("RefreshUserToken"), e.getMessage());
        assertNoToken(e.getMessage());
    }

    @Test
    void requestThatAlreadyHasATokenIsRefused() {
        Presigner p = DevPay.presigner(FakeSigner.v2(), DevPayTokens.of(TestTokens.USER));
        assertThrows(IllegalArgumentException.class,
                () -> p.presign(PUPPY.toBuilder().rawQuery("x-amz-security-token=x").build(), TEN_MINUTES));
        assertThrows(IllegalArgumentException.class,
                () -> p.presign(PUPPY.toBuilder().header("X-Amz-Security-Token", "x").build(), TEN_MINUTES));
    }

    @ParameterizedTest
    @ValueSource(strings = {Algorithms.SIGV2_S3, Algorithms.SIGV4})
    void innerPresignerWithSessionCredentialsIsRefused(String algorithm) {
        Presigner p = DevPay.presigner(FakeSigner.withSessionToken(algorithm, "SESSIONTOKEN123"),
                DevPayTokens.of(TestTokens.USER));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.presign(PUPPY, TEN_MINUTES));
        assertTrue(e.getMessage().contains("session token"), e.getMessage());
        assertFalse(e.getMessage().contains("SESSIONTOKEN123"));
        assertNoToken(e.getMessage());
    }

    @Test
    void innerPresignerThatDoesNotSignTheParameterIsRefused() {
        Presigner p = DevPay.presigner(FakeSigner.notSigningTheToken(Algorithms.SIGV2_S3), DevPayTokens.of(TestTokens.USER));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.presign(PUPPY, TEN_MINUTES));
        assertTrue(e.getMessage().contains("did not sign"), e.getMessage());
    }

    @Test
    void algorithmAndDescriptions() {
        Presigner p = DevPay.presigner(FakeSigner.v4(), DevPayTokens.of(TestTokens.USER));
        assertEquals(Algorithms.devpay(Algorithms.SIGV4), p.algorithm());
        assertNoToken(p.toString());
        assertNoToken(p.presign(PUPPY, TEN_MINUTES).toString());
    }

    @Test
    void queryApiSigV2IsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> DevPay.presigner(FakeSigner.named(Algorithms.SIGV2_QUERY), DevPayTokens.of(TestTokens.USER)));
    }

    @Test
    void tokenValuesInTheUrlDecodeBackToTheUserToken() {
        PresignedUrl url = DevPay.presigner(FakeSigner.v2(), DevPayTokens.of(TestTokens.USER)).presign(PUPPY, TEN_MINUTES);
        String q = url.url().substring(url.url().indexOf('?') + 1);
        assertEquals(List.of(TestTokens.USER), dev.awssig.devpay.internal.SecurityToken.queryValues(q));
    }
}
