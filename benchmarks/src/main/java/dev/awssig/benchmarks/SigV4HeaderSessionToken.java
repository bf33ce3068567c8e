package dev.awssig.benchmarks;

import com.amazonaws.DefaultRequest;
import com.amazonaws.auth.AWS4Signer;
import com.amazonaws.auth.AWSCredentials;
import com.amazonaws.http.HttpMethodName;
import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.Signer;
import dev.awssig.benchmarks.floor.SigV4Floor;
import dev.awssig.benchmarks.peers.AwsSdkV1;
import dev.awssig.benchmarks.peers.AwsSdkV2;
import java.net.URI;
import java.util.Date;
import java.util.List;
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
 * SigV4 header signing with temporary credentials: the aws-c-auth suite's
 * {@code get-vanilla-with-session-token} ({@code x-amz-security-token} signed), by us, the AWS
 * SDK v2, the AWS SDK v1 and the floor.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Defaults.XMS, Defaults.XMX})
public class SigV4HeaderSessionToken {
    private Signer ours;
    private SignableRequest request;
    private AwsSdkV2 sdkV2;
    private AWS4Signer sdkV1;
    private AWSCredentials sdkV1Credentials;
    private URI sdkV1Endpoint;
    private SigV4Floor floor;

    /** Builds every implementation and checks that they all give the vector's signature. */
    @Setup
    public void setup() {
        ours = Ours.SIGNERS.signer(Algorithms.SIGV4, Ours.config(
                Credentials.of(Fixtures.SUITE_ACCESS_KEY, Fixtures.SUITE_SECRET, Fixtures.SessionToken.TOKEN),
                Fixtures.REGION, Fixtures.SessionToken.SERVICE, Fixtures.SessionToken.TIME).build());
        request = SignableRequest.builder().method("GET").uri(Fixtures.SessionToken.URI).build();

        sdkV2 = AwsSdkV2.header(Fixtures.SUITE_ACCESS_KEY, Fixtures.SUITE_SECRET, Fixtures.SessionToken.TOKEN,
                AwsSdkV2.get(Fixtures.SessionToken.URI), Fixtures.REGION, Fixtures.SessionToken.SERVICE,
                Fixtures.SessionToken.TIME);

        sdkV1 = AwsSdkV1.sigV4(Fixtures.SessionToken.SERVICE, Fixtures.REGION, Date.from(Fixtures.SessionToken.TIME));
        sdkV1Credentials = AwsSdkV1.credentials(Fixtures.SUITE_ACCESS_KEY, Fixtures.SUITE_SECRET,
                Fixtures.SessionToken.TOKEN);
        sdkV1Endpoint = URI.create("https://" + Fixtures.SessionToken.HOST);

        floor = new SigV4Floor(Fixtures.SessionToken.CANONICAL_REQUEST,
                SigV4Floor.prefixOf(Fixtures.SessionToken.STRING_TO_SIGN),
                SigV4Floor.signingKey(Fixtures.SUITE_SECRET, "20150830", Fixtures.REGION, Fixtures.SessionToken.SERVICE));
        check();
    }

    /** Every implementation must give the vector's signature (and so ours). */
    void check() {
        String mine = Check.same("awssig", Fixtures.SessionToken.SIGNATURE, awssig().signature());
        // The AWS SDK v2 signer always adds and signs x-amz-content-sha256 (its FlexibleChecksummer),
        // for every service: its reference is our signature of the request with that header.
        String mineWithContentSha = ours.sign(request.toBuilder()
                .header("x-amz-content-sha256", Fixtures.GetObject.EMPTY_SHA256).build()).signature();
        Check.same("AWS SDK v2", mineWithContentSha, AwsSdkV2.signature(awsSdkV2()));
        Check.same("AWS SDK v1", mine, Check.sigV4FromAuthorization(awsSdkV1().getHeaders().get("Authorization")));
        Check.same("floor", mine, Check.hex(floor()));
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
     * AWS SDK v2.
     *
     * @return the signed request
     */
    @Benchmark
    public software.amazon.awssdk.http.auth.spi.signer.SignedRequest awsSdkV2() {
        return sdkV2.sign();
    }

    /**
     * AWS SDK v1 (request built per call, as the SDK does).
     *
     * @return the signed request
     */
    @Benchmark
    public DefaultRequest<Void> awsSdkV1() {
        DefaultRequest<Void> r = AwsSdkV1.request("service", HttpMethodName.GET, sdkV1Endpoint, "/",
                List.of(), List.of());
        sdkV1.sign(r, sdkV1Credentials);
        return r;
    }

    /**
     * The floor.
     *
     * @return the signature bytes
     */
    @Benchmark
    public byte[] floor() {
        return floor.sign();
    }
}
