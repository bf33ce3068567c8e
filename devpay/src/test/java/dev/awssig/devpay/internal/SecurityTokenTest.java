package dev.awssig.devpay.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
    void queryNameFollowsTheInnerAlgorithm() {
        assertEquals("X-Amz-Security-Token", SecurityToken.queryName(Algorithms.SIGV4));
        assertEquals("x-amz-security-token", SecurityToken.queryName(Algorithms.SIGV2_S3));
        assertEquals("x-amz-security-token", SecurityToken.queryName("CUSTOM"));
    }
}
