package dev.awssig.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.awssig.Payload;
import dev.awssig.Presigner;
import dev.awssig.PresignedUrl;
import dev.awssig.SignableRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Presigned URLs (SigV4 GET and PUT, SigV2 GET) used with no credentials at all, and their expiry. */
@ExtendWith(S3ProxyExtension.class)
class PresignedUrlE2ETest {
    private static final String BUCKET = "presigned";
    private static final Clock TWO_HOURS_AGO = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);

    private static S3Client owner;

    @BeforeAll
    static void bucket(S3ProxyServer s) {
        owner = new S3Client(s.endpoint(), Fixtures.signing(Fixtures.v4()));
        Scenarios.createBucket(owner, BUCKET);
    }

    private static PresignedUrl presign(Presigner p, String method, S3ProxyServer s, String key, Duration expiresIn) {
        SignableRequest r = SignableRequest.builder().method(method).uri(s.endpoint() + S3Paths.objectPath(BUCKET, key))
                .payload(Payload.unsigned()).build();
        return p.presign(r, expiresIn);
    }

    /** Sends a presigned URL as a browser or curl would: the URL and the headers it signed, nothing else. */
    private static S3Http.Response use(PresignedUrl url, byte[] body) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        url.signedHeaders().entries().forEach(h -> {
            if (!h.name().equalsIgnoreCase("host")) {
                headers.put(h.name(), h.value());
            }
        });
        return S3Http.send(url.method(), url.url(), headers, body);
    }

    @Test
    void sigV4PresignedGetReadsTheObject(S3ProxyServer s) {
        String key = "get/v4 presigned+\u00fc~.bin";
        byte[] body = Scenarios.bytes(1000, 21);
        assertEquals(200, owner.put(BUCKET, key, body).status());
        S3Http.Response r = use(presign(Fixtures.v4Presigner(Clock.systemUTC()), "GET", s, key,
                Duration.ofMinutes(5)), null);
        assertEquals(200, r.status(), r::describe);
        assertArrayEquals(body, r.body());
    }

    @Test
    void sigV4PresignedPutWritesTheObject(S3ProxyServer s) {
        String key = "put/v4 presigned%+.bin";
        byte[] body = Scenarios.bytes(2000, 22);
        S3Http.Response r = use(presign(Fixtures.v4Presigner(Clock.systemUTC()), "PUT", s, key,
                Duration.ofMinutes(5)), body);
        assertEquals(200, r.status(), r::describe);
        S3Http.Response get = owner.get(BUCKET, key);
        assertEquals(200, get.status(), get::describe);
        assertArrayEquals(body, get.body());
    }

    @Test
    void sigV4PresignedUrlPastItsExpiryIsAccessDenied(S3ProxyServer s) {
        String key = "expired/v4";
        assertEquals(200, owner.put(BUCKET, key, new byte[] {1}).status());
        S3Http.Response r = use(presign(Fixtures.v4Presigner(TWO_HOURS_AGO), "GET", s, key, Duration.ofMinutes(5)),
                null);
        assertEquals(403, r.status(), r::describe);
        assertEquals("AccessDenied", r.errorCode(), r::describe);
    }

    @Test
    void sigV4PresignedUrlForAnotherKeyIsSignatureDoesNotMatch(S3ProxyServer s) {
        assertEquals(200, owner.put(BUCKET, "other/a", new byte[] {1}).status());
        assertEquals(200, owner.put(BUCKET, "other/b", new byte[] {2}).status());
        PresignedUrl url = presign(Fixtures.v4Presigner(Clock.systemUTC()), "GET", s, "other/a", Duration.ofMinutes(5));
        S3Http.Response r = S3Http.send("GET", url.url().replace("/other/a?", "/other/b?"), Map.of(), null);
        assertEquals(403, r.status(), r::describe);
        assertEquals("SignatureDoesNotMatch", r.errorCode(), r::describe);
    }

    @Test
    void sigV2PresignedGetReadsTheObject(S3ProxyServer s) {
        String key = "get/v2 presigned+\u00fc~.bin";
        byte[] body = Scenarios.bytes(1000, 23);
        assertEquals(200, owner.put(BUCKET, key, body).status());
        S3Http.Response r = use(presign(Fixtures.v2Presigner(Clock.systemUTC()), "GET", s, key,
                Duration.ofMinutes(5)), null);
        assertEquals(200, r.status(), r::describe);
        assertArrayEquals(body, r.body());
    }

    @Test
    void sigV2PresignedUrlPastItsExpiryIsAccessDenied(S3ProxyServer s) {
        String key = "expired/v2";
        assertEquals(200, owner.put(BUCKET, key, new byte[] {1}).status());
        S3Http.Response r = use(presign(Fixtures.v2Presigner(TWO_HOURS_AGO), "GET", s, key, Duration.ofMinutes(5)),
                null);
        assertEquals(403, r.status(), r::describe);
        assertEquals("AccessDenied", r.errorCode(), r::describe);
    }

    /**
     * A path given to the presigner with a raw space and non-ASCII characters, SigV4 and SigV2:
     * the URL is a valid {@code URI}, encodes them once, and s3proxy serves the object through it,
     * to the JDK client and to curl; the same through {@link dev.awssig.S3Location}.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"v4", "v2"})
    void aRawSpaceOrNonAsciiCharacterInThePathGivesAUrlClientsAndTheServerAccept(String version, S3ProxyServer s)
            throws Exception {
        String key = "raw path/a b caf\u00e9 " + version + ".txt";
        byte[] body = Scenarios.bytes(500, 24);
        assertEquals(200, owner.put(BUCKET, key, body).status());
        Presigner presigner = version.equals("v4") ? Fixtures.v4Presigner(Clock.systemUTC())
                : Fixtures.v2Presigner(Clock.systemUTC());
        PresignedUrl url = presigner.presign(SignableRequest.builder().method("GET")
                .uri(s.endpoint() + "/" + BUCKET + "/" + key).build(), Duration.ofMinutes(5));
        java.net.URI uri = url.toUri();
        assertEquals(uri, java.net.URI.create(url.url()));
        org.junit.jupiter.api.Assertions.assertTrue(url.url().contains("/raw%20path/a%20b%20caf%C3%A9%20"), url::toString);
        S3Http.Response r = S3Http.send("GET", url.url(), Map.of(), null);
        assertEquals(200, r.status(), r::describe);
        assertArrayEquals(body, r.body());
        assertArrayEquals(body, curl(url.url()), "curl fetches the URL as printed");

        PresignedUrl viaLocation = presigner.presign("GET", dev.awssig.S3Location.of(BUCKET, key),
                dev.awssig.S3Location.Endpoint.of(s.endpoint()), Duration.ofMinutes(5));
        S3Http.Response r2 = S3Http.send("GET", viaLocation.url(), Map.of(), null);
        assertEquals(200, r2.status(), r2::describe);
        assertArrayEquals(body, r2.body());
    }

    /** The body curl gets for a URL (skipped where curl is not installed). */
    private static byte[] curl(String url) throws Exception {
        java.nio.file.Path curl = java.nio.file.Path.of("/usr/bin/curl");
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(curl), "curl is not installed");
        java.nio.file.Path out = java.nio.file.Files.createTempFile("curl", ".bin");
        try {
            Process p = new ProcessBuilder(curl.toString(), "-sS", "--fail", "--max-time", "30", "-o", out.toString(), url)
                    .redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), "curl failed: " + log);
            return java.nio.file.Files.readAllBytes(out);
        } finally {
            java.nio.file.Files.deleteIfExists(out);
        }
    }
}
