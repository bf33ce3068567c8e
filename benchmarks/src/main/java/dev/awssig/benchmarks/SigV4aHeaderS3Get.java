package dev.awssig.benchmarks;

import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.Signer;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.benchmarks.floor.SigV4aFloor;
import dev.awssig.benchmarks.peers.Crt;
import dev.awssig.v4a.RegionSet;
import dev.awssig.v4a.SigV4aKeys;
import dev.awssig.v4a.SigV4aOptions;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
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
import software.amazon.awssdk.crt.http.HttpHeader;
import software.amazon.awssdk.crt.http.HttpRequest;

/**
 * SigV4a header signing of the S3 docs' {@code GET /test.txt} with {@code Range: bytes=0-9}, for
 * the region set {@code *}: by us, by the AWS CRT (native aws-c-auth, called from Java as the
 * AWS SDK v2 does), and the floor (one SHA-256 of the canonical request and one JDK P-256 ECDSA
 * signature with a pre-built key). ECDSA is randomized, so the gate checks by verification.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Defaults.XMS, Defaults.XMX})
public class SigV4aHeaderS3Get {
    private Signer ours;
    private SignableRequest request;
    private Crt crt;
    private SigV4aFloor floor;
    private ECPrivateKey floorKey;

    /** Builds every implementation and checks their answers against each other and the spec. */
    @Setup
    public void setup() {
        Credentials credentials = Credentials.of(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET);
        ours = Ours.SIGNERS.signer(Algorithms.SIGV4A, Ours.config(credentials, null, "s3", Fixtures.GetObject.TIME)
                .option(SigV4aOptions.REGION_SET, RegionSet.all()).build());
        request = SignableRequest.builder().method("GET").uri(Fixtures.GetObject.URI)
                .header("Range", Fixtures.GetObject.RANGE).build();
        crt = new Crt(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET, Fixtures.GetObjectV4a.REGION_SET,
                Fixtures.GetObject.TIME, "GET", "/test.txt", "Host", Fixtures.GetObject.HOST,
                "Range", Fixtures.GetObject.RANGE);
        floor = new SigV4aFloor(Fixtures.GetObjectV4a.CANONICAL_REQUEST, Fixtures.GetObjectV4a.STRING_TO_SIGN_PREFIX);
        floorKey = SigV4aFloor.privateKey(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET);
        check(credentials);
    }

    /** Closes the CRT's native signing config. */
    @TearDown
    public void tearDown() {
        crt.close();
    }

    /**
     * Ours must build the specification's canonical request and sign it so that the public key
     * (derived by us) verifies; the floor's independently derived key must be that key; the CRT
     * must accept our signature and its canonical request, and our verifier the CRT's signature.
     */
    void check(Credentials credentials) {
        SignedRequest mine = awssig();
        Check.same("awssig canonical request", Fixtures.GetObjectV4a.CANONICAL_REQUEST, mine.canonicalRequest());
        floor();
        Check.same("floor string to sign", mine.stringToSign(), floor.stringToSign());
        ECPublicKey key = SigV4aKeys.publicKey(credentials);
        byte[] sts = mine.stringToSign().getBytes(StandardCharsets.UTF_8);
        if (!verifies(key, sts, Check.unhex(mine.signature()))) {
            throw new IllegalStateException("awssig's signature does not verify with its public key");
        }
        if (!verifies(key, sts, floor())) {
            throw new IllegalStateException("the floor's key is not awssig's");
        }
        String x = hex32(key.getW().getAffineX());
        String y = hex32(key.getW().getAffineY());
        if (!crt.verify(Fixtures.GetObjectV4a.CANONICAL_REQUEST, mine.signature().getBytes(StandardCharsets.US_ASCII),
                x, y)) {
            throw new IllegalStateException("the AWS CRT rejects awssig's signature or canonical request");
        }
        HttpRequest theirs = crt();
        SignableRequest.Builder received = SignableRequest.builder().method("GET").uri(Fixtures.GetObject.URI);
        for (HttpHeader h : theirs.getHeaders()) {
            received.header(h.getName(), h.getValue());
        }
        VerificationResult r = Ours.SIGNERS.verifier(Algorithms.SIGV4A, SigningConfig.builder().region("us-east-1")
                .service("s3").build()).verify(received.build(), SecretLookup.of(credentials), Fixtures.GetObject.TIME);
        if (!r.isValid()) {
            throw new IllegalStateException("awssig's verifier rejects the AWS CRT's signature: " + r);
        }
    }

    static boolean verifies(ECPublicKey key, byte[] data, byte[] der) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initVerify(key);
            s.update(data);
            return s.verify(der);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String hex32(java.math.BigInteger v) {
        String h = v.toString(16);
        return "0".repeat(64 - h.length()) + h;
    }

    /**
     * Ours.
     *
     * @return the signed request
     */
    @Benchmark
    public SignedRequest awssig() {
        return ours.sign(request);
    }

    /**
     * The AWS CRT (native), from Java.
     *
     * @return the signed request
     */
    @Benchmark
    public HttpRequest crt() {
        return crt.sign();
    }

    /**
     * The floor: SHA-256 of the canonical request and one JDK ECDSA P-256 signature.
     *
     * @return the DER signature
     */
    @Benchmark
    public byte[] floor() {
        return floor.sign(floorKey);
    }
}
