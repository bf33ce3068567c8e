package dev.awssig.benchmarks;

import com.amazonaws.DefaultRequest;
import com.amazonaws.auth.AWSCredentials;
import com.amazonaws.http.HttpMethodName;
import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.Signer;
import dev.awssig.benchmarks.floor.MacFloor;
import dev.awssig.benchmarks.peers.AwsSdkV1;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
 * SigV2 S3 header signing of the docs' {@code GET /photos/puppy.jpg} (bucket johnsmith), by us,
 * the AWS SDK v1 ({@code S3Signer}) and the floor (one HMAC-SHA1 with a pre-keyed Mac).
 * The AWS SDK v2 and MinIO have no SigV2.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Defaults.XMS, Defaults.XMX})
public class SigV2HeaderS3Get {
    private Signer ours;
    private SignableRequest request;
    private AWSCredentials sdkV1Credentials;
    private URI sdkV1Endpoint;
    private Date time;
    private MacFloor floor;

    /** Builds every implementation and checks that they all give the same signature. */
    @Setup
    public void setup() {
        ours = Ours.SIGNERS.signer(Algorithms.SIGV2_S3, Ours.config(
                Credentials.of(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET), null, null,
                Fixtures.SigV2Get.TIME).build());
        request = SignableRequest.builder().method("GET").uri(Fixtures.SigV2Get.URI).build();
        sdkV1Credentials = AwsSdkV1.credentials(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET, null);
        sdkV1Endpoint = URI.create("https://" + Fixtures.SigV2Get.HOST);
        time = Date.from(Fixtures.SigV2Get.TIME);
        floor = new MacFloor("HmacSHA1", Fixtures.S3_SECRET.getBytes(StandardCharsets.UTF_8),
                awssig().stringToSign());
        check();
    }

    /**
     * Ours must reproduce the docs' example (with its {@code Date} header as printed there);
     * every implementation must give our signature of the benchmarked request, whose
     * {@code Date} the signers add from their fixed clock.
     */
    void check() {
        SignedRequest doc = ours.sign(request.toBuilder().header("Date", "Tue, 27 Mar 2007 19:36:42 +0000").build());
        Check.same("awssig (docs' example)", Fixtures.SigV2Get.SIGNATURE, doc.signature());
        Check.same("awssig (docs' string to sign)", Fixtures.SigV2Get.STRING_TO_SIGN, doc.stringToSign());
        SignedRequest signed = awssig();
        String mine = signed.signature();
        Check.same("AWS SDK v1", mine, Check.sigV2FromAuthorization(awsSdkV1().getHeaders().get("Authorization")));
        Check.same("floor", mine, Check.base64(floor()));
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
     * AWS SDK v1: a new S3Signer per request, as the S3 client does.
     *
     * @return the signed request
     */
    @Benchmark
    public DefaultRequest<Void> awsSdkV1() {
        DefaultRequest<Void> r = AwsSdkV1.request("Amazon S3", HttpMethodName.GET, sdkV1Endpoint, "/photos/puppy.jpg",
                List.of(), List.of());
        new AwsSdkV1.FixedTimeS3Signer("GET", Fixtures.SigV2Get.RESOURCE, time).sign(r, sdkV1Credentials);
        return r;
    }

    /**
     * The floor: one HMAC-SHA1 of the string to sign.
     *
     * @return the MAC
     */
    @Benchmark
    public byte[] floor() {
        return floor.sign();
    }
}
