package dev.awssig.benchmarks;

import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.Verifier;
import dev.awssig.benchmarks.floor.MacFloor;
import dev.awssig.benchmarks.peers.S3Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
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
 * Verification of the S3 docs' SigV2 {@code GET /photos/puppy.jpg} (johnsmith, with its
 * {@code Date}): parse {@code Authorization: AWS id:signature}, rebuild the string to sign,
 * recompute and compare; the same with s3proxy's verifier. The floor is one HMAC-SHA1 with a
 * pre-keyed {@code Mac} and a constant-time compare with the signature the request carried.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Defaults.XMS, Defaults.XMX})
public class SigV2VerifyS3Get {
    private Verifier ours;
    private SignableRequest received;
    private SecretLookup secrets;
    private Instant now;
    private MacFloor floor;
    private byte[] carried;
    private S3Proxy s3proxy;

    /** Signs the docs' request with our signer and checks that every implementation accepts it. */
    @Setup
    public void setup() {
        Credentials credentials = Credentials.of(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET);
        SigningConfig config = Ours.config(credentials, null, null, Fixtures.SigV2Get.TIME).build();
        SignedRequest signed = Ours.SIGNERS.signer(Algorithms.SIGV2_S3, config).sign(SignableRequest.builder()
                .method("GET").uri(Fixtures.SigV2Get.URI).header("Date", "Tue, 27 Mar 2007 19:36:42 +0000").build());
        Check.same("awssig (docs' example)", Fixtures.SigV2Get.SIGNATURE, signed.signature());
        received = signed.request();
        ours = Ours.SIGNERS.verifier(Algorithms.SIGV2_S3, config);
        secrets = SecretLookup.of(credentials);
        now = Fixtures.SigV2Get.TIME.plusSeconds(1);
        floor = new MacFloor("HmacSHA1", Fixtures.S3_SECRET.getBytes(StandardCharsets.UTF_8),
                Fixtures.SigV2Get.STRING_TO_SIGN);
        carried = Base64.getDecoder().decode(Fixtures.SigV2Get.SIGNATURE);
        s3proxy = S3Proxy.of(received, Fixtures.S3_SECRET, Fixtures.SigV2Get.RESOURCE);
        check();
    }

    /** Ours and s3proxy must accept the request; the floor must give the docs' signature and match. */
    void check() {
        VerificationResult result = awssig();
        if (!result.isValid()) {
            throw new IllegalStateException("awssig verifier rejected a valid request: " + result);
        }
        Check.same("floor", Fixtures.SigV2Get.SIGNATURE, Check.base64(floor.sign()));
        if (!floor()) {
            throw new IllegalStateException("the floor rejected the request");
        }
        if (!s3proxy()) {
            throw new IllegalStateException("s3proxy rejected the request");
        }
    }

    /**
     * Ours.
     *
     * @return the verification result
     */
    @Benchmark
    public VerificationResult awssig() {
        return ours.verify(received, secrets, now);
    }

    /**
     * s3proxy's verifier.
     *
     * @return whether it verifies
     */
    @Benchmark
    public boolean s3proxy() {
        return s3proxy.verifyV2Header();
    }

    /**
     * The floor: one HMAC-SHA1 and a constant-time compare.
     *
     * @return whether it matches
     */
    @Benchmark
    public boolean floor() {
        return floor.verify(carried);
    }
}
