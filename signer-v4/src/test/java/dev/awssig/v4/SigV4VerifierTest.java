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
import dev.awssig.VerificationResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Verifier round trips for every mode (header S3 / other service, unsigned payload, session token
 * signed or added after signing, presigned, aws-chunked signed / signed trailer / unsigned
 * trailer) and tamper tests: any change to a signed part is rejected with S3's error code, an
 * unsigned header may change freely.
 */
class SigV4VerifierTest {
    private static final Instant NOW = Instant.parse("2024-03-01T10:20:30Z");
    private static final Credentials CREDS = Credentials.of("AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    private static final Credentials TEMP = Credentials.of("ASIAEXAMPLETEMP", "tempSecret/+xyz", "session/token+==");
    private static final SecretLookup SECRETS = SecretLookup.of(CREDS, TEMP);
    private static final byte[] BODY = "Welcome to Amazon S3.".getBytes(StandardCharsets.UTF_8);

    private static SigningConfig.Builder cfg(String service, Credentials c) {
        return SigningConfig.builder().credentials(c).region("eu-west-1").service(service)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static SigV4Verifier verifier(String service) {
        return SigV4Verifier.create(SigningConfig.builder().region("eu-west-1").service(service).build());
    }

    private static SignableRequest request(String service) {
        String host = service.equals("s3") ? "bucket.s3.eu-west-1.amazonaws.com" : service + ".eu-west-1.amazonaws.com";
        return SignableRequest.builder().method("PUT")
                .uri("https://" + host + "/photos/my%20cat+dog.jpg?versionId=3&acl&prefix=a%2Fb")
                .header("Content-Type", "image/jpeg")
                .header("x-amz-meta-owner", "  Jane   Doe ")
                .header("User-Agent", "test/1.0")
                .payload(Payload.ofBytes(BODY))
                .build();
    }

    private static SignedRequest sign(String service) {
        return SigV4Signer.create(cfg(service, CREDS).build()).sign(request(service));
    }

    private static VerificationResult verify(String service, SignableRequest r) {
        return verifier(service).verify(r, SECRETS, NOW);
    }

    private static void assertRejected(AuthError expected, VerificationResult r) {
        assertFalse(r.isValid(), "expected " + expected.code() + " but the request was accepted");
        assertEquals(expected, r.error().orElseThrow(), r::toString);
    }

    private static SignableRequest edit(SignableRequest r, UnaryOperator<SignableRequest.Builder> f) {
        return f.apply(r.toBuilder()).build();
    }

    // ------------------------------------------------------------------ round trips

    @ParameterizedTest
    @ValueSource(strings = {"s3", "iam", "execute-api"})
    void headerSignedRequestRoundTrips(String service) {
        VerificationResult r = verify(service, sign(service).request());
        assertTrue(r.isValid(), r::toString);
        assertEquals(CREDS.accessKeyId(), r.accessKeyId().orElseThrow());
        assertEquals(sign(service).canonicalRequest(), r.canonicalRequest().orElseThrow());
    }

    @Test
    void unsignedPayloadRoundTripsAndLetsTheBodyChange() {
        SignedRequest s = SigV4Signer.create(cfg("s3", CREDS).option(SigV4Options.PAYLOAD_SIGNING,
                PayloadSigning.UNSIGNED).build()).sign(request("s3"));
        assertEquals("UNSIGNED-PAYLOAD", s.request().headers().firstValue("x-amz-content-sha256").orElseThrow());
        assertTrue(verify("s3", s.request()).isValid());
        assertTrue(verify("s3", edit(s.request(), b -> b.payload(Payload.ofBytes(new byte[] {1, 2})))).isValid());
    }

    @Test
    void precomputedPayloadHashIsSigned() {
        SignableRequest r = request("s3").toBuilder()
                .payload(Payload.ofSha256Hex("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072")).build();
        SignedRequest s = SigV4Signer.create(cfg("s3", CREDS).build()).sign(r);
        assertTrue(s.canonicalRequest().endsWith("\n44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"));
        assertTrue(verify("s3", edit(s.request(), b -> b.payload(Payload.ofBytes(BODY)))).isValid());
    }

    @ParameterizedTest
    @EnumSource(SessionTokenPlacement.class)
    void sessionTokenRoundTripsInBothPlacements(SessionTokenPlacement placement) {
        SignedRequest s = SigV4Signer.create(cfg("sts", TEMP)
                .option(SigV4Options.SESSION_TOKEN_PLACEMENT, placement).build()).sign(request("sts"));
        assertEquals("session/token+==", s.request().headers().firstValue("X-Amz-Security-Token").orElseThrow());
        assertEquals(placement == SessionTokenPlacement.SIGNED, s.signedHeaders().contains("x-amz-security-token"));
        SigV4Verifier v = SigV4Verifier.create(SigningConfig.builder().region("eu-west-1").service("sts")
                .option(SigV4Options.SESSION_TOKEN_PLACEMENT, placement).build());
        assertTrue(v.verify(s.request(), SECRETS, NOW).isValid());
        if (placement == SessionTokenPlacement.AFTER_SIGNING) {
            // the token is not signed: a strict verifier (token must be signed) refuses it
            assertRejected(AuthError.ACCESS_DENIED, verify("sts", s.request()));
        } else {
            assertRejected(AuthError.SIGNATURE_DOES_NOT_MATCH, verify("sts",
                    edit(s.request(), b -> b.setHeader("X-Amz-Security-Token", "other"))));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"s3", "iam"})
    void presignedRequestRoundTrips(String service) {
        PresignedUrl url = SigV4Signer.create(cfg(service, TEMP).build()).presign(request(service), Duration.ofMinutes(5));
        assertTrue(url.url().contains("X-Amz-Security-Token="));
        SignableRequest received = received(url, request(service).payload());
        VerificationResult r = verify(service, received);
        assertTrue(r.isValid(), r::toString);
        assertEquals(url.canonicalRequest(), r.canonicalRequest().orElseThrow());
        assertTrue(verifier(service).verify(received, SECRETS, NOW.plusSeconds(300)).isValid());
    }

    private static SignableRequest received(PresignedUrl url, Payload payload) {
        return SignableRequest.builder().method(url.method()).uri(url.url()).headers(url.signedHeaders())
                .payload(payload).build();
    }

    // ------------------------------------------------------------------ tampering, header mode

    @ParameterizedTest
    @ValueSource(strings = {"s3", "iam"})
    void tamperingWithASignedPartIsRejected(String service) {
        SignableRequest r = sign(service).request();
        AuthError sig = AuthError.SIGNATURE_DOES_NOT_MATCH;
        assertRejected(sig, verify(service, edit(r, b -> b.method("POST"))));
        assertRejected(sig, verify(service, edit(r, b -> b.rawPath("/photos/my%20cat+dog.png"))));
        assertRejected(sig, verify(service, edit(r, b -> b.rawQuery("versionId=4&acl&prefix=a%2Fb"))));
        assertRejected(sig, verify(service, edit(r, b -> b.rawQuery("versionId=3&acl"))));
        assertRejected(sig, verify(service, edit(r, b -> b.setHeader("Content-Type", "image/png"))));
        assertRejected(sig, verify(service, edit(r, b -> b.setHeader("x-amz-meta-owner", "Jim"))));
        assertRejected(sig, verify(service, edit(r, b -> b.setHeader("X-Amz-Date", "20240301T102031Z"))));
        assertRejected(service.equals("s3") ? AuthError.X_AMZ_CONTENT_SHA256_MISMATCH : sig,
                verify(service, edit(r, b -> b.payload(Payload.ofBytes("Welcome to Amazon S4.".getBytes(
                        StandardCharsets.UTF_8))))));
        String auth = r.headers().firstValue("Authorization").orElseThrow();
        // credential scope: another region is refused by a verifier bound to eu-west-1 ...
        assertRejected(AuthError.AUTHORIZATION_HEADER_MALFORMED, verify(service, edit(r, b -> b.setHeader(
                "Authorization", auth.replace("/eu-west-1/", "/us-east-1/")))));
        // ... and breaks the signature for one that is not
        SigV4Verifier open = SigV4Verifier.create(SigningConfig.builder().build());
        assertRejected(sig, open.verify(edit(r, b -> b.setHeader("Authorization",
                auth.replace("/eu-west-1/", "/us-east-1/"))), SECRETS, NOW));
        assertRejected(AuthError.AUTHORIZATION_HEADER_MALFORMED, verify(service, edit(r, b -> b.setHeader(
                "Authorization", auth.replace("/20240301/", "/20240302/")))));
        assertRejected(AuthError.AUTHORIZATION_HEADER_MALFORMED, verify(service, edit(r, b -> b.setHeader(
                "X-Amz-Date", "20240302T102030Z"))));
        assertRejected(sig, verify(service, edit(r, b -> b.setHeader("Authorization",
                auth.substring(0, auth.length() - 4) + "0000"))));
    }

    @Test
    void anUnsignedHeaderMayChangeFreely() {
        SignedRequest s = sign("s3");
        assertFalse(s.signedHeaders().contains("user-agent"));
        assertTrue(verify("s3", edit(s.request(), b -> b.setHeader("User-Agent", "proxy/2.0"))).isValid());
        assertTrue(verify("s3", edit(s.request(), b -> b.header("X-Forwarded-For", "10.0.0.1"))).isValid());
    }

    @Test
    void signatureDoesNotMatchCarriesTheServersCanonicalRequestAndStringToSign() {
        SignableRequest r = edit(sign("s3").request(), b -> b.method("POST"));
        VerificationResult v = verify("s3", r);
        assertRejected(AuthError.SIGNATURE_DOES_NOT_MATCH, v);
        assertTrue(v.canonicalRequest().orElseThrow().startsWith("POST\n/photos/my%20cat%2Bdog.jpg\n"));
        assertTrue(v.stringToSign().orElseThrow().startsWith("AWS4-HMAC-SHA256\n20240301T102030Z\n"
                + "20240301/eu-west-1/s3/aws4_request\n"));
        assertFalse(v.message().contains(sign("s3").signature()));
    }

    @Test
    void clockSkewOverFifteenMinutesIsRequestTimeTooSkewed() {
        SignableRequest r = sign("s3").request();
        SigV4Verifier v = verifier("s3");
        assertTrue(v.verify(r, SECRETS, NOW.plus(Duration.ofMinutes(15))).isValid());
        assertTrue(v.verify(r, SECRETS, NOW.minus(Duration.ofMinutes(15))).isValid());
        assertRejected(AuthError.REQUEST_TIME_TOO_SKEWED, v.verify(r, SECRETS, NOW.plus(Duration.ofSeconds(901))));
        assertRejected(AuthError.REQUEST_TIME_TOO_SKEWED, v.verify(r, SECRETS, NOW.minus(Duration.ofSeconds(901))));
    }

    @Test
    void aDateHeaderStandsInForXAmzDate() {
        // without x-amz-date the verifier dates the request by its Date header (RFC 1123)
        SignableRequest withDate = edit(request("iam"), b -> b.header("Date", "Fri, 01 Mar 2024 10:20:30 GMT"));
        SignedRequest dated = SigV4Signer.create(cfg("iam", CREDS).option(SigV4Options.SIGNED_HEADERS,
                SignedHeadersPolicy.defaults()).build()).sign(withDate);
        SignableRequest noAmzDate = edit(dated.request(), b -> b.removeHeader("X-Amz-Date"));
        // without x-amz-date the canonical headers differ, so the signature no longer matches ...
        assertRejected(AuthError.SIGNATURE_DOES_NOT_MATCH, verify("iam", noAmzDate));
        // ... but the date itself was accepted from the Date header (no skew or date error at NOW)
        assertRejected(AuthError.REQUEST_TIME_TOO_SKEWED, verifier("iam").verify(noAmzDate, SECRETS,
                NOW.plus(Duration.ofHours(1))));
        assertRejected(AuthError.ACCESS_DENIED, verify("iam", edit(noAmzDate, b -> b.removeHeader("Date"))));
    }

    @Test
    void unknownAccessKeyIsInvalidAccessKeyId() {
        VerificationResult r = verifier("s3").verify(sign("s3").request(), SecretLookup.of(TEMP), NOW);
        assertRejected(AuthError.INVALID_ACCESS_KEY_ID, r);
        assertEquals(CREDS.accessKeyId(), r.accessKeyId().orElseThrow());
    }

    @Test
    void malformedAuthorizationIsAuthorizationHeaderMalformed() {
        SignableRequest r = sign("s3").request();
        for (String bad : new String[] {"AWS4-HMAC-SHA256 Credential=AKID/20240301/eu-west-1/s3, SignedHeaders=host,"
                + " Signature=00", "AWS4-HMAC-SHA256 SignedHeaders=host", "AWS4-HMAC-SHA256 Credential=a/b/c/d/e,"
                + " SignedHeaders=host, Signature=0", "AWS4-ECDSA-P256-SHA256 Credential=x",
            "AWS4-HMAC-SHA256 Credential=AKID/20240301/eu-west-1/s3/aws4_request, SignedHeaders=Host, Signature=00"}) {
            assertRejected(AuthError.AUTHORIZATION_HEADER_MALFORMED,
                    verify("s3", edit(r, b -> b.setHeader("Authorization", bad))));
        }
        assertRejected(AuthError.MISSING_SECURITY_HEADER, verify("s3", edit(r, b -> b.removeHeader("Authorization"))));
    }

    @Test
    void leavingHostOrAnXAmzHeaderUnsignedIsRefused() {
        SignableRequest r = sign("s3").request();
        VerificationResult extra = verify("s3", edit(r, b -> b.header("x-amz-meta-added", "1")));
        assertRejected(AuthError.ACCESS_DENIED, extra);
        assertTrue(extra.message().contains("x-amz-meta-added"), extra.message());
        String auth = r.headers().firstValue("Authorization").orElseThrow();
        VerificationResult noHost = verify("s3", edit(r, b -> b.setHeader("Authorization",
                auth.replace("SignedHeaders=content-type;host;", "SignedHeaders=content-type;"))));
        assertRejected(AuthError.ACCESS_DENIED, noHost);
        assertTrue(noHost.message().contains("host"), noHost.message());
    }

    // ------------------------------------------------------------------ presigned

    @Test
    void presignedUrlExpiresWithAccessDenied() {
        PresignedUrl url = SigV4Signer.create(cfg("s3", CREDS).build()).presign(request("s3"), Duration.ofSeconds(60));
        SignableRequest r = received(url, Payload.empty());
        assertTrue(verifier("s3").verify(r, SECRETS, NOW.plusSeconds(60)).isValid());
        VerificationResult late = verifier("s3").verify(r, SECRETS, NOW.plusSeconds(61));
        assertRejected(AuthError.ACCESS_DENIED, late);
        assertTrue(late.message().contains("expired"));
    }

    @Test
    void presignedUrlTamperingIsRejected() {
        PresignedUrl url = SigV4Signer.create(cfg("s3", CREDS).build()).presign(request("s3"), Duration.ofSeconds(600));
        SignableRequest r = received(url, Payload.empty());
        String q = r.rawQuery().orElseThrow();
        assertRejected(AuthError.SIGNATURE_DOES_NOT_MATCH, verify("s3", edit(r, b -> b.rawQuery(q.replace(
                "versionId=3", "versionId=4")))));
        assertRejected(AuthError.SIGNATURE_DOES_NOT_MATCH, verify("s3", edit(r, b -> b.rawQuery(q.replace(
                "X-Amz-Expires=600", "X-Amz-Expires=6000")))));
        assertRejected(AuthError.SIGNATURE_DOES_NOT_MATCH, verify("s3", edit(r, b -> b.rawQuery(q.replace(
                "X-Amz-Date=20240301T102030Z", "X-Amz-Date=20240301T102000Z")))));
        assertRejected(AuthError.SIGNATURE_DOES_NOT_MATCH, verify("s3", edit(r, b -> b.method("DELETE"))));
        assertRejected(AuthError.SIGNATURE_DOES_NOT_MATCH, verify("s3", edit(r, b -> b.setHeader("Content-Type",
                "text/html"))));
        VerificationResult week = verify("s3", edit(r, b -> b.rawQuery(q.replace("X-Amz-Expires=600",
                "X-Amz-Expires=604801"))));
        assertRejected(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, week);
        assertTrue(week.message().contains("604800"), week.message());
        assertRejected(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, verify("s3", edit(r, b -> b.rawQuery(
                q.replaceAll("&X-Amz-Signature=[0-9a-f]+", "")))));
        assertRejected(AuthError.AUTHORIZATION_QUERY_PARAMETERS_ERROR, verify("s3", edit(r, b -> b.rawQuery(
                q.replace("%2Feu-west-1%2F", "%2Fus-east-1%2F")))));
        assertRejected(AuthError.ACCESS_DENIED, verify("s3", edit(r, b -> b.header("x-amz-acl", "public-read"))));
        assertTrue(verify("s3", edit(r, b -> b.header("User-Agent", "browser"))).isValid());
    }

    @Test
    void presignExpiryMustBeOneSecondToSevenDays() {
        SigV4Signer signer = SigV4Signer.create(cfg("s3", CREDS).build());
        signer.presign(request("s3"), Duration.ofSeconds(1));
        signer.presign(request("s3"), Duration.ofSeconds(604800));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> signer.presign(request("s3"), Duration.ofSeconds(604801)));
        assertTrue(e.getMessage().startsWith("expiresIn"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> signer.presign(request("s3"), Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> signer.presign(request("s3"), Duration.ofSeconds(-5)));
    }

    // ------------------------------------------------------------------ aws-chunked

    private static byte[] data(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    private static SignedRequest signStreaming(PayloadSigning mode, ChecksumAlgorithm checksum, byte[] body) {
        return SigV4Signer.create(cfg("s3", CREDS)
                .option(SigV4Options.PAYLOAD_SIGNING, mode)
                .option(SigV4Options.CHUNK_SIZE, 8192)
                .option(SigV4Options.TRAILER_CHECKSUM, checksum).build())
                .sign(request("s3").toBuilder().payload(Payload.ofBytes(body)).build());
    }

    private static byte[] encode(SignedRequest s) throws IOException {
        try (InputStream in = s.request().payload().openStream()) {
            return in.readAllBytes();
        }
    }

    private static InputStream decode(SignedRequest s, byte[] encoded) {
        return verifier("s3").verifyStreaming(s.request(), SECRETS, NOW, new ByteArrayInputStream(encoded));
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> streamingModes() {
        java.util.List<org.junit.jupiter.params.provider.Arguments> out = new java.util.ArrayList<>();
        out.add(org.junit.jupiter.params.provider.Arguments.of(PayloadSigning.STREAMING_SIGNED, ChecksumAlgorithm.CRC32));
        for (ChecksumAlgorithm c : ChecksumAlgorithm.values()) {
            out.add(org.junit.jupiter.params.provider.Arguments.of(PayloadSigning.STREAMING_SIGNED_TRAILER, c));
            out.add(org.junit.jupiter.params.provider.Arguments.of(PayloadSigning.STREAMING_UNSIGNED_TRAILER, c));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @org.junit.jupiter.params.provider.MethodSource("streamingModes")
    void awsChunkedRoundTrips(PayloadSigning mode, ChecksumAlgorithm checksum) throws IOException {
        for (int size : new int[] {0, 1, 8191, 8192, 8193, 30000}) {
            byte[] body = data(size);
            SignedRequest s = signStreaming(mode, checksum, body);
            byte[] encoded = encode(s);
            assertEquals(Long.parseLong(s.request().headers().firstValue("Content-Length").orElseThrow()),
                    encoded.length);
            assertEquals(Integer.toString(size),
                    s.request().headers().firstValue("x-amz-decoded-content-length").orElseThrow());
            assertEquals("aws-chunked", s.request().headers().firstValue("Content-Encoding").orElseThrow());
            assertEquals(mode.literal(), s.request().headers().firstValue("x-amz-content-sha256").orElseThrow());
            if (mode.hasTrailer()) {
                assertEquals(checksum.headerName(), s.request().headers().firstValue("x-amz-trailer").orElseThrow());
            }
            assertArrayEquals(body, decode(s, encoded).readAllBytes(), mode + " " + size);
        }
    }

    private static AwsChunkedException decodeFails(SignedRequest s, byte[] encoded, int[] handedOn) {
        InputStream in = decode(s, encoded);
        byte[] buf = new byte[1000];
        return assertThrows(AwsChunkedException.class, () -> {
            int r;
            while ((r = in.read(buf)) >= 0) {
                handedOn[0] += r;
            }
        });
    }

    @Test
    void aTamperedChunkIsRejectedBeforeItsDataIsHandedOn() throws IOException {
        byte[] body = data(30000);
        SignedRequest s = signStreaming(PayloadSigning.STREAMING_SIGNED, ChecksumAlgorithm.CRC32, body);
        byte[] encoded = encode(s);
        // the second chunk's data starts after the first frame (header 88 bytes + 8192 + CRLF) and its header
        int secondData = (4 + 17 + 64 + 2) + 8192 + 2 + (4 + 17 + 64 + 2);
        encoded[secondData + 100] ^= 1;
        int[] handedOn = {0};
        AwsChunkedException e = decodeFails(s, encoded, handedOn);
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, e.error());
        assertEquals(8192, handedOn[0], "only the first, intact chunk was handed on");
        assertTrue(e.result().stringToSign().orElseThrow().startsWith("AWS4-HMAC-SHA256-PAYLOAD\n"));
    }

    @Test
    void aChangedChunkSignatureOrTruncatedBodyIsRejected() throws IOException {
        byte[] body = data(20000);
        SignedRequest s = signStreaming(PayloadSigning.STREAMING_SIGNED, ChecksumAlgorithm.CRC32, body);
        byte[] encoded = encode(s);
        byte[] badSig = encoded.clone();
        badSig[4 + 17 + 10] = (byte) (badSig[4 + 17 + 10] == 'a' ? 'b' : 'a');
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, decodeFails(s, badSig, new int[1]).error());
        byte[] truncated = java.util.Arrays.copyOf(encoded, encoded.length - 100);
        assertEquals(AuthError.INCOMPLETE_BODY, decodeFails(s, truncated, new int[1]).error());
        byte[] noFinal = java.util.Arrays.copyOf(encoded, encoded.length - (1 + 17 + 64 + 2 + 2));
        assertEquals(AuthError.INCOMPLETE_BODY, decodeFails(s, noFinal, new int[1]).error());
    }

    @Test
    void aTamperedTrailerIsRejected() throws IOException {
        byte[] body = data(20000);
        SignedRequest signed = signStreaming(PayloadSigning.STREAMING_SIGNED_TRAILER, ChecksumAlgorithm.CRC32C, body);
        String text = new String(encode(signed), StandardCharsets.ISO_8859_1);
        String actual = ChecksumAlgorithm.CRC32C.newRunning().base64();
        int at = text.indexOf("x-amz-checksum-crc32c:") + "x-amz-checksum-crc32c:".length();
        String forged = text.substring(0, at) + (text.charAt(at) == 'A' ? 'B' : 'A') + text.substring(at + 1);
        assertFalse(actual.isEmpty());
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, decodeFails(signed,
                forged.getBytes(StandardCharsets.ISO_8859_1), new int[1]).error());

        SignedRequest unsigned = signStreaming(PayloadSigning.STREAMING_UNSIGNED_TRAILER, ChecksumAlgorithm.CRC32C, body);
        String u = new String(encode(unsigned), StandardCharsets.ISO_8859_1);
        int ut = u.indexOf("x-amz-checksum-crc32c:") + "x-amz-checksum-crc32c:".length();
        String badChecksum = u.substring(0, ut) + (u.charAt(ut) == 'A' ? 'B' : 'A') + u.substring(ut + 1);
        assertEquals(AuthError.BAD_DIGEST, decodeFails(unsigned, badChecksum.getBytes(StandardCharsets.ISO_8859_1),
                new int[1]).error());
        // in the unsigned-trailer mode a changed chunk is caught by the checksum
        byte[] flipped = u.getBytes(StandardCharsets.ISO_8859_1);
        flipped[10] ^= 1;
        assertEquals(AuthError.BAD_DIGEST, decodeFails(unsigned, flipped, new int[1]).error());
    }

    @Test
    void aChangedStreamingHeaderFailsTheSeedSignature() throws IOException {
        SignedRequest s = signStreaming(PayloadSigning.STREAMING_SIGNED, ChecksumAlgorithm.CRC32, data(100));
        byte[] encoded = encode(s);
        SignableRequest changed = edit(s.request(), b -> b.setHeader("x-amz-decoded-content-length", "99"));
        VerificationException e = assertThrows(VerificationException.class, () -> verifier("s3")
                .verifyStreaming(changed, SECRETS, NOW, new ByteArrayInputStream(encoded)));
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, e.error());
        VerificationException skew = assertThrows(VerificationException.class, () -> verifier("s3")
                .verifyStreaming(s.request(), SECRETS, NOW.plus(Duration.ofHours(1)), new ByteArrayInputStream(encoded)));
        assertEquals(AuthError.REQUEST_TIME_TOO_SKEWED, skew.error());
    }
}
