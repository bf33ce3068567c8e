package dev.awssig.benchmarks;

import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.PresignedUrl;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.Verifier;
import dev.awssig.benchmarks.floor.SigV4Floor;
import dev.awssig.benchmarks.peers.S3Proxy;
import java.time.Duration;
import java.time.Instant;
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
 * Verification of the S3 docs' presigned {@code GET /test.txt} (86400 s) as a server receives it:
 * parse the {@code X-Amz-*} query parameters, rebuild the canonical request, recompute and compare
 * the signature; the same with s3proxy's verifier. The floor is that of presigning (one SHA-256,
 * one HMAC-SHA256) plus a constant-time compare with the signature the URL carried.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Defaults.XMS, Defaults.XMX})
public class SigV4VerifyPresignS3Get {
    private Verifier ours;
    private SignableRequest received;
    private SecretLookup secrets;
    private Instant now;
    private SigV4Floor floor;
    private byte[] carried;
    private S3Proxy s3proxy;

    /** Presigns the URL with our presigner and checks that every implementation accepts it. */
    @Setup
    public void setup() {
        Credentials credentials = Credentials.of(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET);
        SigningConfig config = Ours.config(credentials, Fixtures.REGION, "s3", Fixtures.GetObject.TIME).build();
        PresignedUrl url = Ours.SIGNERS.presigner(Algorithms.SIGV4, config).presign(
                SignableRequest.builder().method("GET").uri(Fixtures.GetObject.URI).build(),
                Duration.ofSeconds(Fixtures.Presign.EXPIRES_SECONDS));
        Check.same("awssig presign", Fixtures.Presign.SIGNATURE, Check.queryParam(url.url(), "X-Amz-Signature"));
        received = SignableRequest.builder().method("GET").uri(url.url()).headers(url.signedHeaders()).build();
        ours = Ours.SIGNERS.verifier(Algorithms.SIGV4, config);
        secrets = SecretLookup.of(credentials);
        now = Fixtures.GetObject.TIME.plusSeconds(1);
        floor = new SigV4Floor(Fixtures.Presign.CANONICAL_REQUEST, SigV4Floor.prefixOf(Fixtures.Presign.STRING_TO_SIGN),
                SigV4Floor.signingKey(Fixtures.S3_SECRET, "20130524", Fixtures.REGION, "s3"));
        carried = Check.unhex(Fixtures.Presign.SIGNATURE);
        s3proxy = S3Proxy.of(received, Fixtures.S3_SECRET, "/test.txt");
        check();
    }

    /** Ours and s3proxy must accept the URL; the floor must give the docs' signature and match. */
    void check() {
        VerificationResult result = awssig();
        if (!result.isValid()) {
            throw new IllegalStateException("awssig verifier rejected a valid presigned URL: " + result);
        }
        Check.same("floor", Fixtures.Presign.SIGNATURE, Check.hex(floor.sign()));
        if (!floor()) {
            throw new IllegalStateException("the floor rejected the presigned URL");
        }
        if (!s3proxy()) {
            throw new IllegalStateException("s3proxy rejected the presigned URL");
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
        return s3proxy.verifyV4Presigned();
    }

    /**
     * The floor: the signature's SHA-256 and HMAC, and a constant-time compare.
     *
     * @return whether it matches
     */
    @Benchmark
    public boolean floor() {
        return floor.verify(carried);
    }
}
