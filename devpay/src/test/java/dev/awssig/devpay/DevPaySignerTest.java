package dev.awssig.devpay;

import static dev.awssig.devpay.DevPayTokensTest.assertNoToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Algorithms;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.Signer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DevPaySignerTest {
    private static final SignableRequest GET = SignableRequest.builder().method("GET")
            .uri("https://johnsmith.s3.amazonaws.com/photos/puppy.jpg").header("x-amz-meta-a", "1").build();

    @ParameterizedTest
    @ValueSource(strings = {Algorithms.SIGV2_S3, Algorithms.SIGV4})
    void currentTokenGoesIntoTheHeaderAloneAndIsSignedByTheInnerSigner(String algorithm) {
        FakeSigner inner = FakeSigner.named(algorithm);
        SignedRequest signed = DevPay.signer(inner, DevPayTokens.of(TestTokens.USER)).sign(GET);

        SignableRequest handedOver = inner.received().get(0);
        assertEquals(List.of(TestTokens.USER), handedOver.headers().values("x-amz-security-token"));
        assertEquals(GET.rawQuery(), handedOver.rawQuery());
        assertEquals(List.of(TestTokens.USER), signed.request().headers().values("x-amz-security-token"));
        assertTrue(signed.stringToSign().contains("\nx-amz-security-token:" + TestTokens.USER + "\n"),
                signed.stringToSign());
        assertTrue(signed.request().rawQuery().isEmpty());
        assertEquals(List.of("1"), signed.request().headers().values("x-amz-meta-a"));
    }

    @ParameterizedTest
    @ValueSource(strings = {Algorithms.SIGV2_S3, Algorithms.SIGV4})
    void legacyTokensGoIntoTheHeaderAsUserCommaProduct(String algorithm) {
        FakeSigner inner = FakeSigner.named(algorithm);
        SignedRequest signed = DevPay.signer(inner, DevPayTokens.legacy(TestTokens.USER, TestTokens.PRODUCT)).sign(GET);
        assertEquals(List.of(TestTokens.USER + "," + TestTokens.PRODUCT),
                signed.request().headers().values("x-amz-security-token"));
        assertTrue(signed.stringToSign().contains(
                "\nx-amz-security-token:" + TestTokens.USER + "," + TestTokens.PRODUCT + "\n"));
    }

    @Test
    void algorithmNameIsDevPayOverTheInnerOne() {
        assertEquals("DEVPAY+AWS4-HMAC-SHA256", DevPay.signer(FakeSigner.v4(), DevPayTokens.of(TestTokens.USER)).algorithm());
        assertEquals("DEVPAY+AWS-S3-V2", DevPay.signer(FakeSigner.v2(), DevPayTokens.of(TestTokens.USER)).algorithm());
    }

    @Test
    void existingQueryIsKeptAndGetsNoToken() {
        SignableRequest r = GET.toBuilder().rawQuery("versionId=3&acl").build();
        SignedRequest signed = DevPay.signer(FakeSigner.v2(), DevPayTokens.of(TestTokens.USER)).sign(r);
        assertEquals("versionId=3&acl", signed.request().rawQuery().orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x-amz-security-token", "X-Amz-Security-Token"})
    void requestThatAlreadyHasATokenHeaderIsRefused(String name) {
        Signer s = DevPay.signer(FakeSigner.v2(), DevPayTokens.of(TestTokens.USER));
        SignableRequest r = GET.toBuilder().header(name, "other").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.sign(r));
        assertTrue(e.getMessage().startsWith("request: "), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"x-amz-security-token=a", "X-Amz-Security-Token=a", "x%2Damz-security-token=a",
        "a=1&x-amz-security-token"})
    void requestThatAlreadyHasATokenParameterIsRefused(String query) {
        Signer s = DevPay.signer(FakeSigner.v2(), DevPayTokens.of(TestTokens.USER));
        SignableRequest r = GET.toBuilder().rawQuery(query).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.sign(r));
        assertTrue(e.getMessage().contains("query parameter"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {Algorithms.SIGV2_S3, Algorithms.SIGV4})
    void innerSignerWithSessionCredentialsIsRefusedWithoutShowingAnyToken(String algorithm) {
        Signer s = DevPay.signer(FakeSigner.withSessionToken(algorithm, "SESSIONTOKEN123"),
                DevPayTokens.legacy(TestTokens.USER, TestTokens.PRODUCT));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.sign(GET));
        assertTrue(e.getMessage().contains("session token"), e.getMessage());
        assertFalse(e.getMessage().contains("SESSIONTOKEN123"), e.getMessage());
        assertNoToken(e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {Algorithms.SIGV2_S3, Algorithms.SIGV4})
    void innerSignerThatDoesNotSignTheTokenIsRefused(String algorithm) {
        Signer s = DevPay.signer(FakeSigner.notSigningTheToken(algorithm), DevPayTokens.of(TestTokens.USER));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.sign(GET));
        assertTrue(e.getMessage().contains("did not sign"), e.getMessage());
        assertNoToken(e.getMessage());
    }

    @Test
    void queryApiSigV2CannotCarryDevPayTokens() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DevPay.signer(FakeSigner.named(Algorithms.SIGV2_QUERY), DevPayTokens.of(TestTokens.USER)));
        assertTrue(e.getMessage().contains(Algorithms.SIGV2_QUERY), e.getMessage());
    }

    @Test
    void devPayIsNotDecoratedTwice() {
        Signer once = DevPay.signer(FakeSigner.v4(), DevPayTokens.of(TestTokens.USER));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DevPay.signer(once, DevPayTokens.of(TestTokens.USER)));
        assertTrue(e.getMessage().contains("already a DevPay"), e.getMessage());
    }

    @Test
    void nullArgumentsAreRefused() {
        assertThrows(NullPointerException.class, () -> DevPay.signer(null, DevPayTokens.of(TestTokens.USER)));
        assertThrows(NullPointerException.class, () -> DevPay.signer(FakeSigner.v2(), null));
        Signer s = DevPay.signer(FakeSigner.v2(), DevPayTokens.of(TestTokens.USER));
        assertThrows(NullPointerException.class, () -> s.sign(null));
    }

    @Test
    void toStringAndSignedRequestDescriptionShowNoToken() {
        Signer s = DevPay.signer(FakeSigner.v2(), DevPayTokens.legacy(TestTokens.USER, TestTokens.PRODUCT));
        assertNoToken(s.toString());
        assertNoToken(s.sign(GET).toString());
    }
}
