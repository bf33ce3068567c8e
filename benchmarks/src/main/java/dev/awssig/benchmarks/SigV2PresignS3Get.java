package dev.awssig.benchmarks;

import com.amazonaws.DefaultRequest;
import com.amazonaws.auth.AWSCredentials;
import com.amazonaws.http.HttpMethodName;
import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.PresignedUrl;
import dev.awssig.Presigner;
import dev.awssig.SignableRequest;
import dev.awssig.benchmarks.floor.MacFloor;
import dev.awssig.benchmarks.peers.AwsSdkV1;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * SigV2 S3 query-string authentication (presigning) of the docs' {@code puppy.jpg} with
 * {@code Expires=1175139620}, by us, the AWS SDK v1 ({@code S3QueryStringSigner}) and the floor.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Defaults.XMS, Defaults.XMX})
public class SigV2PresignS3Get {
    private Presigner ours;
    private SignableRequest request;
    private Duration expiry;
    private AWSCredentials sdkV1Credentials;
    private URI sdkV1Endpoint;
    private Date expiration;
    private MacFloor floor;

    /** Builds every implementation and checks that they all give the published signature. */
    @Setup
    public void setup() {
        ours = Ours.SIGNERS.presigner(Algorithms.SIGV2_S3, Ours.config(
                Credentials.of(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET), null, null,
                Fixtures.SigV2Presign.TIME).build());
        request = SignableRequest.builder().method("GET").uri(Fixtures.SigV2Get.URI).build();
        expiry = Duration.between(Fixtures.SigV2Presign.TIME, Fixtures.SigV2Presign.EXPIRES);
        sdkV1Credentials = AwsSdkV1.credentials(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET, null);
        sdkV1Endpoint = URI.create("https://" + Fixtures.SigV2Get.HOST);
        expiration = Date.from(Fixtures.SigV2Presign.EXPIRES);
        floor = new MacFloor("HmacSHA1", Fixtures.S3_SECRET.getBytes(StandardCharsets.UTF_8),
                Fixtures.SigV2Presign.STRING_TO_SIGN);
        check();
    }

    /** Every implementation must give the docs' signature (and so ours). */
    void check() {
        String mine = Check.same("awssig", Fixtures.SigV2Presign.SIGNATURE, awssig().signature());
        Check.same("AWS SDK v1", mine, awsSdkV1().getParameters().get("Signature").get(0));
        Check.same("floor", mine, Check.base64(floor()));
    }

    /**
     * Ours.
     *
     * @return the presigned URL
     */
    @Benchmark
    public PresignedUrl awssig() {
        return ours.presign(request, expiry);
    }

    /**
     * AWS SDK v1: a new S3QueryStringSigner per request, as the S3 client does.
     *
     * @return the presigned request
     */
    @Benchmark
    public DefaultRequest<Void> awsSdkV1() {
        DefaultRequest<Void> r = AwsSdkV1.request("Amazon S3", HttpMethodName.GET, sdkV1Endpoint, "/photos/puppy.jpg",
                List.of(), List.of());
        AwsSdkV1.sigV2Query("GET", Fixtures.SigV2Get.RESOURCE, expiration).sign(r, sdkV1Credentials);
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
