package dev.awssig.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Credentials;
import dev.awssig.Payload;
import dev.awssig.PresignedUrl;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import dev.awssig.v4.ChecksumAlgorithm;
import dev.awssig.v4.PayloadSigning;
import dev.awssig.v4.SigV4Options;
import dev.awssig.v4.SigV4Signer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** SigV4 through the filter in Jetty: header, presigned, aws-chunked; each failure answered as S3 does. */
class SigV4FilterTest {
    static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Credentials KEY = Credentials.of("AKIDFILTEREXAMPLE", "filter/secret+KEY/EXAMPLE");
    static FilterServer server;

    @BeforeAll
    static void start() throws Exception {
        server = FilterServer.start(VerifyingFilter.builder()
                .secrets(SecretLookup.of(Map.of(KEY.accessKeyId(), KEY.secretAccessKey())))
                .region("us-east-1").clock(CLOCK).build());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    static SigV4Signer signer(Credentials c, PayloadSigning mode, ChecksumAlgorithm checksum) {
        SigningConfig.Builder b = SigningConfig.builder().credentials(c).region("us-east-1").service("s3").clock(CLOCK)
                .option(SigV4Options.PAYLOAD_SIGNING, mode).option(SigV4Options.CHUNK_SIZE, 8192);
        if (checksum != null) {
            b.option(SigV4Options.TRAILER_CHECKSUM, checksum);
        }
        return SigV4Signer.create(b.build());
    }

    String uri(String pathAndQuery) {
        return "http://127.0.0.1:" + server.port + pathAndQuery;
    }

    static byte[] body(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    static byte[] encoded(SignedRequest s) throws Exception {
        try (InputStream in = s.request().payload().openStream()) {
            return in.readAllBytes();
        }
    }

    @Test
    void headerSignedGetReachesTheApplicationWithItsAttributes() throws Exception {
        SignedRequest s = signer(KEY, PayloadSigning.SIGNED, null).sign(SignableRequest.builder().method("GET")
                .uri(uri("/bucket/a%20b/c+d.txt?list-type=2&prefix=a%2F")).build());
        Http.Response r = Http.send(server.port, Http.raw(s.request(), null));
        assertEquals(200, r.status, r.text());
        FilterServer.Seen seen = server.last();
        assertEquals(AuthScheme.SIGV4_HEADER, seen.scheme);
        assertEquals(KEY.accessKeyId(), seen.accessKeyId);
        assertEquals(List.of("host", "x-amz-content-sha256", "x-amz-date"), seen.signedHeaders);
        assertTrue(seen.sawEnd);
        assertEquals(0, seen.bytes);
        assertNotNull(r.header("x-amz-request-id"));
    }

    @ParameterizedTest
    @EnumSource(value = PayloadSigning.class, names = {"SIGNED", "UNSIGNED"})
    void headerSignedPutHandsOnTheBody(PayloadSigning mode) throws Exception {
        byte[] data = body(100_000);
        SignedRequest s = signer(KEY, mode, null).sign(SignableRequest.builder().method("PUT")
                .uri(uri("/bucket/key")).payload(Payload.ofBytes(data)).build());
        Http.Response r = Http.send(server.port, Http.raw(s.request(), data));
        assertEquals(200, r.status, r.text());
        assertEquals("ok 100000 " + sha256(data), r.text());
        assertEquals(AuthScheme.SIGV4_HEADER, server.last().scheme);
    }

    @Test
    void headersReachTheVerifierAsSent() throws Exception {
        byte[] data = "item 0".getBytes(StandardCharsets.UTF_8);
        SignedRequest s = signer(KEY, PayloadSigning.SIGNED, null).sign(SignableRequest.builder().method("PUT")
                .uri(uri("/bucket/list/0")).header("Content-Type", "text/plain; charset=UTF-8")
                .header("Content-Language", "en,  de").header("x-amz-meta-a", " spaced  value ")
                .payload(Payload.ofBytes(data)).build());
        Http.Response r = Http.send(server.port, Http.raw(s.request(), data));
        assertEquals(200, r.status, r.text());
    }

    @Test
    void presignedGetIsAccepted() throws Exception {
        PresignedUrl url = signer(KEY, PayloadSigning.UNSIGNED, null).presign(SignableRequest.builder().method("GET")
                .uri(uri("/bucket/photo.jpg?response-content-type=image%2Fjpeg")).build(), Duration.ofMinutes(5));
        Http.Response r = Http.get(server.port, url, "GET");
        assertEquals(200, r.status, r.text());
        assertEquals(AuthScheme.SIGV4_PRESIGNED, server.last().scheme);
        assertEquals(List.of("host"), server.last().signedHeaders);
    }

    enum Streaming {
        SIGNED(PayloadSigning.STREAMING_SIGNED, null, AuthScheme.SIGV4_STREAMING_SIGNED),
        SIGNED_TRAILER_CRC32C(PayloadSigning.STREAMING_SIGNED_TRAILER, ChecksumAlgorithm.CRC32C,
                AuthScheme.SIGV4_STREAMING_SIGNED_TRAILER),
        SIGNED_TRAILER_CRC64NVME(PayloadSigning.STREAMING_SIGNED_TRAILER, ChecksumAlgorithm.CRC64NVME,
                AuthScheme.SIGV4_STREAMING_SIGNED_TRAILER),
        UNSIGNED_TRAILER_SHA256(PayloadSigning.STREAMING_UNSIGNED_TRAILER, ChecksumAlgorithm.SHA256,
                AuthScheme.SIGV4_STREAMING_UNSIGNED_TRAILER);

        final PayloadSigning mode;
        final ChecksumAlgorithm checksum;
        final AuthScheme scheme;

        Streaming(PayloadSigning mode, ChecksumAlgorithm checksum, AuthScheme scheme) {
            this.mode = mode;
            this.checksum = checksum;
            this.scheme = scheme;
        }
    }

    @ParameterizedTest
    @EnumSource(Streaming.class)
    void awsChunkedUploadIsDecodedForTheApplication(Streaming kind) throws Exception {
        byte[] data = body(50_000);
        SignedRequest s = signer(KEY, kind.mode, kind.checksum).sign(SignableRequest.builder().method("PUT")
                .uri(uri("/bucket/chunked")).header("Content-Encoding", "gzip").payload(Payload.ofBytes(data)).build());
        Http.Response r = Http.send(server.port, Http.raw(s.request(), encoded(s)));
        assertEquals(200, r.status, r.text());
        assertEquals("ok 50000 " + sha256(data), r.text());
        FilterServer.Seen seen = server.last();
        assertEquals(kind.scheme, seen.scheme);
        assertEquals("50000", seen.contentLength);
        assertEquals("gzip", seen.contentEncoding);
        assertTrue(seen.sawEnd);
    }

    @Test
    void anAlteredChunkFailsTheReadAndIsAnsweredSignatureDoesNotMatch() throws Exception {
        byte[] data = body(40_000);
        SignedRequest s = signer(KEY, PayloadSigning.STREAMING_SIGNED, null).sign(SignableRequest.builder()
                .method("PUT").uri(uri("/bucket/chunked")).payload(Payload.ofBytes(data)).build());
        byte[] wire = encoded(s);
        wire[wire.length - 200] ^= 1; // inside the last data chunk
        Http.Response r = Http.send(server.port, Http.raw(s.request(), wire));
        assertEquals(403, r.status, r.text());
        assertEquals("SignatureDoesNotMatch", r.element("Code"));
        FilterServer.Seen seen = server.last();
        assertFalse(seen.sawEnd, "the application never reaches end-of-body");
        assertNotNull(seen.failure);
        assertTrue(seen.bytes < data.length);
    }

    @Test
    void aWrongPayloadHashFailsTheLastReadBeforeEndOfBody() throws Exception {
        byte[] data = body(30_000);
        SignedRequest s = signer(KEY, PayloadSigning.SIGNED, null).sign(SignableRequest.builder().method("PUT")
                .uri(uri("/bucket/key")).payload(Payload.ofBytes(data)).build());
        byte[] sent = data.clone();
        sent[sent.length - 1] ^= 1;
        Http.Response r = Http.send(server.port, Http.raw(s.request(), sent));
        assertEquals(400, r.status, r.text());
        assertEquals("XAmzContentSHA256Mismatch", r.element("Code"));
        FilterServer.Seen seen = server.last();
        assertFalse(seen.sawEnd);
        assertTrue(seen.bytes < sent.length, "the last bytes are withheld: " + seen.bytes);
    }

    @Test
    void aWrongContentMd5IsBadDigest() throws Exception {
        byte[] data = body(1000);
        SignedRequest s = signer(KEY, PayloadSigning.UNSIGNED, null).sign(SignableRequest.builder().method("PUT")
                .uri(uri("/bucket/key")).header("Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg==")
                .payload(Payload.ofBytes(data)).build());
        Http.Response r = Http.send(server.port, Http.raw(s.request(), data));
        assertEquals(400, r.status, r.text());
        assertEquals("BadDigest", r.element("Code"));
    }

    @Test
    void aWrongSecretIsSignatureDoesNotMatchWithWhatTheServerComputed() throws Exception {
        SignedRequest s = signer(Credentials.of(KEY.accessKeyId(), "not-the-secret"), PayloadSigning.SIGNED, null)
                .sign(SignableRequest.builder().method("GET").uri(uri("/bucket/key")).build());
        Http.Response r = Http.send(server.port, Http.raw(s.request(), null));
        assertEquals(403, r.status);
        assertEquals("application/xml", r.header("Content-Type").split(";")[0]);
        assertEquals("SignatureDoesNotMatch", r.element("Code"));
        assertEquals(s.stringToSign(), r.element("StringToSign"));
        assertEquals(s.canonicalRequest(), r.element("CanonicalRequest"));
        assertTrue(r.element("StringToSignBytes").startsWith("41 57 53 34 2d"), r.element("StringToSignBytes"));
        assertEquals(r.header("x-amz-request-id"), r.element("RequestId"));
        assertEquals(KEY.accessKeyId(), r.element("AWSAccessKeyId"));
        assertFalse(r.text().contains(s.signature()), "the signature is not echoed");
    }

    @Test
    void anAlteredSignedHeaderAnUnknownKeyAndSkewAreRefused() throws Exception {
        SignedRequest s = signer(KEY, PayloadSigning.SIGNED, null).sign(SignableRequest.builder().method("GET")
                .uri(uri("/bucket/key")).header("x-amz-meta-color", "red").build());
        SignableRequest altered = s.request().toBuilder().setHeader("x-amz-meta-color", "blue").build();
        assertEquals("SignatureDoesNotMatch", Http.send(server.port, Http.raw(altered, null)).element("Code"));

        SignedRequest unknown = signer(Credentials.of("AKIDUNKNOWN", "x"), PayloadSigning.SIGNED, null)
                .sign(SignableRequest.builder().method("GET").uri(uri("/bucket/key")).build());
        Http.Response r = Http.send(server.port, Http.raw(unknown.request(), null));
        assertEquals(403, r.status);
        assertEquals("InvalidAccessKeyId", r.element("Code"));

        SigV4Signer late = SigV4Signer.create(SigningConfig.builder().credentials(KEY).region("us-east-1")
                .service("s3").clock(Clock.fixed(NOW.plus(Duration.ofMinutes(20)), ZoneOffset.UTC)).build());
        Http.Response skew = Http.send(server.port, Http.raw(late.sign(SignableRequest.builder().method("GET")
                .uri(uri("/bucket/key")).build()).request(), null));
        assertEquals(403, skew.status);
        assertEquals("RequestTimeTooSkewed", skew.element("Code"));
    }

    @Test
    void anExpiredUrlIsAccessDenied() throws Exception {
        SigV4Signer earlier = SigV4Signer.create(SigningConfig.builder().credentials(KEY).region("us-east-1")
                .service("s3").clock(Clock.fixed(NOW.minus(Duration.ofHours(2)), ZoneOffset.UTC)).build());
        PresignedUrl url = earlier.presign(SignableRequest.builder().method("GET").uri(uri("/bucket/key")).build(),
                Duration.ofHours(1));
        Http.Response r = Http.get(server.port, url, "GET");
        assertEquals(403, r.status);
        assertEquals("AccessDenied", r.element("Code"));
        assertEquals("Request has expired", r.element("Message"));
    }

    @Test
    void aHeadRequestIsAnsweredWithoutABody() throws Exception {
        SignedRequest s = signer(Credentials.of(KEY.accessKeyId(), "wrong"), PayloadSigning.SIGNED, null)
                .sign(SignableRequest.builder().method("HEAD").uri(uri("/bucket/key")).build());
        Http.Response r = Http.send(server.port, Http.raw(s.request(), null));
        assertEquals(403, r.status);
        assertEquals(0, r.body.length);
    }

    @Test
    void anUnsupportedAuthorizationTypeIsInvalidArgument() throws Exception {
        Http.Response r = Http.send(server.port, Http.raw("GET", "/bucket/key", dev.awssig.Headers.builder()
                .add("Authorization", "Bearer abc").build(), null));
        assertEquals(400, r.status);
        assertEquals("InvalidArgument", r.element("Code"));
        assertEquals("Unsupported Authorization Type", r.element("Message"));
    }

    @Test
    void aStreamedBodyReachesTheApplicationBeforeTheClientHasSentItAll() throws Exception {
        byte[] data = body(200_000);
        SignedRequest s = signer(KEY, PayloadSigning.STREAMING_SIGNED_TRAILER, ChecksumAlgorithm.CRC32)
                .sign(SignableRequest.builder().method("PUT").uri(uri("/bucket/big")).payload(Payload.ofBytes(data))
                        .build());
        byte[] raw = Http.raw(s.request(), encoded(s));
        java.util.concurrent.CountDownLatch first = new java.util.concurrent.CountDownLatch(1);
        server.firstBytes = first;
        try {
            // the headers and the first two chunks only; the rest is sent once the application has read data
            Http.Response r = Http.send(server.port, raw, raw.length - 150_000, () -> {
                try {
                    assertTrue(first.await(20, java.util.concurrent.TimeUnit.SECONDS),
                            "the application read decoded bytes while the upload was still arriving");
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            assertEquals(200, r.status, r.text());
            assertEquals("ok 200000 " + sha256(data), r.text());
        } finally {
            server.firstBytes = null;
        }
    }

    @Test
    void theErrorDocumentEscapesWhatTheRequestBrought() throws Exception {
        SignedRequest s = signer(Credentials.of(KEY.accessKeyId(), "wrong"), PayloadSigning.SIGNED, null)
                .sign(SignableRequest.builder().method("GET").uri(uri("/bucket/%3Cscript%3E?a=%26%3C"))
                        .header("x-amz-meta-x", "<b>&amp;</b>").build());
        Http.Response r = Http.send(server.port, Http.raw(s.request(), null));
        String xml = r.text();
        assertFalse(xml.contains("<b>"), xml);
        assertTrue(xml.contains("&lt;b&gt;&amp;amp;&lt;/b&gt;"), xml);
        String creq = r.element("CanonicalRequest").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&amp;", "&");
        assertEquals(s.canonicalRequest(), creq);
        assertTrue(new String(r.body, StandardCharsets.UTF_8).startsWith("<?xml"));
    }
}
