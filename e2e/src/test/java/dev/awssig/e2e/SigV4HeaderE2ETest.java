package dev.awssig.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** SigV4 {@code Authorization} header signing, accepted by s3proxy for every S3 operation. */
@ExtendWith(S3ProxyExtension.class)
class SigV4HeaderE2ETest {
    @Test
    void signedPayloadObjectLifecycleWithAwkwardKeys(S3ProxyServer s) {
        Scenarios.objectLifecycle(new S3Client(s.endpoint(), Fixtures.signing(Fixtures.v4())), "v4-header", "signed/");
    }

    @Test
    void unsignedPayloadObjectLifecycleWithAwkwardKeys(S3ProxyServer s) {
        Scenarios.objectLifecycle(new S3Client(s.endpoint(), Fixtures.unsignedPayload(Fixtures.v4())), "v4-header",
                "unsigned/");
    }

    @Test
    void signedPayloadMultipartUpload(S3ProxyServer s) {
        Scenarios.multipartUpload(new S3Client(s.endpoint(), Fixtures.signing(Fixtures.v4())), "v4-header",
                "multipart/signed object \u00e9");
    }

    @Test
    void unsignedPayloadMultipartUpload(S3ProxyServer s) {
        Scenarios.multipartUpload(new S3Client(s.endpoint(), Fixtures.unsignedPayload(Fixtures.v4())), "v4-header",
                "multipart/unsigned+object");
    }

    @Test
    void keyWithDoubleSlashIsVerifiedAsSentButS3ProxyStoresItCollapsed(S3ProxyServer s) {
        S3Client c = new S3Client(s.endpoint(), Fixtures.signing(Fixtures.v4()));
        Scenarios.createBucket(c, "v4-slashes");
        byte[] body = Scenarios.bytes(100, 7);
        S3Http.Response put = c.put("v4-slashes", "a//b", body);
        assertEquals(200, put.status(), () -> "PUT a//b (signature over the raw path with '//'): " + put.describe());
        S3Http.Response get = c.get("v4-slashes", "a//b");
        assertEquals(200, get.status(), get::describe);
        assertArrayEquals(body, get.body());
        // s3proxy's transient store is a file system: the stored key has one slash.
        assertEquals(List.of("a/b"), Scenarios.listAll(c, "v4-slashes", "a/", 10));
    }

    @Test
    void extraSignedHeadersAndQueryParametersAreAccepted(S3ProxyServer s) {
        S3Client c = new S3Client(s.endpoint(), Fixtures.signing(Fixtures.v4()));
        Scenarios.createBucket(c, "v4-header");
        byte[] body = Scenarios.bytes(33, 9);
        S3Http.Response put = c.put("v4-header", "meta/obj", body, Map.of("x-amz-meta-colour", "  blue   green ",
                "Content-Type", "text/plain; charset=utf-8", "x-amz-storage-class", "STANDARD"));
        assertEquals(200, put.status(), put::describe);
        S3Http.Response head = c.head("v4-header", "meta/obj");
        assertEquals("blue green", head.header("x-amz-meta-colour").trim().replaceAll(" +", " "));
        S3Http.Response get = c.send("GET", S3Paths.objectPath("v4-header", "meta/obj")
                + "?response-content-type=application%2Fx-test&response-cache-control=no-cache", Map.of(), null);
        assertEquals(200, get.status(), get::describe);
        assertEquals("application/x-test", get.header("Content-Type"));
        assertArrayEquals(body, get.body());
    }
}
