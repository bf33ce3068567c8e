package dev.awssig.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.AuthError;
import dev.awssig.Payload;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.VerificationResult;
import dev.awssig.internal.UriEncoding;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The edges of the SigV2 verifiers' decisions before and around the signature check, on requests
 * signed by hand: the string to sign written out following the S3 and query-API documentation,
 * its signature from the JDK's {@code Mac} ({@link JdkHmac}), so that only the one edge under
 * test decides the answer.
 */
class V2VerifierEdgesTest {
    private static final String ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final SecretLookup SECRETS = SecretLookup.of(Map.of(ID, SECRET));
    private static final Instant NOW = Instant.parse("2007-03-27T19:36:42Z");
    private static final long EXPIRES = NOW.getEpochSecond() + 60;
    private static final S3V2Verifier S3 = S3V2Verifier.create();
    private static final QueryV2Verifier QUERY_API = QueryV2Verifier.create();

    private static String encoded(String s) {
        return UriEncoding.encode(s, false);
    }

    /** A path-style presigned GET of /b/k on s3.amazonaws.com: {@code GET\n\n\n<expires>\n<amz lines>/b/k}. */
    private static String presignedSignature(String expires, String amzLines) {
        return JdkHmac.base64("HmacSHA1", SECRET, "GET\n\n\n" + expires + "\n" + amzLines + "/b/k");
    }

    private static VerificationResult s3(SignableRequest.Builder request) {
        return S3.verify(request.build(), SECRETS, NOW);
    }

    private static void assertRefused(AuthError error, String messagePart, VerificationResult result) {
        assertEquals(error, result.error().orElse(null), result::toString);
        assertTrue(result.message().contains(messagePart), result::message);
    }

    // ---- S3 query-string authentication ----

    @Test
    void presignedParametersAreFoundInAnyPositionIncludingTheFirst() {
        String sig = encoded(presignedSignature(Long.toString(EXPIRES), ""));
        for (String query : new String[] {
            "Signature=" + sig + "&Expires=" + EXPIRES + "&AWSAccessKeyId=" + ID,
            "AWSAccessKeyId=" + ID + "&Expires=" + EXPIRES + "&Signature=" + sig,
            "Expires=" + EXPIRES + "&Signature=" + sig + "&AWSAccessKeyId=" + ID}) {
            VerificationResult v = s3(SignableRequest.builder().method("GET").uri("https://s3.amazonaws.com/b/k?" + query));
            assertTrue(v.isValid(), () -> query + ": " + v);
        }
    }

    @Test
    void aHeaderSignatureWithAQuerySignatureInFirstPlaceIsTwoAuthMechanisms() {
        String date = "Tue, 27 Mar 2007 19:36:42 +0000";
        String sig = JdkHmac.base64("HmacSHA1", SECRET, "GET\n\n\n" + date + "\n/b/k");
        for (String query : new String[] {"Signature=x", "AWSAccessKeyId=" + ID}) {
            assertRefused(AuthError.INVALID_ARGUMENT, "Only one auth mechanism allowed", s3(SignableRequest.builder()
                    .method("GET").uri("https://s3.amazonaws.com/b/k?" + query).header("Date", date)
                    .header("Authorization", "AWS " + ID + ":" + sig)));
        }
    }

    @ParameterizedTest(name = "Authorization: {0}")
    @ValueSource(strings = {"AWS :c2ln", "AWS " + ID + ":", "AWS " + ID + ":a:b", "AWS " + ID})
    void anAuthorizationHeaderWithoutBothPartsIsInvalid(String authorization) {
        assertRefused(AuthError.INVALID_ARGUMENT, "Expected AwsAccessKeyId:signature", s3(SignableRequest.builder()
                .method("GET").uri("https://s3.amazonaws.com/b/k").header("Date", "Tue, 27 Mar 2007 19:36:42 +0000")
                .header("Authorization", authorization)));
    }

    @ParameterizedTest(name = "?{0}")
    @ValueSource(strings = {"Signature=c2ln&Expires=1175024262", "AWSAccessKeyId=" + ID + "&Expires=1175024262",
        "AWSAccessKeyId=" + ID + "&Signature=c2ln", "AWSAccessKeyId=&Signature=c2ln&Expires=1175024262",
        "AWSAccessKeyId=" + ID + "&Signature=&Expires=1175024262", "AWSAccessKeyId&Signature=c2ln&Expires=1175024262"})
    void aPresignedUrlWithoutOneOfItsThreeParametersIsDenied(String query) {
        assertRefused(AuthError.ACCESS_DENIED, "requires the Signature, Expires and AWSAccessKeyId",
                s3(SignableRequest.builder().method("GET").uri("https://s3.amazonaws.com/b/k?" + query)));
    }

