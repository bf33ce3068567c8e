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
        "X-Amz-Security-Token", "x-amz-security-token", "X-Amz-Signature", "Cookie", "Set-Cookie",
        "x-amz-server-side-encryption-customer-key", "x-amz-server-side-encryption-customer-key-MD5",
        "X-Amz-Copy-Source-Server-Side-Encryption-Customer-Key",
        "x-amz-copy-source-server-side-encryption-customer-key-md5", "x-amz-mfa", "X-Api-Key",
        "x-amz-federation-token", "X-Client-Secret", "x-password"})
    void sensitiveHeaders(String name) {
        assertTrue(Redaction.isSensitiveHeader(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Host", "X-Amz-Date", "x-amz-content-sha256", "Content-Type",
        "x-amz-server-side-encryption", "x-amz-server-side-encryption-customer-algorithm",
        "x-amz-server-side-encryption-aws-kms-key-id", "X-Amz-Credential"})
    void ordinaryHeaders(String name) {
        assertFalse(Redaction.isSensitiveHeader(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Amz-Signature", "x-amz-signature", "Signature", "signature", "X-Amz-Security-Token",
        "SecurityToken", "x-amz-credential-token", "policy-signature",
        "x-amz-server-side-encryption-customer-key", "X-Amz-Copy-Source-Server-Side-Encryption-Customer-Key-MD5"})
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

    @Test
    void signingTextRedactsSecurityTokenHeaderLineAndQueryParameterButKeepsStructure() {
        String canonical = "GET\n/photos/puppy.jpg\n"
                + "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Security-Token=AQoD%2Bx%2Fy%3D&X-Amz-SignedHeaders=host\n"
                + "host:example.com\n"
                + "x-amz-security-token:AQoD+x/y==\n"
                + "\nhost;x-amz-security-token\nUNSIGNED-PAYLOAD";
        String redacted = Redaction.redactSigningText(canonical);
        assertEquals("GET\n/photos/puppy.jpg\n"
                + "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Security-Token=****&X-Amz-SignedHeaders=host\n"
                + "host:example.com\n"
                + "x-amz-security-token:****\n"
                + "\nhost;x-amz-security-token\nUNSIGNED-PAYLOAD", redacted);
        assertFalse(redacted.contains("AQoD"));
    }

    @Test
    void signingTextRedactsQueryApiSecurityTokenAndLeavesTokenFreeTextUntouched() {
        String sts = "GET\nec2.amazonaws.com\n/\nAction=DescribeRegions&SecurityToken=FQo%2Bsecret&SignatureVersion=2";
        assertEquals("GET\nec2.amazonaws.com\n/\nAction=DescribeRegions&SecurityToken=****&SignatureVersion=2",
                Redaction.redactSigningText(sts));
        String plain = "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\nabc";
        assertTrue(plain == Redaction.redactSigningText(plain), "text without a token is returned as is");
        assertNull(Redaction.redactSigningText(null));
    }

    /**
     * SSE-C keys (and their digests, for the object and for a copy source) are redacted from a
     * canonical request whether or not a session token is in it.
     */
    @Test
    void signingTextRedactsCustomerKeysWithoutAnyToken() {
        String canonical = "PUT\n/k\n\nhost:b.s3.amazonaws.com\n"
                + "x-amz-copy-source-server-side-encryption-customer-key:Q09QWUtFWQ==\n"
                + "x-amz-copy-source-server-side-encryption-customer-key-md5:Q09QWU1ENQ==\n"
                + "x-amz-server-side-encryption-customer-algorithm:AES256\n"
                + "x-amz-server-side-encryption-customer-key:S0VZS0VZ\n"
                + "x-amz-server-side-encryption-customer-key-md5:TUQ1TUQ1\n"
                + "\nhost;x-amz-...\nUNSIGNED-PAYLOAD";
        String redacted = Redaction.redactSigningText(canonical);
        assertEquals("PUT\n/k\n\nhost:b.s3.amazonaws.com\n"
                + "x-amz-copy-source-server-side-encryption-customer-key:****\n"
                + "x-amz-copy-source-server-side-encryption-customer-key-md5:****\n"
                + "x-amz-server-side-encryption-customer-algorithm:AES256\n"
                + "x-amz-server-side-encryption-customer-key:****\n"
                + "x-amz-server-side-encryption-customer-key-md5:****\n"
                + "\nhost;x-amz-...\nUNSIGNED-PAYLOAD", redacted);
    }

    @Test
    void aQueryNameThatCannotBeDecodedIsRedacted() {
        assertEquals("a=1&x\ud800=****", Redaction.redactQuery("a=1&x\ud800=secret"));
    }
}
