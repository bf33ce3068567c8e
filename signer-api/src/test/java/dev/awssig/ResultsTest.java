package dev.awssig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SignedRequest, PresignedUrl, VerificationResult, AuthError and SecretLookup. */
class ResultsTest {
    private static final String SIG = "5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";
    private static final Instant T = Instant.parse("2015-08-30T12:36:00Z");

    private static SignedRequest.Builder signed() {
        return SignedRequest.builder()
                .request(SignableRequest.builder().method("GET").uri("https://iam.amazonaws.com/?Action=ListUsers")
                        .header("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/x, Signature=" + SIG)
                        .build())
                .algorithm(Algorithms.SIGV4).signature(SIG).canonicalRequest("GET\n/\n...").stringToSign("STS")
                .signedHeaders(List.of("host", "x-amz-date")).signingTime(T);
    }

    @Test
    void signedRequestComputesCanonicalRequestAndStringToSignOnlyWhenAsked() {
        int[] calls = {0};
        SignedRequest s = signed().canonicalRequest(null).stringToSign(null)
                .canonicalRequestSupplier(() -> {
                    calls[0]++;
                    return "LAZY CREQ";
                })
                .stringToSignSupplier(() -> "LAZY STS").build();
        assertEquals(0, calls[0]);
        assertEquals("LAZY CREQ", s.canonicalRequest());
        assertEquals("LAZY STS", s.stringToSign());
        assertEquals(1, calls[0]);
        assertEquals("EAGER", signed().canonicalRequest("EAGER").canonicalRequestSupplier(() -> "LAZY").build()
                .canonicalRequest(), "a value wins over a supplier");
        assertThrows(NullPointerException.class, () -> signed().stringToSign(null).build());
    }

    @Test
    void signedRequestKeepsWhatTheSignerUsed() {
        SignedRequest s = signed().build();
        assertEquals(Algorithms.SIGV4, s.algorithm());
        assertEquals(SIG, s.signature());
        assertEquals("GET\n/\n...", s.canonicalRequest());
        assertEquals("STS", s.stringToSign());
        assertEquals(List.of("host", "x-amz-date"), s.signedHeaders());
        assertEquals(T, s.signingTime());
        assertEquals("GET", s.request().method());
        assertEquals("STS", signed().canonicalRequest(null).build().canonicalRequest(),
                "algorithms without a canonical request show the string to sign");
    }

    @Test
    void signedRequestToStringNeverShowsTheSignature() {
        String s = signed().build().toString();
        assertFalse(s.contains(SIG), s);
        assertTrue(s.startsWith("SignedRequest[AWS4-HMAC-SHA256, 2015-08-30T12:36:00Z, signedHeaders=[host, x-amz-date]"),
                s);
    }

    @Test
    void signedRequestRequiresItsParts() {
        assertThrows(NullPointerException.class, () -> signed().request(null).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> signed().signature(" ").build());
        assertTrue(e.getMessage().startsWith("signature"), e.getMessage());
        assertThrows(NullPointerException.class, () -> signed().algorithm(null).build());
        assertThrows(NullPointerException.class, () -> signed().stringToSign(null).build());
        assertThrows(NullPointerException.class, () -> signed().signingTime(null).build());
        assertThrows(NullPointerException.class, () -> signed().signedHeaders(null).build());
    }

