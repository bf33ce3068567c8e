package dev.awssig.v4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import dev.awssig.VerificationException;
import dev.awssig.VerificationLimits;
import dev.awssig.VerificationResult;
import dev.awssig.v4.support.HandSigned;
import dev.awssig.v4.support.JdkSigV4;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Each refusal of the SigV4 verifier for the reason it names: a request wrong in one way only
 * gets the S3 code and the message of that one check (several checks share a code, so the
 * message tells which one fired). Requests an honest signer would not produce are signed by the
 * JDK oracle ({@link HandSigned}), so that only the one flaw is wrong with them.
 */
class RefusalsTest {
    private static final Instant NOW = Instant.parse("2024-03-01T10:20:30Z");
    private static final String AMZ_DATE = HandSigned.AMZ_DATE;
    private static final Credentials CREDS = Credentials.of(HandSigned.ID, HandSigned.SECRET);
    private static final SecretLookup SECRETS = SecretLookup.of(CREDS);
    private static final String S3_HOST = "bucket.s3.eu-west-1.amazonaws.com";
    private static final String EMPTY_SHA = JdkSigV4.sha256Hex(new byte[0]);

    private static SigV4Verifier verifier(String service) {
        return SigV4Verifier.create(SigningConfig.builder().region("eu-west-1").service(service).build());
    }

    private static SigV4Verifier open() {
        return SigV4Verifier.create(SigningConfig.builder().build());
    }

