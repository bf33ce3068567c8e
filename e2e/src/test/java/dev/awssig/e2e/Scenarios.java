package dev.awssig.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * The S3 conversations every signing mode must get through, written once: the signer under
 * test only changes the {@link S3Client.RequestSigner}.
 */
final class Scenarios {
    /**
     * Keys that catch encoding mistakes: space, '+', '%', '~', non-ASCII (2-, 3- and 4-byte
     * UTF-8), reserved characters, and a path with several segments. ('//' has its own test: the
     * server stores it collapsed.)
     */
    static final List<String> AWKWARD_KEYS = List.of(
            "plain.txt",
            "with space.txt",
            "plus+sign+key",
            "percent%20literal%zz",
            "tilde~name",
            "unicode-\u00fcn\u00efc\u00f8de-\u65e5\u672c-\ud83d\ude00.bin",
            "reserved !$&'()*,;=:@[]",
            "deep/path/of/segments/file.dat");

    private Scenarios() {
    }

    /** Deterministic bytes (the same for the same seed). */
    static byte[] bytes(int length, long seed) {
        byte[] b = new byte[length];
        SplittableRandom r = new SplittableRandom(seed);
        for (int i = 0; i < length; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

    /** Creates a bucket, accepting one this run already made. */
    static void createBucket(S3Client c, String bucket) {
        S3Http.Response r = c.createBucket(bucket);
        assertTrue(r.status() == 200 || r.errorCode().equals("BucketAlreadyOwnedByYou"),
                () -> "create bucket " + bucket + ": " + r.describe());
    }

    /**
     * PUT each awkward key under a prefix, read it back (GET whole and with Range, HEAD), list
     * the prefix two keys a page with continuation tokens, DELETE everything, and check it is gone.
     */
    static void objectLifecycle(S3Client c, String bucket, String prefix) {
        createBucket(c, bucket);
        Map<String, byte[]> objects = new LinkedHashMap<>();
        long seed = 1;
        for (String k : AWKWARD_KEYS) {
            objects.put(prefix + k, bytes(64 + (int) (seed * 37), seed++));
        }
        for (Map.Entry<String, byte[]> e : objects.entrySet()) {
            S3Http.Response put = c.put(bucket, e.getKey(), e.getValue());
            assertEquals(200, put.status(), () -> "PUT '" + e.getKey() + "': " + put.describe());
        }
        for (Map.Entry<String, byte[]> e : objects.entrySet()) {
            S3Http.Response get = c.get(bucket, e.getKey());
            assertEquals(200, get.status(), () -> "GET '" + e.getKey() + "': " + get.describe());
            assertArrayEquals(e.getValue(), get.body(), "GET '" + e.getKey() + "' body");

            S3Http.Response range = c.getRange(bucket, e.getKey(), "bytes=5-20");
            assertEquals(206, range.status(), () -> "GET Range '" + e.getKey() + "': " + range.describe());
            assertArrayEquals(Arrays.copyOfRange(e.getValue(), 5, 21), range.body(), "ranged body");
            assertEquals("bytes 5-20/" + e.getValue().length, range.header("Content-Range"));

            S3Http.Response head = c.head(bucket, e.getKey());
            assertEquals(200, head.status(), () -> "HEAD '" + e.getKey() + "': " + head.describe());
            assertEquals(String.valueOf(e.getValue().length), head.header("Content-Length"));
            assertEquals(0, head.body().length, "HEAD has no body");
        }
        assertEquals(new ArrayList<>(new TreeSet<>(objects.keySet())), listAll(c, bucket, prefix, 2),
                "listing of '" + prefix + "', two keys a page, byte for byte");

        for (String k : objects.keySet()) {
            S3Http.Response del = c.delete(bucket, k);
            assertEquals(204, del.status(), () -> "DELETE '" + k + "': " + del.describe());
            S3Http.Response gone = c.head(bucket, k);
            assertEquals(404, gone.status(), () -> "HEAD after DELETE '" + k + "': " + gone.describe());
        }
        assertEquals(List.of(), listAll(c, bucket, prefix, 1000), "listing after DELETE");
    }

    /**
     * Lists a prefix page by page (ListObjectsV2 with {@code max-keys} and
     * {@code continuation-token}) and returns every key, checking each page's size.
     */
    static List<String> listAll(S3Client c, String bucket, String prefix, int pageSize) {
        List<String> keys = new ArrayList<>();
        String token = null;
        for (int page = 0; page < 100; page++) {
            Map<String, String> params = new LinkedHashMap<>();
            params.put("prefix", prefix);
            params.put("max-keys", String.valueOf(pageSize));
            if (token != null) {
                params.put("continuation-token", token);
            }
            S3Http.Response r = c.list(bucket, params);
            assertEquals(200, r.status(), () -> "LIST: " + r.describe());
            List<String> pageKeys = r.xmlTexts("Key");
            assertTrue(pageKeys.size() <= pageSize, "page larger than max-keys");
            keys.addAll(pageKeys);
            List<String> truncated = r.xmlTexts("IsTruncated");
            if (truncated.isEmpty() || !truncated.get(0).equals("true")) {
                return keys;
            }
            List<String> next = r.xmlTexts("NextContinuationToken");
            assertEquals(1, next.size(), "a truncated page names its continuation token");
            token = next.get(0);
        }
        throw new AssertionError("listing did not end within 100 pages");
    }

    /**
     * A multipart upload of two parts (5 MiB, the server's minimum for all but the last, and a
     * small tail), completed and read back whole.
     */
    static void multipartUpload(S3Client c, String bucket, String key) {
        createBucket(c, bucket);
        byte[] part1 = bytes(5 * 1024 * 1024, 101);
        byte[] part2 = bytes(12_345, 102);
        String uploadId = c.initiateMultipart(bucket, key);
        List<String> etags = new ArrayList<>();
        for (byte[] part : List.of(part1, part2)) {
            S3Http.Response r = c.uploadPart(bucket, key, uploadId, etags.size() + 1, part);
            assertEquals(200, r.status(), () -> "UploadPart: " + r.describe());
            etags.add(r.header("ETag"));
        }
        S3Http.Response done = c.completeMultipart(bucket, key, uploadId, etags);
        assertEquals(200, done.status(), () -> "CompleteMultipartUpload: " + done.describe());
        assertTrue(done.errorCode().isEmpty(), () -> "CompleteMultipartUpload: " + done.describe());
        S3Http.Response get = c.get(bucket, key);
        assertEquals(200, get.status(), () -> "GET after multipart: " + get.describe());
        byte[] whole = new byte[part1.length + part2.length];
        System.arraycopy(part1, 0, whole, 0, part1.length);
        System.arraycopy(part2, 0, whole, part1.length, part2.length);
        assertArrayEquals(whole, get.body(), "multipart object body");
        assertEquals(204, c.delete(bucket, key).status());
    }
}
