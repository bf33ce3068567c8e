package dev.awssig.http.okhttp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.HttpSigning;
import dev.awssig.Payload;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.v2.S3V2Verifier;
import dev.awssig.v4.SigV4Verifier;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.BufferedSink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The interceptor against a local server (OkHttp's MockWebServer, on 127.0.0.1): what arrives is
 * checked by awssig's verifiers as S3 would check it, body included.
 */
class AwsSigningInterceptorTest {
    private static final Credentials CREDS = Credentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static final MediaType OCTETS = MediaType.get("application/octet-stream");

    private final AtomicLong seconds = new AtomicLong(Instant.parse("2025-03-01T10:00:00Z").getEpochSecond());
    /** Moves 60 s on every reading, so that two signatures never share a date. */
    private final Clock ticking = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(seconds.getAndAdd(60));
        }
    };
    private MockWebServer server;

    @BeforeEach
    void start() throws IOException {
        server = new MockWebServer();
        server.start(java.net.InetAddress.getLoopbackAddress(), 0);
    }

    @AfterEach
    void stop() throws IOException {
        server.shutdown();
    }

    private SigningConfig config() {
        return SigningConfig.builder().credentials(CREDS).region("us-east-1").service("s3").clock(ticking).build();
    }

    private OkHttpClient client(HttpSigning signing, boolean network) {
        OkHttpClient.Builder b = new OkHttpClient.Builder().retryOnConnectionFailure(true);
        AwsSigningInterceptor i = AwsSigningInterceptor.of(signing);
        return (network ? b.addNetworkInterceptor(i) : b.addInterceptor(i)).build();
    }

    @Test
    void asANetworkInterceptorAGetArrivesSigned() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(200));
        try (Response r = client(HttpSigning.of(config()), true).newCall(new Request.Builder()
                .url(server.url("/bucket/a%20b.txt?versionId=1")).header("X-Amz-Meta-A", "1").build()).execute()) {
            assertEquals(200, r.code());
        }
        RecordedRequest got = server.takeRequest(5, TimeUnit.SECONDS);
        String authz = got.getHeader("Authorization");
        assertTrue(authz.contains("SignedHeaders=accept-encoding;host;x-amz-content-sha256;x-amz-date;x-amz-meta-a,"),
                "a network interceptor sees and signs OkHttp's own headers (not User-Agent, Connection): " + authz);
        assertTrue(got.getHeader("User-Agent").startsWith("okhttp/"));
        assertValid(got, verify(got));
    }

    @Test
    void asAnApplicationInterceptorTheBodyAndItsContentTypeAreSigned() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(200));
        byte[] body = "<Delete><Object><Key>k</Key></Object></Delete>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (Response r = client(HttpSigning.of(config()), false).newCall(new Request.Builder()
                .url(server.url("/bucket?delete")).header("Content-Type", "text/ignored")
                .post(RequestBody.create(body, MediaType.get("application/xml"))).build()).execute()) {
            assertEquals(200, r.code());
        }
        RecordedRequest got = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("application/xml", got.getHeader("Content-Type"), "the body's type, over the header's");
        assertTrue(got.getHeader("Authorization").contains("content-type;host;x-amz-content-sha256;x-amz-date"),
                got.getHeader("Authorization"));
        assertValid(got, verify(got));
    }

    @Test
    void aLargeOneShotBodyStreamsAwsChunkedAndDecodesToTheSameBytes() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(200));
        byte[] body = bytes(3 * 1024 * 1024 + 5);
        RequestBody oneShot = new RequestBody() {
            @Override
            public MediaType contentType() {
                return OCTETS;
            }

            @Override
            public long contentLength() {
                return body.length;
            }

            @Override
            public boolean isOneShot() {
                return true;
            }

            @Override
            public void writeTo(BufferedSink sink) throws IOException {
                sink.write(body);
            }
        };
        try (Response r = client(HttpSigning.of(config()), true).newCall(new Request.Builder()
                .url(server.url("/bucket/big.bin")).put(oneShot).build()).execute()) {
            assertEquals(200, r.code());
        }
        RecordedRequest got = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", got.getHeader("x-amz-content-sha256"));
        assertEquals(Long.parseLong(got.getHeader("Content-Length")), got.getBodySize());
        try (InputStream decoded = SigV4Verifier.create(config()).verifyStreaming(received(got).build(),
                SecretLookup.of(CREDS), Instant.ofEpochSecond(seconds.get()),
                new ByteArrayInputStream(got.getBody().readByteArray()))) {
            assertArrayEquals(body, decoded.readAllBytes());
        }
    }

    @Test
    void aNetworkInterceptorSignsTheRetryAgainWithAFreshDate() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(503).addHeader("Retry-After", "0"));
        server.enqueue(new MockResponse().setResponseCode(200));
        byte[] body = bytes(100);
        try (Response r = client(HttpSigning.of(config()), true).newCall(new Request.Builder()
                .url(server.url("/bucket/k")).put(RequestBody.create(body, OCTETS)).build()).execute()) {
            assertEquals(200, r.code());
        }
        RecordedRequest first = server.takeRequest(5, TimeUnit.SECONDS);
        RecordedRequest retry = server.takeRequest(5, TimeUnit.SECONDS);
        assertNotEquals(first.getHeader("X-Amz-Date"), retry.getHeader("X-Amz-Date"));
        assertValid(first, verify(first));
        assertValid(retry, verify(retry));
    }

    @Test
    void unsignedHeadersAndSigV2() throws Exception {
        server.enqueue(new MockResponse().setResponseCode(200));
        server.enqueue(new MockResponse().setResponseCode(200));
        HttpSigning v4 = HttpSigning.builder(config()).unsignedHeaders("X-Trace").build();
        client(v4, false).newCall(new Request.Builder().url(server.url("/bucket/k")).header("X-Trace", "t")
                .build()).execute().close();
        RecordedRequest got = server.takeRequest(5, TimeUnit.SECONDS);
        assertEquals("t", got.getHeader("X-Trace"));
        assertFalse(got.getHeader("Authorization").contains("x-trace"));
        assertValid(got, verify(got));

        HttpSigning v2 = HttpSigning.builder(config()).algorithm(Algorithms.SIGV2_S3).build();
        byte[] body = bytes(2 * 1024 * 1024);
        client(v2, true).newCall(new Request.Builder().url(server.url("/bucket/k2"))
                .put(RequestBody.create(body, OCTETS)).build()).execute().close();
        RecordedRequest v2got = server.takeRequest(5, TimeUnit.SECONDS);
        assertTrue(v2got.getHeader("Authorization").startsWith("AWS AKIDEXAMPLE:"));
        assertEquals(body.length, v2got.getBodySize(), "SigV2 sends the body as it is");
        VerificationResult r = S3V2Verifier.create().verify(received(v2got).build(), SecretLookup.of(CREDS),
                Instant.ofEpochSecond(seconds.get()));
        assertTrue(r.isValid(), r::toString);
    }

    private VerificationResult verify(RecordedRequest got) {
        return SigV4Verifier.create(config()).verify(received(got).payload(Payload.ofBytes(
                got.getBody().clone().readByteArray())).build(), SecretLookup.of(CREDS), Instant.ofEpochSecond(seconds.get()));
    }

    private static SignableRequest.Builder received(RecordedRequest got) {
        SignableRequest.Builder b = SignableRequest.builder().method(got.getMethod())
                .uri("http://" + got.getHeader("Host") + got.getPath());
        got.getHeaders().forEach(p -> b.header(p.getFirst(), p.getSecond()));
        return b;
    }

    private static void assertValid(RecordedRequest got, VerificationResult r) {
        assertTrue(r.isValid(), () -> r + " for " + got.getHeaders());
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 13 + (i >> 9));
        }
        return b;
    }
}
