package dev.awssig.benchmarks;

import dev.awssig.Credentials;
import dev.awssig.benchmarks.floor.MacFloor;
import dev.awssig.benchmarks.floor.SigV4Floor;
import dev.awssig.benchmarks.peers.Minio;
import dev.awssig.post.PostFormSigner;
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
 * The SigV4 signature of a POST policy: the S3 docs' browser-upload example (bucket
 * sigv4examplebucket), its Base64 policy signed with the SigV4 signing key, by us
 * ({@code PostFormSigner.signature}), MinIO ({@code Signer.postPresignV4}) and the floor (one
 * HMAC-SHA256 with the cached signing key). The whole form is {@link SigV4PostForm}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Defaults.XMS, Defaults.XMX})
public class SigV4PostPolicy {
    private PostFormSigner ours;
    private MacFloor floor;

    /** Builds every implementation and checks that they all give the published signature. */
    @Setup
    public void setup() {
        ours = PostFormSigner.v4(Ours.config(Credentials.of(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET),
                Fixtures.REGION, "s3", Fixtures.PostV4.TIME).build());
        floor = new MacFloor("HmacSHA256",
                SigV4Floor.signingKey(Fixtures.S3_SECRET, "20151229", Fixtures.REGION, "s3"),
                Fixtures.PostV4.POLICY_BASE64);
        check();
    }

    /** Every implementation must give the docs' signature (and so ours). */
    void check() {
        String mine = Check.same("awssig", Fixtures.PostV4.SIGNATURE, awssig());
        Check.same("MinIO", mine, minio());
        Check.same("floor", mine, Check.hex(floor()));
    }

    /**
     * Ours.
     *
     * @return hex signature
     */
    @Benchmark
    public String awssig() {
        return ours.signature(Fixtures.PostV4.POLICY_BASE64);
    }

    /**
     * MinIO.
     *
     * @return hex signature
     */
    @Benchmark
    public String minio() {
        return Minio.signPost(Fixtures.PostV4.POLICY_BASE64, Fixtures.S3_SECRET, Fixtures.PostV4.TIME, Fixtures.REGION);
    }

    /**
     * The floor: one HMAC-SHA256 of the Base64 policy with the signing key.
     *
     * @return the MAC
     */
    @Benchmark
    public byte[] floor() {
        return floor.sign();
    }
}
