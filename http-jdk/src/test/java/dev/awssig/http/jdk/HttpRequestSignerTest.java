package dev.awssig.http.jdk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.HttpSigning;
import dev.awssig.Payload;
import dev.awssig.PayloadMode;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.internal.PublisherInputStream;
import dev.awssig.v2.S3V2Verifier;
import dev.awssig.v4.SigV4Verifier;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link HttpRequestSigner} without a network: the request it returns, with the {@code Host} and
 * {@code Content-Length} the JDK client adds, is checked by awssig's verifiers as a server would
 * check it, body included.
 */
class HttpRequestSignerTest {
    static final Credentials CREDS = Credentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    static SigningConfig.Builder config() {
        return SigningConfig.builder().credentials(CREDS).region("us-east-1").service("s3")
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static HttpRequestSigner signer() {
        return HttpRequestSigner.of(HttpSigning.of(config().build()));
    }

    @Test
    void aGetIsSignedWithTheHostTheClientSends() throws IOException {
        HttpRequest signed = signer().sign(HttpRequest.newBuilder(URI.create("http://127.0.0.1:9000/bucket/a%20b?list-type=2"))
                .header("Range", "bytes=0-9").GET().build());
        assertFalse(signed.headers().firstValue("Host").isPresent(), "Host is left to the client");
        assertEquals("bytes=0-9", signed.headers().firstValue("Range").orElseThrow());
        assertTrue(verifyV4(signed, new byte[0]).isValid(), () -> verifyV4(signed, new byte[0]).toString());
        String authz = signed.headers().firstValue("Authorization").orElseThrow();
        assertTrue(authz.contains("SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"), authz);
    }

    @Test
    void aSmallBodyIsHashedAndSigned() throws IOException {
        byte[] body = "hello, signed world".getBytes(StandardCharsets.UTF_8);
        HttpRequest signed = signer().sign(HttpRequest.newBuilder(URI.create("https://bucket.s3.amazonaws.com/k"))
                .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertEquals(sha256Hex(body), signed.headers().firstValue("x-amz-content-sha256").orElseThrow());
        assertArrayEquals(body, readAll(signed.bodyPublisher().orElseThrow()));
        assertTrue(verifyV4(signed, body).isValid());
        assertFalse(verifyV4(signed, "tampered".getBytes(StandardCharsets.UTF_8)).isValid());
    }

    @Test
    void aLargeBodyGoesAwsChunkedWithATrailerAndDecodesToTheSameBytes() throws IOException {
        byte[] body = new byte[3 * 1024 * 1024 + 17];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 7 + (i >> 11));
        }
        HttpRequest original = HttpRequest.newBuilder(URI.create("http://127.0.0.1:9000/bucket/big"))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        HttpRequest signed = signer().sign(original);
        assertEquals("STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER",
                signed.headers().firstValue("x-amz-content-sha256").orElseThrow());
        assertEquals(Long.toString(body.length), signed.headers().firstValue("x-amz-decoded-content-length").orElseThrow());
        assertEquals("x-amz-checksum-crc32c", signed.headers().firstValue("x-amz-trailer").orElseThrow());
        assertFalse(signed.headers().firstValue("Content-Length").isPresent(), "Content-Length is left to the client");
        HttpRequest.BodyPublisher encoded = signed.bodyPublisher().orElseThrow();
        assertTrue(encoded.contentLength() > body.length);
        byte[] wire = readAll(encoded);
        assertEquals(encoded.contentLength(), wire.length);
        SignableRequest received = received(signed, wire.length).build();
        try (InputStream decoded = SigV4Verifier.create(config().build()).verifyStreaming(received,
                SecretLookup.of(CREDS), NOW, new ByteArrayInputStream(wire))) {
            assertArrayEquals(body, decoded.readAllBytes());
        }
    }

