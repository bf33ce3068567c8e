package dev.awssig.v4.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Credentials;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.internal.ScratchPool;
import dev.awssig.v4.SigV4Signer;
import dev.awssig.v4.SigV4Verifier;
import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * On virtual threads the per-call scratch comes from a bounded pool: 10,000 live virtual threads
 * that each signed and verified once do not keep 10,000 scratches. Runs only on a JVM with
 * virtual threads (Java 21+), found by reflection; the library and this test compile for Java 17.
 */
class VirtualThreadScratchTest {
    private static final Instant NOW = Instant.parse("2013-05-24T00:00:00Z");
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    /** The docs' signature of GET /test.txt with Range: bytes=0-9 (S3 SigV4 header example). */
    private static final String EXPECTED = "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41";
    private static final int THREADS = 10_000;

    private static ExecutorService virtualThreadPerTask() {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (NoSuchMethodException e) {
            Assumptions.abort("this JVM has no virtual threads (" + Runtime.version() + ")");
            throw new AssertionError(e);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void platformThreadsAreNotVirtual() {
        assertFalse(ScratchPool.currentThreadIsVirtual());
    }

    @Test
    void liveVirtualThreadsThatSignedOnceDoNotEachKeepAScratch() throws Exception {
        ExecutorService executor = virtualThreadPerTask();
        SigV4Signer signer = SigV4Signer.create(SigningConfig.builder()
                .credentials(Credentials.of("AKIAIOSFODNN7EXAMPLE", SECRET))
                .region("us-east-1").service("s3").clock(Clock.fixed(NOW, ZoneOffset.UTC)).build());
        SigV4Verifier verifier = SigV4Verifier.create(SigningConfig.builder().region("us-east-1").service("s3").build());
        SecretLookup secrets = SecretLookup.of(Credentials.of("AKIAIOSFODNN7EXAMPLE", SECRET));
        SignableRequest request = SignableRequest.builder().method("GET")
                .uri("https://examplebucket.s3.amazonaws.com/test.txt").header("Range", "bytes=0-9").build();

        CountDownLatch signed = new CountDownLatch(THREADS);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger wrong = new AtomicInteger();
        AtomicInteger virtual = new AtomicInteger();
        ConcurrentLinkedQueue<WeakReference<Scratch>> seen = new ConcurrentLinkedQueue<>();
        try {
            for (int i = 0; i < THREADS; i++) {
                executor.execute(() -> {
                    try {
                        if (ScratchPool.currentThreadIsVirtual()) {
                            virtual.incrementAndGet();
                        }
                        SignableRequest s = signer.sign(request).request();
                        String auth = s.headers().firstValue("Authorization").orElse("");
                        if (!auth.endsWith("Signature=" + EXPECTED) || !verifier.verify(s, secrets, NOW).isValid()) {
                            wrong.incrementAndGet();
                        }
                        // the scratch this thread would keep: its own before the pool, a pooled one now
                        try (Scratch scratch = Scratch.open()) {
                            seen.add(new WeakReference<>(scratch));
                        }
                    } catch (RuntimeException e) {
                        wrong.incrementAndGet();
                    } finally {
                        signed.countDown();
                    }
                    try {
                        release.await(); // stays alive (blocked) until every thread has signed
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            assertTrue(signed.await(120, TimeUnit.SECONDS), "every virtual thread signed");
            assertEquals(0, wrong.get(), "signatures that differ from the docs' or do not verify");
            assertEquals(THREADS, virtual.get(), "the threads were virtual");
            assertEquals(THREADS, seen.size());
            // every virtual thread is alive and blocked: count the scratches that are still reachable
            int live = Integer.MAX_VALUE;
            for (int attempt = 0; attempt < 10 && live > Scratch.POOL.size(); attempt++) {
                System.gc();
                Thread.sleep(20);
                live = distinctLive(seen);
            }
            assertTrue(live <= Scratch.POOL.size(),
                    live + " scratches kept by " + THREADS + " live virtual threads; the pool keeps at most "
                            + Scratch.POOL.size());
            assertTrue(Scratch.POOL.idle() >= 1, "the pool kept a scratch for the next virtual thread");
        } finally {
            release.countDown();
            executor.shutdown();
            assertTrue(executor.awaitTermination(60, TimeUnit.SECONDS));
        }
    }

    private static int distinctLive(ConcurrentLinkedQueue<WeakReference<Scratch>> refs) {
        Set<Scratch> live = Collections.newSetFromMap(new IdentityHashMap<>());
        List<WeakReference<Scratch>> all = new ArrayList<>(refs);
        for (WeakReference<Scratch> r : all) {
            Scratch s = r.get();
            if (s != null) {
                live.add(s);
            }
        }
        return live.size();
    }
}
