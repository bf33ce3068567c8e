package dev.awssig.devpay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Algorithms;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityTokenTest {
    @Test
    void queryValuesFindsTheParameterWhateverItsCaseOrEncodingAndDecodesTheValue() {
        assertEquals(List.of(), SecurityToken.queryValues(null));
        assertEquals(List.of(), SecurityToken.queryValues(""));
        assertEquals(List.of(), SecurityToken.queryValues("a=1&x-amz-security-tokens=2&x-amz-security=3"));
        assertEquals(List.of("{a}+/="), SecurityToken.queryValues("x-amz-security-token=%7Ba%7D%2B%2F%3D"));
        assertEquals(List.of("a", "b", "c", ""), SecurityToken.queryValues(
                "X-Amz-Security-Token=a&q=1&x%2Damz%2Dsecurity%2Dtoken=b&x-amz-security-token=c&x-amz-security-token"));
        assertEquals(List.of("a=b"), SecurityToken.queryValues("x-amz-security-token=a=b&"));
        assertEquals(List.of("+"), SecurityToken.queryValues("x-amz-security-token=+"));
    }

    @Test
    void queryValuesReadPastALeadingOrRepeatedAmpersand() {
        assertEquals(List.of("t"), SecurityToken.queryValues("&x-amz-security-token=t"));
        assertEquals(List.of("t"), SecurityToken.queryValues("&&x-amz-security-token=t&"));
        assertEquals(List.of(), SecurityToken.queryValues("x-amz-meta-a-long-name=1&X-Amz-Credential-Name=2"));
    }

    @Test
    void requireTokenRefusesEachOfCrLfAndNulNamingTheIndex() {
        for (String bad : new String[] {"ab\rc", "ab\nc", "ab\u0000c"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> SecurityToken.requireToken(bad, "userToken"));
            assertTrue(e.getMessage().startsWith("userToken: ") && e.getMessage().contains("index 2"), e.getMessage());
        }
        assertEquals("a\tb", SecurityToken.requireToken("a\tb", "userToken"));
    }

    @Test
    void queryNameFollowsTheInnerAlgorithm() {
        assertEquals("X-Amz-Security-Token", SecurityToken.queryName(Algorithms.SIGV4));
        assertEquals("x-amz-security-token", SecurityToken.queryName(Algorithms.SIGV2_S3));
        assertEquals("x-amz-security-token", SecurityToken.queryName("CUSTOM"));
    }

    /** A value that does not decode strictly (the verifiers refuse such a query first) is kept as sent. */
    @Test
    void queryValuesKeepAValueThatDoesNotDecodeAsItIs() {
        assertEquals(List.of("%zz", "a%"), SecurityToken.queryValues("x-amz-security-token=%zz&X-Amz-Security-Token=a%"));
    }
}
