package dev.awssig.benchmarks;

import com.amazonaws.DefaultRequest;
import com.amazonaws.auth.AWS4Signer;
import com.amazonaws.auth.AWSCredentials;
import com.amazonaws.http.HttpMethodName;
import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.PresignedUrl;
import dev.awssig.Presigner;
import dev.awssig.SignableRequest;
import dev.awssig.benchmarks.floor.SigV4Floor;
import dev.awssig.benchmarks.peers.AwsSdkV1;
import dev.awssig.benchmarks.peers.AwsSdkV2;
import dev.awssig.benchmarks.peers.Crt;
import dev.awssig.benchmarks.peers.Minio;
import java.net.URI;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SigV4 presigning of the S3 docs' {@code GET /test.txt} for 86400 s
 * ({@code UNSIGNED-PAYLOAD}), by us, the AWS SDK v2, the AWS SDK v1, MinIO and the floor.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Defaults.XMS, Defaults.XMX})
public class SigV4PresignS3Get {
    private Presigner ours;
    private SignableRequest request;
    private Duration expiry;
    private AwsSdkV2 sdkV2;
    private AWS4Signer sdkV1;
    private AWSCredentials sdkV1Credentials;
    private URI sdkV1Endpoint;
    private Date sdkV1Expiration;
    private okhttp3.Request minioRequest;
    private Crt crt;
    private SigV4Floor floor;

    /** Builds every implementation and checks that they all give the published signature. */
    @Setup
    public void setup() {
        expiry = Duration.ofSeconds(Fixtures.Presign.EXPIRES_SECONDS);
        ours = Ours.SIGNERS.presigner(Algorithms.SIGV4, Ours.config(
                Credentials.of(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET), Fixtures.REGION, "s3",
                Fixtures.GetObject.TIME).build());
        request = SignableRequest.builder().method("GET").uri(Fixtures.GetObject.URI).build();

        sdkV2 = AwsSdkV2.presign(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET, AwsSdkV2.get(Fixtures.GetObject.URI),
                Fixtures.REGION, "s3", Fixtures.GetObject.TIME, expiry);

        sdkV1 = AwsSdkV1.sigV4("s3", Fixtures.REGION, Date.from(Fixtures.GetObject.TIME));
        sdkV1Credentials = AwsSdkV1.credentials(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET, null);
        sdkV1Endpoint = URI.create("https://" + Fixtures.GetObject.HOST);
        sdkV1Expiration = Date.from(Fixtures.GetObject.TIME.plus(expiry));

        minioRequest = Minio.get(Fixtures.GetObject.URI, "Host", Fixtures.GetObject.HOST,
                "x-amz-date", "20130524T000000Z");

        crt = Crt.sigV4Presign(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET, Fixtures.REGION, Fixtures.GetObject.TIME,
                Fixtures.Presign.EXPIRES_SECONDS, "GET", "/test.txt", "Host", Fixtures.GetObject.HOST);

        floor = new SigV4Floor(Fixtures.Presign.CANONICAL_REQUEST, SigV4Floor.prefixOf(Fixtures.Presign.STRING_TO_SIGN),
                SigV4Floor.signingKey(Fixtures.S3_SECRET, "20130524", Fixtures.REGION, "s3"));
        check();
    }

    /** Every implementation must give the docs' signature (and so ours). */
    void check() {
        String mine = Check.same("awssig", Fixtures.Presign.SIGNATURE, awssig().signature());
        Check.same("awssig URL", mine, Check.queryParam(awssig().url(), "X-Amz-Signature"));
        Check.same("AWS SDK v2", mine, AwsSdkV2.signature(awsSdkV2()));
        Check.same("AWS SDK v1", mine, awsSdkV1().getParameters().get("X-Amz-Signature").get(0));
        Check.same("MinIO", mine, minio().queryParameter("X-Amz-Signature"));
        Check.same("AWS CRT", mine, Check.queryParam("https://" + Fixtures.GetObject.HOST + crt().getEncodedPath(),
                "X-Amz-Signature"));
        Check.same("floor", mine, Check.hex(floor()));
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
     * AWS SDK v2.
     *
     * @return the presigned request
     */
    @Benchmark
    public software.amazon.awssdk.http.auth.spi.signer.SignedRequest awsSdkV2() {
        return sdkV2.sign();
    }

    /**
     * AWS SDK v1 (request built per call, as the SDK does).
     *
     * @return the presigned request
     */
    @Benchmark
    public DefaultRequest<Void> awsSdkV1() {
        DefaultRequest<Void> r = AwsSdkV1.request("Amazon S3", HttpMethodName.GET, sdkV1Endpoint, "/test.txt",
                List.of(), List.of());
        sdkV1.presignRequest(r, sdkV1Credentials, sdkV1Expiration);
        return r;
    }

    /**
     * MinIO.
     *
     * @return the presigned URL
     */
    @Benchmark
    public okhttp3.HttpUrl minio() {
        return Minio.presign(minioRequest, Fixtures.REGION, Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET,
                (int) Fixtures.Presign.EXPIRES_SECONDS);
    }

    /**
     * The AWS CRT (native, through JNI).
     *
     * @return the presigned request
     */
    @Benchmark
    public software.amazon.awssdk.crt.http.HttpRequest crt() {
        return crt.sign();
    }

    /** Closes the CRT's native signing config. */
    @TearDown
    public void tearDown() {
        crt.close();
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
