package dev.awssig.awssdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.scheme.AuthScheme;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

/**
 * The same wire result as the SDK's own SigV4 signer: the SDK's {@code S3Client} runs its whole
 * request path (marshalling, endpoint rules, default checksums, chunked encoding) against a
 * client that sends nothing; every request it hands its signer is signed by the SDK's
 * {@code AwsV4HttpSigner} and by {@link AwssigHttpSigner} at the same fixed time, and the two
 * results must carry the same headers and, byte for byte, the same body (aws-chunked framing,
 * chunk and trailer signatures, trailing checksum included).
 */
class SdkWireDifferentialTest {
    private static final Clock FIXED = Clock.fixed(Instant.parse("2025-03-01T10:00:00Z"), ZoneOffset.UTC);
    private static final HttpSigner<AwsCredentialsIdentity> SDK = AwsV4HttpSigner.create();
    private static final AwssigHttpSigner AWSSIG = AwssigHttpSigner.create();

    /** Signs with both, records differences, hands the SDK's result on. */
    static final class ComparingSigner implements HttpSigner<AwsCredentialsIdentity> {
        final List<String> compared = new ArrayList<>();
        final List<String> differences = new ArrayList<>();

        @Override
        @SuppressWarnings("unchecked")
        public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
            SignRequest<AwsCredentialsIdentity> fixed = ((SignRequest<AwsCredentialsIdentity>) request).toBuilder()
                    .putProperty(SIGNING_CLOCK, FIXED).build();
            SignedRequest theirs = SDK.sign(fixed);
            SignedRequest ours = AWSSIG.sign(fixed);
            String what = request.request().method() + " " + request.request().encodedPath()
                    + request.request().encodedQueryParameters().map(q -> "?" + q).orElse("");
            compared.add(what + " " + theirs.request().firstMatchingHeader("x-amz-content-sha256").orElse(""));
            Map<String, List<String>> theirHeaders = lower(theirs.request().headers());
            Map<String, List<String>> ourHeaders = lower(ours.request().headers());
            if (!theirHeaders.equals(ourHeaders)) {
                differences.add(what + ": headers\n  SDK    " + theirHeaders + "\n  awssig " + ourHeaders);
            }
            if (!theirs.request().getUri().equals(ours.request().getUri())) {
                differences.add(what + ": URI " + theirs.request().getUri() + " vs " + ours.request().getUri());
            }
            String a = body(theirs.payload().orElse(null));
            String b = body(ours.payload().orElse(null));
            if (!a.equals(b)) {
                differences.add(what + ": body (" + a.length() + " vs " + b.length() + " chars)\n  SDK    "
                        + abbreviate(a) + "\n  awssig " + abbreviate(b));
            }
            return theirs;
        }

