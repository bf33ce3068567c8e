package dev.awssig.internal;

import java.nio.charset.StandardCharsets;

/**
 * SigV4 signing keys, {@code HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date), region), service), "aws4_request")},
 * with a bounded, thread-safe least-recently-used cache ({@link BoundedCache}: reads take no lock): a
 * flood of regions, services or dates evicts old keys instead of growing memory. Internal: exported
 * only to the sibling modules.
 */
public final class SigningKeys {
    /** Default number of cached keys. */
    public static final int DEFAULT_CAPACITY = 256;

    private static final SigningKeys SHARED = new SigningKeys(DEFAULT_CAPACITY);

    private final BoundedCache<Key, byte[]> cache;

    /**
     * A cache of at most {@code capacity} keys.
     *
     * @param capacity the maximum number of entries, at least 1
     */
    public SigningKeys(int capacity) {
        this.cache = new BoundedCache<>(capacity);
    }

    /**
     * The process-wide shared cache.
     *
     * @return the shared cache
     */
    public static SigningKeys shared() {
        return SHARED;
    }

    /**
     * Derives a signing key without caching.
     *
     * @param secret the secret access key
     * @param dateStamp {@code yyyyMMdd}
     * @param region the region
     * @param service the service
     * @return the 32-byte key
     */
    public static byte[] derive(String secret, String dateStamp, String region, String service) {
        byte[] k = Crypto.hmacSha256(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), dateStamp);
        k = Crypto.hmacSha256(k, region);
        k = Crypto.hmacSha256(k, service);
        return Crypto.hmacSha256(k, "aws4_request");
    }

    /**
     * The signing key, from the cache or derived and cached. The returned array must not be
     * modified.
     *
     * @param secret the secret access key
     * @param dateStamp {@code yyyyMMdd}
     * @param region the region
     * @param service the service
     * @return the 32-byte key
     */
    public byte[] get(String secret, String dateStamp, String region, String service) {
        return cache.get(new Key(secret, dateStamp, region, service), SigningKeys::deriveOf);
    }

    private static byte[] deriveOf(Key k) {
        return derive(k.secret, k.dateStamp, k.region, k.service);
    }

    /**
     * The number of cached keys.
     *
     * @return the size
     */
    public int size() {
        return cache.size();
    }

    private record Key(String secret, String dateStamp, String region, String service) {
        @Override
        public String toString() {
            return "Key[" + dateStamp + "/" + region + "/" + service + "]";
        }
    }
}
