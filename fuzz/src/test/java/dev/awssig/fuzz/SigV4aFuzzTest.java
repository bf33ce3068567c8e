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
import dev.awssig.v4.ChecksumAlgorithm;
import dev.awssig.v4.PayloadSigning;
import dev.awssig.v4.SigV4Options;
import dev.awssig.v4a.SigV4aSigner;
import dev.awssig.v4a.SigV4aVerifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SigV4a (ECDSA P-256) verification under the fuzzer: header-signed and presigned requests edited
 * by the data (and requests made from the data), and aws-chunked bodies in the three streaming
 * modes; the same invariants as {@link SigV4FuzzTest}, with the same independent view (SigV4a
 * signs what SigV4 signs, plus x-amz-region-set).
 */
class SigV4aFuzzTest {
    private static final Instant NOW = Instant.parse("2024-05-06T07:08:09Z");
    private static final Credentials CREDS = Credentials.of("AKIAV4AEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static final SecretLookup SECRETS = id -> Optional.ofNullable(Map.of(CREDS.accessKeyId(),
            CREDS.secretAccessKey(), "AKIABLANK", " ").get(id));
    private static final SigV4aVerifier VERIFIER = SigV4aVerifier.create(SigningConfig.builder().build());
    private static final byte[] DATA = "SigV4a streams, chunk by chunk.".repeat(3).getBytes(StandardCharsets.UTF_8);
    private static final List<SignableRequest> SIGNED = new ArrayList<>();
    private static final List<SignedRequest> CHUNKED = new ArrayList<>();

    static {
        SIGNED.add(SigV4aSigner.create(config("s3").build()).sign(SignableRequest.builder().method("PUT")
                .uri("https://example.amazonaws.com/photos/a%20cat.jpg?versionId=3&acl")
                .header("Content-Type", "image/jpeg").header("X-Amz-Meta-Color", " blue  sky ")
                .payload(Payload.ofBytes("meow".getBytes(StandardCharsets.UTF_8))).build()).request());
        PresignedUrl url = SigV4aSigner.create(config("s3").build()).presign(SignableRequest.builder().method("GET")
                .uri("https://example.amazonaws.com/k%C3%A9y.txt?response-content-type=text%2Fplain").build(),
                Duration.ofMinutes(10));
        SIGNED.add(SignableRequest.builder().method("GET").uri(url.url()).headers(url.signedHeaders()).build());
        for (PayloadSigning mode : new PayloadSigning[] {PayloadSigning.STREAMING_SIGNED,
            PayloadSigning.STREAMING_SIGNED_TRAILER, PayloadSigning.STREAMING_UNSIGNED_TRAILER}) {
            CHUNKED.add(SigV4aSigner.create(config("s3").option(SigV4Options.PAYLOAD_SIGNING, mode)
                    .option(SigV4Options.TRAILER_CHECKSUM, ChecksumAlgorithm.CRC32).option(SigV4Options.CHUNK_SIZE, 8192)
                    .build()).sign(SignableRequest.builder().method("PUT").uri("https://b.s3.amazonaws.com/big")
                    .payload(Payload.ofBytes(DATA)).build()));
        }
    }

    private static SigningConfig.Builder config(String service) {
        return SigningConfig.builder().credentials(CREDS).service(service).region("us-west-2")
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    /** Header-signed and presigned requests edited by the data, or a request made from the data. */
    @FuzzTest(maxDuration = "10m")
    void signed(FuzzedDataProvider d) {
        if (d.consumeInt(0, 7) == 0) {
            Verify.anything(d, VERIFIER, SECRETS, NOW, "AWS4-ECDSA-P256-SHA256 ");
            return;
        }
        Verify.edited(d, "SigV4a", VERIFIER, SECRETS, NOW, d.pickValue(SIGNED), SigV4View::of);
    }

    /** aws-chunked bodies (and their headers) edited by the data, or a body made from the data. */
    @FuzzTest(maxDuration = "10m")
    void awsChunked(FuzzedDataProvider d) {
        Verify.chunked(d, d.pickValue(CHUNKED), DATA,
                (request, body) -> VERIFIER.verifyStreaming(request, SECRETS, NOW, body));
    }
}