    @ParameterizedTest(name = "Expires={0}")
    @ValueSource(strings = {"", "abc", "12a", "1/", "1:", "-1", "+1", "1000000000000000000", "99999999999999999999"})
    void anExpiresThatIsNotEighteenDigitsAtMostIsAnInvalidDate(String expires) {
        String sig = encoded(presignedSignature(expires, ""));
        assertRefused(AuthError.ACCESS_DENIED, "Invalid date (should be seconds since epoch)",
                s3(SignableRequest.builder().method("GET").uri("https://s3.amazonaws.com/b/k?AWSAccessKeyId=" + ID
                        + "&Expires=" + encoded(expires) + "&Signature=" + sig)));
    }

    @Test
    void anExpiresOfEighteenDigitsIsReadAndZeroIsLongPast() {
        String far = "100000000000000000";
        VerificationResult v = s3(SignableRequest.builder().method("GET").uri("https://s3.amazonaws.com/b/k?AWSAccessKeyId="
                + ID + "&Expires=" + far + "&Signature=" + encoded(presignedSignature(far, ""))));
        assertTrue(v.isValid(), v::toString);
        assertRefused(AuthError.ACCESS_DENIED, "Request has expired", s3(SignableRequest.builder().method("GET")
                .uri("https://s3.amazonaws.com/b/k?AWSAccessKeyId=" + ID + "&Expires=0&Signature="
                        + encoded(presignedSignature("0", "")))));
    }

    @Test
    void anAmzParameterAlsoSentAsAHeaderIsNamedInAnyCase() {
        String sig = encoded(presignedSignature(Long.toString(EXPIRES), "x-amz-acl:private\nx-amz-meta-a:1\n"));
        String uri = "https://s3.amazonaws.com/b/k?AWSAccessKeyId=" + ID + "&Expires=" + EXPIRES
                + "&x-amz-acl=private&X-Amz-Meta-A=1&Signature=" + sig;
        assertTrue(s3(SignableRequest.builder().method("GET").uri(uri)).isValid());
        assertRefused(AuthError.INVALID_ARGUMENT, "'x-amz-acl' is sent both as a header and as a query parameter",
                s3(SignableRequest.builder().method("GET").uri(uri).header("X-AMZ-ACL", "public-read")));
        assertRefused(AuthError.INVALID_ARGUMENT, "'x-amz-meta-a' is sent both as a header and as a query parameter",
                s3(SignableRequest.builder().method("GET").uri(uri).header("x-amz-meta-a", "2")));
    }

    @Test
    void headersNamedLikeOtherQueryParametersAreNotAmzParametersSentTwice() {
        String sig = encoded(presignedSignature(Long.toString(EXPIRES), ""));
        VerificationResult v = s3(SignableRequest.builder().method("GET").uri("https://s3.amazonaws.com/b/k?AWSAccessKeyId="
                + ID + "&Expires=" + EXPIRES + "&Signature=" + sig).header("Expires", "Thu, 01 Dec 1994 16:00:00 GMT")
                .header("Signature", "x"));
        assertTrue(v.isValid(), v::toString);
    }

    // ---- the query API (SignatureVersion=2) ----

    private static final String TIMESTAMP = "2007-03-27T19:36:42Z";

    /** A GET of https://sdb.amazonaws.com/ with these canonical (sorted, encoded) parameters, signed with HmacSHA256. */
    private static SignableRequest.Builder queryApiGet(String canonicalQuery) {
        String sig = JdkHmac.base64("HmacSHA256", SECRET, "GET\nsdb.amazonaws.com\n/\n" + canonicalQuery);
        return SignableRequest.builder().method("GET").uri("https://sdb.amazonaws.com/?" + canonicalQuery
                + "&Signature=" + encoded(sig));
    }

    /** The canonical query of a ListDomains request with a Timestamp (which sorts last). */
    private static String params(String timestampParameter) {
        return "AWSAccessKeyId=" + ID + "&Action=ListDomains&SignatureMethod=HmacSHA256&SignatureVersion=2&"
                + timestampParameter;
    }

    private static VerificationResult queryApi(SignableRequest.Builder request) {
        return QUERY_API.verify(request.build(), SECRETS, NOW);
    }

    @Test
    void aSignedQueryApiGetVerifiesEvenWithABodyOrAnEmptyPostBody() {
        String canonical = params("Timestamp=" + encoded(TIMESTAMP));
        assertTrue(queryApi(queryApiGet(canonical)).isValid());
        // a GET's body is not where its parameters are
        assertTrue(queryApi(queryApiGet(canonical).payload(Payload.ofBytes("Action=Other".getBytes(StandardCharsets.UTF_8))))
                .isValid());
        // a POST without a body carries its parameters in the URL
        String sig = JdkHmac.base64("HmacSHA256", SECRET, "POST\nsdb.amazonaws.com\n/\n" + canonical);
        VerificationResult post = queryApi(SignableRequest.builder().method("POST").uri("https://sdb.amazonaws.com/?"
                + canonical + "&Signature=" + encoded(sig)).payload(Payload.ofBytes(new byte[0])));
        assertTrue(post.isValid(), post::toString);
    }

