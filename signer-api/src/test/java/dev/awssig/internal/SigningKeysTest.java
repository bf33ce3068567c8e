package dev.awssig.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SigningKeysTest {
    private static final String DOCS_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    /**
     * AWS General Reference, "Examples of how to derive a signing key for Signature Version 4":
     * secret above, 20120215, us-east-1, iam.
     */
    @Test
    void derivedKeyEqualsTheAwsDocumentationExample() {
        assertEquals("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d",
                Hex.encode(SigningKeys.derive(DOCS_SECRET, "20120215", "us-east-1", "iam")));
        assertEquals("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d",
                Hex.encode(new SigningKeys(4).get(DOCS_SECRET, "20120215", "us-east-1", "iam")));
    }

    /** IAM ListUsers walkthrough (AWS docs): HMAC(signing key, string to sign) is the published signature. */
    @Test
    void derivedKeySignsTheIamListUsersExample() {
        String sts = "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-east-1/iam/aws4_request\n"
                + "f536975d06c0309214f805bb90ccff089219ecd68b2577efef23edd43b7e1a59";
        byte[] key = SigningKeys.derive(DOCS_SECRET, "20150830", "us-east-1", "iam");
        assertEquals("5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7",
                Hex.encode(Crypto.hmacSha256(key, sts)));
    }

    /** S3 API reference, GET object with a Range header: the published signature. */
    @Test
    void derivedKeySignsTheS3GetObjectExample() {
        String sts = "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
                + "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972";
        byte[] key = SigningKeys.shared().get("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "20130524", "us-east-1",
                "s3");
        assertEquals("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
                Hex.encode(Crypto.hmacSha256(key, sts)));
    }

    @Test
    void cachedKeyIsReused() {
        SigningKeys keys = new SigningKeys(8);
        byte[] a = keys.get("s", "20200101", "us-east-1", "s3");
        assertSame(a, keys.get("s", "20200101", "us-east-1", "s3"));
        assertEquals(1, keys.size());
        byte[] other = keys.get("s2", "20200101", "us-east-1", "s3");
        assertNotSame(a, other);
        assertTrue(!java.util.Arrays.equals(a, other), "a different secret gives a different key");
        assertEquals(2, keys.size());
    }

    @Test
    void cacheStaysBoundedUnderAFloodOfDistinctRegions() {
        SigningKeys keys = new SigningKeys(16);
        for (int i = 0; i < 20_000; i++) {
            byte[] k = keys.get("secret", "20200101", "region-" + i, "s3");
            assertEquals(32, k.length);
            assertTrue(keys.size() <= 16, "size " + keys.size() + " after " + i);
        }
        assertEquals(16, keys.size());
        assertArrayEquals(SigningKeys.derive("secret", "20200101", "region-19999", "s3"),
                keys.get("secret", "20200101", "region-19999", "s3"));
    }

    @Test
    void sharedCacheIsBoundedToo() {
        SigningKeys shared = SigningKeys.shared();
        for (int i = 0; i < 2 * SigningKeys.DEFAULT_CAPACITY + 10; i++) {
            shared.get("flood", "20200101", "flood-" + i, "s3");
        }
        assertEquals(SigningKeys.DEFAULT_CAPACITY, shared.size());
        assertSame(shared, SigningKeys.shared());
    }

    @Test
    void leastRecentlyUsedIsEvictedFirst() {
        SigningKeys keys = new SigningKeys(2);
        byte[] a = keys.get("s", "20200101", "a", "s3");
        keys.get("s", "20200101", "b", "s3");
        assertSame(a, keys.get("s", "20200101", "a", "s3"), "touch a");
        keys.get("s", "20200101", "c", "s3"); // evicts b, the least recently used
        assertSame(a, keys.get("s", "20200101", "a", "s3"));
        assertEquals(2, keys.size());
    }

    @Test
    void concurrentUseStaysCorrectAndBounded() throws Exception {
        SigningKeys keys = new SigningKeys(32);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                final int thread = t;
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        String region = "r" + ((i * 7 + thread) % 64);
                        byte[] k = keys.get("secret", "20200101", region, "s3");
                        if (!java.util.Arrays.equals(k, SigningKeys.derive("secret", "20200101", region, "s3"))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> f : results) {
                assertTrue(f.get(60, TimeUnit.SECONDS));
            }
            assertTrue(keys.size() <= 32);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void capacityMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SigningKeys(0));
        assertEquals("capacity: must be >= 1, was 0", e.getMessage());
    }
}
