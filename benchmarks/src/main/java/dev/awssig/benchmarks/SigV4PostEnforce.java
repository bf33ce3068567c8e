package dev.awssig.benchmarks;

import dev.awssig.Credentials;
import dev.awssig.SecretLookup;
import dev.awssig.VerificationResult;
import dev.awssig.benchmarks.floor.MacFloor;
import dev.awssig.benchmarks.floor.SigV4Floor;
import dev.awssig.post.PostForm;
import dev.awssig.post.PostFormSigner;
import dev.awssig.post.PostPolicyEnforcer;
import dev.awssig.post.PostSubmission;
import java.time.Clock;
import java.time.ZoneOffset;
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
 * Enforcing, on the receiving side, a submission of the S3 docs' SigV4 POST form
 * (sigv4examplebucket): decode and parse the policy, check the signature, the expiry and every
 * condition against the submitted fields. The floor is the signature's HMAC-SHA256 with a
 * pre-keyed {@code Mac} and a constant-time compare.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Defaults.XMS, Defaults.XMX})
public class SigV4PostEnforce {
    private PostPolicyEnforcer ours;
    private PostSubmission submission;
    private MacFloor floor;
    private byte[] carried;

    /** Signs the docs' form, checks its signature, and checks that the enforcer accepts the submission. */
    @Setup
    public void setup() {
        Credentials credentials = Credentials.of(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET);
        PostForm form = PostFormSigner.v4(Ours.config(credentials, Fixtures.REGION, "s3", Fixtures.PostV4.TIME)
                .build()).sign(Fixtures.PostV4.formRequest());
        Check.same("awssig", Fixtures.PostV4.SIGNATURE, form.field("x-amz-signature").orElse(null));
        submission = PostSubmission.of(form, "photo.jpg", 4096);
        ours = PostPolicyEnforcer.builder().secretLookup(SecretLookup.of(credentials))
                .clock(Clock.fixed(Fixtures.PostV4.TIME.plusSeconds(1), ZoneOffset.UTC))
                .region(Fixtures.REGION).build();
        floor = new MacFloor("HmacSHA256", SigV4Floor.signingKey(Fixtures.S3_SECRET, "20151229", Fixtures.REGION, "s3"),
                Fixtures.PostV4.POLICY_BASE64);
        carried = Check.unhex(Fixtures.PostV4.SIGNATURE);
        check();
    }

    /** Ours must accept the submission; the floor must give the docs' signature and match. */
    void check() {
        VerificationResult result = awssig();
        if (!result.isValid()) {
            throw new IllegalStateException("awssig enforcer rejected the docs' form: " + result);
        }
        Check.same("floor", Fixtures.PostV4.SIGNATURE, Check.hex(floor.sign()));
        if (!floor()) {
            throw new IllegalStateException("the floor rejected the form");
        }
    }

    /**
     * Ours.
     *
     * @return the verification result
     */
    @Benchmark
    public VerificationResult awssig() {
        return ours.verify(submission);
    }

    /**
     * The floor: one HMAC-SHA256 and a constant-time compare.
     *
     * @return whether it matches
     */
    @Benchmark
    public boolean floor() {
        return floor.verify(carried);
    }
}
