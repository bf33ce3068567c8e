package dev.awssig.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Credentials;
import dev.awssig.CredentialsLookup;
import dev.awssig.Headers;
import dev.awssig.Payload;
import dev.awssig.PresignedUrl;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.Signers;
import dev.awssig.SigningConfig;
import dev.awssig.post.PostForm;
import dev.awssig.post.PostFormRequest;
import dev.awssig.post.PostFormSigner;
import dev.awssig.post.PostPolicy;
import dev.awssig.v2.S3V2Signer;
import dev.awssig.v4.ChecksumAlgorithm;
import dev.awssig.v4.PayloadSigning;
import dev.awssig.v4.SigV4Options;
import dev.awssig.v4.SigV4Signer;
import dev.awssig.v4a.RegionSet;
import dev.awssig.v4a.SigV4aOptions;
import dev.awssig.v4a.SigV4aSigner;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * SigV2 (header, presigned), browser POST uploads (SigV4 and SigV2 policies), SigV4a (header,
 * presigned, aws-chunked), session tokens (an entry with a token, the same key id without one),
 * anonymous requests and a server without a verifier, through the filter in Jetty.
 */
class OtherSchemesFilterTest {
    static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final Credentials KEY = Credentials.of("AKIDOTHEREXAMPLE", "other/secret+KEY");
    static final Credentials SESSION = Credentials.of("ASIASESSIONEXAMPLE", "session/secret", "token/AAAA+session==");
    static final Credentials SAME_ID_NO_TOKEN = Credentials.of("ASIASESSIONEXAMPLE", "long/term/secret");
    static FilterServer server;
    static FilterServer open;

    @BeforeAll
    static void start() throws Exception {
        CredentialsLookup keys = CredentialsLookup.of(List.of(KEY, SESSION, SAME_ID_NO_TOKEN));
        server = FilterServer.start(VerifyingFilter.builder().credentials(keys).region("us-east-1").clock(CLOCK)
                .build());
        open = FilterServer.start(VerifyingFilter.builder().credentials(keys).clock(CLOCK)
                .anonymous(AnonymousRequests.ALLOW).signers(Signers.of()).build());
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        open.close();
    }

    String uri(String pathAndQuery) {
        return "http://127.0.0.1:" + server.port + pathAndQuery;
    }

    static SigningConfig config(Credentials c) {
        return SigningConfig.builder().credentials(c).region("us-east-1").service("s3").clock(CLOCK).build();
    }

    @Test
    void sigV2HeaderAndPresignedAreAccepted() throws Exception {
        byte[] data = "v2 body".getBytes(StandardCharsets.UTF_8);
        SignedRequest s = S3V2Signer.create(config(KEY)).sign(SignableRequest.builder().method("PUT")
                .uri(uri("/bucket/v2.txt")).header("Content-Type", "text/plain").header("x-amz-meta-a", "1")
                .payload(Payload.ofBytes(data)).build());
        Http.Response r = Http.send(server.port, Http.raw(s.request(), data));
        assertEquals(200, r.status, r.text());
        assertEquals(AuthScheme.SIGV2_HEADER, server.last().scheme);
        assertEquals(List.of("content-type", "date", "x-amz-meta-a"), server.last().signedHeaders);
        assertEquals(7, server.last().bytes);

        PresignedUrl url = S3V2Signer.create(config(KEY)).presign(SignableRequest.builder().method("GET")
                .uri(uri("/bucket/v2.txt")).build(), Duration.ofMinutes(5));
        Http.Response p = Http.get(server.port, url, "GET");
        assertEquals(200, p.status, p.text());
        assertEquals(AuthScheme.SIGV2_PRESIGNED, server.last().scheme);
    }

    @Test
    void aSigV2SignatureMismatchCarriesTheStringToSign() throws Exception {
        SignedRequest s = S3V2Signer.create(config(Credentials.of(KEY.accessKeyId(), "wrong")))
                .sign(SignableRequest.builder().method("GET").uri(uri("/bucket/v2.txt")).build());
        Http.Response r = Http.send(server.port, Http.raw(s.request(), null));
        assertEquals(403, r.status);
        assertEquals("SignatureDoesNotMatch", r.element("Code"));
        assertEquals(s.stringToSign(), r.element("StringToSign"));
        assertNull(r.element("CanonicalRequest"));
    }

