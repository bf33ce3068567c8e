package dev.awssig.benchmarks;

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
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code aws-chunked} verification throughput on the receiving side: one operation checks the
 * request's seed signature and reads the whole body through {@code SigV4Verifier.verifyStreaming}
 * (1 MiB in 64 KiB chunks, each chunk's signature checked before its data is handed on) into a
 * 64 KiB buffer, as a server would. The floor is SHA-256 of the same chunks, nothing else.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Defaults.XMS, Defaults.XMX})
public class SigV4ChunkedVerify {
    /** Payload bytes per operation. */
    public static final int PAYLOAD_BYTES = 1 << 20;

    private ChunkedCase chunked;

    /** Builds the body and checks that it is the reference encoding and that ours decodes it. */
    @Setup
    public void setup() {
        chunked = new ChunkedCase(PAYLOAD_BYTES, Fixtures.Chunked.CHUNK_SIZE);
    }

    /**
     * Ours: verify, then read the whole decoded body.
     *
     * @return the number of decoded bytes
     */
    @Benchmark
    public long awssig() {
        return chunked.verify();
    }

    /**
     * The floor: SHA-256 of every 64 KiB chunk, nothing else.
     *
     * @return the last chunk's hash
     */
    @Benchmark
    public byte[] sha256Only() {
        return chunked.sha256Only();
    }
}
