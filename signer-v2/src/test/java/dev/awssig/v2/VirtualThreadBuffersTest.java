package dev.awssig.v2;

import static dev.awssig.v2.S3V2SignerTest.ID;
import static dev.awssig.v2.S3V2SignerTest.NOW;
import static dev.awssig.v2.S3V2SignerTest.SECRET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Credentials;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.v2.internal.Macs;
import java.lang.ref.WeakReference;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.IdentityHashMap;
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
 * On virtual threads the SigV2 buffers and MACs come from a bounded pool: 10,000 live virtual
 * threads that each signed and verified once do not keep 10,000 sets of buffers. Runs only on a
 * JVM with virtual threads (Java 21+), found by reflection.
 */
class VirtualThreadBuffersTest {
    private static final int THREADS = 10_000;

    @Test
    void aPlatformThreadKeepsItsOwnBuffers() {
        Macs.Buffers mine = Macs.buffers();
        Macs.release(mine);
        assertSame(mine, Macs.buffers(), "a platform thread's buffers stay its own");
    }

    @Test
    void liveVirtualThreadsThatSignedOnceDoNotEachKeepBuffers() throws Exception {
        ExecutorService executor;
        try {
            executor = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (NoSuchMethodException e) {
            Assumptions.abort("this JVM has no virtual threads (" + Runtime.version() + ")");
            return;
        }
        S3V2Signer signer = S3V2Signer.create(SigningConfig.builder().credentials(Credentials.of(ID, SECRET))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build());
        S3V2Verifier verifier = S3V2Verifier.create();
        SecretLookup secrets = SecretLookup.of(Credentials.of(ID, SECRET));
        SignableRequest request = SignableRequest.builder().method("GET")
                .uri("https://johnsmith.s3.amazonaws.com/photos/puppy.jpg").build();
        String expected = signer.sign(request).signature(); // on this platform thread, with its own buffers

        CountDownLatch signed = new CountDownLatch(THREADS);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger wrong = new AtomicInteger();
        ConcurrentLinkedQueue<WeakReference<Macs.Buffers>> seen = new ConcurrentLinkedQueue<>();
        try {
            for (int i = 0; i < THREADS; i++) {
                executor.execute(() -> {
                    try {
                        var s = signer.sign(request);
                        if (!s.signature().equals(expected) || !verifier.verify(s.request(), secrets, NOW).isValid()) {
                            wrong.incrementAndGet();
                        }
                        Macs.Buffers b = Macs.buffers(); // what this thread would keep: its own, before the pool
                        seen.add(new WeakReference<>(b));
                        Macs.release(b);
                    } catch (RuntimeException e) {
                        wrong.incrementAndGet();
                    } finally {
                        signed.countDown();
                    }
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            assertTrue(signed.await(120, TimeUnit.SECONDS), "every virtual thread signed");
            assertEquals(0, wrong.get(), "signatures that differ from the platform thread's or do not verify");
            int bound = Math.max(4, Math.min(64, 2 * Runtime.getRuntime().availableProcessors()));
            int live = Integer.MAX_VALUE;
            for (int attempt = 0; attempt < 10 && live > bound; attempt++) {
                System.gc();
                Thread.sleep(20);
                Set<Macs.Buffers> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
                for (WeakReference<Macs.Buffers> r : seen) {
                    Macs.Buffers b = r.get();
                    if (b != null) {
                        distinct.add(b);
                    }
                }
                live = distinct.size();
            }
            assertTrue(live <= bound, live + " sets of buffers kept by " + THREADS
                    + " live virtual threads; the pool keeps at most " + bound);
        } finally {
            release.countDown();
            executor.shutdown();
            assertTrue(executor.awaitTermination(60, TimeUnit.SECONDS));
        }
    }
}
