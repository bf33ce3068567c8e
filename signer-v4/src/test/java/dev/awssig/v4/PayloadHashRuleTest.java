package dev.awssig.v4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.AuthError;
import dev.awssig.Credentials;
import dev.awssig.Payload;
import dev.awssig.PresignedUrl;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * One rule for {@code x-amz-content-sha256}, in signer and verifier alike (signer-v4/README.md):
 * in header signing the header is the signer's (a caller's value is replaced by the payload hash
 * that is signed, as the AWS SDK for Java v2 and botocore do, for S3 and every other service);
 * in a presigned request a caller's header is kept, signed, and is the payload hash of the URL;
 * the verifier takes the header as the payload hash and compares a hash value with the body.
 */
class PayloadHashRuleTest {
    private static final Instant NOW = Instant.parse("2024-03-01T10:20:30Z");
    private static final Credentials CREDS = Credentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static final SecretLookup SECRETS = SecretLookup.of(CREDS);
    private static final byte[] WORLD = "world".getBytes(StandardCharsets.UTF_8);
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);

    /** SHA-256 with the JDK's own digest (independent of the code under test). */
    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static SigningConfig.Builder cfg(String service) {
        return SigningConfig.builder().credentials(CREDS).region("us-east-1").service(service)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static String url(String service) {
        return service.equals("s3") ? "https://bucket.s3.us-east-1.amazonaws.com/items" : "https://api.example.com/items";
    }

    private static SigV4Verifier verifier() {
        return SigV4Verifier.create(SigningConfig.builder().build());
    }

    static Stream<Arguments> callerSuppliedHeaders() {
        List<Arguments> out = new ArrayList<>();
        for (String service : new String[] {"s3", "execute-api", "iam"}) {
            for (PayloadSigning mode : new PayloadSigning[] {null, PayloadSigning.SIGNED, PayloadSigning.UNSIGNED}) {
                for (Boolean header : new Boolean[] {null, true, false}) {
                    for (String value : new String[] {sha256(HELLO), sha256(WORLD), "UNSIGNED-PAYLOAD",
                        sha256(WORLD).toUpperCase(java.util.Locale.ROOT), "not a hash"}) {
                        out.add(Arguments.of(service, mode, header, value));
                    }
                }
            }
        }
        return out.stream();
    }

    /**
     * {@code POST https://api.example.com/items}, body {@code world}, header = SHA-256 of
     * {@code hello}: the library used to reject its own signature. Every combination of service,
     * payload mode, {@code CONTENT_SHA256_HEADER} and caller value round-trips, the header sent
     * is the payload hash that was signed, and it matches what the AWS SDK v2 sends.
     */
    @ParameterizedTest(name = "{0} mode={1} header={2} value={3}")
    @MethodSource("callerSuppliedHeaders")
    void headerSigningReplacesACallersContentSha256WithTheSignedHash(String service, PayloadSigning mode,
                                                                       Boolean header, String value) {
        SignedRequest s = SigV4Signer.create(cfg(service).option(SigV4Options.PAYLOAD_SIGNING, mode)
                .option(SigV4Options.CONTENT_SHA256_HEADER, header).build())
                .sign(SignableRequest.builder().method("POST").uri(url(service))
                        .header("x-amz-content-sha256", value).payload(Payload.ofBytes(WORLD)).build());
        List<String> sent = s.request().headers().values("x-amz-content-sha256");
        String expected = mode == PayloadSigning.UNSIGNED ? "UNSIGNED-PAYLOAD" : sha256(WORLD);
        assertEquals(List.of(expected), sent, "one header, the signed payload hash");
        String[] lines = s.canonicalRequest().split("\n", -1);
        assertEquals(expected, lines[lines.length - 1]);
        VerificationResult r = verifier().verify(s.request(), SECRETS, NOW);
        assertTrue(r.isValid(), r::toString);
        assertEquals(sdkContentSha(service, mode != PayloadSigning.UNSIGNED, value), expected,
                "the AWS SDK v2 sends the same x-amz-content-sha256");
    }

    /** The header value the AWS SDK for Java v2 signer sends for the same request. */
    private static String sdkContentSha(String service, boolean payloadSigning, String callerValue) {
        return AwsV4HttpSigner.create().sign(b -> b
                .identity(AwsCredentialsIdentity.create(CREDS.accessKeyId(), CREDS.secretAccessKey()))
                .request(SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create(url(service)))
                        .putHeader("x-amz-content-sha256", callerValue).build())
                .payload(ContentStreamProvider.fromByteArray(WORLD))
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(NOW, ZoneOffset.UTC))
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, payloadSigning))
                .request().firstMatchingHeader("x-amz-content-sha256").orElseThrow();
    }

    @Test
    void aHeaderSignedHashIsComparedWithTheBody() {
        SignedRequest s = SigV4Signer.create(cfg("execute-api").build()).sign(SignableRequest.builder().method("POST")
                .uri(url("execute-api")).payload(Payload.ofBytes(WORLD)).build());
        assertFalse(s.request().headers().contains("x-amz-content-sha256"), "not sent for other services by default");
        SignedRequest withHeader = SigV4Signer.create(cfg("execute-api").build()).sign(SignableRequest.builder()
                .method("POST").uri(url("execute-api")).header("x-amz-content-sha256", sha256(WORLD))
                .payload(Payload.ofBytes(WORLD)).build());
        VerificationResult swapped = verifier().verify(withHeader.request().toBuilder().payload(Payload.ofBytes(HELLO))
                .build(), SECRETS, NOW);
        assertEquals(AuthError.X_AMZ_CONTENT_SHA256_MISMATCH, swapped.error().orElseThrow());
    }

    // ------------------------------------------------------------------ presigned

    private static PresignedUrl presign(String service, String contentSha) {
        return SigV4Signer.create(cfg(service).build()).presign(SignableRequest.builder().method("PUT")
                .uri(url(service)).header("x-amz-content-sha256", contentSha).build(), Duration.ofMinutes(5));
    }

    private static SignableRequest received(PresignedUrl url, byte[] body) {
        return SignableRequest.builder().method(url.method()).uri(url.url()).headers(url.signedHeaders())
                .payload(Payload.ofBytes(body)).build();
    }

    /** The presigner used to drop the header, so the request the URL was made for was refused. */
    @Test
    void presignerKeepsAndSignsACallersContentSha256() {
        for (String service : new String[] {"s3", "execute-api"}) {
            PresignedUrl url = presign(service, sha256(WORLD));
            assertEquals(List.of(sha256(WORLD)), url.signedHeaders().values("x-amz-content-sha256"));
            assertTrue(url.url().contains("X-Amz-SignedHeaders=host%3Bx-amz-content-sha256&"), url.url());
            String[] lines = url.canonicalRequest().split("\n", -1);
            assertEquals(sha256(WORLD), lines[lines.length - 1], "the header is the URL's payload hash");
            VerificationResult r = verifier().verify(received(url, WORLD), SECRETS, NOW);
            assertTrue(r.isValid(), r::toString);
        }
        PresignedUrl unsigned = presign("s3", "UNSIGNED-PAYLOAD");
        assertTrue(verifier().verify(received(unsigned, HELLO), SECRETS, NOW).isValid());
    }

    /** A presigned request signing x-amz-content-sha256 was accepted with any body. */
    @Test
    void presignedRequestSigningContentSha256IsRefusedWithAnotherBody() {
        for (String service : new String[] {"s3", "execute-api"}) {
            PresignedUrl url = presign(service, sha256(WORLD));
            VerificationResult r = verifier().verify(received(url, HELLO), SECRETS, NOW);
            assertEquals(AuthError.X_AMZ_CONTENT_SHA256_MISMATCH, r.error().orElseThrow(), r::toString);
        }
    }

    @Test
    void presignedContentSha256MustBeAHashOrUnsignedPayload() {
        for (String bad : new String[] {"STREAMING-AWS4-HMAC-SHA256-PAYLOAD", "abc", "\uff10".repeat(64)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> presign("s3", bad));
            assertTrue(e.getMessage().startsWith("header 'x-amz-content-sha256': "), e.getMessage());
        }
        SignableRequest twice = SignableRequest.builder().method("PUT").uri(url("s3"))
                .header("x-amz-content-sha256", sha256(WORLD)).header("x-amz-content-sha256", sha256(WORLD)).build();
        assertThrows(IllegalArgumentException.class, () -> SigV4Signer.create(cfg("s3").build()).presign(twice,
                Duration.ofMinutes(5)));
        // the verifier answers a presigned aws-chunked upload, which has no place to check its chunks
        PresignedUrl url = presign("s3", sha256(WORLD));
        SignableRequest streaming = received(url, WORLD).toBuilder()
                .setHeader("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD").build();
        assertEquals(AuthError.INVALID_REQUEST, verifier().verify(streaming, SECRETS, NOW).error().orElseThrow());
    }
}
