package dev.awssig.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import com.amazonaws.client.builder.AwsClientBuilder;
import com.amazonaws.services.s3.AmazonS3;
import com.amazonaws.services.s3.AmazonS3ClientBuilder;
import com.amazonaws.services.s3.model.AmazonS3Exception;
import com.amazonaws.services.s3.model.ListObjectsV2Request;
import com.amazonaws.services.s3.model.ListObjectsV2Result;
import com.amazonaws.services.s3.model.ObjectMetadata;
import com.amazonaws.services.s3.model.S3Object;
import com.amazonaws.services.s3.model.S3ObjectSummary;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The AWS SDK for Java v1 ({@code AmazonS3}, default settings: over http it signs every chunk of an
 * upload, {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}) through {@code awssig gateway} in front of
 * s3proxy. Accepted: put (bytes, a stream with metadata), get, head, list v2 with prefix and
 * continuation, delete, and its presigned URLs fetched with {@code java.net.http}. Refused with
 * S3's codes: a wrong secret, a signed header altered on the wire, a chunk altered on the wire
 * (nothing stored), and an expired URL.
 */
@ExtendWith(GatewayExtension.class)
class GatewaySdkV1E2ETest {
    private static final String BUCKET = "gateway-sdk-v1";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static AmazonS3 client(String endpoint, String secret) {
        return AmazonS3ClientBuilder.standard()
                .withEndpointConfiguration(new AwsClientBuilder.EndpointConfiguration(endpoint, "us-east-1"))
                .withPathStyleAccessEnabled(true)
                .withCredentials(new AWSStaticCredentialsProvider(new BasicAWSCredentials(GatewayServer.CLIENT_KEY,
                        secret)))
                .build();
    }

    @BeforeAll
    static void bucket(GatewayServer gateway) {
        AmazonS3 s3 = client(gateway.endpoint, GatewayServer.CLIENT_SECRET);
        if (!s3.doesBucketExistV2(BUCKET)) {
            s3.createBucket(BUCKET);
        }
        s3.shutdown();
    }

    private static byte[] read(S3Object o) throws IOException {
        try (InputStream in = o.getObjectContent()) {
            return in.readAllBytes();
        }
    }

    @Test
    void putGetHeadListDeleteAndChunkedUploads(GatewayServer gateway) throws Exception {
        AmazonS3 s3 = client(gateway.endpoint, GatewayServer.CLIENT_SECRET);
        try {
            s3.putObject(BUCKET, "v1/hello.txt", "hello from the SDK v1");
            assertEquals("hello from the SDK v1", s3.getObjectAsString(BUCKET, "v1/hello.txt"));

            byte[] large = Scenarios.bytes(300_000, 71); // three signed chunks of 128 KiB
            ObjectMetadata meta = new ObjectMetadata();
            meta.setContentLength(large.length);
            meta.setContentType("application/octet-stream");
            meta.addUserMetadata("owner", "alice");
            s3.putObject(BUCKET, "v1/dir/large bin+1", new ByteArrayInputStream(large), meta);
            try (S3Object got = s3.getObject(BUCKET, "v1/dir/large bin+1")) {
                assertArrayEquals(large, read(got));
                assertEquals("alice", got.getObjectMetadata().getUserMetaDataOf("owner"));
            }
            assertEquals(large.length, s3.getObjectMetadata(BUCKET, "v1/dir/large bin+1").getContentLength());

            for (int i = 0; i < 5; i++) {
                s3.putObject(BUCKET, "v1/list/" + i, "item " + i);
            }
            List<String> keys = new ArrayList<>();
            ListObjectsV2Request list = new ListObjectsV2Request().withBucketName(BUCKET).withPrefix("v1/list/")
                    .withMaxKeys(2);
            int pages = 0;
            ListObjectsV2Result page;
            do {
                page = s3.listObjectsV2(list);
                page.getObjectSummaries().stream().map(S3ObjectSummary::getKey).forEach(keys::add);
                list.setContinuationToken(page.getNextContinuationToken());
                pages++;
            } while (page.isTruncated());
            assertEquals(List.of("v1/list/0", "v1/list/1", "v1/list/2", "v1/list/3", "v1/list/4"), keys);
            assertEquals(3, pages);

            s3.deleteObject(BUCKET, "v1/list/0");
            assertFalse(s3.doesObjectExist(BUCKET, "v1/list/0"));
        } finally {
            s3.shutdown();
        }
        List<String> log = gateway.accessLog();
        assertTrue(log.stream().anyMatch(l -> l.contains(" " + GatewayServer.CLIENT_KEY + " SIGV4_STREAMING_SIGNED PUT /"
                + BUCKET + "/v1/dir/")), "the SDK v1 sends signed chunks:\n" + String.join("\n", log));
    }