    private static SigningConfig.Builder cfg(String service) {
        return SigningConfig.builder().credentials(CREDS).region("eu-west-1").service(service)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static VerificationResult assertRefused(AuthError error, String messagePart, VerificationResult r) {
        assertFalse(r.isValid(), () -> "expected " + error.code() + " but the request was accepted");
        assertEquals(error, r.error().orElseThrow(), r::toString);
        assertTrue(r.message().contains(messagePart), () -> "expected [" + messagePart + "] in: " + r.message());
        return r;
    }

    private static VerificationException assertStreamingRefused(AuthError error, String messagePart,
                                                                SignableRequest r, byte[] body) {
        VerificationException e = assertThrows(VerificationException.class,
                () -> verifier("s3").verifyStreaming(r, SECRETS, NOW, new ByteArrayInputStream(body)));
        assertEquals(error, e.error(), e::getMessage);
        assertTrue(e.getMessage().contains(messagePart), () -> "expected [" + messagePart + "] in: " + e.getMessage());
        return e;
    }

    private static HandSigned iam() {
        return HandSigned.request("GET", "iam.amazonaws.com", "/", null, "iam").header("x-amz-date", AMZ_DATE)
                .payloadHash(EMPTY_SHA);
    }

    private static SignableRequest withAuthorization(SignableRequest r, String authorization) {
        return r.toBuilder().setHeader("Authorization", authorization).build();
    }

    private static String auth(SignableRequest r) {
        return r.headers().firstValue("Authorization").orElseThrow();
    }

    // ------------------------------------------------------------------ the Authorization header

    @Test
    void anOracleSignedRequestIsAccepted() {
        VerificationResult r = verifier("iam").verify(iam().build(), SECRETS, NOW);
        assertTrue(r.isValid(), r::toString);
        assertEquals(iam().canonicalRequest(), r.canonicalRequest().orElseThrow());
    }

    @Test
    void anotherAlgorithmIsNamedInTheMessage() {
        SignableRequest r = iam().build();
        assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "unsupported algorithm 'AWS4-ECDSA-P256-SHA256'",
                verifier("iam").verify(withAuthorization(r, auth(r).replace("AWS4-HMAC-SHA256", "AWS4-ECDSA-P256-SHA256")),
                        SECRETS, NOW));
        assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "unsupported algorithm ''",
                verifier("iam").verify(withAuthorization(r, "Bearer"), SECRETS, NOW));
        assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "unsupported algorithm 'AWS4-HMAC-SHA256,'",
                verifier("iam").verify(withAuthorization(r, auth(r).replace("AWS4-HMAC-SHA256 ", "AWS4-HMAC-SHA256, ")),
                        SECRETS, NOW));
        String long40 = "A".repeat(45);
        assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "'" + "A".repeat(40) + "...'",
                verifier("iam").verify(withAuthorization(r, long40 + " x"), SECRETS, NOW));
        assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "'" + "A".repeat(40) + "'",
                verifier("iam").verify(withAuthorization(r, "A".repeat(40) + " x"), SECRETS, NOW));
    }

    @Test
    void eachMissingComponentIsMalformed() {
        String a = auth(iam().build());
        String credential = a.substring(a.indexOf("Credential="), a.indexOf(','));
        String signed = "SignedHeaders=host;x-amz-date";
        String signature = a.substring(a.indexOf("Signature="));
        for (String parts : new String[] {signed + ", " + signature, credential + ", " + signature,
            credential + ", " + signed}) {
            assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "must have Credential, SignedHeaders and Signature",
                    verifier("iam").verify(withAuthorization(iam().build(), "AWS4-HMAC-SHA256 " + parts), SECRETS, NOW));
        }
        // empty components (a stray or trailing comma) are allowed, unknown ones are not
        assertTrue(verifier("iam").verify(withAuthorization(iam().build(), "AWS4-HMAC-SHA256 " + credential + ",, "
                + signed + ", " + signature + ","), SECRETS, NOW).isValid());
        assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "unexpected component 'Extra=1'",
                verifier("iam").verify(withAuthorization(iam().build(), a + ", Extra=1"), SECRETS, NOW));
        assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "unexpected component 'Extra=1'",
                verifier("iam").verify(withAuthorization(iam().build(), "AWS4-HMAC-SHA256 Extra=1, " + credential + ", "
                        + signed + ", " + signature), SECRETS, NOW));
        assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "Signature= more than once",
                verifier("iam").verify(withAuthorization(iam().build(), a + ", " + signature), SECRETS, NOW));
    }

    @Test
    void aMalformedCredentialSaysWhatIsWrong() {
        SignableRequest r = iam().build();
        String a = auth(r);
        String scope = HandSigned.ID + "/20240301/eu-west-1/iam/aws4_request";
        String shape = "the Credential must be <access key id>/<date>/<region>/<service>/aws4_request";
        for (String bad : new String[] {"/20240301/eu-west-1/iam/aws4_request", HandSigned.ID
            + "/20240301/eu-west-1/iam/aws4_requesx", HandSigned.ID + "/20240301/eu-west-1/iam",
            scope + "/x"}) {
            assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, shape,
                    verifier("iam").verify(withAuthorization(r, a.replace(scope, bad)), SECRETS, NOW));
        }
        for (String date : new String[] {"2024030", "202403011", "2024030a", "2024030:", "2024030/", "2024.301"}) {
            String bad = HandSigned.ID + "/" + date + "/eu-west-1/iam/aws4_request";
            if (date.contains("/")) {
                continue; // splits into six parts: the shape message above
            }
            assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "incorrect date format '" + date + "'",
                    verifier("iam").verify(withAuthorization(r, a.replace(scope, bad)), SECRETS, NOW));
        }
        assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "the region 'us-east-1' is wrong; expecting 'eu-west-1'",
                verifier("iam").verify(withAuthorization(r, a.replace("/eu-west-1/", "/us-east-1/")), SECRETS, NOW));
        assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "incorrect service 'sts'. This endpoint belongs to 'iam'",
                verifier("iam").verify(withAuthorization(r, a.replace("/iam/", "/sts/")), SECRETS, NOW));
        // a verifier bound to no region or service still wants both
        for (String bad : new String[] {HandSigned.ID + "/20240301//iam/aws4_request",
            HandSigned.ID + "/20240301/eu-west-1//aws4_request"}) {
            assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "region and service of the Credential must not be"
                    + " empty", open().verify(withAuthorization(r, a.replace(scope, bad)), SECRETS, NOW));
        }
        assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "Invalid credential date",
                verifier("iam").verify(withAuthorization(r, a.replace("/20240301/", "/20240229/")), SECRETS, NOW));
    }

    @Test
    void signedHeadersMustBeANonEmptyListOfDistinctLowerCaseNames() {
        SignableRequest r = iam().build();
        String a = auth(r);
        assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "SignedHeaders must not be empty",
                verifier("iam").verify(withAuthorization(r, a.replace("SignedHeaders=host;x-amz-date", "SignedHeaders=")),
                        SECRETS, NOW));
        for (String list : new String[] {"host;;x-amz-date", "host;x-amz-date;", ";host;x-amz-date"}) {
            assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "lower-case header names separated by ';'",
                    verifier("iam").verify(withAuthorization(r, a.replace("SignedHeaders=host;x-amz-date",
                            "SignedHeaders=" + list)), SECRETS, NOW));
        }
        for (String list : new String[] {"host;host;x-amz-date", "host;x-amz-date;host", "x-amz-date;host;x-amz-date"}) {
            assertRefused(AuthError.AUTHORIZATION_HEADER_MALFORMED, "more than once",
                    verifier("iam").verify(withAuthorization(r, a.replace("SignedHeaders=host;x-amz-date",
                            "SignedHeaders=" + list)), SECRETS, NOW));
        }
    }

    @Test
    void anUnknownKeyIsInvalidAccessKeyIdWhetherTheLookupAnswersEmptyOrNull() {
        SecretLookup nulls = id -> null;
        assertRefused(AuthError.INVALID_ACCESS_KEY_ID, "does not exist", verifier("iam").verify(iam().build(), nulls,
                NOW));
        assertRefused(AuthError.INVALID_ACCESS_KEY_ID, "does not exist", verifier("iam").verify(iam().build(),
                id -> Optional.empty(), NOW));
    }

    /** A signature is 64 hex digits in either case; anything else, however close, is a mismatch. */
    @Test
    void theSignatureIsComparedAsHexInEitherCase() {
        SignableRequest r = iam().build();
        String a = auth(r);
        String sig = a.substring(a.indexOf("Signature=") + 10);
        assertTrue(sig.matches("[0-9a-f]{64}"));
        String upper = sig.toUpperCase(Locale.ROOT);
        assertTrue(verifier("iam").verify(withAuthorization(r, a.replace(sig, upper)), SECRETS, NOW).isValid());
        // every hex letter once upper-cased on its own (A and F are the edges of the folding)
        for (char c = 'a'; c <= 'f'; c++) {
            String forged = sig + String.valueOf(c).repeat(0);
            int at = sig.indexOf(c);
            if (at >= 0) {
                forged = sig.substring(0, at) + Character.toUpperCase(c) + sig.substring(at + 1);
                assertTrue(verifier("iam").verify(withAuthorization(r, a.replace(sig, forged)), SECRETS, NOW).isValid(),
                        forged);
            }
        }
        int digit = firstIndexOf(sig, "0123456789abcdef");
        char d = sig.charAt(digit);
        // characters whose low byte is the right digit, or just outside A-F, are not that digit
        for (char fake : new char[] {(char) (0x100 + d), (char) (0xff00 + d), (char) (d - 32 == '@' ? '@' : d + 0x80)}) {
            String forged = sig.substring(0, digit) + fake + sig.substring(digit + 1);
            assertRefused(AuthError.SIGNATURE_DOES_NOT_MATCH, "does not match",
                    verifier("iam").verify(withAuthorization(r, a.replace(sig, forged)), SECRETS, NOW));
        }
        for (String wrongLength : new String[] {sig.substring(1), sig + "0", ""}) {
            assertRefused(AuthError.SIGNATURE_DOES_NOT_MATCH, "does not match",
                    verifier("iam").verify(withAuthorization(r, a.replace(sig, wrongLength)), SECRETS, NOW));
        }
        // '@' and 'G' are the neighbours of 'A' and 'F'
        int letter = firstIndexOf(sig, "af");
        for (char fake : new char[] {'@', 'G', '`', 'g'}) {
            String forged = sig.substring(0, letter) + fake + sig.substring(letter + 1);
            assertRefused(AuthError.SIGNATURE_DOES_NOT_MATCH, "does not match",
                    verifier("iam").verify(withAuthorization(r, a.replace(sig, forged)), SECRETS, NOW));
        }
    }

    private static int firstIndexOf(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        throw new AssertionError("none of " + chars + " in " + s);
    }

    // ------------------------------------------------------------------ x-amz-content-sha256 and the body

    private static HandSigned s3Put() {
        return HandSigned.request("PUT", S3_HOST, "/k", null, "s3").header("x-amz-date", AMZ_DATE);
    }

    @Test
    void s3WantsXAmzContentSha256AndAValidOne() {
        assertRefused(AuthError.INVALID_REQUEST, "Missing required header for this request: x-amz-content-sha256",
                verifier("s3").verify(s3Put().payloadHash(EMPTY_SHA).build(), SECRETS, NOW));
        for (String bad : new String[] {"abc", EMPTY_SHA.substring(1), EMPTY_SHA + "0", "unsigned-payload"}) {
            assertRefused(AuthError.INVALID_ARGUMENT, "x-amz-content-sha256 must be UNSIGNED-PAYLOAD",
                    verifier("s3").verify(s3Put().header("x-amz-content-sha256", bad).payloadHash(bad).build(), SECRETS,
                            NOW));
        }
        // other services hash the body themselves
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
        SignableRequest iamPost = HandSigned.request("POST", "iam.amazonaws.com", "/", null, "iam")
                .header("x-amz-date", AMZ_DATE).payloadHash(JdkSigV4.sha256Hex(body)).build().toBuilder()
                .payload(Payload.ofBytes(body)).build();
        assertTrue(verifier("iam").verify(iamPost, SECRETS, NOW).isValid());
    }

    @Test
    void theSignedContentHashIsComparedWithTheBodyInEitherCase() {
        byte[] body = "hello".getBytes(StandardCharsets.UTF_8);
        String sha = JdkSigV4.sha256Hex(body);
        for (String given : new String[] {sha, sha.toUpperCase(Locale.ROOT)}) {
            SignableRequest r = s3Put().header("x-amz-content-sha256", given).payloadHash(given).build();
            assertTrue(verifier("s3").verify(r.toBuilder().payload(Payload.ofBytes(body)).build(), SECRETS, NOW)
                    .isValid(), given);
            assertTrue(verifier("s3").verify(r.toBuilder().payload(Payload.ofStream(() -> new ByteArrayInputStream(
                    body), body.length)).build(), SECRETS, NOW).isValid(), given);
            // a body the request does not carry (its hash only, or none) is not compared
            assertTrue(verifier("s3").verify(r.toBuilder().payload(Payload.ofSha256Hex(EMPTY_SHA)).build(), SECRETS,
                    NOW).isValid());
            assertTrue(verifier("s3").verify(r.toBuilder().payload(Payload.unsigned()).build(), SECRETS, NOW)
                    .isValid());
            assertRefused(AuthError.X_AMZ_CONTENT_SHA256_MISMATCH, "does not match what was computed",
                    verifier("s3").verify(r.toBuilder().payload(Payload.ofBytes(new byte[] {1})).build(), SECRETS, NOW));
            assertRefused(AuthError.X_AMZ_CONTENT_SHA256_MISMATCH, "does not match what was computed",
                    verifier("s3").verify(r.toBuilder().payload(Payload.ofStream(() -> new ByteArrayInputStream(
                            new byte[] {1}), 1)).build(), SECRETS, NOW));
        }
        // a body that cannot be read
        SignableRequest r = s3Put().header("x-amz-content-sha256", sha).payloadHash(sha).build();
        assertRefused(AuthError.INCOMPLETE_BODY, "could not be read", verifier("s3").verify(r.toBuilder().payload(
                Payload.ofStream(() -> {
                    throw new IOException("connection reset");
                }, 5)).build(), SECRETS, NOW));
        // a wrong signature is a wrong signature, whatever the body
        SignableRequest wrong = withAuthorization(r, auth(r).replaceFirst("Signature=.", "Signature=x"));
        assertRefused(AuthError.SIGNATURE_DOES_NOT_MATCH, "does not match", verifier("s3").verify(
                wrong.toBuilder().payload(Payload.ofBytes(new byte[] {1})).build(), SECRETS, NOW));
        // UNSIGNED-PAYLOAD: any body
        SignableRequest unsigned = s3Put().header("x-amz-content-sha256", "UNSIGNED-PAYLOAD")
                .payloadHash("UNSIGNED-PAYLOAD").build();
        assertTrue(verifier("s3").verify(unsigned.toBuilder().payload(Payload.ofBytes(new byte[] {1})).build(),
                SECRETS, NOW).isValid());
    }

    @Test
    void anUnsignedSessionTokenIsRefusedUnlessTokensAreAddedAfterSigning() {
        SignableRequest r = iam().unsignedHeader("X-Amz-Security-Token", "token").build();
        assertRefused(AuthError.ACCESS_DENIED, "x-amz-security-token", verifier("iam").verify(r, SECRETS, NOW));
        SigV4Verifier after = SigV4Verifier.create(SigningConfig.builder().region("eu-west-1").service("iam")
                .option(SigV4Options.SESSION_TOKEN_PLACEMENT, SessionTokenPlacement.AFTER_SIGNING).build());
        assertTrue(after.verify(r, SECRETS, NOW).isValid());
        // only the token: another unsigned x-amz-* header is still refused
        assertRefused(AuthError.ACCESS_DENIED, "x-amz-meta-a", after.verify(r.toBuilder().header("x-amz-meta-a", "1")
                .build(), SECRETS, NOW));
    }

    /**
     * Many signed headers, verified on a thread that has verified nothing before (its scratch
     * arrays start small and must grow to hold every signed value).
     */
    @Test
    void manySignedHeadersAreVerifiedOnAFreshThread() throws Exception {
        HandSigned h = iam();
        for (int i = 0; i < 40; i++) {
            h.header(String.format("x-amz-meta-m%02d", i), "v" + i);
        }
        SignableRequest r = h.build();
        AtomicReference<VerificationResult> result = new AtomicReference<>();
        Thread t = new Thread(() -> result.set(verifier("iam").verify(r, SECRETS, NOW)));
        t.start();
        t.join();
        assertTrue(result.get().isValid(), String.valueOf(result.get()));
        assertEquals(h.canonicalRequest(), result.get().canonicalRequest().orElseThrow());
    }

    // ------------------------------------------------------------------ presigned

    private static PresignedUrl presign(String service, SigningConfig.Builder c) {
        String host = service.equals("s3") ? S3_HOST : service + ".amazonaws.com";
        return SigV4Signer.create(c.build()).presign(SignableRequest.builder().method("GET")
                .uri("https://" + host + "/k?acl").build(), Duration.ofSeconds(600));
    }

    private static SignableRequest received(PresignedUrl url) {
        return SignableRequest.builder().method(url.method()).uri(url.url()).headers(url.signedHeaders()).build();
    }

    private static SignableRequest withQuery(SignableRequest r, String query) {
        return r.toBuilder().rawQuery(query).build();
    }

    @Test
    void eachMissingPresignParameterIsNamedInTheRequirement() {
        SignableRequest r = received(presign("s3", cfg("s3")));
        String q = r.rawQuery().orElseThrow();
        assertTrue(verifier("s3").verify(r, SECRETS, NOW).isValid());
        for (String p : new String[] {"X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders",
            "X-Amz-Signature"}) {
            String without = q.replaceAll("(^|&)" + p + "=[^&]*", "");
            assertRefused(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "requires the X-Amz-Algorithm,",
                    verifier("s3").verify(withQuery(r, without), SECRETS, NOW));
            // spelt in another case it is not that parameter
            String lower = q.replace(p + "=", p.toLowerCase(Locale.ROOT) + "=");
            assertRefused(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "requires the X-Amz-Algorithm,",
                    verifier("s3").verify(withQuery(r, lower), SECRETS, NOW));
        }
        assertRefused(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "only supports \"AWS4-HMAC-SHA256\"",
                verifier("s3").verify(withQuery(r, q.replace("X-Amz-Algorithm=AWS4-HMAC-SHA256",
                        "X-Amz-Algorithm=AWS4-HMAC-SHA1")), SECRETS, NOW));
        assertRefused(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "only supports \"AWS4-HMAC-SHA256\"",
                verifier("s3").verify(withQuery(r, q.replace("X-Amz-Algorithm=AWS4-HMAC-SHA256", "x-amz-algorithm="
                        + "AWS4-HMAC-SHA256")), SECRETS, NOW));
        assertRefused(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "Invalid credential date",
                verifier("s3").verify(withQuery(r, q.replace("X-Amz-Date=20240301", "X-Amz-Date=20240302")), SECRETS,
                        NOW.plus(Duration.ofDays(1))));
        assertRefused(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "ISO8601 Long Format",
                verifier("s3").verify(withQuery(r, q.replace("X-Amz-Date=20240301T102030Z", "X-Amz-Date=20240301")),
                        SECRETS, NOW));
        assertRefused(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "Error parsing the X-Amz-Credential parameter;",
                verifier("s3").verify(withQuery(r, q.replace("%2Faws4_request", "%2Faws4")), SECRETS, NOW));
    }

    @Test
    void aValuelessOrRepeatedPresignParameterIsCaught() {
        SignableRequest r = received(presign("s3", cfg("s3")));
        String q = r.rawQuery().orElseThrow();
        String noSigValue = q.replaceAll("X-Amz-Signature=[0-9a-f]+", "X-Amz-Signature");
        // valueless and last: an empty signature, which does not match
        assertRefused(AuthError.SIGNATURE_DOES_NOT_MATCH, "does not match", verifier("s3").verify(withQuery(r,
                noSigValue), SECRETS, NOW));
        // valueless and followed by another parameter
        assertRefused(AuthError.SIGNATURE_DOES_NOT_MATCH, "does not match", verifier("s3").verify(withQuery(r,
                noSigValue + "&z=1"), SECRETS, NOW));
        // repeated: the first repeated name is the one named
        String twice = q + "&X-Amz-Date=20240301T102030Z&X-Amz-Expires=600&X-Amz-Date=x";
        assertRefused(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "has the X-Amz-Date parameter more than once",
                verifier("s3").verify(withQuery(r, twice), SECRETS, NOW));
        // a percent-encoded name at the very start of a parameter is decoded
        assertRefused(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, "X-Amz-Signature parameter more than once",
                verifier("s3").verify(withQuery(r, "%58-Amz-Signature=" + "0".repeat(64) + "&" + q), SECRETS, NOW));
    }

    @Test
    void emptyParametersAroundAPresignedQueryAreHarmless() {
        SignableRequest r = received(presign("s3", cfg("s3")));
        String q = r.rawQuery().orElseThrow();
        for (String framed : new String[] {"&" + q, q + "&", "&&" + q.replace("&", "&&")}) {
            VerificationResult v = verifier("s3").verify(withQuery(r, framed), SECRETS, NOW);
            assertTrue(v.isValid(), framed + ": " + v);
        }
    }

    /** X-Amz-* names in the query of a header-signed request are just parameters (but the algorithm). */
    @Test
    void aHeaderSignedRequestMayCarryXAmzParametersOtherThanTheAlgorithm() {
        String query = "X-Amz-Date=20240301T102030Z&X-Amz-Expires=5";
        SignableRequest r = HandSigned.request("GET", "iam.amazonaws.com", "/", query, "iam").header("x-amz-date",
                AMZ_DATE).payloadHash(EMPTY_SHA).build();
        assertTrue(verifier("iam").verify(r, SECRETS, NOW).isValid());
        SignableRequest both = HandSigned.request("GET", "iam.amazonaws.com", "/", "X-Amz-Algorithm=AWS4-HMAC-SHA256",
                "iam").header("x-amz-date", AMZ_DATE).payloadHash(EMPTY_SHA).build();
        assertRefused(AuthError.INVALID_ARGUMENT, "Only one auth mechanism allowed", verifier("iam").verify(both,
                SECRETS, NOW));
    }

    @Test
    void presignedPayloadHashFollowsTheVerifiersPayloadOption() {
        // iam presigned with an unsigned payload: the verifier must be told so
        PresignedUrl unsigned = presign("iam", cfg("iam").option(SigV4Options.PAYLOAD_SIGNING, PayloadSigning.UNSIGNED));
        SigV4Verifier unsignedVerifier = SigV4Verifier.create(SigningConfig.builder().region("eu-west-1").service("iam")
                .option(SigV4Options.PAYLOAD_SIGNING, PayloadSigning.UNSIGNED).build());
        assertTrue(unsignedVerifier.verify(received(unsigned), SECRETS, NOW).isValid());
        assertRefused(AuthError.SIGNATURE_DOES_NOT_MATCH, "does not match", verifier("iam").verify(received(unsigned),
                SECRETS, NOW));
        // s3 presigned with a signed payload: the body's hash is signed
        byte[] body = "data".getBytes(StandardCharsets.UTF_8);
        PresignedUrl signed = SigV4Signer.create(cfg("s3").option(SigV4Options.PAYLOAD_SIGNING, PayloadSigning.SIGNED)
                .build()).presign(SignableRequest.builder().method("PUT").uri("https://" + S3_HOST + "/k")
                .payload(Payload.ofBytes(body)).build(), Duration.ofSeconds(600));
        SigV4Verifier signedVerifier = SigV4Verifier.create(SigningConfig.builder().region("eu-west-1").service("s3")
                .option(SigV4Options.PAYLOAD_SIGNING, PayloadSigning.SIGNED).build());
        SignableRequest put = received(signed).toBuilder().payload(Payload.ofBytes(body)).build();
        assertTrue(signedVerifier.verify(put, SECRETS, NOW).isValid());
        assertRefused(AuthError.SIGNATURE_DOES_NOT_MATCH, "does not match", signedVerifier.verify(put.toBuilder()
                .payload(Payload.ofBytes(new byte[] {1})).build(), SECRETS, NOW));
        assertRefused(AuthError.SIGNATURE_DOES_NOT_MATCH, "does not match", verifier("s3").verify(put, SECRETS, NOW));
    }

    /** Refused before the signature is checked (the presigner never produces one: it is made here). */
    @Test
    void aPresignedStreamingUploadIsRefused() {
        SignableRequest url = received(presign("s3", cfg("s3")));
        String q = url.rawQuery().orElseThrow();
        assertTrue(q.contains("X-Amz-SignedHeaders=host&"), q);
        SignableRequest r = withQuery(url, q.replace("X-Amz-SignedHeaders=host&",
                "X-Amz-SignedHeaders=host%3Bx-amz-content-sha256&")).toBuilder().method("PUT")
                .header("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD").build();
        assertRefused(AuthError.INVALID_REQUEST, "must be signed with an Authorization header and verified with",
                verifier("s3").verify(r, SECRETS, NOW));
        VerificationException e = assertStreamingRefused(AuthError.INVALID_REQUEST,
                "An aws-chunked upload must be signed with an Authorization header", r, new byte[0]);
        assertFalse(e.getMessage().contains("verified with"), e.getMessage());
    }

    // ------------------------------------------------------------------ verifyStreaming

    private static HandSigned streaming(String mode) {
        return s3Put().header("x-amz-content-sha256", mode).payloadHash(mode);
    }

    @Test
    void verifyStreamingRefusesWhatIsNotAnAwsChunkedUpload() {
        // a presigned GET: no Authorization header
        assertStreamingRefused(AuthError.INVALID_REQUEST, "must be signed with an Authorization header",
                received(presign("s3", cfg("s3"))), new byte[0]);
        for (String notStreaming : new String[] {EMPTY_SHA, "UNSIGNED-PAYLOAD"}) {
            assertStreamingRefused(AuthError.INVALID_REQUEST, "not an aws-chunked streaming mode",
                    streaming(notStreaming).build(), new byte[0]);
        }
        // over the limits: refused before anything else
        VerificationLimits small = VerificationLimits.builder().maxUriLength(1).build();
        VerificationException e = assertThrows(VerificationException.class, () -> SigV4Verifier.create(SigningConfig
                .builder().option(VerificationLimits.OPTION, small).build()).verifyStreaming(
                streaming("STREAMING-UNSIGNED-PAYLOAD-TRAILER").build(), SECRETS, NOW, new ByteArrayInputStream(
                        new byte[0])));
        assertEquals(AuthError.INVALID_URI, e.error());
        // a wrong seed signature
        SignableRequest r = streaming("STREAMING-AWS4-HMAC-SHA256-PAYLOAD").header("x-amz-decoded-content-length", "0")
                .build();
        assertStreamingRefused(AuthError.SIGNATURE_DOES_NOT_MATCH, "does not match",
                withAuthorization(r, auth(r).replaceFirst("Signature=.", "Signature=x")), new byte[0]);
    }

    @Test
    void verifyStreamingWantsADecodedLength() {
        assertStreamingRefused(AuthError.INVALID_REQUEST, "x-amz-decoded-content-length is required",
                streaming("STREAMING-AWS4-HMAC-SHA256-PAYLOAD").build(), new byte[0]);
        for (String bad : new String[] {"-1", "x", "+5", ""}) {
            assertStreamingRefused(AuthError.INVALID_REQUEST, "x-amz-decoded-content-length is required",
                    streaming("STREAMING-AWS4-HMAC-SHA256-PAYLOAD").header("x-amz-decoded-content-length", bad).build(),
                    new byte[0]);
        }
    }

    @Test
    void aTrailerModeWantsAnXAmzTrailer() {
        assertStreamingRefused(AuthError.INVALID_REQUEST, "x-amz-trailer must name a supported checksum header",
                streaming("STREAMING-UNSIGNED-PAYLOAD-TRAILER").header("x-amz-decoded-content-length", "0").build(),
                new byte[0]);
    }

    private static byte[] unsignedTrailerBody(byte[] data) {
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(data);
        String b64 = java.util.Base64.getEncoder().encodeToString(java.nio.ByteBuffer.allocate(4)
                .putInt((int) crc.getValue()).array());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        out.writeBytes(("\r\n0\r\nx-amz-checksum-crc32:" + b64 + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** With Transfer-Encoding the body's length is the framing's, whatever a Content-Length says. */
    @Test
    void transferEncodingOverridesContentLength() throws IOException {
        byte[] data = "hello world".getBytes(StandardCharsets.US_ASCII);
        byte[] body = unsignedTrailerBody(data);
        HandSigned h = streaming("STREAMING-UNSIGNED-PAYLOAD-TRAILER").header("x-amz-decoded-content-length", "11")
                .header("x-amz-trailer", "x-amz-checksum-crc32");
        SignableRequest chunked = h.build().toBuilder().header("Transfer-Encoding", "chunked")
                .header("Content-Length", "3").build();
        try (InputStream in = verifier("s3").verifyStreaming(chunked, SECRETS, NOW, new ByteArrayInputStream(body))) {
            assertArrayEquals(data, in.readAllBytes());
        }
        SignableRequest lengthOnly = h.build().toBuilder().header("Content-Length", Integer.toString(body.length))
                .build();
        try (InputStream in = verifier("s3").verifyStreaming(lengthOnly, SECRETS, NOW, new ByteArrayInputStream(
                body))) {
            assertArrayEquals(data, in.readAllBytes());
        }
        SignableRequest wrongLength = h.build().toBuilder().header("Content-Length", "3").build();
        assertThrows(AwsChunkedException.class, () -> verifier("s3").verifyStreaming(wrongLength, SECRETS, NOW,
                new ByteArrayInputStream(body)).readAllBytes());
    }

    @Test
    void aHeaderSignedStreamingUploadRoundTripsThroughTheSigner() throws IOException {
        byte[] data = new byte[100];
        SignedRequest s = SigV4Signer.create(cfg("s3").option(SigV4Options.PAYLOAD_SIGNING,
                PayloadSigning.STREAMING_SIGNED).build()).sign(SignableRequest.builder().method("PUT")
                .uri("https://" + S3_HOST + "/k").payload(Payload.ofBytes(data)).build());
        byte[] encoded;
        try (InputStream in = s.request().payload().openStream()) {
            encoded = in.readAllBytes();
        }
        try (InputStream in = verifier("s3").verifyStreaming(s.request(), SECRETS, NOW, new ByteArrayInputStream(
                encoded))) {
            assertArrayEquals(data, in.readAllBytes());
        }
    }
}
