package dev.awssig.http.apache5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.async.methods.SimpleResponseConsumer;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpPut;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.nio.AsyncRequestProducer;
import org.apache.hc.core5.http.nio.entity.AsyncEntityProducers;
import org.apache.hc.core5.http.nio.support.BasicRequestProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The classic and async handlers against a local server (the JDK's HTTP server on 127.0.0.1):
 * what arrives is checked by awssig's verifiers as S3 would check it, body included, and carries
 * one {@code Content-Length}.
 */
class AwsSigningExecTest {
    private static final Credentials CREDS = Credentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    /** What the server received: method, target, headers as sent (names as the server reports them), body. */
    record Received(String method, String target, Map<String, List<String>> headers, byte[] body) {
        SignableRequest.Builder request(int port) {
            SignableRequest.Builder b = SignableRequest.builder().method(method).uri("http://127.0.0.1:" + port + target);
            headers.forEach((n, vs) -> vs.forEach(v -> b.header(n, v)));
            return b;
        }

        List<String> values(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
            return List.of();
        }
    }

    private final AtomicLong seconds = new AtomicLong(Instant.parse("2025-03-01T10:00:00Z").getEpochSecond());
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
    private final List<Received> received = Collections.synchronizedList(new ArrayList<>());
    private final List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                    Map.copyOf(exchange.getRequestHeaders()), body));
            int status = statuses.isEmpty() ? 200 : statuses.remove(0);
            if (status == 503) {
                exchange.getResponseHeaders().add("Retry-After", "0");
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private SigningConfig config() {
        return SigningConfig.builder().credentials(CREDS).region("us-east-1").service("s3").clock(ticking).build();
    }

    private CloseableHttpClient classic(HttpSigning signing) {
        return AwsSigningExec.of(signing).addTo(HttpClients.custom()).build();
    }

    @Test
    void aClassicGetArrivesSignedWithTheHeadersHttpClientAdds() throws IOException {
        try (CloseableHttpClient c = classic(HttpSigning.of(config()))) {
            HttpGet get = new HttpGet("http://127.0.0.1:" + port() + "/bucket/a%20b?list-type=2");
            get.addHeader("Range", "bytes=0-1");
            c.execute(get, r -> r.getCode());
        }
        Received got = received.get(0);
        String authz = got.values("Authorization").get(0);
        assertTrue(authz.contains("SignedHeaders=accept-encoding;host;range;x-amz-content-sha256;x-amz-date,"), authz);
        assertValid(got, new byte[0]);
    }

    @Test
    void aClassicPutOfASmallEntityIsSignedWithOneContentLength() throws IOException {
        byte[] body = bytes(5000);
        try (CloseableHttpClient c = classic(HttpSigning.of(config()))) {
            HttpPut put = new HttpPut("http://127.0.0.1:" + port() + "/bucket/k");
            put.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_OCTET_STREAM));
            c.execute(put, r -> r.getCode());
        }
        Received got = received.get(0);
        assertEquals(List.of("5000"), got.values("Content-Length"));
        assertTrue(got.values("Authorization").get(0).contains("content-length;content-type;host;"));
        assertArrayEquals(body, got.body());
        assertValid(got, body);
    }

    @Test
    void aClassicPutOfALargeStreamGoesAwsChunked() throws IOException {
        byte[] body = bytes(3 * 1024 * 1024 + 9);
        try (CloseableHttpClient c = classic(HttpSigning.of(config()))) {
            HttpPut put = new HttpPut("http://127.0.0.1:" + port() + "/bucket/big");
            put.setEntity(new InputStreamEntity(new ByteArrayInputStream(body), body.length,
                    ContentType.APPLICATION_OCTET_STREAM));
            c.execute(put, r -> r.getCode());
        }
        assertDecodes(received.get(0), body);
    }

    @Test
    void aClassicRetryIsSignedAgainWithAFreshDate() throws IOException {
        statuses.add(503);
        try (CloseableHttpClient c = classic(HttpSigning.of(config()))) {
            HttpPut put = new HttpPut("http://127.0.0.1:" + port() + "/bucket/k");
            put.setEntity(new ByteArrayEntity(bytes(10), ContentType.APPLICATION_OCTET_STREAM));
            assertEquals(200, (int) c.execute(put, r -> r.getCode()));
        }
        assertEquals(2, received.size());
        assertNotEquals(received.get(0).values("X-Amz-Date"), received.get(1).values("X-Amz-Date"));
        assertValid(received.get(0), bytes(10));
        assertValid(received.get(1), bytes(10));
    }

    @Test
    void asyncSmallAndLargeBodies() throws Exception {
        byte[] small = bytes(300);
        byte[] large = bytes(2 * 1024 * 1024 + 3);
        try (CloseableHttpAsyncClient c = AwsSigningAsyncExec.of(HttpSigning.of(config()))
                .addTo(HttpAsyncClients.custom()).build()) {
            c.start();
            SimpleHttpResponse r1 = c.execute(SimpleRequestProducer.create(SimpleRequestBuilder
                    .put("http://127.0.0.1:" + port() + "/bucket/small").setBody(small, ContentType.APPLICATION_OCTET_STREAM)
                    .build()), SimpleResponseConsumer.create(), null).get(30, TimeUnit.SECONDS);
            assertEquals(200, r1.getCode());
            AsyncRequestProducer big = new BasicRequestProducer(SimpleRequestBuilder
                    .put("http://127.0.0.1:" + port() + "/bucket/large").build(),
                    AsyncEntityProducers.create(large, ContentType.APPLICATION_OCTET_STREAM));
            SimpleHttpResponse r2 = c.execute(big, SimpleResponseConsumer.create(), null).get(30, TimeUnit.SECONDS);
            assertEquals(200, r2.getCode());
        }
        Received got = received.get(0);
        assertEquals(List.of("300"), got.values("Content-Length"));
        assertValid(got, small);
        assertDecodes(received.get(1), large);
    }

    @Test
    void sigV2ThroughTheSpi() throws IOException {
        byte[] body = bytes(2 * 1024 * 1024);
        try (CloseableHttpClient c = classic(HttpSigning.builder(config()).algorithm(Algorithms.SIGV2_S3).build())) {
            HttpPut put = new HttpPut("http://127.0.0.1:" + port() + "/bucket/k");
            put.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_OCTET_STREAM));
            c.execute(put, r -> r.getCode());
        }
        Received got = received.get(0);
        assertTrue(got.values("Authorization").get(0).startsWith("AWS AKIDEXAMPLE:"));
        assertArrayEquals(body, got.body());
        VerificationResult r = S3V2Verifier.create().verify(got.request(port()).build(), SecretLookup.of(CREDS),
                Instant.ofEpochSecond(seconds.get()));
        assertTrue(r.isValid(), r::toString);
    }

    private void assertValid(Received got, byte[] body) {
        VerificationResult r = SigV4Verifier.create(config()).verify(got.request(port()).payload(Payload.ofBytes(body))
                .build(), SecretLookup.of(CREDS), Instant.ofEpochSecond(seconds.get()));
        assertTrue(r.isValid(), () -> r + " for " + got.headers());
    }

    private void assertDecodes(Received got, byte[] body) throws IOException {
        assertEquals("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER", got.values("x-amz-content-sha256").get(0));
        assertEquals(List.of(Integer.toString(got.body().length)), got.values("Content-Length"));
        try (InputStream decoded = SigV4Verifier.create(config()).verifyStreaming(got.request(port()).build(),
                SecretLookup.of(CREDS), Instant.ofEpochSecond(seconds.get()), new ByteArrayInputStream(got.body()))) {
            assertArrayEquals(body, decoded.readAllBytes());
        }
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 29 + (i >> 10));
        }
        return b;
    }
}
