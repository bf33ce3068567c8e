package dev.awssig.benchmarks;

import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.Verifier;
import dev.awssig.benchmarks.floor.SigV4aFloor;
import dev.awssig.benchmarks.peers.Crt;
import dev.awssig.v4a.RegionSet;
import dev.awssig.v4a.SigV4aKeys;
import dev.awssig.v4a.SigV4aOptions;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SigV4a verification, on the receiving side, of the header-signed S3 {@code GET /test.txt}
 * (region set {@code *}): ours (parse, rebuild the canonical request, one ECDSA verification
 * with the public key derived from the secret, cached), the AWS CRT's
 * {@code AwsSigningUtils.verifySigv4aEcdsaSignature} (rebuilds and compares the canonical
 * request, verifies natively), and the floor (one SHA-256 and one JDK P-256 ECDSA verification
 * with a pre-built key).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Defaults.XMS, Defaults.XMX})
public class SigV4aVerifyS3Get {
    private Verifier ours;
    private SignableRequest signed;
    private SecretLookup secrets;
    private Instant now;
    private Crt crt;
    private byte[] hexSignature;
    private String x;
    private String y;
    private SigV4aFloor floor;
    private ECPublicKey key;
    private byte[] der;

    /** Signs the request with our signer; every implementation must accept it. */
    @Setup
    public void setup() {
        Credentials credentials = Credentials.of(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET);
        SignedRequest s = Ours.SIGNERS.signer(Algorithms.SIGV4A, Ours.config(credentials, null, "s3",
                Fixtures.GetObject.TIME).option(SigV4aOptions.REGION_SET, RegionSet.all()).build())
                .sign(SignableRequest.builder().method("GET").uri(Fixtures.GetObject.URI)
                        .header("Range", Fixtures.GetObject.RANGE).build());
        Check.same("awssig canonical request", Fixtures.GetObjectV4a.CANONICAL_REQUEST, s.canonicalRequest());
        signed = s.request();
        ours = Ours.SIGNERS.verifier(Algorithms.SIGV4A, SigningConfig.builder().region("us-east-1").service("s3")
                .build());
        secrets = SecretLookup.of(credentials);
        now = Fixtures.GetObject.TIME.plusSeconds(1);
        crt = new Crt(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET, Fixtures.GetObjectV4a.REGION_SET,
                Fixtures.GetObject.TIME, "GET", "/test.txt", "Host", Fixtures.GetObject.HOST,
                "Range", Fixtures.GetObject.RANGE);
        hexSignature = s.signature().getBytes(StandardCharsets.US_ASCII);
        key = SigV4aKeys.publicKey(credentials);
        x = SigV4aHeaderS3Get.hex32(key.getW().getAffineX());
        y = SigV4aHeaderS3Get.hex32(key.getW().getAffineY());
        floor = new SigV4aFloor(Fixtures.GetObjectV4a.CANONICAL_REQUEST, Fixtures.GetObjectV4a.STRING_TO_SIGN_PREFIX);
        der = Check.unhex(s.signature());
        VerificationResult r = awssig();
        if (!r.isValid()) {
            throw new IllegalStateException("awssig verifier rejected a valid request: " + r);
        }
        if (!crt()) {
            throw new IllegalStateException("the AWS CRT rejected awssig's signature");
        }
        if (!floor()) {
            throw new IllegalStateException("the floor rejected awssig's signature");
        }
        if (ours.verify(signed.toBuilder().rawPath("/other.txt").build(), secrets, now).isValid()) {
            throw new IllegalStateException("awssig verifier accepted a tampered request");
        }
    }

    /** Closes the CRT's native signing config. */
    @TearDown
    public void tearDown() {
        crt.close();
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
     * The AWS CRT (native), from Java.
     *
     * @return whether it verifies
     */
    @Benchmark
    public boolean crt() {
        return crt.verify(Fixtures.GetObjectV4a.CANONICAL_REQUEST, hexSignature, x, y);
    }

    /**
     * The floor: SHA-256 of the canonical request and one JDK ECDSA P-256 verification.
     *
     * @return whether it verifies
     */
    @Benchmark
    public boolean floor() {
        return floor.verify(key, der);
    }
}
