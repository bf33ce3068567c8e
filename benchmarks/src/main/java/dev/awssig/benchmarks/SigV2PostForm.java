package dev.awssig.benchmarks;

import dev.awssig.Credentials;
import dev.awssig.benchmarks.floor.MacFloor;
import dev.awssig.post.PostForm;
import dev.awssig.post.PostFormRequest;
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
 * SigV2 POST form signing, the whole form: the S3 docs' file-upload example (bucket johnsmith,
 * the 2006 Developer Guide keys, the policy document verbatim, the example's fields). No peer
 * signs SigV2 POST forms; the floor is one HMAC-SHA1 of the Base64 policy.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Defaults.XMS, Defaults.XMX})
public class SigV2PostForm {
    private PostFormSigner ours;
    private PostFormRequest request;
    private MacFloor floor;

    /** Builds the signer and the request and checks the published signature. */
    @Setup
    public void setup() {
        ours = PostFormSigner.v2(Ours.config(Credentials.of(Fixtures.PostV2.ACCESS_KEY, Fixtures.PostV2.SECRET),
                null, null, Fixtures.PostV2.TIME).build());
        request = PostFormRequest.builder().bucket("johnsmith")
                .policyDocument(Fixtures.PostV2.POLICY_JSON)
                .key("user/eric/${filename}")
                .field("acl", "public-read")
                .field("success_action_redirect", "http://johnsmith.s3.amazonaws.com/successful_upload.html")
                .field("Content-Type", "image/jpeg")
                .field("x-amz-meta-uuid", "14365123651274")
                .field("x-amz-meta-tag", "")
                .build();
        floor = new MacFloor("HmacSHA1", Fixtures.PostV2.SECRET.getBytes(StandardCharsets.UTF_8),
                Fixtures.PostV2.POLICY_BASE64);
        check();
    }

    /** The form must carry the docs' policy and signature; so must the floor. */
    void check() {
        PostForm form = awssig();
        String mine = Check.same("awssig", Fixtures.PostV2.SIGNATURE, form.field("signature").orElse(null));
        Check.same("awssig policy field", Fixtures.PostV2.POLICY_BASE64, form.field("policy").orElse(null));
        Check.same("floor", mine, Check.base64(floor()));
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
