package dev.awssig.v2;

import static dev.awssig.v2.S3V2SignerTest.ID;
import static dev.awssig.v2.S3V2SignerTest.SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.AuthError;
import dev.awssig.Credentials;
import dev.awssig.Payload;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The query API's SignatureVersion=2: signer rules, verifier round trips and tamper tests. */
class QueryV2Test {
    private static final Instant NOW = Instant.parse("2011-10-03T15:19:30Z");
    private static final SecretLookup SECRETS = SecretLookup.of(Map.of(ID, SECRET));
    private static final QueryV2Verifier VERIFIER = QueryV2Verifier.create();

    private static QueryV2Signer signer(Credentials c, String method) {
        SigningConfig.Builder b = SigningConfig.builder().credentials(c).clock(Clock.fixed(NOW, ZoneOffset.UTC));
        if (method != null) {
            b.option(V2Options.SIGNATURE_METHOD, method);
        }
        return QueryV2Signer.create(b.build());
    }

    private static QueryV2Signer signer() {
        return signer(Credentials.of(ID, SECRET), null);
    }

    private static SignableRequest post(String uri, String body) {
        return SignableRequest.builder().method("POST").uri(uri)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .payload(Payload.ofBytes(body.getBytes(StandardCharsets.UTF_8))).build();
    }

