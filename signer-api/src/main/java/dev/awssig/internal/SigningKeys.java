package dev.awssig.internal;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SigV4 signing keys, {@code HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date), region), service), "aws4_request")},
 * with a bounded, thread-safe least-recently-used cache: a flood of regions, services or dates
 * evicts old keys instead of growing memory. Internal: exported only to the sibling modules.
 */
public final class SigningKeys {
    /** Default number of cached keys. */
    public static final int DEFAULT_CAPACITY = 256;

    private static final SigningKeys SHARED = new SigningKeys(DEFAULT_CAPACITY);

    private final int capacity;
    private final Map<Key, byte[]> cache;

    /**
     * A cache of at most {@code capacity} keys.
     *
     * @param capacity the maximum number of entries, at least 1
     */
    public SigningKeys(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
        this.cache = new LinkedHashMap<>(Math.min(capacity, 64) * 2, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, byte[]> eldest) {
                return size() > SigningKeys.this.capacity;
            }
        };
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
        Key key = new Key(secret, dateStamp, region, service);
        synchronized (cache) {
            byte[] k = cache.get(key);
            if (k != null) {
                return k;
            }
        }
        byte[] derived = derive(secret, dateStamp, region, service);
        synchronized (cache) {
            cache.put(key, derived);
        }
        return derived;
    }

    /**
     * The number of cached keys.
     *
     * @return the size
     */
    public int size() {
        synchronized (cache) {
            return cache.size();
        }
    }

    private record Key(String secret, String dateStamp, String region, String service) {
        @Override
        public String toString() {
            return "Key[" + dateStamp + "/" + region + "/" + service + "]";
        }
    }
}
