package dev.awssig.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.awssig.Credentials;
import dev.awssig.Payload;
import dev.awssig.PresignedUrl;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.Verifier;
import dev.awssig.v4.ChecksumAlgorithm;
import dev.awssig.v4.PayloadSigning;
import dev.awssig.v4.SigV4Options;
import dev.awssig.v4.SigV4Signer;
import dev.awssig.v4.SigV4Verifier;
import dev.awssig.v4.SignedHeadersPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * SigV4 verification under the fuzzer: requests signed at a fixed clock (S3 and IAM header
 * signing, an S3 presigned URL with a session token, aws-chunked bodies in the three streaming
 * modes), edited by the fuzzer's data; and requests built from the data alone. Invariants: verify
 * answers (never an unchecked exception) within an allocation bound; an edited request verifies
 * only when its {@link #view independent view} of what SigV4 signs is unchanged; an aws-chunked
 * body fails only with {@link dev.awssig.v4.AwsChunkedException} (or the request with
 * {@link dev.awssig.VerificationException}) and decodes only to the data that was signed.
 */
class SigV4FuzzTest {
    static final Instant NOW = Instant.parse("2024-03-01T10:20:30Z");
    static final Credentials CREDS = Credentials.of("AKIAIOSFODNN7EXAMPLE",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "IQoJb3JpZ2luX2VjE/session+token==");
    /** Knows the key, a second key with a blank secret, and one with a one-character secret. */
    static final SecretLookup SECRETS = id -> java.util.Optional.ofNullable(Map.of(CREDS.accessKeyId(),
            CREDS.secretAccessKey(), "AKIABLANK", "", "AKIASHORT", "x").get(id));
    private static final SigV4Verifier VERIFIER = SigV4Verifier.create(SigningConfig.builder().build());
    private static final byte[] DATA = "Welcome to Amazon S3, chunk by chunk.".repeat(3).getBytes(StandardCharsets.UTF_8);

    private static final List<SignableRequest> HEADER_SIGNED = new ArrayList<>();
    private static final List<SignableRequest> PRESIGNED = new ArrayList<>();
    private static final List<SignedRequest> CHUNKED = new ArrayList<>();

    static {
        byte[] body = "Welcome to Amazon S3.".getBytes(StandardCharsets.UTF_8);
        HEADER_SIGNED.add(signer("s3").sign(SignableRequest.builder().method("PUT")
                .uri("https://bucket.s3.eu-west-1.amazonaws.com/photos/my%20cat+dog.jpg?versionId=3&acl&prefix=a%2Fb")
                .header("Content-Type", "image/jpeg").header("x-amz-meta-owner", "Jane  Doe")
                .header("x-amz-meta-n", "0042").payload(Payload.ofBytes(body)).build()).request());
        HEADER_SIGNED.add(signer("iam").sign(SignableRequest.builder().method("POST")
                .uri("https://iam.amazonaws.com/items/a.b/c?Action=ListUsers&Version=2010-05-08")
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .payload(Payload.ofBytes("Action=ListUsers".getBytes(StandardCharsets.UTF_8))).build()).request());
        PresignedUrl url = signer("s3").presign(SignableRequest.builder().method("GET")
                .uri("https://bucket.s3.eu-west-1.amazonaws.com/k%C3%A9y.txt?response-content-type=text%2Fplain")
                .header("Range", "bytes=0-9").build(), Duration.ofMinutes(10));
        PRESIGNED.add(SignableRequest.builder().method("GET").uri(url.url()).headers(url.signedHeaders()).build());
        PresignedUrl other = signer("execute-api").presign(SignableRequest.builder().method("GET")
                .uri("https://api.example.com/v1/items/../a%20b?z=1&a=2&a=1").build(), Duration.ofMinutes(5));
        PRESIGNED.add(SignableRequest.builder().method("GET").uri(other.url()).headers(other.signedHeaders()).build());
        for (PayloadSigning mode : new PayloadSigning[] {PayloadSigning.STREAMING_SIGNED,
            PayloadSigning.STREAMING_SIGNED_TRAILER, PayloadSigning.STREAMING_UNSIGNED_TRAILER}) {
            CHUNKED.add(SigV4Signer.create(config("s3").option(SigV4Options.PAYLOAD_SIGNING, mode)
                    .option(SigV4Options.CHUNK_SIZE, 8192)
                    .option(SigV4Options.SIGNED_HEADERS, SignedHeadersPolicy.excluding("content-length"))
                    .option(SigV4Options.TRAILER_CHECKSUM, ChecksumAlgorithm.CRC32).build())
                    .sign(SignableRequest.builder().method("PUT").uri("https://bucket.s3.eu-west-1.amazonaws.com/big")
                            .payload(Payload.ofBytes(DATA)).build()));
        }
    }

    private static SigningConfig.Builder config(String service) {
        return SigningConfig.builder().credentials(CREDS).region("eu-west-1").service(service)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static SigV4Signer signer(String service) {
        return SigV4Signer.create(config(service).build());
    }

    /** Header-signed requests edited by the data, or a request made from the data alone. */
    @FuzzTest(maxDuration = "10m")
    void headerSigned(FuzzedDataProvider d) {
        if (d.consumeInt(0, 7) == 0) {
            Verify.anything(d, VERIFIER, SECRETS, NOW, "AWS4-HMAC-SHA256 ");
            return;
        }
        SignableRequest original = d.pickValue(HEADER_SIGNED);
        Verify.edited(d, "SigV4 header", VERIFIER, SECRETS, NOW, original, SigV4View::of);
    }

    /** Presigned URLs edited by the data. */
    @FuzzTest(maxDuration = "10m")
    void presigned(FuzzedDataProvider d) {
        SignableRequest original = d.pickValue(PRESIGNED);
        Verify.edited(d, "SigV4 presigned", VERIFIER, SECRETS, NOW, original, SigV4View::of);
    }

    /** aws-chunked bodies (and their headers) edited by the data, or a body made from the data. */
    @FuzzTest(maxDuration = "10m")
    void awsChunked(FuzzedDataProvider d) {
        SignedRequest s = d.pickValue(CHUNKED);
        Verify.chunked(d, s, DATA, (request, body) -> VERIFIER.verifyStreaming(request, SECRETS, NOW, body));
    }

    /** The verifier, for the other targets' shared checks. */
    static Verifier verifier() {
        return VERIFIER;
    }

    static VerificationResult verify(SignableRequest r) {
        return VERIFIER.verify(r, SECRETS, NOW);
    }
}