    private static String body(SignedRequest s) {
        return new String(s.request().payload().bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void getAddsTheAuthenticationParametersAndRewritesTheQueryInCanonicalOrder() {
        SignedRequest s = signer().sign(SignableRequest.builder().method("GET")
                .uri("https://EC2.Amazonaws.com/?Version=2009-03-31&Action=DescribeJobFlows").build());
        String canonical = "AWSAccessKeyId=" + ID + "&Action=DescribeJobFlows&SignatureMethod=HmacSHA256"
                + "&SignatureVersion=2&Timestamp=2011-10-03T15%3A19%3A30Z&Version=2009-03-31";
        assertEquals("GET\nec2.amazonaws.com\n/\n" + canonical, s.stringToSign());
        assertEquals(JdkHmac.base64("HmacSHA256", SECRET, s.stringToSign()), s.signature());
        assertEquals(canonical + "&Signature=" + dev.awssig.internal.UriEncoding.encode(s.signature(), false),
                s.request().rawQuery().orElseThrow());
        assertEquals(NOW, s.signingTime());
    }

    @Test
    void hmacSha1AndANonDefaultPortAndPath() {
        SignedRequest s = signer(Credentials.of(ID, SECRET), V2Options.HMAC_SHA1).sign(SignableRequest.builder()
                .method("GET").uri("http://Sdb.Example.COM:8080/api/v2?Action=ListDomains&Timestamp=2011-10-03T15%3A19%3A30.000Z")
                .build());
        assertEquals("GET\nsdb.example.com:8080\n/api/v2\nAWSAccessKeyId=" + ID + "&Action=ListDomains"
                + "&SignatureMethod=HmacSHA1&SignatureVersion=2&Timestamp=2011-10-03T15%3A19%3A30.000Z", s.stringToSign());
        assertEquals(JdkHmac.base64("HmacSHA1", SECRET, s.stringToSign()), s.signature());
        SignedRequest defaultPort = signer().sign(SignableRequest.builder().method("GET")
                .uri("https://iam.amazonaws.com:443/?Action=ListUsers").build());
        assertTrue(defaultPort.stringToSign().startsWith("GET\niam.amazonaws.com\n/\n"), defaultPort.stringToSign());
    }

    @Test
    void parametersAreSortedByTheUtf8BytesOfTheUnencodedNames() {
        // code point order: 'Z' < 'z' < 'é' (U+00E9) < U+FF21 < U+1F600; UTF-16 order would put
        // U+1F600 (a surrogate pair) before U+FF21, and encoded-name order would put é first
        SignedRequest s = signer().sign(post("https://h.example.com/",
                "%F0%9F%98%80=5&%EF%BC%A1=4&%C3%A9=3&z=2&Z=1&Action=A&Timestamp=t"));
        assertEquals("POST\nh.example.com\n/\nAWSAccessKeyId=" + ID + "&Action=A&SignatureMethod=HmacSHA256"
                + "&SignatureVersion=2&Timestamp=t&Z=1&z=2&%C3%A9=3&%EF%BC%A1=4&%F0%9F%98%80=5", s.stringToSign());
    }

    @Test
    void valuesAreRfc3986EncodedAndRepeatedNamesSortedByValue() {
        SignedRequest s = signer().sign(post("https://h.example.com/",
                "Action=A&Timestamp=t&Tag=b+c&Tag=a%2Bb&Note=100%25*~%21"));
        assertTrue(s.stringToSign().endsWith("&Note=100%25%2A~%21&SignatureMethod=HmacSHA256&SignatureVersion=2"
                + "&Tag=a%2Bb&Tag=b%20c&Timestamp=t"), s.stringToSign());
    }

    @Test
    void postSignsTheFormBodyAndRewritesIt() {
        SignedRequest s = signer().sign(SignableRequest.builder().method("POST").uri("https://iam.amazonaws.com/")
                .header("Content-Length", "34")
                .payload(Payload.ofBytes("Action=ListUsers&Version=2010-05-08".getBytes(StandardCharsets.UTF_8)))
                .build());
        assertTrue(s.stringToSign().startsWith("POST\niam.amazonaws.com\n/\nAWSAccessKeyId="), s.stringToSign());
        String body = body(s);
        assertTrue(body.endsWith("&Signature=" + dev.awssig.internal.UriEncoding.encode(s.signature(), false)));
        assertEquals(Integer.toString(body.length()), s.request().headers().firstValue("Content-Length").orElseThrow());
        assertEquals("application/x-www-form-urlencoded; charset=utf-8",
                s.request().headers().firstValue("Content-Type").orElseThrow());
        assertTrue(VERIFIER.verify(s.request(), SECRETS, NOW).isValid());
    }

    @Test
    void sessionCredentialsAddSecurityToken() {
        SignedRequest s = signer(Credentials.of(ID, SECRET, S3V2SignerTest.SESSION), null).sign(
                post("https://sts.amazonaws.com/", "Action=GetCallerIdentity"));
        assertTrue(s.stringToSign().contains("&SecurityToken=FQoGZXIvYXdzE%2B%2FbPx%3D%3D&"), s.stringToSign());
        assertTrue(VERIFIER.verify(s.request(), SECRETS, NOW).isValid());
    }

    @Test
    void expiresInsteadOfTimestamp() {
        SignedRequest s = signer().sign(SignableRequest.builder().method("GET")
                .uri("https://h.example.com/?Action=A&Expires=2011-10-03T16%3A00%3A00Z").build());
        assertTrue(!s.stringToSign().contains("Timestamp"), s.stringToSign());
        assertTrue(VERIFIER.verify(s.request(), SECRETS, NOW.plus(Duration.ofDays(-3))).isValid());
        assertTrue(VERIFIER.verify(s.request(), SECRETS, Instant.parse("2011-10-03T16:00:00Z")).isValid());
        assertEquals(AuthError.ACCESS_DENIED, VERIFIER.verify(s.request(), SECRETS,
                Instant.parse("2011-10-03T16:00:01Z")).error().orElseThrow());
    }

    /** A Timestamp exactly 15 minutes old (or ahead) is in time; one second more is too skewed. */
    @Test
    void aTimestampExactlyFifteenMinutesAwayIsAccepted() {
        SignableRequest r = signer().sign(SignableRequest.builder().method("GET")
                .uri("https://ec2.amazonaws.com/?Action=DescribeRegions").build()).request();
        Duration skew = Duration.ofMinutes(15);
        assertTrue(VERIFIER.verify(r, SECRETS, NOW.plus(skew)).isValid());
        assertTrue(VERIFIER.verify(r, SECRETS, NOW.minus(skew)).isValid());
        assertEquals(AuthError.REQUEST_TIME_TOO_SKEWED,
                VERIFIER.verify(r, SECRETS, NOW.plus(skew).plusSeconds(1)).error().orElseThrow());
        assertEquals(AuthError.REQUEST_TIME_TOO_SKEWED,
                VERIFIER.verify(r, SECRETS, NOW.minus(skew).minusSeconds(1)).error().orElseThrow());
        QueryV2Verifier strict = QueryV2Verifier.create(SigningConfig.builder()
                .option(V2Options.MAX_CLOCK_SKEW, Duration.ofSeconds(30)).build());
        assertTrue(strict.verify(r, SECRETS, NOW.plusSeconds(30)).isValid());
        assertEquals(AuthError.REQUEST_TIME_TOO_SKEWED,
                strict.verify(r, SECRETS, NOW.plusSeconds(31)).error().orElseThrow());
    }

    @Test
    void getRoundTripAndTampering() {
        SignedRequest s = signer().sign(SignableRequest.builder().method("GET")
                .uri("https://ec2.amazonaws.com/?Action=RunInstances&ImageId=ami-1&MaxCount=1").build());
        SignableRequest r = s.request();
        assertTrue(VERIFIER.verify(r, SECRETS, NOW.plusSeconds(60)).isValid());
        String q = r.rawQuery().orElseThrow();
        SignableRequest[] tampered = {
            r.toBuilder().rawQuery(q.replace("MaxCount=1", "MaxCount=100")).build(),
            r.toBuilder().rawQuery(q + "&Extra=1").build(),
            r.toBuilder().uri("https://ec2.us-west-2.amazonaws.com/?" + q).build(),
            r.toBuilder().rawPath("/other").build(),
            r.toBuilder().method("DELETE").build(),
        };
        for (SignableRequest t : tampered) {
            VerificationResult v = VERIFIER.verify(t, SECRETS, NOW);
            assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, v.error().orElseThrow(), t.toString());
            assertTrue(v.stringToSign().orElseThrow().startsWith(t.method() + "\n"));
        }
        assertEquals(AuthError.REQUEST_TIME_TOO_SKEWED,
                VERIFIER.verify(r, SECRETS, NOW.plus(Duration.ofMinutes(16))).error().orElseThrow());
        assertEquals(AuthError.INVALID_ACCESS_KEY_ID,
                VERIFIER.verify(r, SecretLookup.of(Map.of()), NOW).error().orElseThrow());
        SignedRequest wrong = signer(Credentials.of(ID, "wrong"), null).sign(SignableRequest.builder().method("GET")
                .uri("https://ec2.amazonaws.com/?Action=RunInstances").build());
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, VERIFIER.verify(wrong.request(), SECRETS, NOW).error().orElseThrow());
    }