        @Override
        public java.util.concurrent.CompletableFuture<AsyncSignedRequest> signAsync(
                AsyncSignRequest<? extends AwsCredentialsIdentity> request) {
            throw new UnsupportedOperationException("sync client only");
        }
    }

    /** Answers each S3 request with a canned success, sends nothing. */
    static final class CannedS3 implements SdkHttpClient {
        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            SdkHttpRequest r = request.httpRequest();
            Map<String, List<String>> q = r.rawQueryParameters();
            String xml = "";
            if (r.method() == SdkHttpMethod.POST && q.containsKey("uploads")) {
                xml = "<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>k</Key><UploadId>u1</UploadId>"
                        + "</InitiateMultipartUploadResult>";
            } else if (r.method() == SdkHttpMethod.POST && q.containsKey("uploadId")) {
                xml = "<CompleteMultipartUploadResult><Bucket>b</Bucket><Key>k</Key><ETag>\"e\"</ETag>"
                        + "</CompleteMultipartUploadResult>";
            } else if (q.containsKey("list-type")) {
                xml = "<ListBucketResult><Name>b</Name><KeyCount>0</KeyCount><IsTruncated>false</IsTruncated>"
                        + "</ListBucketResult>";
            } else if (q.containsKey("delete")) {
                xml = "<DeleteResult></DeleteResult>";
            }
            byte[] body = xml.getBytes(StandardCharsets.UTF_8);
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    return HttpExecuteResponse.builder().response(SdkHttpResponse.builder().statusCode(200)
                            .putHeader("ETag", "\"e\"").putHeader("Content-Length", Integer.toString(body.length))
                            .build()).responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
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

    private static S3Client client(String endpoint, ComparingSigner signer, AwsCredentialsProvider credentials) {
        return S3Client.builder().region(Region.US_EAST_1).credentialsProvider(credentials)
                .endpointOverride(URI.create(endpoint)).forcePathStyle(true).httpClient(new CannedS3())
                .putAuthScheme(new AuthScheme<AwsCredentialsIdentity>() {
                    @Override
                    public String schemeId() {
                        return "aws.auth#sigv4";
                    }

                    @Override
                    public IdentityProvider<AwsCredentialsIdentity> identityProvider(IdentityProviders providers) {
                        return providers.identityProvider(AwsCredentialsIdentity.class);
                    }

                    @Override
                    public HttpSigner<AwsCredentialsIdentity> signer() {
                        return signer;
                    }
                }).build();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"http://127.0.0.1:9000", "https://s3.example.test"})
    void s3ClientRequestsAreSignedAsTheSdkSignsThem(String endpoint) {
        ComparingSigner signer = new ComparingSigner();
        byte[] small = "hello".getBytes(StandardCharsets.UTF_8);
        byte[] large = new byte[300_000];
        for (int i = 0; i < large.length; i++) {
            large[i] = (byte) (i * 7);
        }
        try (S3Client s3 = client(endpoint, signer, StaticCredentialsProvider.create(
                AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")))) {
            s3.createBucket(b -> b.bucket("bucket"));
            s3.putObject(b -> b.bucket("bucket").key("a b/c+d.txt").contentType("text/plain"), RequestBody.fromBytes(small));
            s3.putObject(b -> b.bucket("bucket").key("large.bin"), RequestBody.fromBytes(large));
            s3.putObject(b -> b.bucket("bucket").key("empty"), RequestBody.empty());
            for (ChecksumAlgorithm a : new ChecksumAlgorithm[] {ChecksumAlgorithm.CRC32_C, ChecksumAlgorithm.SHA1,
                ChecksumAlgorithm.SHA256, ChecksumAlgorithm.CRC64_NVME}) {
                s3.putObject(b -> b.bucket("bucket").key("sum-" + a).checksumAlgorithm(a), RequestBody.fromBytes(large));
            }
            s3.getObject(b -> b.bucket("bucket").key("a b/c+d.txt").range("bytes=0-1"),
                    software.amazon.awssdk.core.sync.ResponseTransformer.toBytes());
            s3.headObject(b -> b.bucket("bucket").key("large.bin"));
            s3.listObjectsV2(b -> b.bucket("bucket").prefix("a b/").maxKeys(2));
            s3.createMultipartUpload(b -> b.bucket("bucket").key("mp"));
            s3.uploadPart(b -> b.bucket("bucket").key("mp").uploadId("u1").partNumber(1), RequestBody.fromBytes(large));
            s3.completeMultipartUpload(b -> b.bucket("bucket").key("mp").uploadId("u1")
                    .multipartUpload(m -> m.parts(CompletedPart.builder().partNumber(1).eTag("\"e\"").build())));
            s3.deleteObjects(b -> b.bucket("bucket").delete(d -> d.objects(ObjectIdentifier.builder().key("k").build())));
            s3.deleteObject(b -> b.bucket("bucket").key("k"));
        }
        assertTrue(signer.differences.isEmpty(), String.join("\n", signer.differences));
        assertTrue(signer.compared.size() >= 15, signer.compared.toString());
        String all = String.join("\n", signer.compared);
        assertTrue(all.contains(endpoint.startsWith("http:") ? "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"
                : "STREAMING-UNSIGNED-PAYLOAD-TRAILER"), "the SDK's default checksums stream a trailer:\n" + all);
    }

    @Test
    void sessionCredentialsAndAnonymousRequests() {
        ComparingSigner signer = new ComparingSigner();
        try (S3Client s3 = client("https://s3.example.test", signer, StaticCredentialsProvider.create(
                AwsSessionCredentials.create("ASIAEXAMPLE", "secret/key+1", "token/with+chars=")))) {
            s3.putObject(b -> b.bucket("bucket").key("k"), RequestBody.fromString("x"));
            s3.getObject(b -> b.bucket("bucket").key("k"), software.amazon.awssdk.core.sync.ResponseTransformer.toBytes());
        }
        assertTrue(signer.differences.isEmpty(), String.join("\n", signer.differences));
        assertEquals(2, signer.compared.size());
    }

    @Test
    void presignedRequestsMatchTheSdks() {
        SdkHttpRequest get = SdkHttpRequest.builder().method(SdkHttpMethod.GET).protocol("https")
                .host("bucket.s3.amazonaws.com").encodedPath("/photos/a%20b.jpg").appendRawQueryParameter("versionId", "v 1")
                .build();
        SignRequest<AwsCredentialsIdentity> r = SignRequest.builder((AwsCredentialsIdentity) AwsBasicCredentials.create(
                        "AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"))
                .request(get)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, Duration.ofMinutes(15))
                .putProperty(HttpSigner.SIGNING_CLOCK, FIXED)
                .build();
        SdkHttpRequest theirs = SDK.sign(r).request();
        SdkHttpRequest ours = AWSSIG.sign(r).request();
        assertEquals(new TreeMap<>(theirs.rawQueryParameters()), new TreeMap<>(ours.rawQueryParameters()));
        assertEquals(lower(theirs.headers()), lower(ours.headers()));
    }

    /**
     * The async path, request by request: a signed body and a header checksum (digested as it is
     * published) and an aws-chunked body with a trailer (encoded while it is published), against
     * the SDK's {@code signAsync}.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"signed", "unsigned+crc32", "chunked+crc32c"})
    void asyncRequestsMatchTheSdks(String kind) throws Exception {
        byte[] body = new byte[400_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 11);
        }
        SdkHttpRequest put = SdkHttpRequest.builder().method(SdkHttpMethod.PUT).protocol("https")
                .host("bucket.s3.amazonaws.com").encodedPath("/k").putHeader("Content-Length", Integer.toString(body.length))
                .build();
        AsyncSignRequest.Builder<AwsCredentialsIdentity> b = AsyncSignRequest.builder((AwsCredentialsIdentity)
                        AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"))
                .request(put)
                .payload(software.amazon.awssdk.core.async.AsyncRequestBody.fromBytes(body))
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, false)
                .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, false)
                .putProperty(HttpSigner.SIGNING_CLOCK, FIXED);
        switch (kind) {
            case "signed":
                b.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, true);
                break;
            case "unsigned+crc32":
                b.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                        .putProperty(AwsV4FamilyHttpSigner.CHECKSUM_ALGORITHM,
                                software.amazon.awssdk.checksums.DefaultChecksumAlgorithm.CRC32);
                break;
            default:
                b.putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                        .putProperty(AwsV4FamilyHttpSigner.CHUNK_ENCODING_ENABLED, true)
                        .putProperty(AwsV4FamilyHttpSigner.CHECKSUM_ALGORITHM,
                                software.amazon.awssdk.checksums.DefaultChecksumAlgorithm.CRC32C);
                break;
        }
        AsyncSignRequest<AwsCredentialsIdentity> r = b.build();
        AsyncSignedRequest theirs = SDK.signAsync(r).get();
        AsyncSignedRequest ours = AWSSIG.signAsync(r).get();
        assertEquals(lower(theirs.request().headers()), lower(ours.request().headers()));
        assertEquals(collect(theirs.payload().orElseThrow()), collect(ours.payload().orElseThrow()));
    }

    private static String collect(org.reactivestreams.Publisher<java.nio.ByteBuffer> p) throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
        p.subscribe(new org.reactivestreams.Subscriber<java.nio.ByteBuffer>() {
            @Override
            public void onSubscribe(org.reactivestreams.Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(java.nio.ByteBuffer bb) {
                byte[] a = new byte[bb.remaining()];
                bb.get(a);
                out.write(a, 0, a.length);
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        done.get(30, java.util.concurrent.TimeUnit.SECONDS);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private static Map<String, List<String>> lower(Map<String, List<String>> headers) {
        Map<String, List<String>> m = new TreeMap<>();
        headers.forEach((n, v) -> m.computeIfAbsent(n.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(v));
        return m;
    }

    private static String body(ContentStreamProvider p) {
        if (p == null) {
            return "";
        }
        try (InputStream in = p.newStream()) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 400 ? s : s.substring(0, 200) + " ... " + s.substring(s.length() - 200);
    }
}