    @Test
    void anExpiresInsteadOfATimestampIsAccepted() {
        // Expires sorts between Action and SignatureMethod
        VerificationResult v = queryApi(queryApiGet("AWSAccessKeyId=" + ID + "&Action=ListDomains&Expires="
                + encoded("2007-03-27T19:40:00Z") + "&SignatureMethod=HmacSHA256&SignatureVersion=2"));
        assertTrue(v.isValid(), v::toString);
    }

    @ParameterizedTest(name = "?{0}")
    @ValueSource(strings = {"Signature=x&Action=A", "AWSAccessKeyId=" + ID + "&Action=A"})
    void oneOfSignatureAndAccessKeyIdInFirstPlaceIsNotAMissingToken(String query) {
        VerificationResult v = queryApi(SignableRequest.builder().method("GET").uri("https://sdb.amazonaws.com/?" + query));
        assertRefused(AuthError.INVALID_ARGUMENT, "The request must contain the parameter ", v);
    }

    @ParameterizedTest(name = "without {0}")
    @ValueSource(strings = {"AWSAccessKeyId", "Signature", "SignatureVersion", "SignatureMethod"})
    void eachRequiredParameterMissingOrEmptyIsNamed(String name) {
        String all = "AWSAccessKeyId=" + ID + "&Signature=c2ln&SignatureVersion=2&SignatureMethod=HmacSHA256"
                + "&Timestamp=" + encoded(TIMESTAMP);
        String without = all.replaceAll("(^|&)" + name + "=[^&]*", "");
        String empty = all.replaceAll("(^|&)" + name + "=[^&]*", "$1" + name + "=");
        for (String query : new String[] {without, empty}) {
            assertRefused(AuthError.INVALID_ARGUMENT, "The request must contain the parameter " + name,
                    queryApi(SignableRequest.builder().method("GET").uri("https://sdb.amazonaws.com/?" + query)));
        }
    }

    @ParameterizedTest(name = "?...&{0}")
    @ValueSource(strings = {"Timestamp=2007-03-27T19%3A36%3A42Z&Expires=2007-03-27T19%3A40%3A00Z", "Action=A"})
    void bothOrNeitherOfTimestampAndExpiresIsRefused(String times) {
        assertRefused(AuthError.INVALID_ARGUMENT, "either a valid (registered) Timestamp or Expires parameter",
                queryApi(SignableRequest.builder().method("GET").uri("https://sdb.amazonaws.com/?AWSAccessKeyId=" + ID
                        + "&Signature=c2ln&SignatureVersion=2&SignatureMethod=HmacSHA256&" + times)));
    }

    @Test
    void aTimeThatIsNotIso8601IsNamedAsTheParameterItCameIn() {
        String base = "https://sdb.amazonaws.com/?AWSAccessKeyId=" + ID
                + "&Signature=c2ln&SignatureVersion=2&SignatureMethod=HmacSHA256&";
        assertRefused(AuthError.INVALID_ARGUMENT, "Timestamp is not an ISO 8601 date-time: 'soon'",
                queryApi(SignableRequest.builder().method("GET").uri(base + "Timestamp=soon")));
        assertRefused(AuthError.INVALID_ARGUMENT, "Expires is not an ISO 8601 date-time: 'later'",
                queryApi(SignableRequest.builder().method("GET").uri(base + "Expires=later")));
    }

    @Test
    void aPostWhoseBodyIsAStreamIsReadFromItsUrl() {
        String canonical = params("Timestamp=" + encoded(TIMESTAMP));
        String sig = JdkHmac.base64("HmacSHA256", SECRET, "POST\nsdb.amazonaws.com\n/\n" + canonical);
        byte[] body = "Action=Other".getBytes(StandardCharsets.UTF_8);
        VerificationResult v = queryApi(SignableRequest.builder().method("POST").uri("https://sdb.amazonaws.com/?"
                + canonical + "&Signature=" + encoded(sig))
                .payload(Payload.ofStream(() -> new java.io.ByteArrayInputStream(body), body.length)));
        assertTrue(v.isValid(), v::toString);
    }

    @Test
    void eachVerifierShowsItsSkewAndLimits() {
        dev.awssig.SigningConfig config = dev.awssig.SigningConfig.builder()
                .option(V2Options.MAX_CLOCK_SKEW, java.time.Duration.ofMinutes(5)).build();
        String limits = dev.awssig.VerificationLimits.defaults().toString();
        assertEquals("S3V2Verifier[maxSkew=PT5M, " + limits + "]", S3V2Verifier.create(config).toString());
        assertEquals("QueryV2Verifier[maxSkew=PT5M, " + limits + "]", QueryV2Verifier.create(config).toString());
    }
}
