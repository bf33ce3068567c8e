package dev.awssig.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.s3.presigner.model.PresignedGetObjectRequest;

/**
 * The AWS SDK for Java v2 (2.57.8), default settings (its request checksums: CRC32 aws-chunked
 * trailers over HTTP), through {@code awssig gateway} in front of s3proxy: the gateway as a child
 * JVM, and the same command in this JVM (the verifying filter in an embedded Jetty). Accepted:
 * put/get/head/delete, list v2 with prefix and continuation, multipart, every checksum algorithm
 * (CRC32, CRC32C, SHA-1, SHA-256, CRC64NVME) as an aws-chunked trailer, session credentials,
 * presigned URLs fetched with java.net.http. Refused with S3's code: a wrong secret, an altered
 * signed header, an altered chunk, an expired URL.
 */
@ExtendWith({S3ProxyExtension.class, GatewayExtension.class})
class GatewaySdkV2E2ETest {
    private static final String BUCKET = "sdk-v2-through-gateway";
    private static GatewayServer inProcess;

    @BeforeAll
    static void startInProcess(S3ProxyServer s3proxy) throws IOException {
        inProcess = GatewayServer.startInProcess(s3proxy);
    }

    static S3Client client(String endpoint, String key, String secret, UnaryOperator<SdkHttpRequest> alter) {
        SdkHttpClient http = Apache5HttpClient.create();
        SdkHttpClient httpClient = alter == null ? http : new AlteringHttpClient(http, alter);
        return S3Client.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .httpClient(httpClient).build();
    }

    static S3Client client(String endpoint) {
        return client(endpoint, GatewayServer.CLIENT_KEY, GatewayServer.CLIENT_SECRET, null);
    }

    private static byte[] bytes(int n, long seed) {
        return Scenarios.bytes(n, seed);
    }

    @Test
    void lifecycleListMultipartAndEveryChecksumThroughTheGatewayProcess(GatewayServer gateway) {
        try {
            lifecycle(gateway.endpoint, "process/");
        } catch (RuntimeException | AssertionError e) {
            throw new AssertionError("access log:\n" + String.join("\n", gateway.accessLog()), e);
        }
        List<String> log = gateway.accessLog();
        assertTrue(log.stream().anyMatch(l -> l.contains(" " + GatewayServer.CLIENT_KEY
                + " SIGV4_STREAMING_SIGNED_TRAILER PUT /" + BUCKET + "/process/")), String.join("\n", log));
        for (String line : log) {
            assertFalse(line.contains(GatewayServer.CLIENT_SECRET) || line.contains(S3ProxyServer.SECRET_KEY)
                    || line.contains("Signature="), line);
        }
    }

    @Test
    void lifecycleListMultipartAndEveryChecksumThroughTheFilterInThisJvm() {
        lifecycle(inProcess.endpoint, "in-process/");
    }

