package dev.awssig.benchmarks;

import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.Verifier;
import dev.awssig.benchmarks.floor.SigV4Floor;
import dev.awssig.benchmarks.peers.S3Proxy;
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
 * Verification, on the receiving side, of the S3 docs' header-signed {@code GET /test.txt}: parse
 * the {@code Authorization} header, rebuild the canonical request, recompute and compare the
 * signature; the same with s3proxy's verifier. The floor is that of signing (one SHA-256, one
 * HMAC-SHA256) plus a constant-time compare with the signature the request carried.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Defaults.XMS, Defaults.XMX})
public class SigV4VerifyS3Get {
    private Verifier ours;
    private SignableRequest signed;
    private SecretLookup secrets;
    private Instant now;
    private SigV4Floor floor;
    private byte[] carried;
    private S3Proxy s3proxy;

    /** Signs the request with our signer and checks that it verifies. */
    @Setup
    public void setup() {
        Credentials credentials = Credentials.of(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET);
        SigningConfig config = Ours.config(credentials, Fixtures.REGION, "s3", Fixtures.GetObject.TIME).build();
        signed = Ours.SIGNERS.signer(Algorithms.SIGV4, config)
                .sign(SignableRequest.builder().method("GET").uri(Fixtures.GetObject.URI)
                        .header("Range", Fixtures.GetObject.RANGE).build())
                .request();
        ours = Ours.SIGNERS.verifier(Algorithms.SIGV4, config);
        secrets = SecretLookup.of(credentials);
        now = Fixtures.GetObject.TIME.plusSeconds(1);
        floor = new SigV4Floor(Fixtures.GetObject.CANONICAL_REQUEST,
                SigV4Floor.prefixOf(Fixtures.GetObject.STRING_TO_SIGN),
                SigV4Floor.signingKey(Fixtures.S3_SECRET, "20130524", Fixtures.REGION, "s3"));
        carried = Check.unhex(Check.sigV4FromAuthorization(signed.headers().firstValue("Authorization").orElseThrow()));
        s3proxy = S3Proxy.of(signed, Fixtures.S3_SECRET, "/test.txt");
        check();
    }

    /** Ours and s3proxy must accept the request; the floor must give the docs' signature and match. */
    void check() {
        VerificationResult result = awssig();
        if (!result.isValid()) {
            throw new IllegalStateException("awssig verifier rejected a valid request: " + result);
        }
        Check.same("floor", Fixtures.GetObject.SIGNATURE, Check.hex(floor.sign()));
        if (!floor() || !s3proxy()) {
            throw new IllegalStateException("the floor or s3proxy rejected the request");
        }
    }

    /**
     * Ours.
     *
     * @return the verification result
     */
    @Benchmark
    public VerificationResult awssig() {
        return ours.verify(signed, secrets, now);
    }

    /**
     * s3proxy's verifier.
     *
     * @return whether it verifies
     */
    @Benchmark
    public boolean s3proxy() {
        return s3proxy.verifyV4Header();
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
