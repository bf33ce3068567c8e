package dev.awssig.benchmarks;

import dev.awssig.Credentials;
import dev.awssig.benchmarks.floor.MacFloor;
import dev.awssig.benchmarks.floor.SigV4Floor;
import dev.awssig.post.PostForm;
import dev.awssig.post.PostFormRequest;
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
 * SigV4 POST form signing, the whole form: the S3 docs' browser-upload example (bucket
 * sigv4examplebucket, the policy document verbatim with its CRLF line endings, the example's
 * fields). Ours parses the policy, checks the fields against it as S3 would, encodes it, signs it
 * and lays out the form. No peer builds a form from a given policy document (MinIO's
 * {@code PostPolicy} writes its own JSON); the floor is one HMAC-SHA256 of the Base64 policy.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Defaults.XMS, Defaults.XMX})
public class SigV4PostForm {
    private PostFormSigner ours;
    private PostFormRequest request;
    private MacFloor floor;

    /** Builds the signer and the request and checks the published signature. */
    @Setup
    public void setup() {
        ours = PostFormSigner.v4(Ours.config(Credentials.of(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET),
                Fixtures.REGION, "s3", Fixtures.PostV4.TIME).build());
        request = Fixtures.PostV4.formRequest();
        floor = new MacFloor("HmacSHA256",
                SigV4Floor.signingKey(Fixtures.S3_SECRET, "20151229", Fixtures.REGION, "s3"),
                Fixtures.PostV4.POLICY_BASE64);
        check();
    }

    /** The form must carry the docs' policy and signature; so must the floor. */
    void check() {
        PostForm form = awssig();
        String mine = Check.same("awssig", Fixtures.PostV4.SIGNATURE, form.field("x-amz-signature").orElse(null));
        Check.same("awssig policy field", Fixtures.PostV4.POLICY_BASE64, form.field("policy").orElse(null));
        Check.same("floor", mine, Check.hex(floor()));
    }

    /**
     * Ours: the whole form.
     *
     * @return the signed form
     */
    @Benchmark
    public PostForm awssig() {
        return ours.sign(request);
    }

    /**
     * The floor.
     *
     * @return the MAC
     */
    @Benchmark
    public byte[] floor() {
        return floor.sign();
    }
}
