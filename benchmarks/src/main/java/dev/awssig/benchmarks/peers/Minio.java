package dev.awssig.benchmarks.peers;

import io.minio.Signer;
import io.minio.errors.MinioException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * The MinIO Java client's signer ({@code io.minio:minio}, {@link Signer}): S3 SigV4 header
 * signing and presigning of an OkHttp {@link Request} that already carries {@code Host},
 * {@code x-amz-date} and {@code x-amz-content-sha256} (as {@code MinioClient} builds it), and
 * the POST-policy signature.
 */
public final class Minio {
    private Minio() {
    }

    /**
     * An unsigned GET request as MinioClient builds it.
     *
     * @param url URL
     * @param headers name, value, ...
     * @return the request
     */
    public static Request get(String url, String... headers) {
        Request.Builder b = new Request.Builder().url(url).get();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return b.build();
    }

    /**
     * Signs a request.
     *
     * @param request the request
     * @param region region
     * @param accessKey access key id
     * @param secret secret
     * @param contentSha256 payload hash
     * @return the signed request
     */
    public static Request sign(Request request, String region, String accessKey, String secret,
            String contentSha256) {
        try {
            return Signer.signV4S3(request, region, accessKey, secret, contentSha256);
        } catch (MinioException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Presigns a request.
     *
     * @param request the request
     * @param region region
     * @param accessKey access key id
     * @param secret secret
     * @param expires seconds
     * @return the presigned URL
     */
    public static HttpUrl presign(Request request, String region, String accessKey, String secret, int expires) {
        try {
            return Signer.presignV4(request, region, accessKey, secret, expires);
        } catch (MinioException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Signs a POST policy (the string to sign is its Base64 text).
     *
     * @param policyBase64 the policy
     * @param secret secret
     * @param time signing date
     * @param region region
     * @return hex signature
     */
    public static String signPost(String policyBase64, String secret, Instant time, String region) {
        try {
            return Signer.postPresignV4(policyBase64, secret, ZonedDateTime.ofInstant(time, ZoneOffset.UTC), region);
        } catch (MinioException e) {
            throw new IllegalStateException(e);
        }
    }
}
