package dev.awssig.benchmarks;

import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.PresignedUrl;
import dev.awssig.Presigner;
import dev.awssig.SignableRequest;
import dev.awssig.benchmarks.peers.AwsSdkV2;
import java.time.Duration;
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
 * Tuning: presigning the S3 docs' {@code GET /test.txt} (86400 s) with long-term credentials and
 * with temporary ones (a session token of the length STS issues, {@code X-Amz-Security-Token} in
 * the URL). Both URLs' signatures are checked against the AWS SDK v2's first.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Defaults.XMS, Defaults.XMX})
public class TuningPresignToken {
    /** A session token of the size STS issues (about 700 characters, Base64 alphabet). */
    static final String TOKEN = sessionToken();

    /** Whether the credentials carry a session token. */
    @Param({"false", "true"})
    public boolean sessionToken;

    private Presigner presigner;
    private SignableRequest request;
    private Duration expiry;

    /** Builds the presigner and checks its URL against the AWS SDK v2's. */
    @Setup
    public void setup() {
        expiry = Duration.ofSeconds(Fixtures.Presign.EXPIRES_SECONDS);
        String token = sessionToken ? TOKEN : null;
        Credentials credentials = token == null ? Credentials.of(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET)
                : Credentials.of(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET, token);
        presigner = Ours.SIGNERS.presigner(Algorithms.SIGV4, Ours.config(credentials, Fixtures.REGION, "s3",
                Fixtures.GetObject.TIME).build());
        request = SignableRequest.builder().method("GET").uri(Fixtures.GetObject.URI).build();
        String theirs = AwsSdkV2.signature(AwsSdkV2.presign(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET, token,
                AwsSdkV2.get(Fixtures.GetObject.URI), Fixtures.REGION, "s3", Fixtures.GetObject.TIME, expiry).sign());
        PresignedUrl url = presign();
        Check.same("AWS SDK v2 (session token: " + sessionToken + ")", theirs,
                Check.queryParam(url.url(), "X-Amz-Signature"));
        if (sessionToken != url.url().contains("X-Amz-Security-Token=")) {
            throw new IllegalStateException("awssig: the URL's session token is not as configured");
        }
    }

    private static String sessionToken() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        StringBuilder sb = new StringBuilder("IQoJb3JpZ2luX2VjE");
        for (int i = 0; sb.length() < 700; i++) {
            sb.append(alphabet.charAt((i * 37 + 11) % alphabet.length()));
        }
        return sb.append('=').toString();
    }

    /**
     * Ours.
     *
     * @return the presigned URL
     */
    @Benchmark
    public PresignedUrl presign() {
        return presigner.presign(request, expiry);
    }
}
