package dev.awssig.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.Http;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PostPolicy;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The MinIO Java client (default settings) through {@code awssig gateway} in front of s3proxy.
 * Accepted: {@code putObject} of a stream of unknown size (a multipart upload of 5 MiB parts), get,
 * stat, list (v2, with continuation), remove, a presigned GET fetched with {@code java.net.http},
 * and a {@code PostPolicy} form posted as {@code multipart/form-data}. Refused with S3's codes: a
 * wrong secret, a signed header altered on the wire, a body altered on the wire (MinIO signs the
 * payload's SHA-256 over http: {@code XAmzContentSHA256Mismatch}, nothing stored), an expired URL,
 * and a form whose key breaks the policy.
 */
@ExtendWith(GatewayExtension.class)
class GatewayMinioE2ETest {
    private static final String BUCKET = "gateway-minio";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static MinioClient client(String endpoint, String secret) {
        return MinioClient.builder().endpoint(endpoint).credentials(GatewayServer.CLIENT_KEY, secret)
                .region("us-east-1").build();
    }

    @BeforeAll
    static void bucket(GatewayServer gateway) throws Exception {
        MinioClient minio = client(gateway.endpoint, GatewayServer.CLIENT_SECRET);
        if (!minio.bucketExists(BucketExistsArgs.builder().bucket(BUCKET).build())) {
            minio.makeBucket(MakeBucketArgs.builder().bucket(BUCKET).build());
        }
    }

    private static byte[] get(MinioClient minio, String key) throws Exception {
        try (GetObjectResponse in = minio.getObject(GetObjectArgs.builder().bucket(BUCKET).object(key).build())) {
            return in.readAllBytes();
        }
    }

    private static void put(MinioClient minio, String key, byte[] data, Map<String, String> meta) throws Exception {
        minio.putObject(PutObjectArgs.builder().bucket(BUCKET).object(key).userMetadata(meta)
                .stream(new ByteArrayInputStream(data), (long) data.length, null).build());
    }

    @Test
    void aStreamOfUnknownSizeGetStatListAndRemove(GatewayServer gateway) throws Exception {
        MinioClient minio = client(gateway.endpoint, GatewayServer.CLIENT_SECRET);
        byte[] data = Scenarios.bytes(6 * 1024 * 1024 + 1234, 81);
        InputStream unknown = new ByteArrayInputStream(data);
        minio.putObject(PutObjectArgs.builder().bucket(BUCKET).object("minio/stream.bin")
                .stream(unknown, null, 5L * 1024 * 1024).contentType("application/octet-stream").build());
        assertArrayEquals(data, get(minio, "minio/stream.bin"));
        assertEquals(data.length, minio.statObject(StatObjectArgs.builder().bucket(BUCKET).object("minio/stream.bin")
                .build()).size());

        for (int i = 0; i < 5; i++) {
            put(minio, "minio/list/" + i, ("item " + i).getBytes(StandardCharsets.UTF_8), Map.of());
        }
        List<String> keys = new ArrayList<>();
        for (Result<Item> r : minio.listObjects(ListObjectsArgs.builder().bucket(BUCKET).prefix("minio/list/")
                .maxKeys(2).recursive(true).build())) {
            keys.add(r.get().objectName());
        }
        assertEquals(List.of("minio/list/0", "minio/list/1", "minio/list/2", "minio/list/3", "minio/list/4"), keys);
        minio.removeObject(RemoveObjectArgs.builder().bucket(BUCKET).object("minio/list/0").build());
        ErrorResponseException gone = assertThrows(ErrorResponseException.class, () -> minio.statObject(
                StatObjectArgs.builder().bucket(BUCKET).object("minio/list/0").build()));
        assertEquals(404, gone.response().code());
    }

    @Test
    void presignedGetIsFetchedAndRefusedOnceExpired(GatewayServer gateway) throws Exception {
        MinioClient minio = client(gateway.endpoint, GatewayServer.CLIENT_SECRET);
        put(minio, "minio/presigned.txt", "shared by a MinIO URL".getBytes(StandardCharsets.UTF_8), Map.of());
        String url = minio.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(Http.Method.GET)
                .bucket(BUCKET).object("minio/presigned.txt").expiry(5, TimeUnit.MINUTES).build());
        HttpResponse<String> ok = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals("shared by a MinIO URL", ok.body());

        String shortLived = minio.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder().method(Http.Method.GET)
                .bucket(BUCKET).object("minio/presigned.txt").expiry(1).build());
        Thread.sleep(2_100);
        HttpResponse<String> expired = HTTP.send(HttpRequest.newBuilder(URI.create(shortLived)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, expired.statusCode());
        assertTrue(expired.body().contains("<Code>AccessDenied</Code>"), expired.body());
    }

    private static S3Http.Response post(GatewayServer gateway, Map<String, String> form, String key, byte[] file) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("key", key);
        fields.putAll(form);
        MultipartBody body = new MultipartBody().fields(fields).file("file", "upload.bin", "application/octet-stream",
                file);
        return S3Http.send("POST", gateway.endpoint + "/" + BUCKET, Map.of("Content-Type", body.contentType()),
                body.build());
    }

    @Test
    void aPostPolicyFormIsPostedAsMultipartAndItsConditionsEnforced(GatewayServer gateway) throws Exception {
        MinioClient minio = client(gateway.endpoint, GatewayServer.CLIENT_SECRET);
        PostPolicy policy = new PostPolicy(BUCKET, ZonedDateTime.now().plusMinutes(10));
        policy.addStartsWithCondition("key", "minio/post/");
        policy.addContentLengthRangeCondition(1, 100_000);
        Map<String, String> form = minio.getPresignedPostFormData(policy);
        byte[] file = Scenarios.bytes(4321, 82);
        S3Http.Response ok = post(gateway, form, "minio/post/upload.bin", file);
        assertEquals(204, ok.status(), ok::describe);
        assertArrayEquals(file, get(minio, "minio/post/upload.bin"));

        S3Http.Response outside = post(gateway, form, "elsewhere/upload.bin", file);
        assertEquals(403, outside.status(), outside::describe);
        assertTrue(outside.text().contains("<Code>AccessDenied</Code>"), outside::describe);
    }

    @Test
    void aWrongSecretIsSignatureDoesNotMatch(GatewayServer gateway) {
        MinioClient minio = client(gateway.endpoint, "not-the-secret");
        ErrorResponseException e = assertThrows(ErrorResponseException.class, () -> put(minio, "minio/nope",
                new byte[] {1}, Map.of()));
        assertEquals(403, e.response().code());
        assertEquals("SignatureDoesNotMatch", e.errorResponse().code());
    }

    @Test
    void aSignedHeaderAlteredOnTheWireIsSignatureDoesNotMatch(GatewayServer gateway) throws Exception {
        try (TamperingRelay relay = TamperingRelay.start(gateway.endpoint, "owner-alice-02", "owner-mallo-02")) {
            MinioClient minio = client(relay.endpoint(), GatewayServer.CLIENT_SECRET);
            ErrorResponseException e = assertThrows(ErrorResponseException.class, () -> put(minio,
                    "minio/altered-header", new byte[] {1, 2, 3}, Map.of("owner", "owner-alice-02")));
            assertEquals("SignatureDoesNotMatch", e.errorResponse().code());
            assertTrue(relay.replaced() > 0);
        }
        assertNotStored(gateway, "minio/altered-header");
    }

    @Test
    void aBodyAlteredOnTheWireIsXAmzContentSha256MismatchAndNothingIsStored(GatewayServer gateway) throws Exception {
        try (TamperingRelay relay = TamperingRelay.start(gateway.endpoint, "body-data-0042", "body-data-0043")) {
            MinioClient minio = client(relay.endpoint(), GatewayServer.CLIENT_SECRET);
            byte[] body = "first line\nbody-data-0042\nlast line\n".getBytes(StandardCharsets.UTF_8);
            ErrorResponseException e = assertThrows(ErrorResponseException.class, () -> put(minio,
                    "minio/altered-body", body, Map.of()));
            assertEquals("XAmzContentSHA256Mismatch", e.errorResponse().code());
            assertTrue(relay.replaced() > 0);
        }
        assertNotStored(gateway, "minio/altered-body");
    }

    private static void assertNotStored(GatewayServer gateway, String key) {
        MinioClient minio = client(gateway.endpoint, GatewayServer.CLIENT_SECRET);
        ErrorResponseException e = assertThrows(ErrorResponseException.class, () -> minio.statObject(
                StatObjectArgs.builder().bucket(BUCKET).object(key).build()));
        assertEquals(404, e.response().code(), key);
    }
}