    @Test
    void presignedUrlsAreFetchedAndRefusedOnceExpired(GatewayServer gateway) throws Exception {
        AmazonS3 s3 = client(gateway.endpoint, GatewayServer.CLIENT_SECRET);
        try {
            s3.putObject(BUCKET, "v1/presigned.txt", "shared by URL");
            URL url = s3.generatePresignedUrl(BUCKET, "v1/presigned.txt", new Date(System.currentTimeMillis() + 300_000));
            HttpResponse<String> ok = HTTP.send(HttpRequest.newBuilder(url.toURI()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals("shared by URL", ok.body());

            URL shortLived = s3.generatePresignedUrl(BUCKET, "v1/presigned.txt", new Date(System.currentTimeMillis()
                    + 1_000));
            Thread.sleep(2_100);
            HttpResponse<String> expired = HTTP.send(HttpRequest.newBuilder(shortLived.toURI()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(403, expired.statusCode());
            assertTrue(expired.body().contains("<Code>AccessDenied</Code>"), expired.body());
        } finally {
            s3.shutdown();
        }
    }

    @Test
    void aWrongSecretIsSignatureDoesNotMatch(GatewayServer gateway) {
        AmazonS3 s3 = client(gateway.endpoint, "not-the-secret");
        try {
            AmazonS3Exception e = assertThrows(AmazonS3Exception.class, () -> s3.putObject(BUCKET, "v1/nope", "x"));
            assertEquals(403, e.getStatusCode());
            assertEquals("SignatureDoesNotMatch", e.getErrorCode());
            AmazonS3Exception get = assertThrows(AmazonS3Exception.class, () -> s3.getObjectAsString(BUCKET,
                    "v1/hello.txt"));
            assertEquals("SignatureDoesNotMatch", get.getErrorCode());
        } finally {
            s3.shutdown();
        }
    }

    @Test
    void aSignedHeaderAlteredOnTheWireIsSignatureDoesNotMatch(GatewayServer gateway) throws IOException {
        try (TamperingRelay relay = TamperingRelay.start(gateway.endpoint, "owner-alice-01", "owner-mallo-01")) {
            AmazonS3 s3 = client(relay.endpoint(), GatewayServer.CLIENT_SECRET);
            try {
                ObjectMetadata meta = new ObjectMetadata();
                meta.setUserMetadata(Map.of("owner", "owner-alice-01"));
                meta.setContentLength(3);
                AmazonS3Exception e = assertThrows(AmazonS3Exception.class, () -> s3.putObject(BUCKET,
                        "v1/altered-header", new ByteArrayInputStream("abc".getBytes(StandardCharsets.UTF_8)), meta));
                assertEquals("SignatureDoesNotMatch", e.getErrorCode());
                assertTrue(relay.replaced() > 0);
            } finally {
                s3.shutdown();
            }
        }
        assertNotStored(gateway, "v1/altered-header");
    }

    @Test
    void aChunkAlteredOnTheWireIsRefusedAndNothingIsStored(GatewayServer gateway) throws IOException {
        try (TamperingRelay relay = TamperingRelay.start(gateway.endpoint, "chunk-data-0042", "chunk-data-0043")) {
            AmazonS3 s3 = client(relay.endpoint(), GatewayServer.CLIENT_SECRET);
            try {
                byte[] body = ("first line\nchunk-data-0042\nlast line\n").getBytes(StandardCharsets.UTF_8);
                ObjectMetadata meta = new ObjectMetadata();
                meta.setContentLength(body.length);
                AmazonS3Exception e = assertThrows(AmazonS3Exception.class, () -> s3.putObject(BUCKET,
                        "v1/altered-chunk", new ByteArrayInputStream(body), meta));
                assertEquals("SignatureDoesNotMatch", e.getErrorCode());
                assertTrue(relay.replaced() > 0);
            } finally {
                s3.shutdown();
            }
        }
        assertNotStored(gateway, "v1/altered-chunk");
    }

    private static void assertNotStored(GatewayServer gateway, String key) {
        AmazonS3 s3 = client(gateway.endpoint, GatewayServer.CLIENT_SECRET);
        try {
            assertFalse(s3.doesObjectExist(BUCKET, key), key);
        } finally {
            s3.shutdown();
        }
    }
}