    private static void lifecycle(String endpoint, String prefix) {
        try (S3Client s3 = client(endpoint)) {
            try {
                s3.createBucket(b -> b.bucket(BUCKET));
            } catch (S3Exception exists) {
                assertTrue(exists.statusCode() == 409, exists.toString());
            }
            byte[] small = "hello through the gateway".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] large = bytes(300_000, 1);
            s3.putObject(b -> b.bucket(BUCKET).key(prefix + "a b/c+d.txt").contentType("text/plain"),
                    RequestBody.fromBytes(small));
            s3.putObject(b -> b.bucket(BUCKET).key(prefix + "large.bin"), RequestBody.fromBytes(large));
            s3.putObject(b -> b.bucket(BUCKET).key(prefix + "empty"), RequestBody.empty());
            for (ChecksumAlgorithm a : new ChecksumAlgorithm[] {ChecksumAlgorithm.CRC32, ChecksumAlgorithm.CRC32_C,
                ChecksumAlgorithm.SHA1, ChecksumAlgorithm.SHA256, ChecksumAlgorithm.CRC64_NVME}) {
                byte[] data = bytes(200_000, a.ordinal());
                s3.putObject(b -> b.bucket(BUCKET).key(prefix + "sum-" + a).checksumAlgorithm(a),
                        RequestBody.fromBytes(data));
                assertArrayEquals(data, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(prefix + "sum-" + a)).asByteArray(),
                        a.toString());
            }
            // a stream of unknown length: the SDK sends it aws-chunked too
            s3.putObject(b -> b.bucket(BUCKET).key(prefix + "stream"), RequestBody.fromContentProvider(
                    () -> new ByteArrayInputStream(large), "application/octet-stream"));
            assertArrayEquals(large, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(prefix + "stream")).asByteArray());

            ResponseBytes<GetObjectResponse> got = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(prefix + "a b/c+d.txt"));
            assertArrayEquals(small, got.asByteArray());
            assertEquals("text/plain", got.response().contentType());
            assertArrayEquals(large, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(prefix + "large.bin")).asByteArray());
            byte[] range = s3.getObject(b -> b.bucket(BUCKET).key(prefix + "large.bin").range("bytes=10-19"),
                    ResponseTransformer.toBytes()).asByteArray();
            assertArrayEquals(java.util.Arrays.copyOfRange(large, 10, 20), range);
            assertEquals(300_000L, s3.headObject(b -> b.bucket(BUCKET).key(prefix + "large.bin")).contentLength());
            assertEquals(0, s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(prefix + "empty")).asByteArray().length);

            for (int i = 0; i < 5; i++) {
                int n = i;
                s3.putObject(b -> b.bucket(BUCKET).key(prefix + "list/" + n), RequestBody.fromString("item " + n));
            }
            List<String> keys = new ArrayList<>();
            String token = null;
            int pages = 0;
            do {
                String t = token;
                ListObjectsV2Response page = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix(prefix + "list/").maxKeys(2)
                        .continuationToken(t));
                page.contents().stream().map(S3Object::key).forEach(keys::add);
                token = page.nextContinuationToken();
                pages++;
            } while (token != null);
            assertEquals(List.of(prefix + "list/0", prefix + "list/1", prefix + "list/2", prefix + "list/3",
                    prefix + "list/4"), keys);
            assertEquals(3, pages);

            String key = prefix + "multipart.bin";
            byte[] part1 = bytes(5 * 1024 * 1024, 11);
            byte[] part2 = bytes(123_456, 12);
            String uploadId = s3.createMultipartUpload(b -> b.bucket(BUCKET).key(key)).uploadId();
            String e1 = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(1),
                    RequestBody.fromBytes(part1)).eTag();
            String e2 = s3.uploadPart(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).partNumber(2),
                    RequestBody.fromBytes(part2)).eTag();
            s3.completeMultipartUpload(b -> b.bucket(BUCKET).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(
                    CompletedPart.builder().partNumber(1).eTag(e1).build(),
                    CompletedPart.builder().partNumber(2).eTag(e2).build())));
            byte[] whole = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
            assertEquals(part1.length + part2.length, whole.length);
            assertArrayEquals(part2, java.util.Arrays.copyOfRange(whole, part1.length, whole.length));

            s3.deleteObject(b -> b.bucket(BUCKET).key(prefix + "empty"));
            S3Exception gone = assertThrows(S3Exception.class,
                    () -> s3.headObject(b -> b.bucket(BUCKET).key(prefix + "empty")));
            assertEquals(404, gone.statusCode());
        }
    }

    @Test
    void sessionCredentialsCarryTheirToken(GatewayServer gateway) {
        try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(gateway.endpoint)).region(Region.US_EAST_1)
                .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        GatewayServer.SESSION_KEY, GatewayServer.SESSION_SECRET, GatewayServer.SESSION_TOKEN)))
                .httpClient(Apache5HttpClient.create()).build()) {
            createBucket(s3);
            s3.putObject(b -> b.bucket(BUCKET).key("session/x"), RequestBody.fromString("with a token"));
            assertEquals("with a token", s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("session/x")).asUtf8String());
        }
        try (S3Client wrongToken = S3Client.builder().endpointOverride(URI.create(gateway.endpoint))
                .region(Region.US_EAST_1).forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(
                        AwsSessionCredentials.create(GatewayServer.SESSION_KEY, GatewayServer.SESSION_SECRET, "other")))
                .httpClient(Apache5HttpClient.create()).build()) {
            S3Exception e = assertThrows(S3Exception.class, () -> wrongToken.getObject(b -> b.bucket(BUCKET)
                    .key("session/x"), ResponseTransformer.toBytes()));
            assertEquals("InvalidToken", e.awsErrorDetails().errorCode());
        }
    }

    private static void createBucket(S3Client s3) {
        try {
            s3.createBucket(b -> b.bucket(BUCKET));
        } catch (S3Exception exists) {
            assertTrue(exists.statusCode() == 409, exists.toString());
        }
    }

    @Test
    void aWrongSecretIsSignatureDoesNotMatch(GatewayServer gateway) {
        try (S3Client s3 = client(gateway.endpoint, GatewayServer.CLIENT_KEY, "not-the-secret", null)) {
            S3Exception e = assertThrows(S3Exception.class, () -> s3.listObjectsV2(b -> b.bucket(BUCKET)));
            assertEquals(403, e.statusCode());
            assertEquals("SignatureDoesNotMatch", e.awsErrorDetails().errorCode());
            S3Exception put = assertThrows(S3Exception.class, () -> s3.putObject(b -> b.bucket(BUCKET).key("nope"),
                    RequestBody.fromString("x")));
            assertEquals("SignatureDoesNotMatch", put.awsErrorDetails().errorCode());
        }
    }

    @Test
    void anAlteredSignedHeaderIsSignatureDoesNotMatch(GatewayServer gateway) {
        try (S3Client owner = client(gateway.endpoint)) {
            createBucket(owner);
        }
        try (S3Client s3 = client(gateway.endpoint, GatewayServer.CLIENT_KEY, GatewayServer.CLIENT_SECRET,
                r -> r.toBuilder().putHeader("x-amz-meta-owner", "mallory").build())) {
            S3Exception e = assertThrows(S3Exception.class, () -> s3.putObject(b -> b.bucket(BUCKET).key("altered")
                    .metadata(java.util.Map.of("owner", "alice")), RequestBody.fromString("x")));
            assertEquals("SignatureDoesNotMatch", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void anAlteredChunkIsRefusedAndNothingIsStored(GatewayServer gateway) {
        try (S3Client owner = client(gateway.endpoint)) {
            createBucket(owner);
            AtomicReference<String> alteredOnce = new AtomicReference<>();
            SdkHttpClient flipping = new AlteringHttpClient(Apache5HttpClient.create(), r -> r) {
                @Override
                InputStream body(InputStream in) {
                    alteredOnce.set("yes");
                    return new FlipByte(in, 200); // inside the first chunk's data
                }
            };
            try (S3Client s3 = S3Client.builder().endpointOverride(URI.create(gateway.endpoint)).region(Region.US_EAST_1)
                    .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                            GatewayServer.CLIENT_KEY, GatewayServer.CLIENT_SECRET)))
                    .overrideConfiguration(c -> c.retryStrategy(b -> b.maxAttempts(1)))
                    .httpClient(flipping).build()) {
                S3Exception e = assertThrows(S3Exception.class, () -> s3.putObject(b -> b.bucket(BUCKET)
                        .key("altered-chunk"), RequestBody.fromBytes(bytes(1000, 5))));
                assertEquals("SignatureDoesNotMatch", e.awsErrorDetails().errorCode());
            }
            assertEquals("yes", alteredOnce.get());
            S3Exception none = assertThrows(S3Exception.class, () -> owner.headObject(b -> b.bucket(BUCKET)
                    .key("altered-chunk")));
            assertEquals(404, none.statusCode());
        }
    }

    @Test
    void presignedUrlsAreFetchedWithJavaNetHttpAndRefusedOnceExpired(GatewayServer gateway) throws Exception {
        try (S3Client owner = client(gateway.endpoint)) {
            createBucket(owner);
            owner.putObject(b -> b.bucket(BUCKET).key("presigned/photo.jpg"), RequestBody.fromString("jpeg bytes"));
        }
        try (S3Presigner presigner = S3Presigner.builder().endpointOverride(URI.create(gateway.endpoint))
                .region(Region.US_EAST_1).serviceConfiguration(software.amazon.awssdk.services.s3.S3Configuration.builder()
                        .pathStyleAccessEnabled(true).build())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(GatewayServer.CLIENT_KEY,
                        GatewayServer.CLIENT_SECRET))).build()) {
            PresignedGetObjectRequest url = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket(BUCKET).key("presigned/photo.jpg")));
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(url.url().toURI()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals("jpeg bytes", ok.body());

            PresignedGetObjectRequest shortLived = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofSeconds(1))
                    .getObjectRequest(g -> g.bucket(BUCKET).key("presigned/photo.jpg")));
            Thread.sleep(2100);
            HttpResponse<String> expired = http.send(HttpRequest.newBuilder(shortLived.url().toURI()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, expired.statusCode());
            assertTrue(expired.body().contains("<Code>AccessDenied</Code>"), expired.body());

            PresignedGetObjectRequest moved = presigner.presignGetObject(p -> p.signatureDuration(Duration.ofMinutes(5))
                    .getObjectRequest(g -> g.bucket(BUCKET).key("presigned/photo.jpg")));
            String other = moved.url().toString().replace("photo.jpg", "other.jpg");
            HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(other)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, wrong.statusCode());
            assertTrue(wrong.body().contains("<Code>SignatureDoesNotMatch</Code>"), wrong.body());
        }
    }

    /** An SDK HTTP client that changes the request after the SDK signed it. */
    static class AlteringHttpClient implements SdkHttpClient {
        private final SdkHttpClient delegate;
        private final UnaryOperator<SdkHttpRequest> alter;

        AlteringHttpClient(SdkHttpClient delegate, UnaryOperator<SdkHttpRequest> alter) {
            this.delegate = delegate;
            this.alter = alter;
        }

        InputStream body(InputStream in) {
            return in;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            HttpExecuteRequest.Builder b = HttpExecuteRequest.builder().request(alter.apply(request.httpRequest()));
            request.contentStreamProvider().ifPresent(p -> b.contentStreamProvider(() -> body(p.newStream())));
            return delegate.prepareRequest(b.build());
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    /** Flips one byte of a stream. */
    static final class FlipByte extends java.io.FilterInputStream {
        private final long at;
        private long pos;

        FlipByte(InputStream in, long at) {
            super(in);
            this.at = at;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && pos++ == at) {
                b ^= 1;
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = super.read(buf, off, len);
            if (n > 0 && at >= pos && at < pos + n) {
                buf[off + (int) (at - pos)] ^= 1;
            }
            if (n > 0) {
                pos += n;
            }
            return n;
        }
    }
}
