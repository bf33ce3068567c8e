package dev.awssig.internal.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Credentials;
import dev.awssig.CredentialsNotFoundException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The refresh rules of {@link CachedCredentials}, with an injected clock and jitter. */
class CachedCredentialsTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    final TestClock clock = new TestClock(NOW);
    final AtomicInteger fetches = new AtomicInteger();

    /** A source whose n-th credentials are ASIAn..., valid for the given lifetime from the fetch. */
    Supplier<Credentials> source(Duration lifetime) {
        return () -> {
            int n = fetches.incrementAndGet();
            return Credentials.of("ASIA" + n + "EXAMPLE", "secret" + n, "token" + n, clock.instant().plus(lifetime));
        };
    }

    CachedCredentials cache(Supplier<Credentials> source, long jitterMillis) {
        return new CachedCredentials("test source", source, clock, max -> jitterMillis);
    }

    static void awaitWaiting(CachedCredentials c, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (c.waitingThreads() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(n, c.waitingThreads(), "threads waiting for the fetch");
    }

    @Test
    void fetchedOnceThenServedFromTheCache() {
        CachedCredentials c = cache(source(Duration.ofHours(1)), 0);
        Credentials first = c.resolveCredentials();
        clock.advance(Duration.ofMinutes(54));
        assertSame(first, c.resolveCredentials());
        assertEquals(1, fetches.get());
    }

    @Test
    void refreshedFiveMinutesBeforeExpiryWithoutJitter() {
        CachedCredentials c = cache(source(Duration.ofHours(1)), 0);
        c.resolveCredentials();
        clock.set(NOW.plus(Duration.ofMinutes(55)).minusMillis(1));
        assertEquals("ASIA1EXAMPLE", c.resolveCredentials().accessKeyId());
        clock.set(NOW.plus(Duration.ofMinutes(55)));
        assertEquals("ASIA2EXAMPLE", c.resolveCredentials().accessKeyId());
    }

    @Test
    void theJitterMovesTheRefreshEarlierByUpToAMinute() {
        long[] askedMax = {0};
        CachedCredentials c = new CachedCredentials("test source", source(Duration.ofHours(1)), clock, max -> {
            askedMax[0] = max;
            return 45_000;
        });
        c.resolveCredentials();
        assertEquals(60_000, askedMax[0]);
        clock.set(NOW.plus(Duration.ofMinutes(54)).plusSeconds(15).minusMillis(1));
        assertEquals("ASIA1EXAMPLE", c.resolveCredentials().accessKeyId());
        clock.set(NOW.plus(Duration.ofMinutes(54)).plusSeconds(15));
        assertEquals("ASIA2EXAMPLE", c.resolveCredentials().accessKeyId());
    }

    @Test
    void shortLivedCredentialsAreRefreshedAtHalfTheirLifetime() {
        CachedCredentials c = cache(source(Duration.ofMinutes(4)), 30_000);
        c.resolveCredentials();
        clock.advance(Duration.ofMinutes(2).minusMillis(1));
        assertEquals("ASIA1EXAMPLE", c.resolveCredentials().accessKeyId());
        clock.advance(Duration.ofMillis(1));
        assertEquals("ASIA2EXAMPLE", c.resolveCredentials().accessKeyId());
    }

    @Test
    void credentialsWithoutExpirationAreKeptForGood() {
        CachedCredentials c = cache(() -> {
            fetches.incrementAndGet();
            return Credentials.of("AKIDPROCESS", "s");
        }, 0);
        c.resolveCredentials();
        clock.advance(Duration.ofDays(3650));
        c.resolveCredentials();
        assertEquals(1, fetches.get());
    }

    @Test
    void aFailedRefreshKeepsCredentialsThatAreStillValidAndTriesAgainLater() {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Supplier<Credentials> ok = source(Duration.ofHours(1));
        CachedCredentials c = cache(() -> {
            if (failure.get() != null) {
                fetches.incrementAndGet();
                throw failure.get();
            }
            return ok.get();
        }, 0);
        Credentials first = c.resolveCredentials();
        failure.set(new CredentialsNotFoundException("source down"));
        clock.set(NOW.plus(Duration.ofMinutes(56)));
        assertSame(first, c.resolveCredentials(), "refresh failed, the valid credentials are kept");
        assertEquals(2, fetches.get());
        clock.advance(Duration.ofSeconds(9));
        assertSame(first, c.resolveCredentials(), "no new attempt within the retry delay");
        assertEquals(2, fetches.get());
        clock.advance(Duration.ofSeconds(1));
        assertSame(first, c.resolveCredentials());
        assertEquals(3, fetches.get(), "tried again after the retry delay");
        clock.set(NOW.plus(Duration.ofMinutes(60)));
        CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class, c::resolveCredentials);
        assertEquals("source down", e.getMessage(), "expired: the failure is thrown");
        failure.set(null);
        assertEquals("ASIA" + (fetches.get() + 1) + "EXAMPLE", c.resolveCredentials().accessKeyId());
    }

    @Test
    void aSourceHandingOutExpiredCredentialsFails() {
        CachedCredentials c = cache(() -> Credentials.of("ASIAOLD", "s", "t", NOW.minusSeconds(1)), 0);
        CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class, c::resolveCredentials);
        assertEquals("test source returned credentials that expired at 2026-03-01T09:59:59Z (now 2026-03-01T10:00:00Z)",
                e.getMessage());
    }

    @Test
    void oneRefreshAtATimeWhileTheOthersUseTheCurrentCredentials() throws Exception {
        CountDownLatch refreshing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Supplier<Credentials> ok = source(Duration.ofHours(1));
        AtomicInteger blocking = new AtomicInteger();
        CachedCredentials c = cache(() -> {
            if (fetches.get() > 0 && blocking.getAndIncrement() == 0) {
                enterAndBlock(refreshing, release);
            }
            return ok.get();
        }, 0);
        Credentials first = c.resolveCredentials();
        clock.set(NOW.plus(Duration.ofMinutes(56)));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            Future<Credentials> refresher = pool.submit(c::resolveCredentials);
            assertTrue(refreshing.await(10, TimeUnit.SECONDS));
            List<Future<Credentials>> others = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                others.add(pool.submit(c::resolveCredentials));
            }
            for (Future<Credentials> f : others) {
                assertSame(first, f.get(10, TimeUnit.SECONDS), "not stale yet: the others do not wait");
            }
            release.countDown();
            assertEquals("ASIA2EXAMPLE", refresher.get(10, TimeUnit.SECONDS).accessKeyId());
            assertEquals(2, fetches.get(), "one refresh for 17 callers");
            assertEquals("ASIA2EXAMPLE", c.resolveCredentials().accessKeyId());
        } finally {
            pool.shutdownNow();
        }
    }

    /** In a source: says it is inside, then blocks until released. */
    static void enterAndBlock(CountDownLatch inside, CountDownLatch release) {
        inside.countDown();
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * One caller enters the (blocking) source, {@code others} more queue behind it, then the
     * source is released; the outcome of every caller, the first one first.
     */
    static List<Future<Credentials>> callersBehindOneFetch(CachedCredentials c, CountDownLatch inside,
            CountDownLatch release, int others, ExecutorService pool) throws InterruptedException {
        List<Future<Credentials>> all = new ArrayList<>();
        all.add(pool.submit(c::resolveCredentials));
        assertTrue(inside.await(10, TimeUnit.SECONDS));
        for (int i = 0; i < others; i++) {
            all.add(pool.submit(c::resolveCredentials));
        }
        awaitWaiting(c, others);
        release.countDown();
        return all;
    }

    @Test
    void whenNothingIsCachedTheCallersWaitForOneFetch() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Supplier<Credentials> ok = source(Duration.ofHours(1));
        CachedCredentials c = cache(() -> {
            enterAndBlock(inside, release);
            return ok.get();
        }, 0);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Future<Credentials> f : callersBehindOneFetch(c, inside, release, 7, pool)) {
                assertEquals("ASIA1EXAMPLE", f.get(10, TimeUnit.SECONDS).accessKeyId());
            }
            assertEquals(1, fetches.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void callersThatWaitedForAFailedFetchGetItsFailureWithoutCallingTheSourceAgain() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CachedCredentials c = cache(() -> {
            fetches.incrementAndGet();
            enterAndBlock(inside, release);
            throw new CredentialsNotFoundException("endpoint down");
        }, 0);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (Future<Credentials> f : callersBehindOneFetch(c, inside, release, 3, pool)) {
                ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(10, TimeUnit.SECONDS));
                assertEquals("endpoint down", e.getCause().getMessage());
            }
            assertEquals(1, fetches.get());
        } finally {
            pool.shutdownNow();
        }
    }
}
