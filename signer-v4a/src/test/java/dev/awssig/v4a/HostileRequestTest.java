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
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationException;
import dev.awssig.VerificationResult;
import dev.awssig.v4.PayloadSigning;
import dev.awssig.v4.SigV4Options;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The attacks of issue #12 that signer-v4's verifier was hardened against, sent to the SigV4a
 * verifier (which has its own parser): one test per attack, each asserting S3's code.
 */
class HostileRequestTest {
    private static final Instant NOW = Instant.parse("2024-05-06T07:08:09Z");
    private static final Credentials CREDS = Credentials.of("AKIAV4AEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static final SecretLookup SECRETS = SecretLookup.of(CREDS);
    private static final String ZEROS = "0".repeat(64);
    private static final SigV4aVerifier VERIFIER = SigV4aVerifier.create(SigningConfig.builder().build());

    private static SigningConfig.Builder signing() {
        return SigningConfig.builder().credentials(CREDS).service("s3").region("us-west-2")
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static SignableRequest headerSigned() {
        return SigV4aSigner.create(signing().build()).sign(SignableRequest.builder().method("PUT")
                .uri("https://example.amazonaws.com/photos/cat.jpg?versionId=3")
                .payload(Payload.ofBytes("meow".getBytes(StandardCharsets.UTF_8))).build()).request();
    }

    private static SignableRequest presigned(String pathAndQuery, String method) {
        PresignedUrl url = SigV4aSigner.create(signing().build()).presign(SignableRequest.builder().method(method)
                .uri("https://example.amazonaws.com" + pathAndQuery).build(), Duration.ofMinutes(10));
        return SignableRequest.builder().method(method).uri(url.url()).headers(url.signedHeaders()).build();
    }

    private static VerificationResult verify(SignableRequest r) {
        return VERIFIER.verify(r, SECRETS, NOW);
    }

    private static void assertRejected(AuthError expected, VerificationResult r) {
        assertFalse(r.isValid(), () -> "expected " + expected + " but it was accepted");
        assertEquals(expected, r.error().orElseThrow(), r::toString);
    }

    @Test
    void theUnmutatedRequestsVerify() {
        assertTrue(verify(headerSigned()).isValid());
        assertTrue(verify(presigned("/k.txt", "GET")).isValid());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Credential", "SignedHeaders", "Signature"})
    void aRepeatedAuthorizationComponentIsMalformedNotLastOneWins(String component) {
        SignableRequest r = headerSigned();
        String auth = r.headers().firstValue("Authorization").orElseThrow();
        int at = auth.indexOf(component + "=");
        int end = auth.indexOf(',', at);
        String part = auth.substring(at, end < 0 ? auth.length() : end);
        String twice = auth + ", " + part;
        assertRejected(AuthError.AUTHORIZATION_HEADER_MALFORMED,
                verify(r.toBuilder().setHeader("Authorization", twice).build()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"&X-Amz-Signature=00", "&x-amz-signature=00", "&X-Amz-%53ignature=00",
        "&X-Amz-Region-Set=*", "&X-AMZ-DATE=20240506T070809Z"})
    void aRepeatedPresignedParameterInAnySpellingIsRefused(String extra) {
        SignableRequest r = presigned("/k.txt", "GET");
        assertRejected(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                verify(r.toBuilder().rawQuery(r.rawQuery().orElseThrow() + extra).build()));
    }

    @Test
    void aPresignedRequestSigningItsPayloadHashIsComparedWithTheBody() {
        byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
        String sha = sha256Hex(hello);
        PresignedUrl url = SigV4aSigner.create(signing().build()).presign(SignableRequest.builder().method("PUT")
                .uri("https://example.amazonaws.com/up.txt").header("x-amz-content-sha256", sha).build(),
                Duration.ofMinutes(10));
        SignableRequest put = SignableRequest.builder().method("PUT").uri(url.url()).headers(url.signedHeaders())
                .payload(Payload.ofBytes(hello)).build();
        assertTrue(verify(put).isValid(), () -> verify(put).toString());
        // before: any body verified, the signed hash was never compared
        assertRejected(AuthError.X_AMZ_CONTENT_SHA256_MISMATCH, verify(put.toBuilder()
                .payload(Payload.ofBytes("world".getBytes(StandardCharsets.UTF_8))).build()));
        // and as a query parameter (MinIO reads it there)
        SignableRequest q = presigned("/up.txt?X-Amz-Content-Sha256=" + sha, "PUT").toBuilder()
                .payload(Payload.ofBytes(hello)).build();
        assertTrue(verify(q).isValid(), () -> verify(q).toString());
        assertRejected(AuthError.X_AMZ_CONTENT_SHA256_MISMATCH, verify(q.toBuilder()
                .payload(Payload.ofBytes("world".getBytes(StandardCharsets.UTF_8))).build()));
    }

    @Test
    void verifyOnAnAwsChunkedRequestSaysToCallVerifyStreaming() {
        SignedRequest s = SigV4aSigner.create(signing().option(SigV4Options.PAYLOAD_SIGNING, PayloadSigning.STREAMING_SIGNED)
                .build()).sign(SignableRequest.builder().method("PUT").uri("https://b.s3.amazonaws.com/big")
                .payload(Payload.ofBytes(new byte[100])).build());
        VerificationResult r = verify(s.request());
        assertRejected(AuthError.INVALID_REQUEST, r);
        assertTrue(r.message().contains("verifyStreaming"), r.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"+600", "\u0666\u0660\u0660", "\uff16\uff10\uff10", "-0"})
    void anExpiresThatIsNotAsciiDigitsIsNotANumber(String expires) {
        SignableRequest r = presigned("/k.txt", "GET");
        String q = r.rawQuery().orElseThrow().replaceAll("X-Amz-Expires=[0-9]+",
                "X-Amz-Expires=" + dev.awssig.internal.UriEncoding.encode(expires, false));
        assertRejected(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, verify(r.toBuilder().rawQuery(q).build()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"+100", "\u0661\u0660\u0660", "1e2"})
    void aDecodedContentLengthThatIsNotAsciiDigitsIsRefused(String length) {
        SignedRequest s = SigV4aSigner.create(signing().option(SigV4Options.PAYLOAD_SIGNING, PayloadSigning.STREAMING_SIGNED)
                .option(SigV4Options.SIGNED_HEADERS, dev.awssig.v4.SignedHeadersPolicy.excluding("x-amz-decoded-content-length"))
                .build()).sign(SignableRequest.builder().method("PUT").uri("https://b.s3.amazonaws.com/big")
                .payload(Payload.ofBytes(new byte[100])).build());
        SignableRequest r = s.request().toBuilder().setHeader("x-amz-decoded-content-length", length).build();
        VerificationException e = assertThrows(VerificationException.class,
                () -> VERIFIER.verifyStreaming(r, SECRETS, NOW, new ByteArrayInputStream(new byte[0])));
        assertTrue(e.result().error().isPresent());
    }

    @Test
    void aSecondHostHeaderIsRefused() {
        SignableRequest r = headerSigned().toBuilder().header("Host", "example.amazonaws.com")
                .header("Host", "evil.example.com").build();
        assertRejected(AuthError.INVALID_ARGUMENT, verify(r));
    }

    @Test
    void unsortedSignedHeadersAreRefused() {
        SignableRequest r = headerSigned();
        String auth = r.headers().firstValue("Authorization").orElseThrow();
        int at = auth.indexOf("SignedHeaders=") + 14;
        int end = auth.indexOf(',', at);
        java.util.List<String> names = new java.util.ArrayList<>(java.util.List.of(auth.substring(at, end).split(";")));
        java.util.Collections.reverse(names);
        String reversed = String.join(";", names);
        VerificationResult v = verify(r.toBuilder().setHeader("Authorization",
                auth.substring(0, at) + reversed + auth.substring(end)).build());
        assertRejected(AuthError.AUTHORIZATION_HEADER_MALFORMED, v);
        assertTrue(v.message().contains("sorted order"), v.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void aBlankSecretFromTheLookupIsAnUnknownKeyNotAnException(String blank) {
        assertRejected(AuthError.INVALID_ACCESS_KEY_ID, VERIFIER.verify(headerSigned(), id -> Optional.of(blank), NOW));
        assertRejected(AuthError.INVALID_ACCESS_KEY_ID,
                VERIFIER.verify(presigned("/k.txt", "GET"), id -> Optional.of(blank), NOW));
    }

    @Test
    void aRepeatedDateHeaderIsAmbiguous() {
        SignableRequest r = headerSigned();
        String date = r.headers().firstValue("x-amz-date").orElseThrow();
        assertRejected(AuthError.INVALID_ARGUMENT, verify(r.toBuilder().header("X-Amz-Date", date).build()));
    }

    @Test
    void zeroSignatureStillAnswers() {
        SignableRequest r = headerSigned();
        String auth = r.headers().firstValue("Authorization").orElseThrow().replaceAll("Signature=[0-9a-f]+",
                "Signature=" + ZEROS);
        assertRejected(AuthError.SIGNATURE_DOES_NOT_MATCH, verify(r.toBuilder().setHeader("Authorization", auth).build()));
    }

    /** SHA-256 by the JDK, hex: an oracle independent of the signer's own payload hashing. */
    private static String sha256Hex(byte[] b) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
