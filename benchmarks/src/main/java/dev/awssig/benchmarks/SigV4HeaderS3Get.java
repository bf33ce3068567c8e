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
import dev.awssig.benchmarks.peers.Crt;
import dev.awssig.benchmarks.peers.Minio;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * SigV4 header signing of the S3 docs' {@code GET /test.txt} with {@code Range: bytes=0-9} and
 * an empty payload ({@code x-amz-content-sha256} signed), by us, the AWS SDK v2, the AWS SDK
 * v1, MinIO, the AWS CRT (native), and the floor.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Defaults.XMS, Defaults.XMX})
public class SigV4HeaderS3Get {
    private Signer ours;
    private SignableRequest request;
    private AwsSdkV2 sdkV2;
    private AWS4Signer sdkV1;
    private AWSCredentials sdkV1Credentials;
    private URI sdkV1Endpoint;
    private List<String> sdkV1Headers;
    private okhttp3.Request minioRequest;
    private Crt crt;
    private SigV4Floor floor;

    /** Builds every implementation and checks that they all give the published signature. */
    @Setup
    public void setup() {
        ours = Ours.SIGNERS.signer(Algorithms.SIGV4, Ours.config(
                Credentials.of(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET), Fixtures.REGION, "s3",
                Fixtures.GetObject.TIME).build());
        request = SignableRequest.builder().method("GET").uri(Fixtures.GetObject.URI)
                .header("Range", Fixtures.GetObject.RANGE).build();

        sdkV2 = AwsSdkV2.header(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET, null,
                AwsSdkV2.get(Fixtures.GetObject.URI, "Range", Fixtures.GetObject.RANGE,
                        "x-amz-content-sha256", Fixtures.GetObject.EMPTY_SHA256),
                Fixtures.REGION, "s3", Fixtures.GetObject.TIME);

        sdkV1 = AwsSdkV1.sigV4("s3", Fixtures.REGION, Date.from(Fixtures.GetObject.TIME));
        sdkV1Credentials = AwsSdkV1.credentials(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET, null);
        sdkV1Endpoint = URI.create("https://" + Fixtures.GetObject.HOST);
        sdkV1Headers = List.of("Range", Fixtures.GetObject.RANGE);

        minioRequest = Minio.get(Fixtures.GetObject.URI, "Host", Fixtures.GetObject.HOST,
                "Range", Fixtures.GetObject.RANGE,
                "x-amz-content-sha256", Fixtures.GetObject.EMPTY_SHA256,
                "x-amz-date", "20130524T000000Z");

        crt = Crt.sigV4Header(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET, Fixtures.REGION, Fixtures.GetObject.TIME,
                "GET", "/test.txt", "Host", Fixtures.GetObject.HOST, "Range", Fixtures.GetObject.RANGE);

        floor = new SigV4Floor(Fixtures.GetObject.CANONICAL_REQUEST,
                SigV4Floor.prefixOf(Fixtures.GetObject.STRING_TO_SIGN),
                SigV4Floor.signingKey(Fixtures.S3_SECRET, "20130524", Fixtures.REGION, "s3"));
        check();
    }

    /** Every implementation must give the docs' signature (and so ours). */
    void check() {
        String expected = Fixtures.GetObject.SIGNATURE;
        String mine = Check.same("awssig", expected, awssig().signature());
        Check.same("AWS SDK v2", mine, AwsSdkV2.signature(awsSdkV2()));
        Check.same("AWS SDK v1", mine, Check.sigV4FromAuthorization(awsSdkV1().getHeaders().get("Authorization")));
        Check.same("MinIO", mine, Check.sigV4FromAuthorization(minio().header("Authorization")));
        Check.same("AWS CRT", mine, Check.sigV4FromAuthorization(Crt.header(crt(), "Authorization")));
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
     * AWS SDK v1 (the request object is mutable, so it is built per call as the SDK does).
     *
     * @return the signed request
     */
    @Benchmark
    public DefaultRequest<Void> awsSdkV1() {
        DefaultRequest<Void> r = AwsSdkV1.signPayload(AwsSdkV1.request("Amazon S3", HttpMethodName.GET,
                sdkV1Endpoint, "/test.txt", List.of(), sdkV1Headers));
        sdkV1.sign(r, sdkV1Credentials);
        return r;
    }

    /**
     * MinIO.
     *
     * @return the signed request
     */
    @Benchmark
    public okhttp3.Request minio() {
        return Minio.sign(minioRequest, Fixtures.REGION, Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET,
                Fixtures.GetObject.EMPTY_SHA256);
    }

    /**
     * The AWS CRT (native, through JNI).
     *
     * @return the signed request
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
     * The floor: one SHA-256 of the canonical request, one HMAC-SHA256 of the string to sign.
     *
     * @return the signature bytes
     */
    @Benchmark
    public byte[] floor() {
        return floor.sign();
    }
}
