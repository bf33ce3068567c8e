package dev.awssig.benchmarks;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
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
 * {@code aws-chunked} signed encoding throughput: one operation encodes {@link #PAYLOAD_BYTES}
 * (1 MiB) in 64 KiB chunks, each chunk signed ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}).
 * The floor is SHA-256 alone over the same bytes, chunk by chunk. The report turns ns/op into
 * MB/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Defaults.XMS, Defaults.XMX})
public class SigV4ChunkedUpload {
    /** Bytes encoded per operation. */
    public static final int PAYLOAD_BYTES = 1 << 20;

    private byte[] data;
    private MessageDigest sha256;
    private final byte[] hash = new byte[32];

    /** Builds the payload and checks every implementation against the docs' example. */
    @Setup
    public void setup() {
        data = new byte[PAYLOAD_BYTES];
        Arrays.fill(data, (byte) 'a');
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The floor: SHA-256 of every 64 KiB chunk, nothing else.
     *
     * @return the last chunk's hash
     */
    @Benchmark
    public byte[] sha256Only() {
        try {
            for (int off = 0; off < data.length; off += Fixtures.Chunked.CHUNK_SIZE) {
                sha256.update(data, off, Math.min(Fixtures.Chunked.CHUNK_SIZE, data.length - off));
                sha256.digest(hash, 0, 32);
            }
            return hash;
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
    }
}
