package dev.awssig.v2;

import static dev.awssig.v2.S3V2SignerTest.ID;
import static dev.awssig.v2.S3V2SignerTest.NOW;
import static dev.awssig.v2.S3V2SignerTest.SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.AuthError;
import dev.awssig.Credentials;
import dev.awssig.Headers;
import dev.awssig.PresignedUrl;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Round trips and tamper tests of S3 SigV2 header auth and query-string auth. */
class S3V2VerifierTest {
    private static final SecretLookup SECRETS = SecretLookup.of(Map.of(ID, SECRET, "OTHERKEY", "other-secret"));
    private static final S3V2Verifier VERIFIER = S3V2Verifier.create();

    private static SignableRequest original() {
        return SignableRequest.builder().method("PUT")
                .uri("https://johnsmith.s3.amazonaws.com/photos/puppy%20dog.jpg?acl&versionId=v%2B1&prefix=p")
                .header("Content-Type", "image/jpeg")
                .header("Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg==")
                .header("x-amz-meta-owner", "jane")
                .header("x-amz-security-token", S3V2SignerTest.DEVPAY)
                .build();
    }

    private static SignedRequest signed() {
        return S3V2SignerTest.signer(Credentials.of(ID, SECRET)).sign(original());
    }

    private static VerificationResult verify(SignableRequest r, Instant now) {
        return VERIFIER.verify(r, SECRETS, now);
    }

    @Test
    void headerAuthRoundTrip() {
        SignedRequest s = signed();
        VerificationResult v = verify(s.request(), NOW.plusSeconds(5));
        assertTrue(v.isValid(), v::toString);
        assertEquals(ID, v.accessKeyId().orElseThrow());
        assertEquals(s.stringToSign(), v.stringToSign().orElseThrow());
    }

    @Test
    void headerAuthAcceptsChangesOutsideTheSignature() {
        SignableRequest r = signed().request().toBuilder()
                .header("User-Agent", "another")
                .header("Content-Length", "12")
                .rawQuery("prefix=other&acl&versionId=v%2B1&max-keys=3")
                .build();
        assertTrue(verify(r, NOW).isValid());
    }

    static Stream<Arguments> headerTampering() {
        return Stream.of(
                Arguments.of("method", (UnaryOperator<SignableRequest.Builder>) b -> b.method("POST")),
                Arguments.of("path", (UnaryOperator<SignableRequest.Builder>) b -> b.rawPath("/photos/puppy%20cat.jpg")),
                Arguments.of("bucket (host)", (UnaryOperator<SignableRequest.Builder>) b -> b.uri(
                        "https://janesmith.s3.amazonaws.com/photos/puppy%20dog.jpg?acl&versionId=v%2B1")),
                Arguments.of("sub-resource value", (UnaryOperator<SignableRequest.Builder>) b -> b.rawQuery(
                        "acl&versionId=v%2B2&prefix=p")),
                Arguments.of("sub-resource removed", (UnaryOperator<SignableRequest.Builder>) b -> b.rawQuery(
                        "versionId=v%2B1&prefix=p")),
                Arguments.of("sub-resource added", (UnaryOperator<SignableRequest.Builder>) b -> b.rawQuery(
                        "acl&versionId=v%2B1&prefix=p&torrent")),
                Arguments.of("Content-Type", (UnaryOperator<SignableRequest.Builder>) b -> b.setHeader(
                        "Content-Type", "text/html")),
                Arguments.of("Content-MD5", (UnaryOperator<SignableRequest.Builder>) b -> b.removeHeader("Content-MD5")),
                Arguments.of("amz header value", (UnaryOperator<SignableRequest.Builder>) b -> b.setHeader(
                        "x-amz-meta-owner", "john")),
                Arguments.of("amz header added", (UnaryOperator<SignableRequest.Builder>) b -> b.header(
                        "x-amz-acl", "public-read")),
                Arguments.of("token", (UnaryOperator<SignableRequest.Builder>) b -> b.setHeader(
                        "x-amz-security-token", "{UserToken}other")),
                Arguments.of("Date within the skew", (UnaryOperator<SignableRequest.Builder>) b -> b.setHeader(
                        "Date", "Tue, 27 Mar 2007 19:36:43 GMT")),
                Arguments.of("signature", (UnaryOperator<SignableRequest.Builder>) b -> b.setHeader(
                        "Authorization", "AWS " + ID + ":AAAAAAAAAAAAAAAAAAAAAAAAAAA=")));
    }

