package dev.awssig.v2;

import static dev.awssig.v2.S3V2SignerTest.ID;
import static dev.awssig.v2.S3V2SignerTest.NOW;
import static dev.awssig.v2.S3V2SignerTest.SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.AuthError;
import dev.awssig.Credentials;
import dev.awssig.Payload;
import dev.awssig.PresignedUrl;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationLimits;
import dev.awssig.VerificationResult;
import dev.awssig.internal.UriEncoding;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Requests an attacker would send to the SigV2 verifiers (issue 12), one test per attack, each
 * named after it: forgeries that verified, parser ambiguities, text that is not text, and
 * requests whose cost the sender chooses. Each asserts the answer (S3's code), never only that
 * nothing was thrown.
 */
class HostileRequestTest {
    private static final SecretLookup SECRETS = SecretLookup.of(Map.of(ID, SECRET));
    private static final S3V2Verifier S3 = S3V2Verifier.create();
    private static final QueryV2Verifier QUERY = QueryV2Verifier.create();
    private static final Instant QUERY_NOW = Instant.parse("2011-10-03T15:19:30Z");

    private static QueryV2Signer querySigner() {
        return QueryV2Signer.create(SigningConfig.builder().credentials(Credentials.of(ID, SECRET))
                .clock(Clock.fixed(QUERY_NOW, ZoneOffset.UTC)).build());
    }

    private static SignableRequest form(String uri, String body) {
        return SignableRequest.builder().method("POST").uri(uri)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .payload(Payload.ofBytes(body.getBytes(StandardCharsets.UTF_8))).build();
    }

    private static AuthError s3(SignableRequest r) {
        return S3.verify(r, SECRETS, NOW).error().orElse(null);
    }

    private static AuthError query(SignableRequest r) {
        return QUERY.verify(r, SECRETS, QUERY_NOW).error().orElse(null);
    }

    private static S3V2Verifier s3With(VerificationLimits limits) {
        return S3V2Verifier.create(SigningConfig.builder().option(VerificationLimits.OPTION, limits).build());
    }

    // ---- 1. query API over POST: a parameter in the URL as well as in the signed body

    @Test
    void queryApiPostWithAnUnsignedActionInTheUrlIsRefused() {
        SignedRequest signed = querySigner().sign(form("https://ec2.amazonaws.com/",
                "Action=DescribeInstances&Version=2016-11-15"));
        assertTrue(QUERY.verify(signed.request(), SECRETS, QUERY_NOW).isValid());
        SignableRequest attack = signed.request().toBuilder().rawQuery("Action=TerminateInstances&InstanceId.1=i-1")
                .build();
        VerificationResult v = QUERY.verify(attack, SECRETS, QUERY_NOW);
        assertEquals(AuthError.INVALID_ARGUMENT, v.error().orElseThrow(), v::toString);
        assertTrue(v.message().contains("form body only"), v.message());
    }

    @Test
    void queryApiPostWithAnEmptyUrlQueryStillVerifies() {
        SignedRequest signed = querySigner().sign(form("https://ec2.amazonaws.com/", "Action=DescribeInstances"));
        assertTrue(QUERY.verify(signed.request().toBuilder().rawQuery("").build(), SECRETS, QUERY_NOW).isValid());
    }

    // ---- 2. S3 header auth: x-amz-* between headers and query

    @Test
    void signedAmzHeaderMovedIntoTheQueryOfAHeaderSignedRequestIsRefused() {
        SignedRequest signed = S3V2SignerTest.signer().sign(SignableRequest.builder().method("PUT")
                .uri("https://b.s3.amazonaws.com/k").header("x-amz-server-side-encryption", "AES256")
                .header("x-amz-acl", "private").build());
        assertTrue(S3.verify(signed.request(), SECRETS, NOW).isValid());
        SignableRequest moved = signed.request().toBuilder().removeHeader("x-amz-server-side-encryption")
                .appendQueryParameter("x-amz-server-side-encryption", "AES256").build();
        VerificationResult v = S3.verify(moved, SECRETS, NOW);
        assertEquals(AuthError.INVALID_ARGUMENT, v.error().orElseThrow(), v::toString);
        assertTrue(v.message().contains("'x-amz-server-side-encryption'"), v.message());
    }

    @Test
    void unsignedAmzQueryParameterAddedToAHeaderSignedRequestIsRefused() {
        SignedRequest signed = S3V2SignerTest.signer().sign(S3V2SignerTest.get("https://b.s3.amazonaws.com/k").build());
        for (String name : new String[] {"x-amz-acl", "X-Amz-Acl", "x-amz-security-token", "x%2Damz-acl"}) {
            SignableRequest added = signed.request().toBuilder().rawQuery(name + "=public-read").build();
            assertEquals(AuthError.INVALID_ARGUMENT, s3(added), name);
        }
    }

    /** Fuzz finding (SigV2FuzzTest#s3): a name that is exactly "x-amz-" was not an x-amz-* name. */
    @Test
    void aQueryParameterNamedJustXAmzDashAddedToAHeaderSignedRequestIsRefused() {
        SignedRequest signed = S3V2SignerTest.signer().sign(S3V2SignerTest.get("https://b.s3.amazonaws.com/k?acl").build());
        for (String query : new String[] {"acl&x-amz-", "acl&X-AMZ-=", "acl&x-amz-=1"}) {
            SignableRequest added = signed.request().toBuilder().rawQuery(query).build();
            assertEquals(AuthError.INVALID_ARGUMENT, s3(added), query);
        }
    }

    @Test
    void aHeaderNamedJustXAmzDashIsSignedAsAnAmzHeader() {
        SignedRequest signed = S3V2SignerTest.signer().sign(S3V2SignerTest.get("https://b.s3.amazonaws.com/k")
                .header("x-amz-", "a").build());
        assertTrue(signed.stringToSign().contains("\nx-amz-:a\n"), signed.stringToSign());
        SignableRequest changed = signed.request().toBuilder().setHeader("x-amz-", "b").build();
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, s3(changed));
    }

    @Test
    void headerSignerRefusesAmzQueryParametersNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> S3V2SignerTest.signer()
                .sign(S3V2SignerTest.get("https://b.s3.amazonaws.com/k?x-amz-meta-a=1").build()));
        assertTrue(e.getMessage().startsWith("query parameter 'x-amz-meta-a'"), e.getMessage());
    }

    @Test
    void presignedAmzHeaderMovedIntoTheQueryVerifiesAsS3ReadsEitherPlace() {
        PresignedUrl url = S3V2SignerTest.signer().presign(SignableRequest.builder().method("PUT")
                .uri("https://b.s3.amazonaws.com/k").header("x-amz-acl", "private").build(), Duration.ofMinutes(5));
        SignableRequest asHeader = SignableRequest.builder().method("PUT").uri(url.url())
                .header("x-amz-acl", "private").build();
        assertTrue(S3.verify(asHeader, SECRETS, NOW).isValid());
        SignableRequest inQuery = SignableRequest.builder().method("PUT").uri(url.url()).build().toBuilder()
                .appendQueryParameter("x-amz-acl", "private").build();
        assertTrue(S3.verify(inQuery, SECRETS, NOW).isValid(), "query-string auth signs x-amz-* parameters as headers");
        SignableRequest changed = SignableRequest.builder().method("PUT").uri(url.url()).build().toBuilder()
                .appendQueryParameter("x-amz-acl", "public-read").build();
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, s3(changed));
    }

    @Test
    void presignedAmzQueryParameterMovedIntoAHeaderVerifiesAsS3ReadsEitherPlace() {
        PresignedUrl url = S3V2SignerTest.signer().presign(
                S3V2SignerTest.get("https://b.s3.amazonaws.com/k?x-amz-meta-owner=jane").build(), Duration.ofMinutes(5));
        assertTrue(S3.verify(SignableRequest.builder().method("GET").uri(url.url()).build(), SECRETS, NOW).isValid());
        String moved = url.url().replace("x-amz-meta-owner=jane&", "");
        assertFalse(moved.equals(url.url()));
        assertTrue(S3.verify(SignableRequest.builder().method("GET").uri(moved).header("x-amz-meta-owner", "jane")
                .build(), SECRETS, NOW).isValid());
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, s3(SignableRequest.builder().method("GET").uri(moved)
                .header("x-amz-meta-owner", "john").build()));
    }

    @Test
    void presignedAmzValueInBothTheHeaderAndTheQueryIsRefused() {
        PresignedUrl url = S3V2SignerTest.signer().presign(
                S3V2SignerTest.get("https://b.s3.amazonaws.com/k?x-amz-meta-owner=jane").build(), Duration.ofMinutes(5));
        VerificationResult v = S3.verify(SignableRequest.builder().method("GET").uri(url.url())
                .header("X-Amz-Meta-Owner", "jane").build(), SECRETS, NOW);
        assertEquals(AuthError.INVALID_ARGUMENT, v.error().orElseThrow(), v::toString);
        assertThrows(IllegalArgumentException.class, () -> S3V2SignerTest.signer().presign(
                S3V2SignerTest.get("https://b.s3.amazonaws.com/k?x-amz-meta-owner=jane")
                        .header("x-amz-meta-owner", "jane").build(), Duration.ofMinutes(5)));
    }

    // ---- 3. percent-escapes whose "digits" are not ASCII hex digits

    @ParameterizedTest
    @ValueSource(strings = {"%\u0666\u0661", "%\uff13\uff13", "%6\u0661", "%\u0666a", "%zz", "%4", "%"})
    void subResourceWithNonAsciiHexDigitsIsInvalidUri(String escape) {
        // signed for versionId=a; %٦١ (Arabic-Indic 6 and 1) used to decode as 0x61 'a'
        SignedRequest signed = S3V2SignerTest.signer().sign(
                S3V2SignerTest.get("https://b.s3.amazonaws.com/k?versionId=a").build());
        SignableRequest attack = signed.request().toBuilder().rawQuery("versionId=" + escape).build();
        assertEquals(AuthError.INVALID_URI, s3(attack));
        PresignedUrl url = S3V2SignerTest.signer().presign(S3V2SignerTest.get("https://b.s3.amazonaws.com/k?acl=a")
                .build(), Duration.ofMinutes(5));
        assertEquals(AuthError.INVALID_URI, s3(SignableRequest.builder().method("GET")
                .uri(url.url().replace("acl=a", "acl=" + escape)).build()));
    }

    @Test
    void queryApiParameterWithNonAsciiHexDigitsIsInvalidUri() {
        SignedRequest signed = querySigner().sign(SignableRequest.builder().method("GET")
                .uri("https://ec2.amazonaws.com/?Action=a").build());
        String q = signed.request().rawQuery().orElseThrow();
        for (String escape : new String[] {"%\u0666\u0661", "%\uff16\uff11"}) {
            SignableRequest attack = signed.request().toBuilder().rawQuery(q.replace("Action=a", "Action=" + escape))
                    .build();
            VerificationResult v = QUERY.verify(attack, SECRETS, QUERY_NOW);
            assertEquals(AuthError.INVALID_URI, v.error().orElseThrow(), v::toString);
            assertTrue(v.message().contains("not followed by two hex digits"), v.message());
        }
    }

    @Test
    void percentEscapesThatAreNotUtf8AreInvalidUri() {
        // %FF and %FE would both read as U+FFFD: two URLs, one signature
        assertEquals(AuthError.INVALID_URI, s3(S3V2SignerTest.get("https://b.s3.amazonaws.com/k?versionId=%FF")
                .header("Authorization", "AWS " + ID + ":x").build()));
        assertEquals(AuthError.INVALID_URI, query(SignableRequest.builder().method("GET")
                .uri("https://ec2.amazonaws.com/?Action=%ED%A0%80&Signature=x&AWSAccessKeyId=" + ID).build()));
        assertEquals(AuthError.INVALID_URI, query(form("https://ec2.amazonaws.com/", "Action=%C3")));
        SignableRequest badBody = SignableRequest.builder().method("POST").uri("https://ec2.amazonaws.com/")
                .payload(Payload.ofBytes(new byte[] {'A', '=', (byte) 0xFF})).build();
        assertEquals(AuthError.INVALID_URI, query(badBody));
    }

    @Test
    void signersRefuseMalformedPercentEscapesNamingTheQuery() {
        // the S3 signer sends a stray '%' encoded once (%25), as it does every character a URI cannot
        // hold, so what it signs is what it sends and what the server decodes is what was given
        SignedRequest s3 = S3V2SignerTest.signer()
                .sign(S3V2SignerTest.get("https://b.s3.amazonaws.com/k?versionId=100%").build());
        assertEquals("versionId=100%25", s3.request().rawQuery().orElseThrow());
        assertTrue(S3.verify(s3.request(), SECRETS, NOW).isValid());
        assertThrows(IllegalArgumentException.class, () -> querySigner().sign(SignableRequest.builder().method("GET")
                .uri("https://ec2.amazonaws.com/?Action=%\u0666\u0661").build()));
        IllegalArgumentException body = assertThrows(IllegalArgumentException.class, () -> querySigner().sign(
                SignableRequest.builder().method("POST").uri("https://ec2.amazonaws.com/")
                        .payload(Payload.ofBytes(new byte[] {'A', '=', (byte) 0xC3})).build()));
        assertTrue(body.getMessage().startsWith("payload:"), body.getMessage());
    }

    // ---- 4. cost chosen by the sender

    private static String manyParameters(int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = n; i > 0; i--) {
            // alternating sub-resources and descending x-amz-* names: the worst order for an insertion sort
            sb.append(i % 2 == 0 ? "website=" : "acl=").append(i).append('&');
            sb.append("x-amz-meta-").append(1_000_000 + i).append("=v&");
        }
        return sb.append("AWSAccessKeyId=").append(ID).append("&Expires=1900000000&Signature=AAAA").toString();
    }

    @Test
    void sixtyFourThousandQueryParametersAreRefusedByTheDefaultLimits() {
        SignableRequest r = S3V2SignerTest.get("https://b.s3.amazonaws.com/k?" + manyParameters(32_000)).build();
        VerificationResult v = S3.verify(r, SECRETS, NOW);
        assertEquals(AuthError.INVALID_URI, v.error().orElseThrow());
        assertTrue(v.message().contains("VerificationLimits.maxUriLength"), v.message());
        SignableRequest shortNames = S3V2SignerTest.get("https://b.s3.amazonaws.com/k?" + "a&".repeat(1500)
                + "AWSAccessKeyId=" + ID + "&Expires=1900000000&Signature=AAAA").build();
        assertTrue(S3.verify(shortNames, SECRETS, NOW).message().contains("VerificationLimits.maxQueryParameters"));
    }

    @Test
    void sixtyFourThousandSubResourcesAndAmzParametersAreAnsweredWhenALimitAllowsThem() {
        VerificationLimits wide = VerificationLimits.builder().maxUriLength(4_000_000).maxQueryParameters(100_000)
                .build();
        SignableRequest r = S3V2SignerTest.get("https://b.s3.amazonaws.com/k?" + manyParameters(32_000)).build();
        VerificationResult v = s3With(wide).verify(r, SECRETS, NOW.minusSeconds(1_000_000_000L));
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, v.error().orElseThrow(), v::toString);
    }

    @Test
    void eightThousandHeadersAreRefusedByDefaultAndAnsweredWhenALimitAllowsThem() {
        SignableRequest.Builder b = S3V2SignerTest.get("https://b.s3.amazonaws.com/k")
                .header("Authorization", "AWS " + ID + ":AAAA").header("Date", S3V2SignerTest.NOW_RFC1123);
        for (int i = 8_000; i > 0; i--) {
            b.header("x-amz-meta-" + i, "v");
        }
        SignableRequest r = b.build();
        assertEquals(AuthError.REQUEST_HEADER_SECTION_TOO_LARGE, s3(r));
        VerificationLimits wide = VerificationLimits.builder().maxHeaderCount(10_000).maxHeaderBytes(1_000_000).build();
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH,
                s3With(wide).verify(r, SECRETS, NOW).error().orElseThrow());
    }

    @Test
    void aHugeQueryApiFormBodyIsRefusedByDefaultAndAnsweredWhenALimitAllowsIt() {
        StringBuilder body = new StringBuilder("AWSAccessKeyId=" + ID + "&SignatureVersion=2&SignatureMethod=HmacSHA256"
                + "&Timestamp=2011-10-03T15%3A19%3A30Z&Signature=AAAA");
        for (int i = 64_000; i > 0; i--) {
            body.append("&P").append(1_000_000 + i).append("=v");
        }
        SignableRequest r = form("https://ec2.amazonaws.com/", body.toString());
        VerificationResult v = QUERY.verify(r, SECRETS, QUERY_NOW);
        assertEquals(AuthError.INVALID_URI, v.error().orElseThrow());
        assertTrue(v.message().contains("form body"), v.message());
        QueryV2Verifier wide = QueryV2Verifier.create(SigningConfig.builder().option(VerificationLimits.OPTION,
                VerificationLimits.builder().maxQueryParameters(100_000).build()).build());
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, wide.verify(r, SECRETS, QUERY_NOW).error().orElseThrow());
    }

    // ---- 5. ambiguity between two parsers, values that cannot be represented

    @Test
    void repeatedQueryAuthenticationParametersAreInvalidArgument() {
        PresignedUrl url = S3V2SignerTest.signer().presign(S3V2SignerTest.get("https://b.s3.amazonaws.com/k").build(),
                Duration.ofMinutes(5));
        for (String extra : new String[] {"Signature=AAAA", "%53ignature=AAAA", "Signature=", "AWSAccessKeyId=" + ID,
            "Expires=1", "Expires=" + (NOW.getEpochSecond() + 300)}) {
            SignableRequest r = SignableRequest.builder().method("GET").uri(url.url() + "&" + extra).build();
            VerificationResult v = S3.verify(r, SECRETS, NOW);
            assertEquals(AuthError.INVALID_ARGUMENT, v.error().orElseThrow(), extra);
            assertTrue(v.message().contains("must not be repeated"), v.message());
        }
    }

    @Test
    void repeatedQueryApiTimestampOrAuthenticationParameterIsInvalidArgument() {
        SignedRequest signed = querySigner().sign(SignableRequest.builder().method("GET")
                .uri("https://ec2.amazonaws.com/?Action=A").build());
        String q = signed.request().rawQuery().orElseThrow();
        for (String extra : new String[] {"Timestamp=2099-01-01T00%3A00%3A00Z", "Signature=AAAA", "SignatureVersion=2",
            "AWSAccessKeyId=" + ID, "SecurityToken=t&SecurityToken=u", "Expires=2099-01-01T00%3A00%3A00Z&Expires=x"}) {
            VerificationResult v = QUERY.verify(signed.request().toBuilder().rawQuery(q + "&" + extra).build(),
                    SECRETS, QUERY_NOW);
            assertEquals(AuthError.INVALID_ARGUMENT, v.error().orElseThrow(), extra);
        }
    }

    @Test
    void aSecondHostHeaderNamingAnotherBucketIsInvalidArgument() {
        SignedRequest signed = S3V2SignerTest.signer().sign(S3V2SignerTest.get("https://b.s3.amazonaws.com/k")
                .header("Host", "victim.s3.amazonaws.com").build());
        assertTrue(S3.verify(signed.request(), SECRETS, NOW).isValid());
        SignableRequest two = signed.request().toBuilder().header("Host", "other.s3.amazonaws.com").build();
        VerificationResult v = S3.verify(two, SECRETS, NOW);
        assertEquals(AuthError.INVALID_ARGUMENT, v.error().orElseThrow());
        assertTrue(v.message().contains("'Host'"), v.message());
        SignedRequest q = querySigner().sign(SignableRequest.builder().method("GET")
                .uri("https://ec2.amazonaws.com/?Action=A").header("Host", "ec2.amazonaws.com").build());
        assertEquals(AuthError.INVALID_ARGUMENT, query(q.request().toBuilder().header("Host", "iam.amazonaws.com")
                .build()));
    }

    @Test
    void aSecondAuthorizationOrDateHeaderIsInvalidArgument() {
        SignableRequest r = S3V2SignerTest.signer().sign(S3V2SignerTest.get("https://b.s3.amazonaws.com/k").build())
                .request();
        assertEquals(AuthError.INVALID_ARGUMENT, s3(r.toBuilder().header("Authorization", "AWS " + ID + ":x").build()));
        assertEquals(AuthError.INVALID_ARGUMENT, s3(r.toBuilder().header("date", S3V2SignerTest.NOW_RFC1123).build()));
        assertEquals(AuthError.INVALID_ARGUMENT, s3(r.toBuilder().header("x-amz-date", "a").header("X-Amz-Date", "b")
                .build()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"01 Jan 0000 00:30:00 +0100", "31 Dec 9999 23:30:00 -0100", "Sat, 01 Jan 0000 00:00:00 GMT",
        "Fri, 31 Dec 9999 23:59:59 -1800", "Mon, 01 Jan 10000 00:00:00 GMT", "+999999999-12-31T23:59:59Z",
        "-999999999-01-01T00:00:00+18:00", "20991231T235959Z", "99991231T235959Z", "00000101T000000Z",
        "2007-03-27T19:36:42", "Tue, 27 Mar 2007 19:36:42 +9999"})
    void datesAtOrBeyondTheEdgesOfTimeAreAnsweredNotThrown(String date) {
        for (String name : new String[] {"Date", "x-amz-date"}) {
            SignableRequest r = S3V2SignerTest.get("https://b.s3.amazonaws.com/k")
                    .header("Authorization", "AWS " + ID + ":AAAA").header(name, date).build();
            VerificationResult v = S3.verify(r, SECRETS, NOW);
            assertFalse(v.isValid(), date);
            assertTrue(v.error().orElseThrow() == AuthError.ACCESS_DENIED
                    || v.error().orElseThrow() == AuthError.REQUEST_TIME_TOO_SKEWED
                    || v.error().orElseThrow() == AuthError.SIGNATURE_DOES_NOT_MATCH, v::toString);
        }
        for (String p : new String[] {"Timestamp", "Expires"}) {
            SignableRequest q = SignableRequest.builder().method("GET").uri("https://ec2.amazonaws.com/").build()
                    .toBuilder().appendQueryParameter("Action", "A").appendQueryParameter("AWSAccessKeyId", ID)
                    .appendQueryParameter("SignatureVersion", "2").appendQueryParameter("SignatureMethod", "HmacSHA1")
                    .appendQueryParameter(p, UriEncoding.encode(date, false)).appendQueryParameter("Signature", "AAAA").build();
            VerificationResult v = QUERY.verify(q, SECRETS, QUERY_NOW);
            assertFalse(v.isValid(), date);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"999999999999999999", "9223372036854775807", "99999999999999999999999999", "-1", "1e9",
        "0x10", "\u0661\u0669\u0660\u0660\u0660\u0660\u0660\u0660\u0660\u0660", " 1900000000", "1900000000.5", ""})
    void expiresThatCannotBeAnInstantIsAnsweredNotThrown(String expires) {
        SignableRequest r = SignableRequest.builder().method("GET").uri("https://b.s3.amazonaws.com/k").build()
                .toBuilder().appendQueryParameter("AWSAccessKeyId", ID)
                .appendQueryParameter("Expires", UriEncoding.encode(expires, false))
                .appendQueryParameter("Signature", "AAAA").build();
        VerificationResult v = S3.verify(r, SECRETS, NOW);
        assertFalse(v.isValid());
        assertTrue(v.error().orElseThrow() == AuthError.ACCESS_DENIED
                || v.error().orElseThrow() == AuthError.SIGNATURE_DOES_NOT_MATCH, v::toString);
    }

    // ---- 7. lone UTF-16 surrogates

    @Test
    void loneSurrogatesAreRefusedByTheSignersNamingTheField() {
        S3V2Signer signer = S3V2SignerTest.signer();
        IllegalArgumentException path = assertThrows(IllegalArgumentException.class, () -> signer.sign(
                S3V2SignerTest.get("https://b.s3.amazonaws.com/k").rawPath("/a\uD800b").build()));
        assertTrue(path.getMessage().startsWith("path:") && path.getMessage().contains("lone UTF-16 surrogate")
                && path.getMessage().contains("index 2"), path.getMessage());
        IllegalArgumentException header = assertThrows(IllegalArgumentException.class, () -> signer.presign(
                S3V2SignerTest.get("https://b.s3.amazonaws.com/k").header("x-amz-meta-a", "x\uDC00").build(),
                Duration.ofMinutes(1)));
        assertTrue(header.getMessage().startsWith("header 'x-amz-meta-a': index 1"), header.getMessage());
        IllegalArgumentException query = assertThrows(IllegalArgumentException.class, () -> signer.sign(
                S3V2SignerTest.get("https://b.s3.amazonaws.com/k").rawQuery("versionId=\uDBFF").build()));
        assertTrue(query.getMessage().startsWith("query:") && query.getMessage().contains("lone UTF-16 surrogate")
                && query.getMessage().contains("index 10"), query.getMessage());
        IllegalArgumentException queryApi = assertThrows(IllegalArgumentException.class, () -> querySigner().sign(
                SignableRequest.builder().method("GET").uri("https://ec2.amazonaws.com/").rawPath("/\uD800").build()));
        assertTrue(queryApi.getMessage().startsWith("path:"), queryApi.getMessage());
        // a well-formed pair is text, and is signed
        assertTrue(signer.sign(S3V2SignerTest.get("https://b.s3.amazonaws.com/k").header("x-amz-meta-a", "\uD83D\uDE00")
                .build()).signature().length() > 0);
    }

    @Test
    void loneSurrogatesAreRefusedByTheVerifiersNamingTheField() {
        SignableRequest signed = S3V2SignerTest.signer().sign(S3V2SignerTest.get("https://b.s3.amazonaws.com/k?acl=%3F")
                .header("x-amz-meta-a", "?").build()).request();
        VerificationResult path = S3.verify(signed.toBuilder().rawPath("/k\uD800").build(), SECRETS, NOW);
        assertEquals(AuthError.INVALID_URI, path.error().orElseThrow());
        assertTrue(path.message().contains("request path"), path.message());
        VerificationResult q = S3.verify(signed.toBuilder().rawQuery("acl=\uD800").build(), SECRETS, NOW);
        assertEquals(AuthError.INVALID_URI, q.error().orElseThrow());
        assertTrue(q.message().contains("query string"), q.message());
        VerificationResult h = S3.verify(signed.toBuilder().setHeader("x-amz-meta-a", "\uDFFF").build(), SECRETS, NOW);
        assertEquals(AuthError.INVALID_ARGUMENT, h.error().orElseThrow());
        assertTrue(h.message().contains("header 'x-amz-meta-a'"), h.message());
        // a body is bytes: a surrogate arrives UTF-8 encoded (ED A0 80), which is not UTF-8
        assertEquals(AuthError.INVALID_URI, query(SignableRequest.builder().method("POST").uri("https://ec2.amazonaws.com/")
                .payload(Payload.ofBytes(new byte[] {'A', '=', (byte) 0xED, (byte) 0xA0, (byte) 0x80})).build()));
        assertEquals(AuthError.INVALID_URI, query(SignableRequest.builder().method("GET")
                .uri("https://ec2.amazonaws.com/?Action=A").rawPath("/\uDC00").build()));
    }

    // ---- follow-ups: blank secrets, names folded by String.equalsIgnoreCase

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t"})
    void aBlankSecretFromTheLookupIsAnUnknownKeyNotAnException(String blank) {
        SecretLookup lookup = id -> java.util.Optional.of(blank);
        SignableRequest header = S3V2SignerTest.signer().sign(SignableRequest.builder().method("GET")
                .uri("https://johnsmith.s3.amazonaws.com/photos/puppy.jpg").build()).request();
        assertEquals(AuthError.INVALID_ACCESS_KEY_ID, S3.verify(header, lookup, NOW).error().orElseThrow());
        PresignedUrl url = S3V2SignerTest.signer().presign(SignableRequest.builder().method("GET")
                .uri("https://johnsmith.s3.amazonaws.com/photos/puppy.jpg").build(), Duration.ofMinutes(5));
        assertEquals(AuthError.INVALID_ACCESS_KEY_ID, S3.verify(SignableRequest.builder().method("GET")
                .uri(url.url()).build(), lookup, NOW).error().orElseThrow());
        SignedRequest q = querySigner().sign(SignableRequest.builder().method("GET")
                .uri("https://ec2.amazonaws.com/?Action=DescribeInstances").build());
        assertEquals(AuthError.INVALID_ACCESS_KEY_ID, QUERY.verify(q.request(), lookup, QUERY_NOW).error().orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> SecretLookup.of(Map.of(ID, blank)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"x-amz-\u017fecurity-token", "x-amz-security-to\u212Aen", "X-AMZ-\u017fECURITY-TOKEN"})
    void aTokenParameterSpelledWithALongSOrAKelvinSignIsNotTheToken(String lookalike) {
        // String.equalsIgnoreCase folds \u017f to s and \u212A to k: the presigner took such a
        // parameter for the session token and left the real one out of the URL
        S3V2Signer signer = S3V2SignerTest.signer(Credentials.of(ID, SECRET, S3V2SignerTest.SESSION));
        PresignedUrl url = signer.presign(SignableRequest.builder().method("GET")
                .uri("https://johnsmith.s3.amazonaws.com/photos/puppy.jpg?" + UriEncoding.encode(lookalike, false)
                        + "=x").build(), Duration.ofMinutes(5));
        assertTrue(url.url().contains("&x-amz-security-token=") || url.url().contains("?x-amz-security-token="),
                url.url());
    }
}
