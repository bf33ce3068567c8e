package dev.awssig.benchmarks;

import dev.awssig.Credentials;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.awssdk.AwssigAuthScheme;
import dev.awssig.v4.SigV4Verifier;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
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
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The AWS SDK v2's whole request path for an S3 {@code GetObject} ({@code GET /test.txt},
 * {@code Range: bytes=0-9}): marshalling, endpoint rules, interceptors, signing, response
 * unmarshalling, with an HTTP client that sends nothing and answers a canned {@code 206}. The same
 * {@code S3Client} setup twice: signed by the SDK's own {@code AwsV4HttpSigner}, and by awssig
 * through {@code putAuthScheme(AwssigAuthScheme.create())}; the difference is the signer.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Defaults.XMS, Defaults.XMX})
public class SdkGetObjectRequestPath {
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** Sends nothing; remembers the last request; answers 206 with ten bytes. */
    static final class NoOpHttpClient implements SdkHttpClient {
        private static final byte[] BODY = "0123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        private static final SdkHttpResponse RESPONSE = SdkHttpResponse.builder().statusCode(206)
                .putHeader("Content-Length", "10").putHeader("Content-Range", "bytes 0-9/100")
                .putHeader("ETag", "\"e\"").build();
        SdkHttpRequest last;

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            last = request.httpRequest();
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    return HttpExecuteResponse.builder().response(RESPONSE)
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(BODY))).build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }

    private final NoOpHttpClient sdkHttp = new NoOpHttpClient();
    private final NoOpHttpClient awssigHttp = new NoOpHttpClient();
    private S3Client sdk;
    private S3Client awssig;
    private GetObjectRequest request;

    /** Builds both clients and checks that each request it signs verifies. */
    @Setup
    public void setup() {
        StaticCredentialsProvider creds = StaticCredentialsProvider.create(AwsBasicCredentials.create(
                Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET));
        sdk = S3Client.builder().region(Region.US_EAST_1).credentialsProvider(creds).httpClient(sdkHttp).build();
        awssig = S3Client.builder().region(Region.US_EAST_1).credentialsProvider(creds).httpClient(awssigHttp)
                .putAuthScheme(AwssigAuthScheme.create()).build();
        request = GetObjectRequest.builder().bucket("examplebucket").key("test.txt").range(Fixtures.GetObject.RANGE)
                .build();
        check();
    }

    /** Closes both clients. */
    @TearDown
    public void close() {
        sdk.close();
        awssig.close();
    }

    /**
     * Both clients send the same headers, and each request's signature verifies as S3 would check
     * it (awssig's verifier, at the request's own {@code X-Amz-Date}).
     */
    void check() {
        awsSdkV2();
        awssig();
        SdkHttpRequest theirs = sdkHttp.last;
        SdkHttpRequest ours = awssigHttp.last;
        if (!names(theirs.headers()).equals(names(ours.headers()))) {
            throw new IllegalStateException("the requests differ in their headers: SDK " + names(theirs.headers())
                    + ", awssig " + names(ours.headers()) + "; refusing to benchmark different requests");
        }
        verify("AWS SDK v2", theirs);
        verify("awssig", ours);
    }

    private static TreeSet<String> names(Map<String, ?> headers) {
        TreeSet<String> s = new TreeSet<>();
        headers.keySet().forEach(n -> s.add(n.toLowerCase(Locale.ROOT)));
        return s;
    }

    private static void verify(String who, SdkHttpRequest r) {
        SignableRequest.Builder b = SignableRequest.builder().method(r.method().name()).uri(r.getUri().toString());
        r.forEachHeader((n, vs) -> vs.forEach(v -> b.header(n, v)));
        Instant at = Instant.from(AMZ_DATE.parse(r.firstMatchingHeader("X-Amz-Date").orElseThrow()));
        VerificationResult result = SigV4Verifier.create(SigningConfig.builder().region(Fixtures.REGION).service("s3")
                .build()).verify(b.build(), SecretLookup.of(Credentials.of(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET)), at);
        if (!result.isValid()) {
            throw new IllegalStateException(who + ": the signed GetObject does not verify (" + result
                    + "); refusing to benchmark a wrong answer");
        }
    }

    /**
     * The SDK's request path, signed by awssig.
     *
     * @return the response
     */
    @Benchmark
    public ResponseBytes<GetObjectResponse> awssig() {
        return awssig.getObject(request, ResponseTransformer.toBytes());
    }

    /**
     * The SDK's request path, signed by the SDK's own {@code AwsV4HttpSigner}.
     *
     * @return the response
     */
    @Benchmark
    public ResponseBytes<GetObjectResponse> awsSdkV2() {
        return sdk.getObject(request, ResponseTransformer.toBytes());
    }
}
