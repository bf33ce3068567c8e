package dev.awssig.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** S3 SigV2 {@code Authorization: AWS id:signature} header signing, accepted by s3proxy. */
@ExtendWith(S3ProxyExtension.class)
class SigV2HeaderE2ETest {
    @Test
    void objectLifecycleWithAwkwardKeys(S3ProxyServer s) {
        Scenarios.objectLifecycle(new S3Client(s.endpoint(), Fixtures.signing(Fixtures.v2())), "v2-header", "life/");
    }

    @Test
    void multipartUploadSignsItsSubresources(S3ProxyServer s) {
        Scenarios.multipartUpload(new S3Client(s.endpoint(), Fixtures.signing(Fixtures.v2())), "v2-header",
                "multipart/v2 object+\u00e9");
    }

    @Test
    void amzHeadersAndResponseOverridesAreSigned(S3ProxyServer s) {
        S3Client c = new S3Client(s.endpoint(), Fixtures.signing(Fixtures.v2()));
        Scenarios.createBucket(c, "v2-header");
        byte[] body = Scenarios.bytes(50, 31);
        S3Http.Response put = c.put("v2-header", "meta/obj", body, Map.of("x-amz-meta-colour", "blue",
                "X-Amz-Meta-Shape", "round", "Content-Type", "text/plain", "Content-MD5", Md5.base64(body)));
        assertEquals(200, put.status(), put::describe);
        S3Http.Response get = c.send("GET", S3Paths.objectPath("v2-header", "meta/obj")
                + "?response-content-type=application%2Fx-test", Map.of(), null);
        assertEquals(200, get.status(), get::describe);
        assertEquals("application/x-test", get.header("Content-Type"));
        assertEquals("blue", get.header("x-amz-meta-colour"));
        assertArrayEquals(body, get.body());
    }
}
