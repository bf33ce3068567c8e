package dev.awssig.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {
    /** A pure function of the key, so a test can check every value it gets. */
    private static final Function<Integer, String> VALUE = k -> "value-" + k;

    @Test
    void aHitReturnsTheCachedValueWithoutComputingAgain() {
        BoundedCache<Integer, String> cache = new BoundedCache<>(4);
        AtomicInteger computed = new AtomicInteger();
        Function<Integer, String> counting = k -> {
            computed.incrementAndGet();
            return VALUE.apply(k);
        };
        String first = cache.get(1, counting);
        assertEquals("value-1", first);
        assertSame(first, cache.get(1, counting));
        assertEquals(1, computed.get());
        assertEquals(1, cache.size());
    }

    @Test
    void sizeNeverExceedsTheCapacityAndEndsAtIt() {
        BoundedCache<Integer, String> cache = new BoundedCache<>(16);
        for (int i = 0; i < 5_000; i++) {
            assertEquals("value-" + i, cache.get(i, VALUE));
            assertTrue(cache.size() <= 16, "size " + cache.size() + " after " + i);
        }
        assertEquals(16, cache.size());
        assertEquals(16, cache.capacity());
    }

    @Test
    void theLeastRecentlyUsedEntryIsEvicted() {
        BoundedCache<String, Object> cache = new BoundedCache<>(3);
        Object a = cache.get("a", k -> new Object());
        Object b = cache.get("b", k -> new Object());
        Object c = cache.get("c", k -> new Object());
        assertSame(a, cache.get("a", k -> new Object()));
        assertSame(b, cache.get("b", k -> new Object()));
        cache.get("d", k -> new Object()); // evicts c: a and b were used after it was inserted
        assertSame(a, cache.get("a", k -> new Object()));
        assertSame(b, cache.get("b", k -> new Object()));
        assertTrue(c != cache.get("c", k -> new Object()), "c was evicted and computed again");
        assertEquals(3, cache.size());
    }

    @Test
    void aHotEntrySurvivesAFloodOfMisses() {
        BoundedCache<Integer, String> cache = new BoundedCache<>(8);
        String hot = cache.get(-1, VALUE);
        for (int i = 0; i < 1_000; i++) {
            cache.get(i, VALUE);
            assertSame(hot, cache.get(-1, VALUE), "the entry used after every miss stays");
        }
    }

    @Test
    void concurrentReadersAndWritersGetTheRightValuesAndTheBoundHolds() throws Exception {
        int capacity = 32;
        BoundedCache<Integer, String> cache = new BoundedCache<>(capacity);
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                final int thread = t;
                results.add(pool.submit(() -> {
                    start.await();
                    int wrong = 0;
                    for (int i = 0; i < 20_000; i++) {
                        // half of the reads on 4 hot keys, half over a population of 4x the capacity
                        int key = (i & 1) == 0 ? i % 4 : (i * 31 + thread * 7) % (4 * capacity);
                        String v = cache.get(key, VALUE);
                        if (!v.equals("value-" + key)) {
                            wrong++;
                        }
                        if (cache.size() > capacity) {
                            wrong++;
                        }
                    }
                    return wrong;
                }));
            }
            start.countDown();
            for (Future<Integer> f : results) {
                assertEquals(0, f.get(60, TimeUnit.SECONDS), "wrong values or size over the capacity");
            }
            assertTrue(cache.size() <= capacity, "size " + cache.size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void racingMissesOfOneKeyLeaveOneCachedValue() throws Exception {
        BoundedCache<String, Object> cache = new BoundedCache<>(4);
        int threads = 6;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch computing = new CountDownLatch(threads);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> cache.get("k", k -> {
                    computing.countDown();
                    try {
                        computing.await(5, TimeUnit.SECONDS); // every thread misses before any inserts
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return new Object();
                })));
            }
            Object winner = results.get(0).get(60, TimeUnit.SECONDS);
            for (Future<Object> f : results) {
                assertSame(winner, f.get(60, TimeUnit.SECONDS), "every racer gets the value inserted first");
            }
            assertSame(winner, cache.get("k", k -> new Object()));
            assertEquals(1, cache.size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void badArgumentsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new BoundedCache<>(0));
        assertEquals("capacity: must be >= 1, was 0", e.getMessage());
        BoundedCache<Integer, String> cache = new BoundedCache<>(2);
        NullPointerException n = assertThrows(NullPointerException.class, () -> cache.get(1, k -> null));
        assertNotNull(n.getMessage());
        assertEquals(0, cache.size());
    }
}
