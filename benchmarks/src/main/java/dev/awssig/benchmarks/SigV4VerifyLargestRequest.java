package dev.awssig.benchmarks;

import dev.awssig.AuthError;
import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationLimits;
import dev.awssig.VerificationResult;
import dev.awssig.Verifier;
import dev.awssig.benchmarks.floor.SigV4Floor;
import java.time.Instant;
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
 * The cost of the largest SigV4 header-signed request the default {@link VerificationLimits}
 * let through to the signature check (issue #12): a request target of exactly
 * {@code maxUriLength} characters holding {@code maxQueryParameters} parameters (in reverse
 * order, with escapes, so that they must be decoded, encoded and sorted), exactly
 * {@code maxHeaderCount} header fields, every one signed, whose names and values fill
 * {@code maxHeaderBytes}. Measured: verifying it ({@code awssig}), the same request with a zero
 * signature (what a stranger can make the server do without a key: {@code forged}), the same
 * request with one parameter over the limit ({@code overLimit}, refused before any parsing), and
 * the floor: one SHA-256 over its canonical request (about 30 KB) and one HMAC-SHA256.
 *
 * <p>The floor hashes the canonical request our verifier builds (there is no published one for
 * this request); the gate checks that it reproduces the signature our signer made, and that the
 * request is exactly at every limit (one more parameter or header is refused).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {Defaults.XMS, Defaults.XMX})
public class SigV4VerifyLargestRequest {
    private static final Instant TIME = Instant.parse("2024-03-01T10:20:30Z");
    private static final String HOST = "https://examplebucket.s3.us-east-1.amazonaws.com";

    private Verifier ours;
    private SignableRequest largest;
    private SignableRequest forgedRequest;
    private SignableRequest overLimitRequest;
    private SecretLookup secrets;
    private Instant now;
    private SigV4Floor floor;

    /** Builds and signs the request, checks that it sits exactly at the limits, and builds the floor. */
    @Setup
    public void setup() {
        VerificationLimits limits = VerificationLimits.defaults();
        Credentials credentials = Credentials.of(Fixtures.S3_ACCESS_KEY, Fixtures.S3_SECRET);
        SigningConfig config = Ours.config(credentials, "us-east-1", "s3", TIME).build();
        ours = Ours.SIGNERS.verifier(Algorithms.SIGV4, config);
        secrets = SecretLookup.of(credentials);
        now = TIME.plusSeconds(1);

        // the query: maxQueryParameters parameters "pNNNN=v%2F<pad>", in reverse order
        int params = limits.maxQueryParameters();
        StringBuilder query = new StringBuilder();
        for (int i = params - 1; i >= 0; i--) {
            query.append(query.length() == 0 ? "" : "&").append('p').append(String.format("%04d", i)).append("=v%2F");
        }
        int perValue = (limits.maxUriLength() * 3 / 4 - query.length()) / params; // the query: three quarters of the URI
        String pad = "x".repeat(Math.max(0, perValue));
        query.setLength(0);
        for (int i = params - 1; i >= 0; i--) {
            query.append(query.length() == 0 ? "" : "&").append('p').append(String.format("%04d", i)).append("=v%2F")
                    .append(pad);
        }
        // the path fills the rest of maxUriLength: path + '?' + query
        String path = "/" + "k".repeat(limits.maxUriLength() - 1 - query.length() - 1);

        // the headers: as many x-amz-meta-* as leave room for what the signer adds, values filling maxHeaderBytes
        SignableRequest probe = sign(config, path, query.toString(), 1, "");
        int added = probe.headers().entries().size() - 1;
        int meta = limits.maxHeaderCount() - added;
        probe = sign(config, path, query.toString(), meta, "");
        int room = limits.maxHeaderBytes() - headerBytes(probe);
        largest = sign(config, path, query.toString(), meta, "v".repeat(room / meta));

        if (largest.headers().entries().size() != limits.maxHeaderCount()
                || headerBytes(largest) > limits.maxHeaderBytes()
                || limits.maxHeaderBytes() - headerBytes(largest) >= meta
                || path.length() + 1 + query.length() != limits.maxUriLength()) {
            throw new IllegalStateException("the request is not at the limits: " + largest.headers().entries().size()
                    + " headers, " + headerBytes(largest) + " header characters, URI "
                    + (path.length() + 1 + query.length()));
        }
        String authorization = largest.headers().firstValue("Authorization").orElseThrow();
        forgedRequest = largest.toBuilder()
                .setHeader("Authorization", authorization.substring(0, authorization.length() - 64) + "0".repeat(64))
                .build();
        // one parameter more, the URI still within its length: the parameter count refuses it
        overLimitRequest = largest.toBuilder().rawPath(path.substring(0, path.length() - 2)).rawQuery(query + "&q")
                .build();
        VerificationResult valid = awssig();
        if (!valid.isValid()) {
            throw new IllegalStateException("awssig verifier rejected the largest valid request: " + valid);
        }
        floor = new SigV4Floor(valid.canonicalRequest().orElseThrow(),
                SigV4Floor.prefixOf(valid.stringToSign().orElseThrow()),
                SigV4Floor.signingKey(Fixtures.S3_SECRET, "20240301", "us-east-1", "s3"));
        Check.same("floor", Check.sigV4FromAuthorization(authorization), Check.hex(floor()));
        expect(AuthError.SIGNATURE_DOES_NOT_MATCH, forged(), "forged");
        expect(AuthError.INVALID_URI, overLimit(), "overLimit");
        SignableRequest oneHeaderMore = largest.toBuilder().header("x-extra", "1").build();
        expect(AuthError.REQUEST_HEADER_SECTION_TOO_LARGE, ours.verify(oneHeaderMore, secrets, now), "one header more");
    }

    private static SignableRequest sign(SigningConfig config, String path, String query, int meta, String value) {
        SignableRequest.Builder b = SignableRequest.builder().method("GET").uri(HOST + "/").rawPath(path)
                .rawQuery(query);
        for (int i = meta - 1; i >= 0; i--) {
            b.header("x-amz-meta-h" + String.format("%03d", i), value + i);
        }
        return Ours.SIGNERS.signer(Algorithms.SIGV4, config).sign(b.build()).request();
    }

    /** Header names and values, characters: what {@code maxHeaderBytes} counts. */
    private static int headerBytes(SignableRequest r) {
        int n = 0;
        for (var h : r.headers().entries()) {
            n += h.name().length() + h.value().length();
        }
        return n;
    }

    private static void expect(AuthError error, VerificationResult r, String what) {
        if (r.isValid() || r.error().orElseThrow() != error) {
            throw new IllegalStateException(what + ": expected " + error.code() + ", got " + r);
        }
    }

    /**
     * Ours, the largest valid request.
     *
     * @return the verification result
     */
    @Benchmark
    public VerificationResult awssig() {
        return ours.verify(largest, secrets, now);
    }

    /**
     * Ours, the same request with a zero signature: all the work, then SignatureDoesNotMatch with
     * the server's canonical request and string to sign.
     *
     * @return the verification result
     */
    @Benchmark
    public VerificationResult forged() {
        return ours.verify(forgedRequest, secrets, now);
    }

    /**
     * Ours, one query parameter over the limit: InvalidURI from the pre-check.
     *
     * @return the verification result
     */
    @Benchmark
    public VerificationResult overLimit() {
        return ours.verify(overLimitRequest, secrets, now);
    }

    /**
     * The floor: SHA-256 of the canonical request and HMAC-SHA256 of the string to sign.
     *
     * @return the signature bytes
     */
    @Benchmark
    public byte[] floor() {
        return floor.sign();
    }
}