    @Test
    void configuredModesAndABodyOfUnknownLength() throws IOException {
        HttpRequestSigner unsigned = HttpRequestSigner.of(HttpSigning.builder(config().build())
                .payloadMode(PayloadMode.UNSIGNED).build());
        byte[] body = new byte[100];
        HttpRequest a = unsigned.sign(HttpRequest.newBuilder(URI.create("https://b.s3.amazonaws.com/k"))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        assertEquals("UNSIGNED-PAYLOAD", a.headers().firstValue("x-amz-content-sha256").orElseThrow());
        assertTrue(verifyV4(a, body).isValid());

        HttpRequest b = signer().sign(HttpRequest.newBuilder(URI.create("https://b.s3.amazonaws.com/k"))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());
        assertEquals("UNSIGNED-PAYLOAD", b.headers().firstValue("x-amz-content-sha256").orElseThrow());

        HttpRequestSigner chunked = HttpRequestSigner.of(HttpSigning.builder(config().build())
                .payloadMode(PayloadMode.STREAMING_SIGNED).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> chunked.sign(
                HttpRequest.newBuilder(URI.create("https://b.s3.amazonaws.com/k"))
                        .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build()));
        assertTrue(e.getMessage().contains("length is unknown"), e.getMessage());
    }

    @Test
    void unsignedHeadersAreSentButNotSigned() throws IOException {
        HttpRequestSigner s = HttpRequestSigner.of(HttpSigning.builder(config().build()).unsignedHeaders("X-Trace-Id")
                .build());
        HttpRequest signed = s.sign(HttpRequest.newBuilder(URI.create("https://b.s3.amazonaws.com/k"))
                .header("X-Trace-Id", "abc").header("X-Signed", "1").GET().build());
        assertEquals("abc", signed.headers().firstValue("X-Trace-Id").orElseThrow());
        String authz = signed.headers().firstValue("Authorization").orElseThrow();
        assertFalse(authz.contains("x-trace-id"), authz);
        assertTrue(authz.contains("x-signed"), authz);
        assertTrue(verifyV4(signed, new byte[0]).isValid());
    }

    @Test
    void nonAsciiUrisAreSentPercentEncodedAsSigned() throws Exception {
        URI raw = new URI("https", "b.s3.amazonaws.com", "/caf\u00e9 menu.txt", null);
        assertTrue(raw.toString().contains("\u00e9"));
        HttpRequest signed = signer().sign(HttpRequest.newBuilder(raw).GET().build());
        assertEquals("https://b.s3.amazonaws.com/caf%C3%A9%20menu.txt", signed.uri().toString());
        assertTrue(verifyV4(signed, new byte[0]).isValid());
    }

    @Test
    void everySignatureIsDatedWhenItIsMade() {
        AtomicLong seconds = new AtomicLong(NOW.getEpochSecond());
        Clock ticking = new Clock() {
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
                return Instant.ofEpochSecond(seconds.getAndAdd(90));
            }
        };
        HttpRequestSigner s = HttpRequestSigner.of(HttpSigning.of(config().clock(ticking).build()));
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://b.s3.amazonaws.com/k")).GET().build();
        HttpRequest first = s.sign(request);
        HttpRequest retry = s.sign(request);
        assertNotEquals(first.headers().firstValue("X-Amz-Date"), retry.headers().firstValue("X-Amz-Date"));
        assertEquals(1, retry.headers().allValues("Authorization").size());
    }

    @Test
    void sigV2ThroughTheSpi() throws IOException {
        HttpRequestSigner v2 = HttpRequestSigner.of(HttpSigning.builder(config().build())
                .algorithm(Algorithms.SIGV2_S3).build());
        byte[] body = new byte[2_000_000];
        HttpRequest signed = v2.sign(HttpRequest.newBuilder(URI.create("http://127.0.0.1:9000/bucket/k"))
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                .build());
        assertTrue(signed.headers().firstValue("Authorization").orElseThrow().startsWith("AWS AKIDEXAMPLE:"));
        assertEquals(body.length, signed.bodyPublisher().orElseThrow().contentLength(), "SigV2 sends the body as is");
        VerificationResult r = S3V2Verifier.create().verify(received(signed, body.length)
                .payload(Payload.ofBytes(body)).build(), SecretLookup.of(CREDS), NOW);
        assertTrue(r.isValid(), r::toString);
    }

    @Test
    void publisherInputStreamHoldsOneBufferAndPassesFailuresOn() throws IOException {
        AtomicInteger requested = new AtomicInteger();
        AtomicInteger delivered = new AtomicInteger();
        Flow.Publisher<ByteBuffer> tenBuffers = subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                requested.addAndGet((int) n);
                if (delivered.get() < 10) {
                    assertEquals(delivered.get() + 1, requested.get(), "never more than one buffer ahead");
                    subscriber.onNext(ByteBuffer.wrap(new byte[] {(byte) delivered.incrementAndGet()}));
                } else {
                    subscriber.onComplete();
                }
            }

            @Override
            public void cancel() {
            }
        });
        try (PublisherInputStream in = new PublisherInputStream(tenBuffers)) {
            assertArrayEquals(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, in.readAllBytes());
        }
        Flow.Publisher<ByteBuffer> failing = subscriber -> subscriber.onSubscribe(new Flow.Subscription() {
            @Override
            public void request(long n) {
                subscriber.onError(new IllegalStateException("disk gone"));
            }

            @Override
            public void cancel() {
            }
        });
        IOException e = assertThrows(IOException.class, () -> new PublisherInputStream(failing).read());
        assertTrue(e.getMessage().contains("disk gone"), e.getMessage());
    }

    /** The request as a server receives it: the URI, the headers, and Host and Content-Length as the JDK writes them. */
    static SignableRequest.Builder received(HttpRequest signed, long contentLength) {
        SignableRequest.Builder b = SignableRequest.builder().method(signed.method()).uri(signed.uri().toString())
                .header("Host", HttpRequestSigner.hostHeader(signed.uri()));
        signed.headers().map().forEach((n, vs) -> vs.forEach(v -> b.header(n, v)));
        if (contentLength > 0) {
            b.header("Content-Length", Long.toString(contentLength));
        }
        return b;
    }

    private static VerificationResult verifyV4(HttpRequest signed, byte[] body) {
        SignableRequest r = received(signed, body.length).payload(Payload.ofBytes(body)).build();
        return SigV4Verifier.create(config().build()).verify(r, SecretLookup.of(CREDS), NOW);
    }

    static byte[] readAll(Flow.Publisher<ByteBuffer> p) throws IOException {
        try (InputStream in = new PublisherInputStream(p)) {
            return in.readAllBytes();
        }
    }

    private static String sha256Hex(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
