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
import dev.awssig.benchmarks.peers.Minio;
import dev.awssig.devpay.DevPayOptions;
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
 * The DevPay decorator over SigV4 header signing ({@code DEVPAY+AWS4-HMAC-SHA256} from the SPI):
 * the S3 docs' {@code GET /test.txt} with the customer's user token in a signed
 * {@code x-amz-security-token} header. No peer has a DevPay API; the AWS SDKs and MinIO sign the
 * same request with the token set as a header by hand, which is how DevPay is done with them.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Defaults.XMS, Defaults.XMX})
public class SigV4DevPay {
    private Signer ours;
    private SignableRequest request;
    private AwsSdkV2 sdkV2;
    private AWS4Signer sdkV1;
    private AWSCredentials sdkV1Credentials;
    private URI sdkV1Endpoint;
    private List<String> sdkV1Headers;
    private okhttp3.Request minioRequest;
    private SigV4Floor floor;

    /** Builds every implementation and checks that they all give our signature. */
    @Setup
    public void setup() {
        ours = Ours.SIGNERS.signer(Algorithms.DEVPAY_PREFIX + Algorithms.SIGV4, Ours.config(
                Credentials.of(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET), Fixtures.REGION, "s3",
                Fixtures.GetObject.TIME)
                .option(DevPayOptions.USER_TOKEN, Fixtures.DevPay.USER_TOKEN)
                .build());
        request = SignableRequest.builder().method("GET").uri(Fixtures.GetObject.URI)
                .header("Range", Fixtures.GetObject.RANGE).build();

        sdkV2 = AwsSdkV2.header(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET, null,
                AwsSdkV2.get(Fixtures.GetObject.URI, "Range", Fixtures.GetObject.RANGE,
                        "x-amz-content-sha256", Fixtures.GetObject.EMPTY_SHA256,
                        "x-amz-security-token", Fixtures.DevPay.USER_TOKEN),
                Fixtures.REGION, "s3", Fixtures.GetObject.TIME);

        sdkV1 = AwsSdkV1.sigV4("s3", Fixtures.REGION, Date.from(Fixtures.GetObject.TIME));
        sdkV1Credentials = AwsSdkV1.credentials(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET, null);
        sdkV1Endpoint = URI.create("https://" + Fixtures.GetObject.HOST);
        sdkV1Headers = List.of("Range", Fixtures.GetObject.RANGE, "x-amz-security-token", Fixtures.DevPay.USER_TOKEN);

        minioRequest = Minio.get(Fixtures.GetObject.URI, "Host", Fixtures.GetObject.HOST,
                "Range", Fixtures.GetObject.RANGE,
                "x-amz-content-sha256", Fixtures.GetObject.EMPTY_SHA256,
                "x-amz-date", "20130524T000000Z",
                "x-amz-security-token", Fixtures.DevPay.USER_TOKEN);

        SignedRequest mine = awssig();
        floor = new SigV4Floor(mine.canonicalRequest(), SigV4Floor.prefixOf(mine.stringToSign()),
                SigV4Floor.signingKey(Fixtures.S3_SECRET, "20130524", Fixtures.REGION, "s3"));
        check();
    }

    /** Every implementation must give our signature; ours must sign the token. */
    void check() {
        SignedRequest signed = awssig();
        if (!signed.signedHeaders().contains("x-amz-security-token")
                || !signed.request().headers().firstValue("x-amz-security-token").orElse("")
                        .equals(Fixtures.DevPay.USER_TOKEN)) {
            throw new IllegalStateException("awssig DevPay: x-amz-security-token is not the signed user token");
        }
        String mine = signed.signature();
        Check.same("AWS SDK v2", mine, AwsSdkV2.signature(awsSdkV2()));
        Check.same("AWS SDK v1", mine, Check.sigV4FromAuthorization(awsSdkV1().getHeaders().get("Authorization")));
        Check.same("MinIO", mine, Check.sigV4FromAuthorization(minio().header("Authorization")));
        Check.same("floor", mine, Check.hex(floor()));
    }

    /**
     * Ours: the DevPay decorator over our SigV4 signer.
     *
     * @return the signed request
     */
    @Benchmark
    public SignedRequest awssig() {
        return ours.sign(request);
    }

    /**
     * AWS SDK v2, token as a header.
     *
     * @return the signed request
     */
    @Benchmark
    public software.amazon.awssdk.http.auth.spi.signer.SignedRequest awsSdkV2() {
        return sdkV2.sign();
    }

    /**
     * AWS SDK v1, token as a header (request built per call, as the SDK does).
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
     * MinIO, token as a header.
     *
     * @return the signed request
     */
    @Benchmark
    public okhttp3.Request minio() {
        return Minio.sign(minioRequest, Fixtures.REGION, Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET,
                Fixtures.GetObject.EMPTY_SHA256);
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
