package dev.awssig.v4a;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
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
import dev.awssig.v4.AwsChunkedException;
import dev.awssig.v4.ChecksumAlgorithm;
import dev.awssig.v4.PayloadSigning;
import dev.awssig.v4.SessionTokenPlacement;
import dev.awssig.v4.SigV4Options;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Round trips through {@link SigV4aSigner} and {@link SigV4aVerifier}, and what the verifier
 * answers to tampered, expired, malformed and oversized requests (S3's codes; never an exception).
 */
class SigV4aVerifierTest {
    private static final Instant NOW = Instant.parse("2024-05-06T07:08:09Z");
    private static final Credentials CREDS = Credentials.of("AKIAV4AEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static final SecretLookup SECRETS = SecretLookup.of(CREDS);

    private static SigningConfig.Builder signing(String service) {
        return SigningConfig.builder().credentials(CREDS).service(service).region("us-west-2")
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static SigV4aSigner signer(String service) {
        return SigV4aSigner.create(signing(service).build());
    }

    private static SigV4aVerifier verifier() {
        return SigV4aVerifier.create(SigningConfig.builder().build());
    }

    private static SignableRequest put(String service) {
        return SignableRequest.builder().method("PUT")
                .uri("https://example.amazonaws.com/photos/a%20cat.jpg?versionId=3&acl")
                .header("Content-Type", "image/jpeg").header("X-Amz-Meta-Color", " blue  sky ")
                .payload(Payload.ofBytes("meow".getBytes(StandardCharsets.UTF_8))).build();
    }

    private static void assertRejected(AuthError expected, VerificationResult r) {
        assertFalse(r.isValid(), () -> "expected " + expected + " but it was accepted");
        assertEquals(expected, r.error().orElseThrow(), r::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3", "execute-api"})
    void headerSignedRequestRoundTrips(String service) {
        SignedRequest s = signer(service).sign(put(service));
        assertTrue(s.request().headers().firstValue("authorization").orElseThrow()
                .startsWith("AWS4-ECDSA-P256-SHA256 Credential=AKIAV4AEXAMPLE/20240506/" + service + "/aws4_request, "));
        assertEquals("us-west-2", s.request().headers().firstValue("x-amz-region-set").orElseThrow());
        VerificationResult r = verifier().verify(s.request(), SECRETS, NOW);
        assertTrue(r.isValid(), r::toString);
        assertEquals(s.canonicalRequest(), r.canonicalRequest().orElseThrow());
        assertEquals(s.stringToSign(), r.stringToSign().orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3", "execute-api"})
    void presignedRequestRoundTrips(String service) {
        PresignedUrl url = signer(service).presign(put(service), Duration.ofMinutes(10));
        assertTrue(url.url().contains("&X-Amz-Region-Set=us-west-2&X-Amz-Signature="), url.url());
        VerificationResult r = verifier().verify(received(url, put(service).payload()), SECRETS, NOW.plusSeconds(30));
        assertTrue(r.isValid(), r::toString);
        assertEquals(url.canonicalRequest(), r.canonicalRequest().orElseThrow());
    }

    private static SignableRequest received(PresignedUrl url, Payload payload) {
        return SignableRequest.builder().method(url.method()).uri(url.url()).headers(url.signedHeaders())
                .payload(payload).build();
    }

    @Test
    void theRegionSetIsSignedAndMustCoverTheVerifiersRegion() {
        SigV4aSigner all = SigV4aSigner.create(signing("s3").option(SigV4aOptions.REGION_SET, RegionSet.all()).build());
        SigV4aSigner two = SigV4aSigner.create(signing("s3")
                .option(SigV4aOptions.REGION_SET, RegionSet.of("us-east-1", "eu-*")).build());
        SigV4aVerifier inFrankfurt = SigV4aVerifier.create(SigningConfig.builder().region("eu-central-1").build());
        SigV4aVerifier inOregon = SigV4aVerifier.create(SigningConfig.builder().region("us-west-2").build());
        assertTrue(inFrankfurt.verify(all.sign(put("s3")).request(), SECRETS, NOW).isValid());
        assertTrue(inFrankfurt.verify(two.sign(put("s3")).request(), SECRETS, NOW).isValid());
        assertRejected(AuthError.AUTHORIZATION_HEADER_MALFORMED, inOregon.verify(two.sign(put("s3")).request(), SECRETS, NOW));
        PresignedUrl url = two.presign(put("s3"), Duration.ofMinutes(1));
        assertTrue(url.url().contains("X-Amz-Region-Set=us-east-1%2Ceu-%2A"), url.url());
        assertRejected(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR,
                inOregon.verify(received(url, Payload.empty()), SECRETS, NOW));
        // the region set is signed: widening it breaks the signature
        SignableRequest widened = two.sign(put("s3")).request().toBuilder().setHeader("X-Amz-Region-Set", "*").build();
        assertRejected(AuthError.SIGNATURE_DOES_NOT_MATCH, inOregon.verify(widened, SECRETS, NOW));
    }

    @ParameterizedTest
    @EnumSource(SessionTokenPlacement.class)
    void sessionTokenRoundTripsInBothPlacements(SessionTokenPlacement placement) {
        Credentials session = Credentials.of("ASIAV4A", "secret/with+chars", "FwoGZXIvYXdzEJr//////////token==");
        SigningConfig config = signing("s3").credentials(session)
                .option(SigV4Options.SESSION_TOKEN_PLACEMENT, placement).build();
        SigV4aVerifier v = SigV4aVerifier.create(SigningConfig.builder()
                .option(SigV4Options.SESSION_TOKEN_PLACEMENT, placement).build());
        SignedRequest s = SigV4aSigner.create(config).sign(put("s3"));
        assertEquals(session.sessionToken().orElseThrow(),
                s.request().headers().firstValue("x-amz-security-token").orElseThrow());
        assertEquals(placement == SessionTokenPlacement.SIGNED, s.signedHeaders().contains("x-amz-security-token"));
        assertTrue(v.verify(s.request(), SecretLookup.of(session), NOW).isValid());
        PresignedUrl url = SigV4aSigner.create(config).presign(put("s3"), Duration.ofMinutes(1));
        assertTrue(v.verify(received(url, Payload.empty()), SecretLookup.of(session), NOW).isValid());
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3", "execute-api"})
    void tamperingWithASignedPartIsRejected(String service) {
        SignableRequest signed = signer(service).sign(put(service)).request();
        SigV4aVerifier v = verifier();
        assertTrue(v.verify(signed, SECRETS, NOW).isValid());
        assertRejected(AuthError.SIGNATURE_DOES_NOT_MATCH, v.verify(signed.toBuilder().method("POST").build(), SECRETS, NOW));
        assertRejected(AuthError.SIGNATURE_DOES_NOT_MATCH,
                v.verify(signed.toBuilder().rawPath("/photos/a%20dog.jpg").build(), SECRETS, NOW));
        assertRejected(AuthError.SIGNATURE_DOES_NOT_MATCH,
                v.verify(signed.toBuilder().rawQuery("versionId=4&acl").build(), SECRETS, NOW));
        assertRejected(AuthError.SIGNATURE_DOES_NOT_MATCH,
                v.verify(signed.toBuilder().setHeader("Content-Type", "text/html").build(), SECRETS, NOW));
        assertRejected(AuthError.SIGNATURE_DOES_NOT_MATCH,
                v.verify(signed.toBuilder().setHeader("X-Amz-Meta-Color", "red").build(), SECRETS, NOW));
        String auth = signed.headers().firstValue("authorization").orElseThrow();
        char last = auth.charAt(auth.length() - 1);
        String flipped = auth.substring(0, auth.length() - 1) + (last == '0' ? '1' : '0');
        assertRejected(AuthError.SIGNATURE_DOES_NOT_MATCH,
                v.verify(signed.toBuilder().setHeader("Authorization", flipped).build(), SECRETS, NOW));
        // another key's signature of the same request
        Credentials other = Credentials.of(CREDS.accessKeyId(), "another secret");
        assertRejected(AuthError.SIGNATURE_DOES_NOT_MATCH, v.verify(signed, SecretLookup.of(other), NOW));
        if (service.equals("s3")) {
            assertRejected(AuthError.X_AMZ_CONTENT_SHA256_MISMATCH, v.verify(signed.toBuilder()
                    .payload(Payload.ofBytes("woof".getBytes(StandardCharsets.UTF_8))).build(), SECRETS, NOW));
        } else {
            assertRejected(AuthError.SIGNATURE_DOES_NOT_MATCH, v.verify(signed.toBuilder()
                    .payload(Payload.ofBytes("woof".getBytes(StandardCharsets.UTF_8))).build(), SECRETS, NOW));
        }
    }

    @Test
    void presignedUrlTamperingAndExpiryAreRejected() {
        PresignedUrl url = signer("s3").presign(put("s3"), Duration.ofMinutes(10));
        SigV4aVerifier v = verifier();
        SignableRequest ok = received(url, Payload.empty());
        assertTrue(v.verify(ok, SECRETS, NOW).isValid());
        assertRejected(AuthError.ACCESS_DENIED, v.verify(ok, SECRETS, NOW.plusSeconds(601)));
        assertRejected(AuthError.SIGNATURE_DOES_NOT_MATCH, v.verify(SignableRequest.builder().method("GET")
                .uri(url.url()).headers(url.signedHeaders()).build(), SECRETS, NOW));
        assertRejected(AuthError.SIGNATURE_DOES_NOT_MATCH,
                v.verify(received(url, Payload.empty()).toBuilder().rawQuery(ok.rawQuery().orElseThrow()
                        .replace("X-Amz-Expires=600", "X-Amz-Expires=6000")).build(), SECRETS, NOW));
        assertRejected(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, v.verify(ok.toBuilder().rawQuery(
                ok.rawQuery().orElseThrow().replace("X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256",
                        "X-Amz-Algorithm=AWS4-HMAC-SHA256")).build(), SECRETS, NOW));
        assertRejected(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, v.verify(ok.toBuilder().rawQuery(
                ok.rawQuery().orElseThrow().replaceAll("&X-Amz-Region-Set=[^&]*", "")).build(), SECRETS, NOW));
    }

    @Test
    void theVerifiersAnswersNameS3sCodes() {
        SignableRequest signed = signer("s3").sign(put("s3")).request();
        SigV4aVerifier v = verifier();
        assertRejected(AuthError.REQUEST_TIME_TOO_SKEWED, v.verify(signed, SECRETS, NOW.plus(Duration.ofMinutes(16))));
        assertRejected(AuthError.INVALID_ACCESS_KEY_ID, v.verify(signed, SecretLookup.of(java.util.Map.of()), NOW));
        assertRejected(AuthError.MISSING_SECURITY_HEADER, v.verify(put("s3"), SECRETS, NOW));
        assertRejected(AuthError.AUTHORIZATION_HEADER_MALFORMED,
                v.verify(signed.toBuilder().removeHeader("X-Amz-Region-Set").build(), SECRETS, NOW));
        assertRejected(AuthError.ACCESS_DENIED,
                v.verify(signed.toBuilder().header("x-amz-meta-unsigned", "x").build(), SECRETS, NOW));
        String sigv4Scope = signed.headers().firstValue("authorization").orElseThrow()
                .replace("/20240506/s3/", "/20240506/us-west-2/s3/");
        assertRejected(AuthError.AUTHORIZATION_HEADER_MALFORMED,
                v.verify(signed.toBuilder().setHeader("Authorization", sigv4Scope).build(), SECRETS, NOW));
        assertRejected(AuthError.AUTHORIZATION_HEADER_MALFORMED, v.verify(signed.toBuilder()
                .setHeader("Authorization", "AWS4-HMAC-SHA256 Credential=x").build(), SECRETS, NOW));
        assertRejected(AuthError.SIGNATURE_DOES_NOT_MATCH, v.verify(signed.toBuilder().setHeader("Authorization",
                signed.headers().firstValue("authorization").orElseThrow().replaceAll("Signature=.*", "Signature=zz"))
                .build(), SECRETS, NOW));
        VerificationResult mismatch = v.verify(signed.toBuilder().method("DELETE").build(), SECRETS, NOW);
        assertTrue(mismatch.canonicalRequest().orElseThrow().startsWith("DELETE\n"));
        assertTrue(mismatch.stringToSign().orElseThrow().startsWith("AWS4-ECDSA-P256-SHA256\n20240506T070809Z\n"
                + "20240506/s3/aws4_request\n"));
    }

    @Test
    void requestsOverTheLimitsAreAnsweredBeforeAnyParsing() {
        SignableRequest signed = signer("s3").sign(put("s3")).request();
        SigV4aVerifier tight = SigV4aVerifier.create(SigningConfig.builder()
                .option(VerificationLimits.OPTION, VerificationLimits.builder().maxHeaderCount(3).build()).build());
        assertRejected(AuthError.REQUEST_HEADER_SECTION_TOO_LARGE, tight.verify(signed, SECRETS, NOW));
        SignableRequest longAuth = signed.toBuilder().setHeader("Authorization", "AWS4-ECDSA-P256-SHA256 "
                + "x".repeat(9000)).build();
        assertRejected(AuthError.REQUEST_HEADER_SECTION_TOO_LARGE, verifier().verify(longAuth, SECRETS, NOW));
    }

    /** Random garbage in every part the verifier parses gets an answer, never an exception. */
    @Test
    void hostileAuthorizationValuesAreAnsweredNotThrown() {
        long seed = Long.getLong("awssig.seed", new Random().nextLong());
        Random r = new Random(seed);
        SignableRequest signed = signer("s3").sign(put("s3")).request();
        String auth = signed.headers().firstValue("authorization").orElseThrow();
        String[] pieces = {",", "=", "/", " ", "Credential=", "SignedHeaders=", "Signature=", "aws4_request", "%",
            "*", "host", ";", "é", "AWS4-ECDSA-P256-SHA256 ", "30", "ff", "0", "\t"};
        SigV4aVerifier v = verifier();
        for (int i = 0; i < 500; i++) {
            StringBuilder sb = new StringBuilder(r.nextBoolean() ? auth.substring(0, r.nextInt(auth.length())) : "");
            for (int k = 0, n = r.nextInt(12); k < n; k++) {
                sb.append(pieces[r.nextInt(pieces.length)]);
            }
            String value = sb.toString().trim().isEmpty() ? "x" : sb.toString().trim();
            VerificationResult res = v.verify(signed.toBuilder().setHeader("Authorization", value).build(), SECRETS, NOW);
            assertNotNull(res.error().orElse(null), () -> "seed " + seed + ": " + value);
            String query = "X-Amz-Algorithm=AWS4-ECDSA-P256-SHA256&" + value.replace(' ', '&').replace(',', '&');
            VerificationResult q = v.verify(put("s3").toBuilder().rawQuery(query.replace("é", "%C3%A9").replace("\t", ""))
                    .build(), SECRETS, NOW);
            assertFalse(q.isValid(), () -> "seed " + seed + ": " + query);
        }
    }

    @Test
    void presignExpiryMustBeOneSecondToSevenDaysAndTheQueryNotPresignedAlready() {
        SigV4aSigner s = signer("s3");
        assertThrows(IllegalArgumentException.class, () -> s.presign(put("s3"), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> s.presign(put("s3"), Duration.ofSeconds(604801)));
        PresignedUrl url = s.presign(put("s3"), Duration.ofSeconds(604800));
        assertThrows(IllegalArgumentException.class, () -> s.presign(received(url, Payload.empty()), Duration.ofMinutes(1)));
    }

    @Test
    void aRegionSetOrARegionIsRequiredAndValidated() {
        SigningConfig noRegion = SigningConfig.builder().credentials(CREDS).service("s3").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SigV4aSigner.create(noRegion));
        assertTrue(e.getMessage().contains("sigv4a.regionSet"), e.getMessage());
        assertEquals(RegionSet.all(), SigV4aSigner.create(noRegion.toBuilder()
                .option(SigV4aOptions.REGION_SET, RegionSet.parse(" * ")).build()).regionSet());
        assertThrows(IllegalArgumentException.class, () -> RegionSet.parse("us-east-1,"));
        assertThrows(IllegalArgumentException.class, () -> RegionSet.of("us east"));
        assertThrows(IllegalArgumentException.class, () -> RegionSet.of("us-east-1\r\nX: y"));
        assertEquals("us-east-1,eu-west-1", RegionSet.parse("us-east-1, eu-west-1").value());
        assertTrue(RegionSet.parse("eu-*").covers("eu-north-1"));
        assertFalse(RegionSet.parse("eu-*").covers("us-east-1"));
    }

    // ------------------------------------------------------------------ aws-chunked

    private static SignedRequest streaming(PayloadSigning mode, ChecksumAlgorithm checksum, byte[] body, int chunk) {
        return SigV4aSigner.create(signing("s3").option(SigV4Options.PAYLOAD_SIGNING, mode)
                .option(SigV4Options.TRAILER_CHECKSUM, checksum).option(SigV4Options.CHUNK_SIZE, chunk).build())
                .sign(SignableRequest.builder().method("PUT").uri("https://b.s3.amazonaws.com/big")
                        .payload(Payload.ofBytes(body)).build());
    }

    private static byte[] encoded(SignedRequest s) throws IOException {
        try (InputStream in = s.request().payload().openStream()) {
            return in.readAllBytes();
        }
    }

    private static byte[] decode(SignedRequest s, byte[] encoded) throws IOException {
        try (InputStream in = verifier().verifyStreaming(s.request(), SECRETS, NOW, new ByteArrayInputStream(encoded))) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @EnumSource(value = PayloadSigning.class, names = {"STREAMING_SIGNED", "STREAMING_SIGNED_TRAILER",
        "STREAMING_UNSIGNED_TRAILER"})
    void awsChunkedRoundTrips(PayloadSigning mode) throws IOException {
        byte[] body = new byte[10_000];
        new Random(1).nextBytes(body);
        for (ChecksumAlgorithm checksum : ChecksumAlgorithm.values()) {
            SignedRequest s = streaming(mode, checksum, body, 4096);
            String literal = s.request().headers().firstValue("x-amz-content-sha256").orElseThrow();
            assertEquals(mode == PayloadSigning.STREAMING_SIGNED ? "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD"
                    : mode == PayloadSigning.STREAMING_SIGNED_TRAILER ? "STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD-TRAILER"
                    : "STREAMING-UNSIGNED-PAYLOAD-TRAILER", literal);
            byte[] enc = encoded(s);
            assertEquals(s.request().headers().firstValue("content-length").orElseThrow(), Integer.toString(enc.length));
            assertEquals(Long.toString(enc.length), Long.toString(s.request().payload().contentLength().getAsLong()));
            assertArrayEquals(body, decode(s, enc));
        }
    }

    @Test
    void anEmptyBodyStreams() throws IOException {
        SignedRequest s = streaming(PayloadSigning.STREAMING_SIGNED_TRAILER, ChecksumAlgorithm.CRC32, new byte[0], 100);
        assertArrayEquals(new byte[0], decode(s, encoded(s)));
    }

    @Test
    void aTamperedChunkOrSignatureOrTrailerIsRejected() throws IOException {
        byte[] body = new byte[9000];
        new Random(2).nextBytes(body);
        SignedRequest s = streaming(PayloadSigning.STREAMING_SIGNED_TRAILER, ChecksumAlgorithm.SHA256, body, 4096);
        byte[] enc = encoded(s);
        String text = new String(enc, StandardCharsets.ISO_8859_1);
        // a data byte of the second chunk
        byte[] data = enc.clone();
        int second = text.indexOf("\r\n", text.indexOf("\r\n") + 2 + 4096) + 2;
        data[text.indexOf("\r\n", second) + 5] ^= 1;
        AwsChunkedException e = assertThrows(AwsChunkedException.class, () -> decode(s, data));
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, e.error());
        // a chunk signature
        byte[] sig = enc.clone();
        int at = text.indexOf(";chunk-signature=") + 17 + 20;
        sig[at] = (byte) (sig[at] == 'a' ? 'b' : 'a');
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH,
                assertThrows(AwsChunkedException.class, () -> decode(s, sig)).error());
        // the trailer's checksum (its signature then fails first)
        String changed = text.replaceFirst("x-amz-checksum-sha256:.", "x-amz-checksum-sha256:A");
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, assertThrows(AwsChunkedException.class,
                () -> decode(s, changed.getBytes(StandardCharsets.ISO_8859_1))).error());
        // a truncated body
        byte[] cut = java.util.Arrays.copyOf(enc, enc.length - 200);
        assertEquals(AuthError.INCOMPLETE_BODY, assertThrows(AwsChunkedException.class, () -> decode(s, cut)).error());
        // a changed aws-chunked header fails the seed signature before any body is read
        SignableRequest changedLength = s.request().toBuilder().setHeader("x-amz-decoded-content-length", "8999").build();
        VerificationException seed = assertThrows(VerificationException.class, () -> verifier().verifyStreaming(
                changedLength, SECRETS, NOW, new ByteArrayInputStream(enc)));
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, seed.result().error().orElseThrow());
    }

    @Test
    void aChunkHeaderOverTheLimitIsIncompleteBody() {
        SignedRequest s = streaming(PayloadSigning.STREAMING_SIGNED, ChecksumAlgorithm.CRC32, new byte[10], 100);
        byte[] hostile = ("a;" + "x".repeat(100_000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        AwsChunkedException e = assertThrows(AwsChunkedException.class, () -> decode(s, hostile));
        assertEquals(AuthError.INCOMPLETE_BODY, e.error());
    }
}
