package dev.awssig.benchmarks;

import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.Signer;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.Verifier;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Signing and verifying the S3 docs' {@code GET /test.txt} once per task, each task on a new
 * virtual thread (one thread per request, as Jetty 12 or Spring Boot run them) or on a pool of
 * platform threads; the {@code noop*} rows are the cost of handing a task over and waiting for it,
 * to subtract. B/op ({@code -prof gc}) counts every thread's allocation, the carriers' included.
 * Needs Java 21 or later for the virtual-thread rows (found by reflection: the benchmarks compile
 * for Java 17; on Java 17 those rows fail and the platform rows run). {@code benchmarks/run} runs
 * this class with a Java 21+ JVM when it finds one.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Defaults.XMS, Defaults.XMX})
public class VirtualThreads {
    private Signer signer;
    private Verifier verifier;
    private SignableRequest request;
    private SignableRequest signed;
    private SecretLookup secrets;
    private Instant now;
    /** A new virtual thread per task, or null before Java 21. */
    private ExecutorService virtual;
    /** One platform thread, reused (the benchmark itself runs one thread). */
    private ExecutorService platform;
    private Callable<SignedRequest> sign;
    private Callable<VerificationResult> verify;
    private Callable<Object> noop;

    /** Builds the signer and verifier and checks both answers on both kinds of thread. */
    @Setup
    public void setup() {
        Credentials credentials = Credentials.of(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET);
        SigningConfig config = Ours.config(credentials, Fixtures.REGION, "s3", Fixtures.GetObject.TIME).build();
        signer = Ours.SIGNERS.signer(Algorithms.SIGV4, config);
        verifier = Ours.SIGNERS.verifier(Algorithms.SIGV4, config);
        request = SignableRequest.builder().method("GET").uri(Fixtures.GetObject.URI)
                .header("Range", Fixtures.GetObject.RANGE).build();
        signed = signer.sign(request).request();
        secrets = SecretLookup.of(credentials);
        now = Fixtures.GetObject.TIME.plusSeconds(1);
        sign = () -> signer.sign(request);
        verify = () -> verifier.verify(signed, secrets, now);
        noop = () -> this;
        platform = Executors.newFixedThreadPool(1, r -> {
            Thread t = new Thread(r, "platform-pool");
            t.setDaemon(true); // SelfCheck runs setup() without tearDown(): the JVM must still exit
            return t;
        });
        virtual = virtualThreadPerTask();
        check(platform, "platform thread");
        if (virtual != null) {
            check(virtual, "virtual thread");
        }
    }

    private void check(ExecutorService executor, String where) {
        Check.same("awssig on a " + where, Fixtures.GetObject.SIGNATURE, run(executor, sign).signature());
        VerificationResult r = run(executor, verify);
        if (!r.isValid()) {
            throw new IllegalStateException("awssig verifier on a " + where + " rejected a valid request: " + r);
        }
    }

    /** Stops the executors. */
    @TearDown
    public void tearDown() {
        platform.shutdownNow();
        if (virtual != null) {
            virtual.shutdownNow();
        }
    }

    private static ExecutorService virtualThreadPerTask() {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (NoSuchMethodException e) {
            return null; // Java 17 to 20
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private ExecutorService virtual() {
        if (virtual == null) {
            throw new IllegalStateException("virtual threads need Java 21 or later; this is " + Runtime.version());
        }
        return virtual;
    }

    private static <T> T run(ExecutorService executor, Callable<T> task) {
        try {
            return executor.submit(task).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Signs on a new virtual thread.
     *
     * @return the signed request
     */
    @Benchmark
    public SignedRequest signNewVirtualThread() {
        return run(virtual(), sign);
    }

    /**
     * Signs on the pooled platform thread.
     *
     * @return the signed request
     */
    @Benchmark
    public SignedRequest signPlatformPool() {
        return run(platform, sign);
    }

    /**
     * Verifies on a new virtual thread.
     *
     * @return the result
     */
    @Benchmark
    public VerificationResult verifyNewVirtualThread() {
        return run(virtual(), verify);
    }

    /**
     * Verifies on the pooled platform thread.
     *
     * @return the result
     */
    @Benchmark
    public VerificationResult verifyPlatformPool() {
        return run(platform, verify);
    }

    /**
     * Hands an empty task to a new virtual thread: the thread's own cost.
     *
     * @return the task's result
     */
    @Benchmark
    public Object noopNewVirtualThread() {
        return run(virtual(), noop);
    }

    /**
     * Hands an empty task to the pooled platform thread.
     *
     * @return the task's result
     */
    @Benchmark
    public Object noopPlatformPool() {
        return run(platform, noop);
    }
}
