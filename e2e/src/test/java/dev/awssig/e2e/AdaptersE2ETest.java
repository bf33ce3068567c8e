package dev.awssig.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.awssig.Algorithms;
import dev.awssig.HttpSigning;
import dev.awssig.PayloadMode;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The HTTP client adapters against s3proxy: every adapter (JDK, OkHttp as network and as
 * application interceptor, Apache classic and async) goes through the object lifecycle of awkward
 * keys (PUT, GET, ranged GET, HEAD, paged listing, DELETE) and a multipart upload whose 5 MiB part
 * streams aws-chunked; every payload mode and trailer checksum is sent; SigV2 through the SPI.
 */
@ExtendWith(S3ProxyExtension.class)
class AdaptersE2ETest {
    private static String bucket(Object what) {
        return "adapter-" + what.toString().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Adapters.class)
    void objectLifecycleAndMultipartUploadThroughEachAdapter(Adapters adapter, S3ProxyServer s) throws Exception {
        try (Adapters.Client c = adapter.client(HttpSigning.of(Fixtures.config()))) {
            S3Client s3 = new S3Client(s.endpoint(), c.transport);
            Scenarios.objectLifecycle(s3, bucket(adapter), "lifecycle/");
            Scenarios.multipartUpload(s3, bucket(adapter), "multi part");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "JDK, SIGNED,",
        "JDK, UNSIGNED,",
        "OKHTTP_NETWORK, STREAMING_SIGNED,",
        "OKHTTP_NETWORK, STREAMING_SIGNED_TRAILER, SHA1",
        "APACHE_CLASSIC, STREAMING_UNSIGNED_TRAILER, CRC32",
        "APACHE_ASYNC, STREAMING_SIGNED_TRAILER, SHA256",
        "JDK, STREAMING_UNSIGNED_TRAILER, CRC32C",
    })
    void everyPayloadModeIsAccepted(Adapters adapter, PayloadMode mode, String checksum, S3ProxyServer s)
            throws Exception {
        HttpSigning signing = HttpSigning.builder(Fixtures.config()).payloadMode(mode).trailerChecksum(checksum).build();
        try (Adapters.Client c = adapter.client(signing)) {
            S3Client s3 = new S3Client(s.endpoint(), c.transport);
            Scenarios.createBucket(s3, bucket("modes"));
            byte[] body = Scenarios.bytes(300_000 + mode.ordinal(), 40 + mode.ordinal());
            String key = mode + "/" + adapter + " ü.bin";
            S3Http.Response put = s3.put(bucket("modes"), key, body);
            assertEquals(200, put.status(), put::describe);
            S3Http.Response get = s3.get(bucket("modes"), key);
            assertEquals(200, get.status(), get::describe);
            assertArrayEquals(body, get.body());
        }
    }

    @Test
    void sigV2ThroughTheSpi(S3ProxyServer s) throws Exception {
        HttpSigning v2 = HttpSigning.builder(Fixtures.config()).algorithm(Algorithms.SIGV2_S3).build();
        try (Adapters.Client c = Adapters.OKHTTP_NETWORK.client(v2)) {
            S3Client s3 = new S3Client(s.endpoint(), c.transport);
            Scenarios.createBucket(s3, bucket("v2"));
            byte[] body = Scenarios.bytes(2 * 1024 * 1024, 7);
            S3Http.Response put = s3.put(bucket("v2"), "big v2.bin", body, Map.of("x-amz-meta-who", "okhttp"));
            assertEquals(200, put.status(), put::describe);
            S3Http.Response get = s3.get(bucket("v2"), "big v2.bin");
            assertArrayEquals(body, get.body());
            assertEquals("okhttp", get.header("x-amz-meta-who"));
        }
    }
}