    static byte[] multipart(PostForm form, String fileName, byte[] file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String b = "----filterTestBoundary";
        for (PostForm.Field f : form.fields()) {
            out.writeBytes(("--" + b + "\r\nContent-Disposition: form-data; name=\"" + f.name() + "\"\r\n\r\n"
                    + f.value() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(file);
        out.writeBytes(("\r\n--" + b + "\r\nContent-Disposition: form-data; name=\"submit\"\r\n\r\nUpload\r\n--" + b
                + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    Http.Response post(PostForm form, String fileName, byte[] file) throws Exception {
        byte[] body = multipart(form, fileName, file);
        return Http.send(server.port, Http.raw("POST", "/bucket", Headers.builder()
                .add("Host", "127.0.0.1:" + server.port)
                .add("Content-Type", "multipart/form-data; boundary=----filterTestBoundary").build(), body));
    }

    static PostForm form(boolean v4, Credentials c, Instant expiration) {
        SigningConfig config = config(c).toBuilder().clock(Clock.fixed(expiration.minusSeconds(3600), ZoneOffset.UTC))
                .build();
        PostPolicy policy = PostPolicy.builder().expiration(expiration).keyStartsWith("uploads/")
                .contentTypeStartsWith("image/").contentLengthRange(1, 100_000).build();
        PostFormRequest request = PostFormRequest.builder().bucket("bucket").key("uploads/${filename}").policy(policy)
                .field("Content-Type", "image/png").endpoint(java.net.URI.create("http://127.0.0.1")).build();
        return (v4 ? PostFormSigner.v4(config) : PostFormSigner.v2(config)).sign(request);
    }

    @Test
    void browserPostUploadsAreVerifiedAndTheFileStreamsToTheApplication() throws Exception {
        byte[] file = new byte[70_000];
        new java.util.Random(7).nextBytes(file);
        for (boolean v4 : new boolean[] {true, false}) {
            Http.Response r = post(form(v4, KEY, NOW.plusSeconds(600)), "C:\\photos\\cat.png", file);
            assertEquals(200, r.status, r.text());
            FilterServer.Seen seen = server.last();
            assertEquals(v4 ? AuthScheme.POST_POLICY_V4 : AuthScheme.POST_POLICY_V2, seen.scheme);
            assertEquals(KEY.accessKeyId(), seen.accessKeyId);
            assertEquals(70_000, seen.bytes);
            assertEquals(SigV4FilterTest.sha256(file), seen.sha256);
            assertEquals("uploads/cat.png", seen.upload.key());
            assertEquals("image/png", seen.contentType);
            assertFalse(seen.upload.toString().contains(seen.upload.field("policy").orElseThrow()));
        }
    }

    @Test
    void browserPostUploadsOutsideThePolicyAreRefused() throws Exception {
        Http.Response big = post(form(true, KEY, NOW.plusSeconds(600)), "big.png", new byte[100_001]);
        assertEquals(400, big.status);
        assertEquals("EntityTooLarge", big.element("Code"));
        assertFalse(server.last().sawEnd);

        Http.Response expired = post(form(true, KEY, NOW.minusSeconds(1)), "a.png", new byte[10]);
        assertEquals(403, expired.status);
        assertEquals("AccessDenied", expired.element("Code"));

        Http.Response wrong = post(form(true, Credentials.of(KEY.accessKeyId(), "wrong"), NOW.plusSeconds(600)),
                "a.png", new byte[10]);
        assertEquals(403, wrong.status);
        assertEquals("SignatureDoesNotMatch", wrong.element("Code"));

        Http.Response empty = post(form(false, KEY, NOW.plusSeconds(600)), "a.png", new byte[0]);
        assertEquals(400, empty.status);
        assertEquals("EntityTooSmall", empty.element("Code"));
    }

    @Test
    void sigV4aHeaderPresignedAndStreamingAreAccepted() throws Exception {
        SigningConfig config = SigningConfig.builder().credentials(KEY).service("s3").clock(CLOCK)
                .option(SigV4aOptions.REGION_SET, RegionSet.of("us-east-1", "us-west-2")).build();
        SignedRequest s = SigV4aSigner.create(config).sign(SignableRequest.builder().method("GET")
                .uri(uri("/bucket/a")).build());
        Http.Response r = Http.send(server.port, Http.raw(s.request(), null));
        assertEquals(200, r.status, r.text());
        assertEquals(AuthScheme.SIGV4A_HEADER, server.last().scheme);

        PresignedUrl url = SigV4aSigner.create(config).presign(SignableRequest.builder().method("GET")
                .uri(uri("/bucket/a")).build(), Duration.ofMinutes(5));
        assertEquals(200, Http.get(server.port, url, "GET").status);
        assertEquals(AuthScheme.SIGV4A_PRESIGNED, server.last().scheme);

        byte[] data = new byte[20_000];
        new java.util.Random(3).nextBytes(data);
        SignedRequest chunked = SigV4aSigner.create(config.toBuilder()
                .option(SigV4Options.PAYLOAD_SIGNING, PayloadSigning.STREAMING_SIGNED_TRAILER)
                .option(SigV4Options.TRAILER_CHECKSUM, ChecksumAlgorithm.CRC64NVME)
                .option(SigV4Options.CHUNK_SIZE, 8192).build())
                .sign(SignableRequest.builder().method("PUT").uri(uri("/bucket/a")).payload(Payload.ofBytes(data)).build());
        byte[] wire;
        try (InputStream in = chunked.request().payload().openStream()) {
            wire = in.readAllBytes();
        }
        Http.Response c = Http.send(server.port, Http.raw(chunked.request(), wire));
        assertEquals(200, c.status, c.text());
        assertEquals(AuthScheme.SIGV4A_STREAMING_SIGNED_TRAILER, server.last().scheme);
        assertEquals(SigV4FilterTest.sha256(data), server.last().sha256);
    }

    @Test
    void aSessionTokenMustBeTheEntrysToken() throws Exception {
        SigV4Signer withToken = SigV4Signer.create(config(SESSION));
        Http.Response ok = Http.send(server.port, Http.raw(withToken.sign(SignableRequest.builder().method("GET")
                .uri(uri("/bucket/t")).build()).request(), null));
        assertEquals(200, ok.status, ok.text());
        assertEquals(SESSION.accessKeyId(), server.last().accessKeyId);

        // the same access key id without a token is the other entry, with its own secret
        Http.Response plain = Http.send(server.port, Http.raw(SigV4Signer.create(config(SAME_ID_NO_TOKEN))
                .sign(SignableRequest.builder().method("GET").uri(uri("/bucket/t")).build()).request(), null));
        assertEquals(200, plain.status, plain.text());

        Http.Response otherToken = Http.send(server.port, Http.raw(SigV4Signer.create(config(Credentials.of(
                SESSION.accessKeyId(), SESSION.secretAccessKey(), "another-token"))).sign(SignableRequest.builder()
                .method("GET").uri(uri("/bucket/t")).build()).request(), null));
        assertEquals(400, otherToken.status);
        assertEquals("InvalidToken", otherToken.element("Code"));

        // the session secret without its token
        Http.Response noToken = Http.send(server.port, Http.raw(SigV4Signer.create(config(SESSION.withoutSessionToken()))
                .sign(SignableRequest.builder().method("GET").uri(uri("/bucket/t")).build()).request(), null));
        assertEquals(403, noToken.status);
        assertEquals("SignatureDoesNotMatch", noToken.element("Code"));

        // a token on a key that has no entry with a token
        Http.Response tokenOnLongTerm = Http.send(server.port, Http.raw(SigV4Signer.create(config(Credentials.of(
                KEY.accessKeyId(), KEY.secretAccessKey(), "made-up"))).sign(SignableRequest.builder().method("GET")
                .uri(uri("/bucket/t")).build()).request(), null));
        assertEquals("InvalidToken", tokenOnLongTerm.element("Code"));

        PresignedUrl url = withToken.presign(SignableRequest.builder().method("GET").uri(uri("/bucket/t")).build(),
                Duration.ofMinutes(5));
        assertEquals(200, Http.get(server.port, url, "GET").status);
    }

    @Test
    void anonymousRequestsAreRefusedOrLetThroughMarked() throws Exception {
        Http.Response refused = Http.send(server.port, Http.raw("GET", "/bucket/a", Headers.empty(), null));
        assertEquals(403, refused.status);
        assertEquals("AccessDenied", refused.element("Code"));

        Http.Response allowed = Http.send(open.port, Http.raw("PUT", "/bucket/a", Headers.empty(), new byte[5]));
        assertEquals(200, allowed.status, allowed.text());
        assertEquals(AuthScheme.ANONYMOUS, open.last().scheme);
        assertNull(open.last().accessKeyId);
        assertFalse(AuthScheme.ANONYMOUS.isAuthenticated());
    }

    @Test
    void aSchemeWithoutAVerifierIsNotSupported() throws Exception {
        SignedRequest s = SigV4Signer.create(config(KEY)).sign(SignableRequest.builder().method("GET")
                .uri("http://127.0.0.1:" + open.port + "/bucket/a").build());
        Http.Response r = Http.send(open.port, Http.raw(s.request(), null));
        assertEquals(400, r.status);
        assertEquals("InvalidRequest", r.element("Code"));
        assertTrue(r.element("Message").startsWith("The authorization mechanism you have provided is not supported."));
    }
}