    @ParameterizedTest(name = "tampered {0}")
    @MethodSource("headerTampering")
    void headerAuthTamperingIsSignatureDoesNotMatchWithTheServersStringToSign(String what,
                                                                              UnaryOperator<SignableRequest.Builder> t) {
        SignableRequest tampered = t.apply(signed().request().toBuilder()).build();
        VerificationResult v = verify(tampered, NOW);
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, v.error().orElseThrow(), v::toString);
        // the server's string to sign is what a signer computes for the tampered request
        SignableRequest resigned = tampered.toBuilder().removeHeader("Authorization").build();
        assertEquals(S3V2SignerTest.signer().sign(resigned).stringToSign(), v.stringToSign().orElseThrow());
    }

    @Test
    void headerAuthWithTheWrongSecretIsSignatureDoesNotMatch() {
        SignedRequest s = S3V2SignerTest.signer(Credentials.of(ID, "not-the-secret")).sign(original());
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, verify(s.request(), NOW).error().orElseThrow());
    }

    @Test
    void unknownAccessKeyIsInvalidAccessKeyId() {
        SignedRequest s = S3V2SignerTest.signer(Credentials.of("AKIDUNKNOWN", SECRET)).sign(original());
        VerificationResult v = verify(s.request(), NOW);
        assertEquals(AuthError.INVALID_ACCESS_KEY_ID, v.error().orElseThrow());
        assertEquals(403, v.error().orElseThrow().httpStatus());
    }

    @Test
    void requestTimeBeyondFifteenMinutesIsRequestTimeTooSkewed() {
        SignableRequest r = signed().request();
        assertTrue(verify(r, NOW.plus(Duration.ofMinutes(15))).isValid());
        assertTrue(verify(r, NOW.minus(Duration.ofMinutes(15))).isValid());
        assertEquals(AuthError.REQUEST_TIME_TOO_SKEWED,
                verify(r, NOW.plus(Duration.ofMinutes(15)).plusSeconds(1)).error().orElseThrow());
        assertEquals(AuthError.REQUEST_TIME_TOO_SKEWED,
                verify(r, NOW.minus(Duration.ofMinutes(16))).error().orElseThrow());
        S3V2Verifier strict = S3V2Verifier.create(SigningConfig.builder()
                .option(V2Options.MAX_CLOCK_SKEW, Duration.ofSeconds(30)).build());
        assertEquals(AuthError.REQUEST_TIME_TOO_SKEWED,
                strict.verify(r, SECRETS, NOW.plusSeconds(31)).error().orElseThrow());
    }

    @Test
    void amzDateIsTheRequestTimeWhenPresent() {
        SignableRequest r = SignableRequest.builder().method("GET").uri("https://b.s3.amazonaws.com/k")
                .header("Date", "Tue, 27 Mar 2007 19:36:42 GMT")
                .header("x-amz-date", "Wed, 28 Mar 2007 19:36:42 GMT").build();
        SignedRequest s = S3V2SignerTest.signer().sign(r);
        assertEquals(Instant.parse("2007-03-28T19:36:42Z"), s.signingTime());
        assertTrue(verify(s.request(), Instant.parse("2007-03-28T19:36:42Z")).isValid());
        assertEquals(AuthError.REQUEST_TIME_TOO_SKEWED, verify(s.request(), NOW).error().orElseThrow());
    }

    @Test
    void missingOrUnreadableDateIsAccessDenied() {
        SignableRequest noDate = signed().request().toBuilder().removeHeader("Date").build();
        assertEquals(AuthError.ACCESS_DENIED, verify(noDate, NOW).error().orElseThrow());
        SignableRequest badDate = signed().request().toBuilder().setHeader("Date", "yesterday").build();
        assertEquals(AuthError.ACCESS_DENIED, verify(badDate, NOW).error().orElseThrow());
    }

    @Test
    void malformedOrForeignAuthorizationIsInvalidArgument() {
        for (String auth : new String[] {"AWS " + ID, "AWS :sig", "AWS " + ID + ":", "AWS a:b:c", "Basic dXNlcg==",
            "AWS4-HMAC-SHA256 Credential=" + ID + "/20130524/us-east-1/s3/aws4_request"}) {
            SignableRequest r = signed().request().toBuilder().setHeader("Authorization", auth).build();
            assertEquals(AuthError.INVALID_ARGUMENT, verify(r, NOW).error().orElseThrow(), auth);
        }
    }

    @Test
    void noAuthenticationIsMissingSecurityHeader() {
        assertEquals(AuthError.MISSING_SECURITY_HEADER, verify(original(), NOW).error().orElseThrow());
    }

    @Test
    void headerAndQueryAuthTogetherIsInvalidArgument() {
        SignableRequest r = signed().request().toBuilder().appendQueryParameter("Signature", "x").build();
        assertEquals(AuthError.INVALID_ARGUMENT, verify(r, NOW).error().orElseThrow());
    }

    // ---- query-string authentication ----

    private static PresignedUrl presigned(Credentials c) {
        return S3V2SignerTest.signer(c).presign(SignableRequest.builder().method("GET")
                .uri("https://johnsmith.s3.amazonaws.com/photos/puppy%2Bdog.jpg?response-content-type=text%2Fplain")
                .header("x-amz-meta-owner", "jane").build(), Duration.ofHours(1));
    }

    private static SignableRequest received(PresignedUrl url) {
        SignableRequest.Builder b = SignableRequest.builder().method(url.method()).uri(url.url());
        for (Headers.Header h : url.signedHeaders().entries()) {
            b.header(h.name(), h.value());
        }
        return b.build();
    }

    @Test
    void presignedUrlRoundTripUntilItExpires() {
        PresignedUrl url = presigned(Credentials.of(ID, SECRET));
        SignableRequest r = received(url);
        assertTrue(verify(r, NOW).isValid());
        assertTrue(verify(r, NOW.plus(Duration.ofHours(1))).isValid());
        VerificationResult late = verify(r, NOW.plus(Duration.ofHours(1)).plusSeconds(1));
        assertEquals(AuthError.ACCESS_DENIED, late.error().orElseThrow());
        assertTrue(late.message().contains("expired"), late.message());
        // presigned URLs are not subject to the 15-minute skew: a URL used early is fine
        assertTrue(verify(r, NOW.minus(Duration.ofDays(1))).isValid());
    }

    @Test
    void presignedUrlWithSessionTokenRoundTripAndTokenTampering() {
        PresignedUrl url = presigned(Credentials.of(ID, SECRET, S3V2SignerTest.SESSION));
        SignableRequest r = received(url);
        assertTrue(verify(r, NOW).isValid());
        String tampered = url.url().replace("x-amz-security-token=FQo", "x-amz-security-token=FQp");
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH,
                verify(r.toBuilder().uri(tampered).build(), NOW).error().orElseThrow());
    }

    @Test
    void presignedUrlTampering() {
        PresignedUrl url = presigned(Credentials.of(ID, SECRET));
        SignableRequest r = received(url);
        String expires = Long.toString(NOW.getEpochSecond() + 3600);
        String[][] edits = {
            {"Expires=" + expires, "Expires=" + (NOW.getEpochSecond() + 7200)},
            {"/photos/puppy%2Bdog.jpg", "/photos/puppy%2Bcat.jpg"},
            {"response-content-type=text%2Fplain", "response-content-type=text%2Fhtml"},
            {"johnsmith.s3", "janesmith.s3"},
        };
        for (String[] e : edits) {
            SignableRequest t = r.toBuilder().uri(url.url().replace(e[0], e[1])).build();
            assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, verify(t, NOW).error().orElseThrow(), e[1]);
        }
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH,
                verify(r.toBuilder().method("DELETE").build(), NOW).error().orElseThrow());
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH,
                verify(r.toBuilder().setHeader("x-amz-meta-owner", "john").build(), NOW).error().orElseThrow());
    }

    @Test
    void presignedUrlWithMissingOrBadParametersIsDenied() {
        PresignedUrl url = presigned(Credentials.of(ID, SECRET));
        String q = url.url().substring(url.url().indexOf('?') + 1);
        String base = url.url().substring(0, url.url().indexOf('?'));
        for (String drop : new String[] {"AWSAccessKeyId", "Expires", "Signature"}) {
            StringBuilder kept = new StringBuilder();
            for (String p : q.split("&")) {
                if (!p.startsWith(drop + "=")) {
                    kept.append(kept.length() == 0 ? "" : "&").append(p);
                }
            }
            SignableRequest r = SignableRequest.builder().method("GET").uri(base + "?" + kept).build();
            assertEquals(AuthError.ACCESS_DENIED, verify(r, NOW).error().orElseThrow(), drop);
        }
        SignableRequest badExpires = SignableRequest.builder().method("GET")
                .uri(url.url().replaceAll("Expires=\\d+", "Expires=tomorrow")).build();
        assertEquals(AuthError.ACCESS_DENIED, verify(badExpires, NOW).error().orElseThrow());
        SignableRequest unknownKey = SignableRequest.builder().method("GET")
                .uri(url.url().replace("AWSAccessKeyId=" + ID, "AWSAccessKeyId=AKIDUNKNOWN")).build();
        assertEquals(AuthError.INVALID_ACCESS_KEY_ID, verify(unknownKey, NOW).error().orElseThrow());
    }

    @Test
    void signatureWithAnUnencodedPlusIsStillRecognised() {
        // a client that leaves '+' unencoded sends a space after form decoding; Base64 has none
        PresignedUrl url = null;
        for (int i = 0; i < 100 && (url == null || !url.signature().contains("+")); i++) {
            url = S3V2SignerTest.signer().presign(SignableRequest.builder().method("GET")
                    .uri("https://b.s3.amazonaws.com/k" + i).build(), Duration.ofHours(1));
        }
        String sig = url.signature();
        assertTrue(sig.contains("+"));
        String raw = url.url().replace(dev.awssig.internal.UriEncoding.encode(sig, false),
                sig.replace("/", "%2F").replace("=", "%3D"));
        assertTrue(raw.contains("+"));
        assertTrue(verify(SignableRequest.builder().method("GET").uri(raw).build(), NOW).isValid());
    }

    @Test
    void aSpaceForThePlusOfAHeaderSignatureIsAnotherSignature() {
        // only a query value can lose its '+' to form decoding; in a header a space is a space
        SignedRequest s = null;
        for (int i = 0; i < 100 && (s == null || !s.signature().contains("+")); i++) {
            s = S3V2SignerTest.signer().sign(SignableRequest.builder().method("GET")
                    .uri("https://b.s3.amazonaws.com/k" + i).build());
        }
        assertTrue(s.signature().contains("+"));
        assertTrue(verify(s.request(), NOW).isValid());
        String auth = s.request().headers().firstValue("Authorization").orElseThrow();
        SignableRequest spaced = s.request().toBuilder().setHeader("Authorization", auth.replace('+', ' ')).build();
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, verify(spaced, NOW).error().orElseThrow());
        SignableRequest shorter = s.request().toBuilder().setHeader("Authorization", auth.substring(0,
                auth.length() - 1)).build();
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, verify(shorter, NOW).error().orElseThrow());
    }

    @Test
    void resultsNeverShowTheSecret() {
        VerificationResult v = verify(S3V2SignerTest.signer(Credentials.of(ID, "wrong")).sign(original()).request(), NOW);
        assertFalse(v.toString().contains(SECRET));
        assertFalse(v.message().contains(SECRET));
    }
}