    @Test
    void verifierRejectsMissingOrInvalidAuthenticationParameters() {
        String good = signer().sign(SignableRequest.builder().method("GET")
                .uri("https://h.example.com/?Action=A").build()).request().rawQuery().orElseThrow();
        String[][] cases = {
            {"SignatureVersion=2", "SignatureVersion=1", "INVALID_ARGUMENT"},
            {"SignatureMethod=HmacSHA256", "SignatureMethod=HmacMD5", "INVALID_ARGUMENT"},
            {"&SignatureMethod=HmacSHA256", "", "INVALID_ARGUMENT"},
            {"&Timestamp=2011-10-03T15%3A19%3A30Z", "", "INVALID_ARGUMENT"},
            {"Timestamp=2011-10-03T15%3A19%3A30Z", "Timestamp=soon", "INVALID_ARGUMENT"},
            {"Action=A", "Action=A&Expires=2011-10-03T16%3A00%3A00Z", "INVALID_ARGUMENT"},
            {"Action=A", "Action=A&AWSAccessKeyId=" + ID, "INVALID_ARGUMENT"},
        };
        for (String[] c : cases) {
            String q = good.replace(c[0], c[1]);
            VerificationResult v = VERIFIER.verify(SignableRequest.builder().method("GET")
                    .uri("https://h.example.com/?" + q).build(), SECRETS, NOW);
            assertEquals(AuthError.valueOf(c[2]), v.error().orElseThrow(), q);
        }
        assertEquals(AuthError.MISSING_SECURITY_HEADER, VERIFIER.verify(SignableRequest.builder().method("GET")
                .uri("https://h.example.com/?Action=A").build(), SECRETS, NOW).error().orElseThrow());
    }

    @Test
    void signerRejectsInconsistentRequestsNamingTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> signer(Credentials.of(ID, SECRET), "HmacMD5"))
                .getMessage().startsWith("sigv2.signatureMethod:"));
        String[][] cases = {
            {"Action=A&Signature=x", "request:"},
            {"Action=A&AWSAccessKeyId=OTHER", "AWSAccessKeyId:"},
            {"Action=A&SignatureVersion=1", "SignatureVersion:"},
            {"Action=A&SignatureMethod=HmacMD5", "SignatureMethod:"},
            {"Action=A&Timestamp=t&Expires=e", "request:"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> signer().sign(
                    SignableRequest.builder().method("GET").uri("https://h.example.com/?" + c[0]).build()));
            assertTrue(e.getMessage().startsWith(c[1]), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> signer().sign(
                SignableRequest.builder().method("POST").uri("https://h.example.com/?Action=A").build()));
        assertTrue(e.getMessage().startsWith("request:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> signer().sign(SignableRequest.builder().method("POST")
                .uri("https://h.example.com/").payload(Payload.unsigned()).build()));
        assertTrue(e.getMessage().startsWith("payload:"), e.getMessage());
    }
}
