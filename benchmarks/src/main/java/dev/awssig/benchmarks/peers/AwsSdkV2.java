package dev.awssig.benchmarks.peers;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * The AWS SDK for Java v2 signer ({@code software.amazon.awssdk:http-auth-aws},
 * {@link AwsV4HttpSigner}) configured for one request, used as the SDK's S3 and service clients
 * use it: a {@link SdkHttpRequest} and signer properties in, a signed request out.
 */
public final class AwsSdkV2 {
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();
    private final AwsCredentialsIdentity identity;
    private final SdkHttpRequest request;
    private final String region;
    private final String service;
    private final Clock clock;
    private final boolean s3;
    private final Duration presignExpiry;

    private AwsSdkV2(AwsCredentialsIdentity identity, SdkHttpRequest request, String region, String service,
            Instant time, Duration presignExpiry) {
        this.identity = identity;
        this.request = request;
        this.region = region;
        this.service = service;
        this.clock = Clock.fixed(time, ZoneOffset.UTC);
        this.s3 = service.equals("s3");
        this.presignExpiry = presignExpiry;
    }

    /**
     * A header signer.
     *
     * @param accessKey access key id
     * @param secret secret
     * @param sessionToken session token, or null
     * @param request the unsigned request
     * @param region region
     * @param service service
     * @param time signing time
     * @return the peer
     */
    public static AwsSdkV2 header(String accessKey, String secret, String sessionToken, SdkHttpRequest request,
            String region, String service, Instant time) {
        return new AwsSdkV2(identity(accessKey, secret, sessionToken), request, region, service, time, null);
    }

    /**
     * A presigner.
     *
     * @param accessKey access key id
     * @param secret secret
     * @param request the unsigned request
     * @param region region
     * @param service service
     * @param time signing time
     * @param expiry validity of the URL
     * @return the peer
     */
    public static AwsSdkV2 presign(String accessKey, String secret, SdkHttpRequest request, String region,
            String service, Instant time, Duration expiry) {
        return presign(accessKey, secret, null, request, region, service, time, expiry);
    }

    /**
     * A presigner with temporary credentials.
     *
     * @param accessKey access key id
     * @param secret secret
     * @param sessionToken session token, or null
     * @param request the unsigned request
     * @param region region
     * @param service service
     * @param time signing time
     * @param expiry validity of the URL
     * @return the peer
     */
    public static AwsSdkV2 presign(String accessKey, String secret, String sessionToken, SdkHttpRequest request,
            String region, String service, Instant time, Duration expiry) {
        return new AwsSdkV2(identity(accessKey, secret, sessionToken), request, region, service, time, expiry);
    }

    private static AwsCredentialsIdentity identity(String accessKey, String secret, String sessionToken) {
        return sessionToken == null ? AwsCredentialsIdentity.create(accessKey, secret)
                : AwsSessionCredentialsIdentity.create(accessKey, secret, sessionToken);
    }

    /**
     * An unsigned GET request.
     *
     * @param uri absolute URI
     * @param headers name, value, name, value...
     * @return the request
     */
    public static SdkHttpFullRequest get(String uri, String... headers) {
        SdkHttpFullRequest.Builder b = SdkHttpFullRequest.builder().method(SdkHttpMethod.GET).uri(URI.create(uri));
        for (int i = 0; i < headers.length; i += 2) {
            b.appendHeader(headers[i], headers[i + 1]);
        }
        return b.build();
    }

    /**
     * Signs (or presigns) the request.
     *
     * @return the signed request
     */
    public SignedRequest sign() {
        return signer.sign(r -> {
            r.identity(identity)
                    .request(request)
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                    .putProperty(HttpSigner.SIGNING_CLOCK, clock)
                    .putProperty(AwsV4FamilyHttpSigner.DOUBLE_URL_ENCODE, !s3)
                    .putProperty(AwsV4FamilyHttpSigner.NORMALIZE_PATH, !s3);
            if (presignExpiry != null) {
                r.putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                        .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, presignExpiry)
                        .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, false);
            }
        });
    }

    /**
     * The signature of a signed request (header or query).
     *
     * @param signed the signed request
     * @return hex signature
     */
    public static String signature(SignedRequest signed) {
        SdkHttpRequest r = signed.request();
        return r.firstMatchingHeader("Authorization")
                .map(dev.awssig.benchmarks.Check::sigV4FromAuthorization)
                .orElseGet(() -> r.firstMatchingRawQueryParameter("X-Amz-Signature")
                        .orElseThrow(() -> new IllegalStateException("AWS SDK v2 produced no signature")));
    }
}
