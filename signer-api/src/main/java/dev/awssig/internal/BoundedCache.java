package dev.awssig.internal;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A bounded cache of values that are a pure function of their key (derived signing keys): reads
 * take no lock, a miss computes the value outside any lock and inserts it under a lock that only
 * misses take, evicting the least recently used entry past the capacity. Internal: exported only
 * to the sibling modules.
 *
 * <p>Recency is kept at the granularity of misses: every insertion starts a new epoch, and a hit
 * stamps its entry with the current epoch, writing to it only when the stamp changes (so a steady
 * stream of hits writes nothing shared). Eviction removes an entry with the oldest stamp; entries
 * hit within one epoch are equally recent. Two threads that miss the same key at once both compute
 * it; the first insertion wins and both get a correct value, since the value depends on the key
 * alone. The size never exceeds the capacity: only the lock holder inserts, after evicting.
 *
 * @param <K> the key, with value equality
 * @param <V> the value, computed from the key alone and never modified once cached
 */
public final class BoundedCache<K, V> {
    private final int capacity;
    private final ConcurrentHashMap<K, Node<V>> map;
    /** Held by the thread that inserts; readers never take it. */
    private final ReentrantLock insertLock = new ReentrantLock();
    /** The current epoch: advanced by every insertion (written under {@link #insertLock}). */
    private volatile long epoch;

    /**
     * A cache of at most {@code capacity} entries.
     *
     * @param capacity the maximum number of entries, at least 1
     * @throws IllegalArgumentException if {@code capacity} is below 1
     */
    public BoundedCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity: must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
        this.map = new ConcurrentHashMap<>(Math.min(capacity, 64) * 2);
    }

    /**
     * The value of a key: the cached one, or {@code compute.apply(key)}, cached. {@code compute}
     * must be a pure function of the key (it may run more than once for one key when threads race).
     *
     * @param key the key
     * @param compute computes the value of a key that is not cached; must not return null
     * @return the value
     */
    public V get(K key, Function<? super K, ? extends V> compute) {
        Node<V> n = map.get(key);
        if (n != null) {
            long now = epoch;
            if (n.stamp != now) { // written only when it changes: hits in one epoch write nothing
                n.stamp = now;
            }
            return n.value;
        }
        V value = Objects.requireNonNull(compute.apply(key), "compute returned null");
        insertLock.lock();
        try {
            Node<V> raced = map.get(key);
            if (raced != null) {
                return raced.value; // another thread inserted it meanwhile: the same value
            }
            if (map.size() >= capacity) {
                evictOldest();
            }
            long now = epoch;
            map.put(key, new Node<>(value, now));
            epoch = now + 1;
            return value;
        } finally {
            insertLock.unlock();
        }
    }

    /** Removes an entry with the oldest stamp. Called with {@link #insertLock} held. */
    private void evictOldest() {
        K oldest = null;
        long oldestStamp = Long.MAX_VALUE;
        for (Map.Entry<K, Node<V>> e : map.entrySet()) {
            long s = e.getValue().stamp;
            if (s < oldestStamp) {
                oldestStamp = s;
                oldest = e.getKey();
            }
        }
        if (oldest != null) {
            map.remove(oldest);
        }
    }

    /**
     * The number of cached entries, at most the capacity.
     *
     * @return the size
     */
    public int size() {
        return map.size();
    }

    /**
     * The maximum number of entries.
     *
     * @return the capacity
     */
    public int capacity() {
        return capacity;
    }

    private static final class Node<V> {
        final V value;
        /** The epoch of the last insertion or hit; a racy hint (a lost or torn write only blurs recency). */
        long stamp;

        Node(V value, long stamp) {
            this.value = value;
            this.stamp = stamp;
        }
    }
}
