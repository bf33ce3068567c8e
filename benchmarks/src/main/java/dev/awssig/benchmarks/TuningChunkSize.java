package dev.awssig.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Tuning: the aws-chunked chunk size ({@code SigV4Options.CHUNK_SIZE}) against throughput and
 * allocation, for a 4 MiB upload signed ({@code sign}: sign and read the encoded body) and
 * verified ({@code verify}: {@code verifyStreaming} and read the decoded body), with SHA-256 of the
 * same chunks as the floor. Every chunk size's encoding is checked byte for byte against the
 * reference encoder first.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Defaults.XMS, Defaults.XMX})
public class TuningChunkSize {
    /** Payload bytes per operation. */
    public static final int PAYLOAD_BYTES = 4 << 20;

    /** The chunk size in bytes (8 KiB to 1 MiB). */
    @Param({"8192", "16384", "65536", "262144", "1048576"})
    public int chunkSize = 65536;

    private ChunkedCase chunked;

    /** Builds and checks the body for this chunk size. */
    @Setup
    public void setup() {
        chunked = new ChunkedCase(PAYLOAD_BYTES, chunkSize);
    }

    /**
     * Ours, signing: sign and read the whole encoded body.
     *
     * @return the number of encoded bytes
     */
    @Benchmark
    public long sign() {
        return chunked.sign();
    }

    /**
     * Ours, verifying: check every chunk and read the whole decoded body.
     *
     * @return the number of decoded bytes
     */
    @Benchmark
    public long verify() {
        return chunked.verify();
    }

    /**
     * The floor: SHA-256 of every chunk, nothing else.
     *
     * @return the last chunk's hash
     */
    @Benchmark
    public byte[] sha256Only() {
        return chunked.sha256Only();
    }
}
