package dev.awssig.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class RedactionTest {
    @ParameterizedTest
    @ValueSource(strings = {"Authorization", "authorization", "AUTHORIZATION", "Proxy-Authorization",
        "X-Amz-Security-Token", "x-amz-security-token", "X-Amz-Signature", "Cookie",
        "x-amz-server-side-encryption-customer-key"})
    void sensitiveHeaders(String name) {
        assertTrue(Redaction.isSensitiveHeader(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Host", "X-Amz-Date", "x-amz-content-sha256", "Content-Type",
        "x-amz-server-side-encryption-customer-key-MD5", "X-Amz-Credential"})
    void ordinaryHeaders(String name) {
        assertFalse(Redaction.isSensitiveHeader(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Amz-Signature", "x-amz-signature", "Signature", "signature", "X-Amz-Security-Token",
        "SecurityToken", "x-amz-credential-token", "policy-signature"})
    void sensitiveParameters(String name) {
        assertTrue(Redaction.isSensitiveParameter(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Amz-Credential", "AWSAccessKeyId", "Expires", "X-Amz-Date", "SignatureMethod",
        "SignatureVersion", "Policy"})
    void ordinaryParameters(String name) {
        assertFalse(Redaction.isSensitiveParameter(name));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "a=1 | a=1",
        "X-Amz-Signature=abc | X-Amz-Signature=****",
        "a=1&X-Amz-Signature=abc&b | a=1&X-Amz-Signature=****&b",
        "AWSAccessKeyId=AKID&Expires=1175139620&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D"
            + " | AWSAccessKeyId=AKID&Expires=1175139620&Signature=****",
        "X%2DAmz-Signature=abc | X%2DAmz-Signature=****",
        "X-Amz-Security-Token=tok&&x=1& | X-Amz-Security-Token=****&&x=1&",
        "Signature | Signature",
        "Signature= | Signature=****",
        "SignatureMethod=HmacSHA256&SignatureVersion=2 | SignatureMethod=HmacSHA256&SignatureVersion=2",
    })
    void redactQuery(String query, String redacted) {
        assertEquals(redacted, Redaction.redactQuery(query));
    }

    @Test
    void redactQueryAndUriEdgeCases() {
        assertNull(Redaction.redactQuery(null));
        assertEquals("", Redaction.redactQuery(""));
        assertNull(Redaction.redactUri(null));
        assertEquals("https://h/p", Redaction.redactUri("https://h/p"));
        assertEquals("https://h/p?X-Amz-Date=x&X-Amz-Signature=****",
                Redaction.redactUri("https://h/p?X-Amz-Date=x&X-Amz-Signature=0123abcd"));
    }
}
