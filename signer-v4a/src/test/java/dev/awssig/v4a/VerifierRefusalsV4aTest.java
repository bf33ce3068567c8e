package dev.awssig.v4a;

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
import dev.awssig.SigningConfig;
import dev.awssig.VerificationException;
import dev.awssig.VerificationLimits;
import dev.awssig.VerificationResult;
import dev.awssig.v4.PayloadSigning;
import dev.awssig.v4.SessionTokenPlacement;
import dev.awssig.v4.SigV4Options;
import dev.awssig.v4a.internal.SigV4aVerifyEngine;
import dev.awssig.v4a.support.HandSigner;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each refusal of the SigV4a verifier on its own, with S3's code and the words of its message,
 * and the edges just inside each check (which then get as far as the signature: a request
 * changed after signing answers SignatureDoesNotMatch there, one signed as it is verifies).
 * Requests come from the library's signer, changed by hand, or from {@link HandSigner} (the
 * JDK's HMAC and ECDSA, the canonical request written out line by line) for requests the
 * signer does not make.
 */
class VerifierRefusalsV4aTest {
    private static final Instant NOW = Instant.parse("2024-05-06T07:08:09Z");
    private static final String AMZ_DATE = "20240506T070809Z";
    private static final Credentials CREDS = Credentials.of("AKIAREFUSALS", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static final SecretLookup SECRETS = SecretLookup.of(CREDS);
    private static final HandSigner HAND = new HandSigner(CREDS.accessKeyId(), CREDS.secretAccessKey());
    private static final String HOST = "example.amazonaws.com";
    private static final String EMPTY_SHA = HandSigner.sha256("");
    private static final SigV4aVerifier VERIFIER = SigV4aVerifier.create(SigningConfig.builder().build());

    private static SigningConfig.Builder signing(String service) {
        return SigningConfig.builder().credentials(CREDS).service(service).region("us-west-2")
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static SignableRequest get(String service) {
        return SignableRequest.builder().method("GET").uri("https://" + HOST + "/k").build();
    }

    private static SignableRequest headerSigned(String service) {
        return SigV4aSigner.create(signing(service).build()).sign(get(service)).request();
    }

    private static SignableRequest presigned(String service) {
        PresignedUrl url = SigV4aSigner.create(signing(service).build()).presign(get(service), Duration.ofMinutes(10));
        return SignableRequest.builder().method(url.method()).uri(url.url()).headers(url.signedHeaders()).build();
    }

    private static VerificationResult verify(SignableRequest r) {
        return VERIFIER.verify(r, SECRETS, NOW);
    }

    private static void assertRefused(AuthError error, String words, VerificationResult r) {
        assertFalse(r.isValid(), () -> "accepted; expected " + error);
        assertEquals(error, r.error().orElseThrow(), r::toString);
        assertTrue(r.message().contains(words), r.message());
    }

    private static String auth(SignableRequest r) {
        return r.headers().firstValue("Authorization").orElseThrow();
    }

    private static SignableRequest withAuth(SignableRequest r, String authorization) {
        return r.toBuilder().setHeader("Authorization", authorization).build();
    }

    private static SignableRequest withQuery(SignableRequest r, String from, String to) {
        String q = r.rawQuery().orElseThrow();
        assertTrue(q.matches(".*" + from + ".*"), q);
        return r.toBuilder().rawQuery(q.replaceAll(from, to)).build();
    }

    /** A GET signed by hand: the request's headers are exactly the canonical ones given (name:value, sorted). */
    private static SignableRequest handSigned(String service, String payloadHash, String... canonicalHeaders) {
        List<String> names = new ArrayList<>();
        SignableRequest.Builder b = SignableRequest.builder().method("GET").uri("https://" + HOST + "/k");
        for (String h : canonicalHeaders) {
            int colon = h.indexOf(':');
            names.add(h.substring(0, colon));
            b.header(h.substring(0, colon), h.substring(colon + 1));
        }
        return b.header("Authorization", HAND.authorization("GET", "/k", "", canonicalHeaders, String.join(";", names),
                payloadHash, AMZ_DATE, service)).build();
    }

    // ------------------------------------------------------------------ arguments and description

    @Test
    void nullArgumentsAreProgrammingErrorsNamingTheArgument() {
        SignableRequest r = headerSigned("s3");
        InputStream body = new ByteArrayInputStream(new byte[0]);
        assertEquals("request", assertThrows(NullPointerException.class, () -> VERIFIER.verify(null, SECRETS, NOW))
                .getMessage());
        assertEquals("secrets", assertThrows(NullPointerException.class, () -> VERIFIER.verify(r, null, NOW))
                .getMessage());
        assertEquals("now", assertThrows(NullPointerException.class, () -> VERIFIER.verify(r, SECRETS, null))
                .getMessage());
        assertEquals("request", assertThrows(NullPointerException.class,
                () -> VERIFIER.verifyStreaming(null, SECRETS, NOW, body)).getMessage());
        assertEquals("secrets", assertThrows(NullPointerException.class,
                () -> VERIFIER.verifyStreaming(r, null, NOW, body)).getMessage());
        assertEquals("now", assertThrows(NullPointerException.class,
                () -> VERIFIER.verifyStreaming(r, SECRETS, null, body)).getMessage());
        assertEquals("encodedBody", assertThrows(NullPointerException.class,
                () -> VERIFIER.verifyStreaming(r, SECRETS, NOW, null)).getMessage());
        assertEquals("config", assertThrows(NullPointerException.class, () -> SigV4aVerifier.create(null))
                .getMessage());
    }

    /** The engine, used by the verifier only after its own checks, refuses nulls by itself too. */
    @Test
    void theEngineRefusesEachNullArgument() {
        SigV4aVerifyEngine engine = new SigV4aVerifyEngine(SigningConfig.builder().build());
        SignableRequest r = headerSigned("s3");
        InputStream body = new ByteArrayInputStream(new byte[0]);
        assertThrows(IllegalArgumentException.class, () -> engine.verify(null, SECRETS, NOW));
        assertThrows(IllegalArgumentException.class, () -> engine.verify(r, null, NOW));
        assertThrows(IllegalArgumentException.class, () -> engine.verify(r, SECRETS, null));
        assertThrows(IllegalArgumentException.class, () -> engine.verifyStreaming(null, SECRETS, NOW, body));
        assertThrows(IllegalArgumentException.class, () -> engine.verifyStreaming(r, null, NOW, body));
        assertThrows(IllegalArgumentException.class, () -> engine.verifyStreaming(r, SECRETS, null, body));
        assertTrue(engine.verify(r, SECRETS, NOW).isValid());
    }

    @Test
    void theVerifierNamesItsAlgorithmAndDescribesItselfWithoutSecrets() {
        SigV4aVerifier v = SigV4aVerifier.create(SigningConfig.builder().region("eu-west-1").service("s3")
                .credentials(CREDS).build());
        assertEquals("AWS4-ECDSA-P256-SHA256", v.algorithm());
        String text = v.toString();
        assertTrue(text.startsWith("SigV4aVerifier["), text);
        assertTrue(text.contains("eu-west-1") && text.contains("s3"), text);
        assertFalse(text.contains(CREDS.secretAccessKey()), text);
    }

    // ------------------------------------------------------------------ which authentication

    @Test
    void anAuthorizationHeaderAndQueryAuthenticationTogetherAreRefused() {
        SignableRequest both = presigned("s3").toBuilder().header("Authorization", auth(headerSigned("s3"))).build();
        assertRefused(AuthError.INVALID_ARGUMENT, "Only one auth mechanism allowed", verify(both));
    }

    // ------------------------------------------------------------------ the Authorization header

    @Test
    void theAlgorithmIsNamedWhenItIsNotSigV4a() {
        SignableRequest r = headerSigned("s3");
        assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "unsupported algorithm 'AWS4-HMAC-SHA256', expecting"
                + " 'AWS4-ECDSA-P256-SHA256'", verify(withAuth(r, auth(r).replace("AWS4-ECDSA-P256-SHA256",
                "AWS4-HMAC-SHA256"))));
        assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "unsupported algorithm '', expecting",
                verify(withAuth(r, "Bearer")));
        String longName = "A".repeat(50);
        VerificationResult cut = verify(withAuth(r, longName + " x"));
        assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "unsupported algorithm '" + "A".repeat(40) + "...'",
                cut);
        VerificationResult exact = verify(withAuth(r, "B".repeat(40) + " x"));
        assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "unsupported algorithm '" + "B".repeat(40) + "'",
                exact);
    }

    @Test
    void eachComponentIsRequiredOnceAndNoOtherIsAllowed() {
        SignableRequest r = headerSigned("s3");
        String a = auth(r);
        for (String component : new String[] {"Credential=", "SignedHeaders=", "Signature="}) {
            String without = a.replaceAll(component + "[^,]*(, )?", "").replaceAll(", $", "");
            assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "it must have Credential, SignedHeaders and"
                    + " Signature", verify(withAuth(r, without)));
        }
        assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "unexpected component 'Foo=bar'",
                verify(withAuth(r, a + ", Foo=bar")));
        assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "unexpected component '" + "x".repeat(30) + "...'",
                verify(withAuth(r, a + ", " + "x".repeat(31))));
        // empty components (a doubled or trailing comma) are nothing
        assertTrue(verify(withAuth(r, a.replace(", ", ",, ") + ",")).isValid());
    }

    @Test
    void theCredentialIsIdDateServiceAndAws4Request() {
        SignableRequest r = headerSigned("s3");
        String a = auth(r);
        String cred = "AKIAREFUSALS/20240506/s3/aws4_request";
        assertTrue(a.contains(cred), a);
        String[][] cases = {
            {"AKIAREFUSALS/20240506/s3", "the Credential must be <access key id>/<date>/<service>/aws4_request"},
            {"/20240506/s3/aws4_request", "the Credential must be"},
            {"AKIAREFUSALS/20240506/s3/aws4_requesx", "the Credential must be"},
            {"AKIAREFUSALS/20240506/us-west-2/s3/aws4_request", "the Credential must be"},
            {"AKIAREFUSALS/2024050/s3/aws4_request", "incorrect date format '2024050'"},
            {"AKIAREFUSALS/2024050a/s3/aws4_request", "incorrect date format '2024050a'"},
            {"AKIAREFUSALS/2024-5-6/s3/aws4_request", "incorrect date format"},
            {"AKIAREFUSALS/20240506//aws4_request", "the service of the Credential must not be empty"},
            {"AKIAREFUSALS/20240505/s3/aws4_request", "Invalid credential date. Date is not the same as X-Amz-Date."},
        };
        for (String[] c : cases) {
            assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, c[1], verify(withAuth(r, a.replace(cred, c[0]))));
        }
        SigV4aVerifier s3Only = SigV4aVerifier.create(SigningConfig.builder().service("s3").build());
        SignableRequest api = headerSigned("execute-api");
        assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "incorrect service 'execute-api'. This endpoint"
                + " belongs to 's3'.", s3Only.verify(api, SECRETS, NOW));
        assertTrue(s3Only.verify(r, SECRETS, NOW).isValid());
    }

    @Test
    void signedHeadersAreLowerCaseSortedAndEachOnce() {
        SignableRequest r = headerSigned("s3");
        String a = auth(r);
        String list = "host;x-amz-content-sha256;x-amz-date;x-amz-region-set";
        assertTrue(a.contains("SignedHeaders=" + list + ","), a);
        String[][] cases = {
            {"", "SignedHeaders must not be empty"},
            {"host;;x-amz-content-sha256;x-amz-date;x-amz-region-set", "lower-case header names separated by ';'"},
            {"Host;x-amz-content-sha256;x-amz-date;x-amz-region-set", "lower-case header names separated by ';'"},
            {"host;host;x-amz-content-sha256;x-amz-date;x-amz-region-set", "SignedHeaders lists 'host' more than once"},
            {"x-amz-content-sha256;host;x-amz-date;x-amz-region-set", "in sorted order"},
        };
        for (String[] c : cases) {
            assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, c[1], verify(withAuth(r,
                    a.replace("SignedHeaders=" + list, "SignedHeaders=" + c[0]))));
        }
    }

    @Test
    void hostAndEveryXAmzHeaderMustBeSignedEachNamedOnce() {
        SignableRequest r = headerSigned("s3");
        String a = auth(r);
        assertRefused(AuthError.ACCESS_DENIED, "(host and every x-amz-* header must be signed): host",
                verify(withAuth(r, a.replace("SignedHeaders=host;", "SignedHeaders="))));
        SignableRequest two = r.toBuilder().header("x-amz-meta-b", "1").header("X-Amz-Meta-A", "2")
                .header("x-amz-meta-b", "3").build();
        VerificationResult v = verify(two);
        assertRefused(AuthError.ACCESS_DENIED, "must be signed): x-amz-meta-b, x-amz-meta-a", v);
        assertFalse(v.message().contains("x-amz-meta-a, x-amz-meta-b") || v.message().endsWith("x-amz-meta-b"),
                v.message());
        // a header that is not x-amz-* may stay unsigned
        assertTrue(verify(r.toBuilder().header("User-Agent", "test").build()).isValid());
    }

    @Test
    void anUnsignedSessionTokenIsAllowedOnlyWhenTokensAreAddedAfterSigning() {
        SignableRequest r = headerSigned("s3").toBuilder().header("X-Amz-Security-Token", "token").build();
        assertRefused(AuthError.ACCESS_DENIED, "x-amz-security-token", verify(r));
        SigV4aVerifier after = SigV4aVerifier.create(SigningConfig.builder()
                .option(SigV4Options.SESSION_TOKEN_PLACEMENT, SessionTokenPlacement.AFTER_SIGNING).build());
        assertTrue(after.verify(r, SECRETS, NOW).isValid());
        // only the token: any other unsigned x-amz-* header is still refused
        assertRefused(AuthError.ACCESS_DENIED, "x-amz-meta-unsigned", after.verify(r.toBuilder()
                .header("x-amz-meta-unsigned", "1").build(), SECRETS, NOW));
    }

    @Test
    void theRequestTimeMayBeFifteenMinutesAwayAndNoMore() {
        SignableRequest r = headerSigned("s3");
        assertTrue(VERIFIER.verify(r, SECRETS, NOW.plus(Duration.ofMinutes(15))).isValid());
        assertTrue(VERIFIER.verify(r, SECRETS, NOW.minus(Duration.ofMinutes(15))).isValid());
        assertRefused(AuthError.REQUEST_TIME_TOO_SKEWED, "The difference between the request time (20240506T070809Z)"
                + " and the current time (20240506T072310Z) is too large.",
                VERIFIER.verify(r, SECRETS, NOW.plus(Duration.ofMinutes(15)).plusSeconds(1)));
    }

    @Test
    void aDateHeaderStandsInForXAmzDate() {
        SignableRequest r = handSigned("s3", EMPTY_SHA, "date:Mon, 06 May 2024 07:08:09 GMT", "host:" + HOST,
                "x-amz-content-sha256:" + EMPTY_SHA, "x-amz-region-set:us-west-2");
        VerificationResult v = verify(r);
        assertTrue(v.isValid(), v::toString);
        assertTrue(v.stringToSign().orElseThrow().startsWith("AWS4-ECDSA-P256-SHA256\n20240506T070809Z\n"));
        assertRefused(AuthError.ACCESS_DENIED, "requires a valid Date or x-amz-date header",
                verify(r.toBuilder().setHeader("Date", "Mon, 06 May 2024 07:08").build()));
        assertRefused(AuthError.ACCESS_DENIED, "requires a valid Date or x-amz-date header",
                verify(r.toBuilder().removeHeader("Date").build()));
        assertRefused(AuthError.ACCESS_DENIED, "requires a valid Date or x-amz-date header",
                verify(headerSigned("s3").toBuilder().setHeader("X-Amz-Date", "2024-05-06T07:08:09Z").build()));
    }

    @Test
    void theContentShaHeaderIsAModeOrAHashAndRequiredForS3() {
        SignableRequest r = headerSigned("s3");
        assertRefused(AuthError.INVALID_ARGUMENT, "x-amz-content-sha256 must be UNSIGNED-PAYLOAD",
                verify(r.toBuilder().setHeader("x-amz-content-sha256", "zz").build()));
        assertRefused(AuthError.INVALID_ARGUMENT, "x-amz-content-sha256 must be UNSIGNED-PAYLOAD",
                verify(r.toBuilder().setHeader("x-amz-content-sha256", EMPTY_SHA + "0").build()));
        SignableRequest noSha = handSigned("s3", EMPTY_SHA, "host:" + HOST, "x-amz-date:" + AMZ_DATE,
                "x-amz-region-set:us-west-2");
        assertRefused(AuthError.INVALID_REQUEST, "Missing required header for this request: x-amz-content-sha256",
                verify(noSha));
        // other services hash the body themselves
        SignableRequest api = handSigned("execute-api", EMPTY_SHA, "host:" + HOST, "x-amz-date:" + AMZ_DATE,
                "x-amz-region-set:us-west-2");
        assertTrue(verify(api).isValid(), () -> verify(api).toString());
    }

    /** A signed header the request does not carry counts as empty; a request without Host signs the URI's host. */
    @Test
    void aSignedHeaderMissingFromTheRequestIsEmptyAndHostComesFromTheUri() {
        SignableRequest r = handSigned("s3", EMPTY_SHA, "host:" + HOST, "x-amz-content-sha256:" + EMPTY_SHA,
                "x-amz-date:" + AMZ_DATE, "x-amz-meta-gone:", "x-amz-region-set:us-west-2");
        SignableRequest gone = r.toBuilder().removeHeader("x-amz-meta-gone").removeHeader("Host").build();
        VerificationResult v = verify(gone);
        assertTrue(v.isValid(), v::toString);
        assertTrue(v.canonicalRequest().orElseThrow().contains("\nhost:" + HOST + "\n"));
        assertTrue(v.canonicalRequest().orElseThrow().contains("\nx-amz-meta-gone:\n"));
    }

    /**
     * More than 16 signed headers (the verifier's first header arrays), and a header with several
     * values. Defect found here: the arrays grew without keeping the headers already in them, so a
     * request signing 17 or more headers made verify() throw a NullPointerException instead of
     * answering.
     */
    @Test
    void moreThanSixteenSignedHeadersAndRepeatedValuesAreAllSigned() {
        List<String> headers = new ArrayList<>();
        headers.add("host:" + HOST);
        headers.add("x-amz-content-sha256:" + EMPTY_SHA);
        headers.add("x-amz-date:" + AMZ_DATE);
        for (int i = 10; i < 50; i++) {
            headers.add("x-amz-meta-h" + i + ":v" + i);
        }
        headers.add("x-amz-region-set:us-west-2");
        SignableRequest r = handSigned("s3", EMPTY_SHA, headers.toArray(new String[0]));
        assertTrue(verify(r).isValid(), () -> verify(r).toString());
        // on a new thread too, whose per-thread buffers start at their first size
        VerificationResult[] onNewThread = new VerificationResult[1];
        Thread t = new Thread(() -> onNewThread[0] = verify(r));
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        assertTrue(onNewThread[0] != null && onNewThread[0].isValid(), String.valueOf(onNewThread[0]));

        String canonicalRepeat = "x-amz-meta-r:1,2,3";
        SignableRequest repeated = handSigned("s3", EMPTY_SHA, "host:" + HOST, "x-amz-content-sha256:" + EMPTY_SHA,
                "x-amz-date:" + AMZ_DATE, canonicalRepeat, "x-amz-region-set:us-west-2");
        SignableRequest three = repeated.toBuilder().removeHeader("x-amz-meta-r").header("x-amz-meta-r", "1")
                .header("x-amz-meta-r", "2").header("x-amz-meta-r", "3").build();
        assertTrue(verify(three).isValid(), () -> verify(three).toString());
    }

    // ------------------------------------------------------------------ the body hash

    @Test
    void aSignedHashIsComparedWithTheBodyOnlyWhenTheBodyIsThere() {
        byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
        SignableRequest put = SigV4aSigner.create(signing("s3").build()).sign(SignableRequest.builder().method("PUT")
                .uri("https://" + HOST + "/k").payload(Payload.ofBytes(hello)).build()).request();
        assertTrue(verify(put).isValid());
        assertRefused(AuthError.X_AMZ_CONTENT_SHA256_MISMATCH, "does not match what was computed",
                verify(put.toBuilder().payload(Payload.ofBytes("world".getBytes(StandardCharsets.UTF_8))).build()));
        // a body the server hands over as a stream is read and compared too
        assertTrue(verify(put.toBuilder().payload(Payload.ofStream(() -> new ByteArrayInputStream(hello), 5)).build())
                .isValid());
        assertRefused(AuthError.INCOMPLETE_BODY, "could not be read", verify(put.toBuilder().payload(
                Payload.ofStream(() -> {
                    throw new IOException("connection reset");
                }, 5)).build()));
        // a server that passes no body (or only its hash) has the signature checked alone
        assertTrue(verify(put.toBuilder().payload(Payload.unsigned()).build()).isValid());
        assertTrue(verify(put.toBuilder().payload(Payload.ofSha256Hex(EMPTY_SHA)).build()).isValid());
        // a wrong signature is that, whatever the body
        String a = auth(put);
        SignableRequest forged = withAuth(put, a.substring(0, a.length() - 4) + "0000").toBuilder()
                .payload(Payload.ofBytes("world".getBytes(StandardCharsets.UTF_8))).build();
        assertRefused(AuthError.SIGNATURE_DOES_NOT_MATCH, "does not match", verify(forged));
        // UNSIGNED-PAYLOAD is no hash to compare
        SignableRequest unsignedPut = SigV4aSigner.create(signing("s3").option(SigV4Options.PAYLOAD_SIGNING,
                PayloadSigning.UNSIGNED).build()).sign(SignableRequest.builder().method("PUT").uri("https://" + HOST
                + "/k").payload(Payload.ofBytes(hello)).build()).request();
        assertTrue(verify(unsignedPut.toBuilder().payload(Payload.ofBytes(new byte[3])).build()).isValid());
    }

    // ------------------------------------------------------------------ presigned

    @ParameterizedTest
    @ValueSource(strings = {"X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders",
        "X-Amz-Signature", "X-Amz-Region-Set"})
    void eachPresignedParameterIsRequired(String name) {
        SignableRequest r = withQuery(presigned("s3"), "&?" + name + "=[^&]*", "");
        assertRefused(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "Query-string authentication version 4a"
                + " requires the", verify(r));
    }

    @Test
    void theExpiryIsZeroToSevenDaysInAsciiDigits() {
        SignableRequest r = presigned("s3");
        // in range: the request gets as far as its signature (the expiry is signed)
        for (String inRange : new String[] {"0", "604800"}) {
            assertRefused(AuthError.SIGNATURE_DOES_NOT_MATCH, "signature",
                    verify(withQuery(r, "X-Amz-Expires=600", "X-Amz-Expires=" + inRange)));
        }
        String[][] cases = {
            {"604801", "must be less than a week"},
            {"-5", "X-Amz-Expires must be non-negative"},
            {"-0", "X-Amz-Expires must be non-negative"},
            {"-", "X-Amz-Expires should be a number"},
            {"abc", "X-Amz-Expires should be a number"},
            {"-abc", "X-Amz-Expires should be a number"},
            {"+5", "X-Amz-Expires should be a number"},
            {"x5", "X-Amz-Expires should be a number"},
        };
        for (String[] c : cases) {
            assertRefused(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, c[1],
                    verify(withQuery(r, "X-Amz-Expires=600", "X-Amz-Expires=" + c[0])));
        }
    }

    @Test
    void aPresignedRequestIsValidFromFifteenMinutesBeforeItsDateToItsExpiry() {
        SignableRequest r = presigned("s3");
        assertTrue(VERIFIER.verify(r, SECRETS, NOW.minus(Duration.ofMinutes(15))).isValid());
        assertRefused(AuthError.ACCESS_DENIED, "Request is not valid yet",
                VERIFIER.verify(r, SECRETS, NOW.minus(Duration.ofMinutes(15)).minusSeconds(1)));
        assertTrue(VERIFIER.verify(r, SECRETS, NOW.plusSeconds(600)).isValid());
        assertRefused(AuthError.ACCESS_DENIED, "Request has expired", VERIFIER.verify(r, SECRETS, NOW.plusSeconds(601)));
        assertRefused(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "X-Amz-Date must be in the ISO8601 Long Format",
                verify(withQuery(r, "X-Amz-Date=" + AMZ_DATE, "X-Amz-Date=2024-05-06")));
        assertRefused(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "Invalid credential date",
                verify(withQuery(r, "X-Amz-Date=" + AMZ_DATE, "X-Amz-Date=20240507T070809Z")));
        assertRefused(AuthError.ACCESS_DENIED, "x-amz-meta-unsigned",
                verify(r.toBuilder().header("x-amz-meta-unsigned", "1").build()));
    }

    @Test
    void thePresignedContentShaIsAModeOrAHashAndAgreesWithTheHeader() {
        SignableRequest r = presigned("s3");
        assertRefused(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "X-Amz-Content-Sha256 must be UNSIGNED-PAYLOAD",
                verify(r.toBuilder().rawQuery(r.rawQuery().orElseThrow() + "&X-Amz-Content-Sha256=zz").build()));
        // a mode or a hash gets as far as the signature (the parameter is signed)
        for (String ok : new String[] {"UNSIGNED-PAYLOAD", EMPTY_SHA}) {
            assertRefused(AuthError.SIGNATURE_DOES_NOT_MATCH, "signature", verify(r.toBuilder()
                    .rawQuery(r.rawQuery().orElseThrow() + "&X-Amz-Content-Sha256=" + ok).build()));
        }
        PresignedUrl url = SigV4aSigner.create(signing("s3").build()).presign(SignableRequest.builder().method("GET")
                .uri("https://" + HOST + "/k").header("x-amz-content-sha256", EMPTY_SHA).build(), Duration.ofMinutes(10));
        SignableRequest withHeader = SignableRequest.builder().method("GET").uri(url.url())
                .headers(url.signedHeaders()).build();
        assertTrue(verify(withHeader).isValid(), () -> verify(withHeader).toString());
        assertRefused(AuthError.INVALID_ARGUMENT, "The X-Amz-Content-Sha256 query parameter and the"
                + " x-amz-content-sha256 header differ", verify(withHeader.toBuilder()
                .rawQuery(withHeader.rawQuery().orElseThrow() + "&X-Amz-Content-Sha256=UNSIGNED-PAYLOAD").build()));
        assertRefused(AuthError.SIGNATURE_DOES_NOT_MATCH, "signature", verify(withHeader.toBuilder()
                .rawQuery(withHeader.rawQuery().orElseThrow() + "&X-Amz-Content-Sha256=" + EMPTY_SHA).build()));
    }

    @Test
    void anAwsChunkedModeIsNoPresignedPayload() {
        SignableRequest r = presigned("s3");
        for (String mode : new String[] {"STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD",
            "STREAMING-UNSIGNED-PAYLOAD-TRAILER"}) {
            assertRefused(AuthError.INVALID_REQUEST, "must be signed with an Authorization header and verified with"
                    + " SigV4aVerifier.verifyStreaming", verify(r.toBuilder().rawQuery(r.rawQuery().orElseThrow()
                    + "&X-Amz-Content-Sha256=" + mode).build()));
        }
    }

    /** The payload a presigned request signed: UNSIGNED-PAYLOAD for S3 or when configured, the body's hash otherwise. */
    @Test
    void thePresignedPayloadIsUnsignedForS3OrWhenConfiguredAndTheBodysHashOtherwise() {
        SignableRequest s3 = presigned("s3");
        VerificationResult v = verify(s3);
        assertTrue(v.isValid(), v::toString);
        assertTrue(v.canonicalRequest().orElseThrow().endsWith("\nUNSIGNED-PAYLOAD"));
        SignableRequest api = presigned("execute-api");
        VerificationResult a = verify(api);
        assertTrue(a.isValid(), a::toString);
        assertTrue(a.canonicalRequest().orElseThrow().endsWith("\n" + EMPTY_SHA), a.canonicalRequest().orElseThrow());
        SigV4aVerifier unsigned = SigV4aVerifier.create(SigningConfig.builder()
                .option(SigV4Options.PAYLOAD_SIGNING, PayloadSigning.UNSIGNED).build());
        VerificationResult u = unsigned.verify(api, SECRETS, NOW);
        assertRefused(AuthError.SIGNATURE_DOES_NOT_MATCH, "signature", u);
        assertTrue(u.canonicalRequest().orElseThrow().endsWith("\nUNSIGNED-PAYLOAD"));
        // configured SIGNED, even S3's presigned URL is taken to sign the body's hash
        SigV4aVerifier signed = SigV4aVerifier.create(SigningConfig.builder()
                .option(SigV4Options.PAYLOAD_SIGNING, PayloadSigning.SIGNED).build());
        VerificationResult sv = signed.verify(s3, SECRETS, NOW);
        assertRefused(AuthError.SIGNATURE_DOES_NOT_MATCH, "signature", sv);
        assertTrue(sv.canonicalRequest().orElseThrow().endsWith("\n" + EMPTY_SHA), sv.canonicalRequest().orElseThrow());
    }

    // ------------------------------------------------------------------ aws-chunked headers

    private static VerificationException streamingRefusal(SigV4aVerifier v, SignableRequest r) {
        return assertThrows(VerificationException.class, () -> v.verifyStreaming(r, SECRETS, NOW,
                new ByteArrayInputStream(new byte[0])));
    }

    @Test
    void verifyStreamingAnswersTheLimitsAndAsksForAnAuthorizationHeader() {
        SigV4aVerifier tight = SigV4aVerifier.create(SigningConfig.builder()
                .option(VerificationLimits.OPTION, VerificationLimits.builder().maxHeaderCount(2).build()).build());
        assertEquals(AuthError.REQUEST_HEADER_SECTION_TOO_LARGE, streamingRefusal(tight, headerSigned("s3")).error());
        VerificationException presigned = streamingRefusal(VERIFIER, presigned("s3"));
        assertEquals(AuthError.INVALID_REQUEST, presigned.error());
        assertTrue(presigned.getMessage().contains("must be signed with an Authorization header"));
        SignableRequest bad = withAuth(headerSigned("s3"), "AWS4-HMAC-SHA256 x");
        assertEquals(AuthError.AUTHORIZATION_HEADER_MALFORMED, streamingRefusal(VERIFIER, bad).error());
    }

    @Test
    void verifyStreamingNeedsAStreamingMode() {
        VerificationException hash = streamingRefusal(VERIFIER, headerSigned("s3"));
        assertEquals(AuthError.INVALID_REQUEST, hash.error());
        assertTrue(hash.getMessage().contains("x-amz-content-sha256 is not an aws-chunked streaming mode"));
        SignableRequest unsigned = handSigned("s3", "UNSIGNED-PAYLOAD", "host:" + HOST,
                "x-amz-content-sha256:UNSIGNED-PAYLOAD", "x-amz-date:" + AMZ_DATE, "x-amz-region-set:us-west-2");
        assertTrue(verify(unsigned).isValid());
        VerificationException u = streamingRefusal(VERIFIER, unsigned);
        assertTrue(u.getMessage().contains("not an aws-chunked streaming mode"), u.getMessage());
        VerificationException none = streamingRefusal(VERIFIER, handSigned("execute-api", EMPTY_SHA, "host:" + HOST,
                "x-amz-date:" + AMZ_DATE, "x-amz-region-set:us-west-2"));
        assertTrue(none.getMessage().contains("not an aws-chunked streaming mode"), none.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "-1"})
    void theDecodedLengthIsRequiredAndANumber(String decodedLength) {
        String mode = "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD";
        List<String> headers = new ArrayList<>(List.of("host:" + HOST, "x-amz-content-sha256:" + mode,
                "x-amz-date:" + AMZ_DATE));
        if (!decodedLength.isEmpty()) {
            headers.add("x-amz-decoded-content-length:" + decodedLength);
        }
        headers.add("x-amz-region-set:us-west-2");
        VerificationException e = streamingRefusal(VERIFIER, handSigned("s3", mode, headers.toArray(new String[0])));
        assertEquals(AuthError.INVALID_REQUEST, e.error());
        assertTrue(e.getMessage().contains("x-amz-decoded-content-length is required and must be a non-negative"
                + " number"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "x-amz-checksum-md5"})
    void aTrailerModeNeedsASupportedChecksumTrailer(String trailer) throws IOException {
        String mode = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
        List<String> headers = new ArrayList<>(List.of("host:" + HOST, "x-amz-content-sha256:" + mode,
                "x-amz-date:" + AMZ_DATE, "x-amz-decoded-content-length:0", "x-amz-region-set:us-west-2"));
        if (!trailer.isEmpty()) {
            headers.add("x-amz-trailer:" + trailer);
        }
        VerificationException e = streamingRefusal(VERIFIER, handSigned("s3", mode, headers.toArray(new String[0])));
        assertEquals(AuthError.INVALID_REQUEST, e.error());
        assertTrue(e.getMessage().contains("x-amz-trailer must name a supported checksum header"), e.getMessage());

        headers.removeIf(h -> h.startsWith("x-amz-trailer:"));
        headers.add("x-amz-trailer:x-amz-checksum-crc32");
        SignableRequest ok = handSigned("s3", mode, headers.toArray(new String[0]));
        // CRC32 of nothing is 0: "AAAAAA=="
        byte[] body = "0\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        try (InputStream in = VERIFIER.verifyStreaming(ok, SECRETS, NOW, new ByteArrayInputStream(body))) {
            assertEquals(-1, in.read());
        }
    }
}
