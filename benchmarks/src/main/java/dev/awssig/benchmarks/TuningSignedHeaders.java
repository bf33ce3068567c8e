package dev.awssig.benchmarks;

import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.Signer;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.Verifier;
import dev.awssig.benchmarks.peers.AwsSdkV2;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Tuning: the number of signed headers besides those every S3 request signs ({@code host},
 * {@code x-amz-content-sha256}, {@code x-amz-date}): 0 to 30 {@code x-amz-meta-*} headers of 24
 * characters each, on the S3 docs' {@code GET /test.txt}, signed and verified. Each count's
 * signature is checked against the AWS SDK v2's first.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Defaults.XMS, Defaults.XMX})
public class TuningSignedHeaders {
    /** Extra signed headers. */
    @Param({"0", "5", "10", "20", "30"})
    public int headers = 10;

    private Signer signer;
    private Verifier verifier;
    private SignableRequest request;
    private SignableRequest signed;
    private SecretLookup secrets;
    private Instant now;

    /** Builds the request and checks our signature against the AWS SDK v2's. */
    @Setup
    public void setup() {
        Credentials credentials = Credentials.of(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET);
        SigningConfig config = Ours.config(credentials, Fixtures.REGION, "s3", Fixtures.GetObject.TIME).build();
        signer = Ours.SIGNERS.signer(Algorithms.SIGV4, config);
        verifier = Ours.SIGNERS.verifier(Algorithms.SIGV4, config);
        SignableRequest.Builder b = SignableRequest.builder().method("GET").uri(Fixtures.GetObject.URI);
        List<String> sdkHeaders = new ArrayList<>();
        for (int i = 0; i < headers; i++) {
            String name = "x-amz-meta-field-" + (char) ('a' + i % 26) + i;
            String value = "value-" + i + "-abcdefghijklmnopq".substring(0, 17 - String.valueOf(i).length());
            b.header(name, value);
            sdkHeaders.add(name);
            sdkHeaders.add(value);
        }
        sdkHeaders.add("x-amz-content-sha256");
        sdkHeaders.add(Fixtures.GetObject.EMPTY_SHA256);
        request = b.build();
        SignedRequest mine = signer.sign(request);
        String theirs = AwsSdkV2.signature(AwsSdkV2.header(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET, null,
                AwsSdkV2.get(Fixtures.GetObject.URI, sdkHeaders.toArray(new String[0])), Fixtures.REGION, "s3",
                Fixtures.GetObject.TIME).sign());
        Check.same("AWS SDK v2 (" + headers + " extra headers)", theirs, mine.signature());
        signed = mine.request();
        secrets = SecretLookup.of(credentials);
        now = Fixtures.GetObject.TIME.plusSeconds(1);
        if (!verify().isValid()) {
            throw new IllegalStateException("awssig verifier rejected the request with " + headers + " headers");
        }
    }

    /**
     * Ours, signing.
     *
     * @return the signed request
     */
    @Benchmark
    public SignedRequest sign() {
        return signer.sign(request);
    }

    /**
     * Ours, verifying.
     *
     * @return the result
     */
    @Benchmark
    public VerificationResult verify() {
        return verifier.verify(signed, secrets, now);
    }
}
