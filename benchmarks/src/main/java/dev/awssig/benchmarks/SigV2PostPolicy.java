package dev.awssig.benchmarks;

import dev.awssig.Credentials;
import dev.awssig.benchmarks.floor.MacFloor;
import dev.awssig.post.PostFormSigner;
import java.nio.charset.StandardCharsets;
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
 * The SigV2 signature of a POST policy: the S3 docs' file-upload example (bucket johnsmith, the
 * 2006 Developer Guide keys), its Base64 policy signed with HMAC-SHA1, by us
 * ({@code PostFormSigner.signature}) and the floor. No peer signs SigV2 POST policies. The whole
 * form is {@link SigV2PostForm}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Defaults.XMS, Defaults.XMX})
public class SigV2PostPolicy {
    private PostFormSigner ours;
    private MacFloor floor;

    /** Builds both and checks the published signature. */
    @Setup
    public void setup() {
        ours = PostFormSigner.v2(Ours.config(Credentials.of(Fixtures.PostV2.ACCESS_KEY, Fixtures.PostV2.SECRET),
                null, null, Fixtures.PostV2.TIME).build());
        floor = new MacFloor("HmacSHA1", Fixtures.PostV2.SECRET.getBytes(StandardCharsets.UTF_8),
                Fixtures.PostV2.POLICY_BASE64);
        check();
    }

    /** Both must give the docs' signature. */
    void check() {
        String mine = Check.same("awssig", Fixtures.PostV2.SIGNATURE, awssig());
        Check.same("floor", mine, Check.base64(floor()));
    }

    /**
     * Ours.
     *
     * @return Base64 signature
     */
    @Benchmark
    public String awssig() {
        return ours.signature(Fixtures.PostV2.POLICY_BASE64);
    }

    /**
     * The floor: one HMAC-SHA1 of the Base64 policy.
     *
     * @return the MAC
     */
    @Benchmark
    public byte[] floor() {
        return floor.sign();
    }
}