    private static PresignedUrl.Builder presigned() {
        return PresignedUrl.builder()
                .url("https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                        + "&X-Amz-Security-Token=tokentoken&X-Amz-Signature=" + SIG)
                .method("GET").expiration(T.plusSeconds(86400)).stringToSign("STS").signature(SIG);
    }

    @Test
    void presignedUrlRedactsInToString() {
        PresignedUrl p = presigned().build();
        assertTrue(p.url().endsWith(SIG), "url() is the real URL");
        String s = p.toString();
        assertEquals("PresignedUrl[GET https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Security-Token=****&X-Amz-Signature=****, expires 2015-08-31T12:36:00Z]", s);
        assertEquals(Headers.empty(), p.signedHeaders());
        assertEquals("STS", p.canonicalRequest());
        assertEquals(SIG, p.signature());
        assertEquals("GET", p.method());
        assertEquals(T.plusSeconds(86400), p.expiration());
    }

    @Test
    void presignedUrlRequiresItsParts() {
        assertThrows(IllegalArgumentException.class, () -> presigned().url("").build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> presigned().method("G T").build());
        assertTrue(e.getMessage().startsWith("method"), e.getMessage());
        assertThrows(NullPointerException.class, () -> presigned().expiration(null).build());
        assertThrows(NullPointerException.class, () -> presigned().signature(null).build());
    }

    @Test
    void verificationSuccessAndFailure() {
        VerificationResult ok = VerificationResult.success("AKIDEXAMPLE", "CR", "STS");
        assertTrue(ok.isValid());
        assertEquals(Optional.empty(), ok.error());
        assertEquals(Optional.of("AKIDEXAMPLE"), ok.accessKeyId());
        assertEquals(Optional.of("CR"), ok.canonicalRequest());
        assertEquals(Optional.of("STS"), ok.stringToSign());
        assertSame(ok, ok.orThrow());
        assertEquals("VerificationResult[OK, accessKeyId=AKIDEXAMPLE]", ok.toString());

        VerificationResult bad = VerificationResult.failure(AuthError.SIGNATURE_DOES_NOT_MATCH,
                "The request signature we calculated does not match the signature you provided.", "AKIDEXAMPLE",
                "CR", "STS");
        assertFalse(bad.isValid());
        assertEquals(Optional.of(AuthError.SIGNATURE_DOES_NOT_MATCH), bad.error());
        assertEquals(Optional.of("STS"), bad.stringToSign(), "kept so the mismatch can be explained");
        VerificationException e = assertThrows(VerificationException.class, bad::orThrow);
        assertSame(bad, e.result());
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, e.error());
        assertEquals("SignatureDoesNotMatch: The request signature we calculated does not match the signature you"
                + " provided.", e.getMessage());
        assertEquals(Optional.empty(), VerificationResult.failure(AuthError.ACCESS_DENIED, "expired").accessKeyId());
        assertThrows(NullPointerException.class, () -> VerificationResult.failure(null, "x"));
        assertThrows(NullPointerException.class, () -> VerificationResult.success(null, "c", "s"));
    }

    @Test
    void authErrorsCarryS3CodesAndStatuses() {
        assertEquals("SignatureDoesNotMatch", AuthError.SIGNATURE_DOES_NOT_MATCH.code());
        assertEquals(403, AuthError.SIGNATURE_DOES_NOT_MATCH.httpStatus());
        assertEquals("RequestTimeTooSkewed", AuthError.REQUEST_TIME_TOO_SKEWED.code());
        assertEquals(403, AuthError.REQUEST_TIME_TOO_SKEWED.httpStatus());
        assertEquals("AccessDenied", AuthError.ACCESS_DENIED.code());
        assertEquals("AuthorizationHeaderMalformed", AuthError.AUTHORIZATION_HEADER_MALFORMED.code());
        assertEquals(400, AuthError.AUTHORIZATION_HEADER_MALFORMED.httpStatus());
        assertEquals("XAmzContentSHA256Mismatch", AuthError.X_AMZ_CONTENT_SHA256_MISMATCH.code());
        assertEquals("InvalidAccessKeyId", AuthError.INVALID_ACCESS_KEY_ID.code());
        assertEquals(403, AuthError.INVALID_ACCESS_KEY_ID.httpStatus());
        Set<String> codes = new HashSet<>();
        for (AuthError a : AuthError.values()) {
            assertTrue(codes.add(a.code()), "duplicate code " + a.code());
            assertTrue(a.httpStatus() == 400 || a.httpStatus() == 403, a + " " + a.httpStatus());
            assertTrue(Character.isUpperCase(a.code().charAt(0)) && a.code().indexOf(' ') < 0, a.code());
        }
    }

    @Test
    void secretLookup() {
        Map<String, String> m = new java.util.HashMap<>(Map.of("AKID1", "s1"));
        SecretLookup byMap = SecretLookup.of(m);
        m.put("AKID2", "s2");
        assertEquals(Optional.of("s1"), byMap.secretKey("AKID1"));
        assertEquals(Optional.empty(), byMap.secretKey("AKID2"), "the map is copied");
        SecretLookup byCredentials = SecretLookup.of(Credentials.of("AKID1", "s1"), Credentials.of("AKID2", "s2", "t"));
        assertEquals(Optional.of("s2"), byCredentials.secretKey("AKID2"));
        assertEquals(Optional.empty(), byCredentials.secretKey("akid2"), "access key ids are case-sensitive");
        assertThrows(NullPointerException.class, () -> SecretLookup.of((Credentials) null));
    }
}
