package dev.awssig.devpay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DevPayTokensTest {

    @Test
    void currentUserTokenGoesAloneEverywhere() {
        DevPayTokens t = DevPayTokens.of(TestTokens.USER);
        assertFalse(t.isLegacy());
        assertEquals(TestTokens.USER, t.userToken());
        assertEquals(Optional.empty(), t.productToken());
        assertEquals(TestTokens.USER, t.headerValue());
        assertEquals(TestTokens.USER, t.presignedQueryValue());
        assertEquals(TestTokens.USER, t.postFormSecurityToken());
    }

    @Test
    void legacyHeaderValueIsUserTokenCommaProductToken() {
        DevPayTokens t = DevPayTokens.legacy(TestTokens.USER, TestTokens.PRODUCT);
        assertTrue(t.isLegacy());
        assertEquals(Optional.of(TestTokens.PRODUCT), t.productToken());
        assertEquals(TestTokens.USER + "," + TestTokens.PRODUCT, t.headerValue());
    }

    @Test
    void legacyPostFormTokenIsTheUserTokenOnly() {
        // seed 003: "The value for both of the fields must be the user token."
        assertEquals(TestTokens.USER, DevPayTokens.legacy(TestTokens.USER, TestTokens.PRODUCT).postFormSecurityToken());
    }

    @Test
    void legacyPresignedValueIsRefusedWithReasonAndRemedy() {
        DevPayTokens t = DevPayTokens.legacy(TestTokens.USER, TestTokens.PRODUCT);
        IllegalStateException e = assertThrows(IllegalStateException.class, t::presignedQueryValue);
        assertTrue(e.getMessage().contains("clear text"), e.getMessage());
        assertTrue(e.getMessage().contains("RefreshUserToken"), e.getMessage());
        assertNoToken(e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "\t", "{UserToken}ab\r\nX-Evil: 1", "{UserToken}ab\ncd", "{UserToken}ab\rcd"})
    void malformedUserTokenIsRefusedNamingTheFieldNotTheValue(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DevPayTokens.of(bad));
        assertTrue(e.getMessage().startsWith("userToken: "), e.getMessage());
        if (!bad.isBlank()) {
            assertFalse(e.getMessage().contains("{UserToken}"), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{ProductToken}ab\ncd", "{ProductToken}ab\rcd"})
    void malformedProductTokenIsRefusedNamingTheFieldNotTheValue(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DevPayTokens.legacy(TestTokens.USER, bad));
        assertTrue(e.getMessage().startsWith("productToken: "), e.getMessage());
        assertFalse(e.getMessage().contains("{ProductToken}"), e.getMessage());
        assertNoToken(e.getMessage());
    }

    @Test
    void nullTokensAreRefusedNamingTheField() {
        assertTrue(assertThrows(NullPointerException.class, () -> DevPayTokens.of(null))
                .getMessage().equals("userToken"));
        assertTrue(assertThrows(NullPointerException.class, () -> DevPayTokens.legacy(TestTokens.USER, null))
                .getMessage().equals("productToken"));
        assertTrue(assertThrows(NullPointerException.class, () -> DevPayTokens.legacy(null, TestTokens.PRODUCT))
                .getMessage().equals("userToken"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+/=", "{UserToken}a b", "tab\there", "ünïcödé", "a,b", "%2B", "x"})
    void anyNonBlankTokenWithoutCrLfIsAccepted(String token) {
        assertEquals(token, DevPayTokens.of(token).userToken());
    }

    @Test
    void toStringShowsWhichTokensNotTheirValues() {
        assertEquals("DevPayTokens[userToken=****]", DevPayTokens.of(TestTokens.USER).toString());
        assertEquals("DevPayTokens[userToken=****, productToken=****]",
                DevPayTokens.legacy(TestTokens.USER, TestTokens.PRODUCT).toString());
    }

    @Test
    void equalityComparesTokensAndHashLeaksNothing() {
        assertEquals(DevPayTokens.of(TestTokens.USER), DevPayTokens.of(new String(TestTokens.USER)));
        assertNotEquals(DevPayTokens.of(TestTokens.USER), DevPayTokens.of(TestTokens.USER + "x"));
        assertNotEquals(DevPayTokens.of(TestTokens.USER), DevPayTokens.legacy(TestTokens.USER, TestTokens.PRODUCT));
        assertNotEquals(DevPayTokens.legacy(TestTokens.USER, TestTokens.PRODUCT),
                DevPayTokens.legacy(TestTokens.USER, TestTokens.PRODUCT + "x"));
        assertEquals(DevPayTokens.legacy(TestTokens.USER, TestTokens.PRODUCT),
                DevPayTokens.legacy(TestTokens.USER, TestTokens.PRODUCT));
        assertEquals(DevPayTokens.of("a").hashCode(), DevPayTokens.of("b").hashCode());
        assertNotEquals(DevPayTokens.of(TestTokens.USER), TestTokens.USER);
    }

    static void assertNoToken(String text) {
        if (text == null) {
            return;
        }
        for (String secret : new String[] {TestTokens.USER, TestTokens.PRODUCT, TestTokens.USER_ENCODED,
                "BA4PXRKl", "AAAGQXBwVGtu"}) {
            assertFalse(text.contains(secret), () -> "token leaked into: " + text);
        }
    }
}
