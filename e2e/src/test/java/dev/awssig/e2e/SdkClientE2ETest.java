package dev.awssig.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.awssdk.AwssigAuthScheme;
import dev.awssig.awssdk.AwssigHttpSigner;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.auth.spi.scheme.AuthScheme;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The AWS SDK for Java v2's own {@code S3Client} (and {@code S3AsyncClient}) signing through
 * awssig ({@code putAuthScheme(AwssigAuthScheme...)}) against s3proxy: create bucket, put with the
 * SDK's default checksum (CRC32, an aws-chunked trailer with signed chunks over plain HTTP) and
 * the others, get, list, multipart, delete. Every request is counted through awssig's signer.
 */
@ExtendWith(S3ProxyExtension.class)
class SdkClientE2ETest {
    /** awssig's signer, counting its calls, so the test knows the SDK's own signer never ran. */
    static final class Counting implements HttpSigner<AwsCredentialsIdentity> {
        final AwssigHttpSigner awssig = AwssigHttpSigner.create();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
            calls.incrementAndGet();
            return awssig.sign(request);
        }

        @Override
        public CompletableFuture<AsyncSignedRequest> signAsync(AsyncSignRequest<? extends AwsCredentialsIdentity> request) {
            calls.incrementAndGet();
            return awssig.signAsync(request);
        }
    }

    private static AuthScheme<AwsCredentialsIdentity> scheme(Counting signer) {
        return new AuthScheme<>() {
            @Override
            public String schemeId() {
                return AwssigAuthScheme.create().schemeId();
            }

            @Override
            public IdentityProvider<AwsCredentialsIdentity> identityProvider(IdentityProviders providers) {
                return providers.identityProvider(AwsCredentialsIdentity.class);
            }

            @Override
            public HttpSigner<AwsCredentialsIdentity> signer() {
                return signer;
            }
        };
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY,
                S3ProxyServer.SECRET_KEY));
    }

    @Test
    void s3ClientPutGetListMultipartWithTheSdksDefaultChecksums(S3ProxyServer s) {
        Counting signer = new Counting();
        String bucket = "sdk-client";
        try (S3Client s3 = S3Client.builder().region(Region.US_EAST_1).credentialsProvider(credentials())
                .endpointOverride(URI.create(s.endpoint())).forcePathStyle(true)
                .putAuthScheme(scheme(signer)).build()) {
            s3.createBucket(b -> b.bucket(bucket));
            byte[] small = Scenarios.bytes(1000, 61);
            byte[] large = Scenarios.bytes(3 * 1024 * 1024 + 5, 62);
            s3.putObject(b -> b.bucket(bucket).key("small a+b.txt"), RequestBody.fromBytes(small));
            s3.putObject(b -> b.bucket(bucket).key("large ü.bin"), RequestBody.fromBytes(large));
            for (ChecksumAlgorithm a : List.of(ChecksumAlgorithm.CRC32_C, ChecksumAlgorithm.SHA1, ChecksumAlgorithm.SHA256)) {
                s3.putObject(b -> b.bucket(bucket).key("sum/" + a).checksumAlgorithm(a), RequestBody.fromBytes(small));
                assertArrayEquals(small, s3.getObject(b -> b.bucket(bucket).key("sum/" + a),
                        ResponseTransformer.toBytes()).asByteArray());
            }
            assertArrayEquals(small, s3.getObject(b -> b.bucket(bucket).key("small a+b.txt"),
                    ResponseTransformer.toBytes()).asByteArray());
            assertArrayEquals(large, s3.getObject(b -> b.bucket(bucket).key("large ü.bin"),
                    ResponseTransformer.toBytes()).asByteArray());
            assertEquals(large.length, s3.headObject(b -> b.bucket(bucket).key("large ü.bin")).contentLength());

            List<String> keys = new ArrayList<>();
            s3.listObjectsV2Paginator(b -> b.bucket(bucket).maxKeys(2)).contents().forEach(o -> keys.add(o.key()));
            assertEquals(List.of("large ü.bin", "small a+b.txt", "sum/CRC32C", "sum/SHA1", "sum/SHA256"), keys);

            String uploadId = s3.createMultipartUpload(b -> b.bucket(bucket).key("multi part")).uploadId();
            byte[] part1 = Scenarios.bytes(5 * 1024 * 1024, 63);
            byte[] part2 = Scenarios.bytes(7777, 64);
            String e1 = s3.uploadPart(b -> b.bucket(bucket).key("multi part").uploadId(uploadId).partNumber(1),
                    RequestBody.fromBytes(part1)).eTag();
            String e2 = s3.uploadPart(b -> b.bucket(bucket).key("multi part").uploadId(uploadId).partNumber(2),
                    RequestBody.fromBytes(part2)).eTag();
            s3.completeMultipartUpload(b -> b.bucket(bucket).key("multi part").uploadId(uploadId)
                    .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag(e1).build(),
                            CompletedPart.builder().partNumber(2).eTag(e2).build())));
            byte[] whole = s3.getObject(b -> b.bucket(bucket).key("multi part"), ResponseTransformer.toBytes())
                    .asByteArray();
            assertEquals(part1.length + part2.length, whole.length);

            for (S3Object o : s3.listObjectsV2(b -> b.bucket(bucket)).contents()) {
                s3.deleteObject(b -> b.bucket(bucket).key(o.key()));
            }
            assertTrue(s3.listObjectsV2(b -> b.bucket(bucket)).contents().isEmpty());
        }
        assertTrue(signer.calls.get() >= 20, "requests signed by awssig: " + signer.calls.get());
    }

    @Test
    void s3AsyncClientPutAndGet(S3ProxyServer s) throws Exception {
        Counting signer = new Counting();
        String bucket = "sdk-async";
        try (S3AsyncClient s3 = S3AsyncClient.builder().region(Region.US_EAST_1).credentialsProvider(credentials())
                .endpointOverride(URI.create(s.endpoint())).forcePathStyle(true)
                .putAuthScheme(scheme(signer)).build()) {
            s3.createBucket(b -> b.bucket(bucket)).get();
            byte[] body = Scenarios.bytes(2 * 1024 * 1024 + 3, 65);
            s3.putObject(b -> b.bucket(bucket).key("async.bin"), AsyncRequestBody.fromBytes(body)).get();
            byte[] back = s3.getObject(b -> b.bucket(bucket).key("async.bin"), AsyncResponseTransformer.toBytes()).get()
                    .asByteArray();
            assertArrayEquals(body, back);
            s3.deleteObject(b -> b.bucket(bucket).key("async.bin")).get();
        }
        assertTrue(signer.calls.get() >= 4, "requests signed by awssig: " + signer.calls.get());
    }
}
