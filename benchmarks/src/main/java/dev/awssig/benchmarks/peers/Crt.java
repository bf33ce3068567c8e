package dev.awssig.benchmarks.peers;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.crt.auth.credentials.Credentials;
import software.amazon.awssdk.crt.auth.signing.AwsSigner;
import software.amazon.awssdk.crt.auth.signing.AwsSigningConfig;
import software.amazon.awssdk.crt.auth.signing.AwsSigningUtils;
import software.amazon.awssdk.crt.http.HttpHeader;
import software.amazon.awssdk.crt.http.HttpRequest;

/**
 * The AWS CRT's signer (aws-c-auth through aws-crt-java, native), as the AWS SDK for Java v2 calls
 * it for SigV4a (and its CRT-based signers for SigV4): a signing config built once, the request
 * marshalled to the native side and signed per call. SigV4a, and SigV4 header signing and
 * presigning. Not thread-safe: one per benchmark thread.
 */
public final class Crt implements AutoCloseable {
    private final AwsSigningConfig config;
    private final String method;
    private final String path;
    private final HttpHeader[] headers;

    /**
     * An S3 SigV4a header signer.
     *
     * @param accessKeyId the access key id
     * @param secret the secret
     * @param regionSet the region set
     * @param time the signing time
     * @param method the method
     * @param path the encoded path and query
     * @param headers name, value, name, value, ... (with Host)
     */
    public Crt(String accessKeyId, String secret, String regionSet, Instant time, String method, String path,
               String... headers) {
        this(AwsSigningConfig.AwsSigningAlgorithm.SIGV4_ASYMMETRIC,
                AwsSigningConfig.AwsSignatureType.HTTP_REQUEST_VIA_HEADERS, 0, accessKeyId, secret, regionSet,
                time, method, path, headers);
    }

    private Crt(AwsSigningConfig.AwsSigningAlgorithm algorithm, AwsSigningConfig.AwsSignatureType type,
                long expiresSeconds, String accessKeyId, String secret, String region, Instant time, String method,
                String path, String... headers) {
        this.config = new AwsSigningConfig();
        config.setAlgorithm(algorithm);
        config.setSignatureType(type);
        config.setRegion(region);
        config.setService("s3");
        config.setTime(time.toEpochMilli());
        config.setCredentials(new Credentials(accessKeyId.getBytes(StandardCharsets.UTF_8),
                secret.getBytes(StandardCharsets.UTF_8), null));
        config.setUseDoubleUriEncode(false);
        config.setShouldNormalizeUriPath(false);
        if (type == AwsSigningConfig.AwsSignatureType.HTTP_REQUEST_VIA_QUERY_PARAMS) {
            // a presigned S3 URL: the payload is not signed, no header added
            config.setSignedBodyHeader(AwsSigningConfig.AwsSignedBodyHeaderType.NONE);
            config.setSignedBodyValue(AwsSigningConfig.AwsSignedBodyValue.UNSIGNED_PAYLOAD);
            config.setExpirationInSeconds(expiresSeconds);
        } else {
            config.setSignedBodyHeader(AwsSigningConfig.AwsSignedBodyHeaderType.X_AMZ_CONTENT_SHA256);
            config.setSignedBodyValue(AwsSigningConfig.AwsSignedBodyValue.EMPTY_SHA256);
        }
        this.method = method;
        this.path = path;
        this.headers = new HttpHeader[headers.length / 2];
        for (int i = 0; i < headers.length; i += 2) {
            this.headers[i / 2] = new HttpHeader(headers[i], headers[i + 1]);
        }
    }

    /**
     * An S3 SigV4 (HMAC) header signer of a request with an empty payload
     * ({@code x-amz-content-sha256} added and signed).
     *
     * @param accessKeyId the access key id
     * @param secret the secret
     * @param region the region
     * @param time the signing time
     * @param method the method
     * @param path the encoded path and query
     * @param headers name, value, name, value, ... (with Host)
     * @return the signer
     */
    public static Crt sigV4Header(String accessKeyId, String secret, String region, Instant time, String method,
                                  String path, String... headers) {
        return new Crt(AwsSigningConfig.AwsSigningAlgorithm.SIGV4,
                AwsSigningConfig.AwsSignatureType.HTTP_REQUEST_VIA_HEADERS, 0, accessKeyId, secret, region, time,
                method, path, headers);
    }

    /**
     * An S3 SigV4 (HMAC) presigner ({@code UNSIGNED-PAYLOAD}, the signature in the query).
     *
     * @param accessKeyId the access key id
     * @param secret the secret
     * @param region the region
     * @param time the signing time
     * @param expiresSeconds {@code X-Amz-Expires}
     * @param method the method
     * @param path the encoded path and query
     * @param headers name, value, name, value, ... (with Host)
     * @return the presigner
     */
    public static Crt sigV4Presign(String accessKeyId, String secret, String region, Instant time,
                                   long expiresSeconds, String method, String path, String... headers) {
        return new Crt(AwsSigningConfig.AwsSigningAlgorithm.SIGV4,
                AwsSigningConfig.AwsSignatureType.HTTP_REQUEST_VIA_QUERY_PARAMS, expiresSeconds, accessKeyId, secret,
                region, time, method, path, headers);
    }

    /**
     * Signs the request.
     *
     * @return the signed request
     */
    public HttpRequest sign() {
        try {
            return AwsSigner.signRequest(new HttpRequest(method, path, headers, null), config).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("the CRT could not sign", e);
        }
    }

    /**
     * Verifies a signature of the request with the CRT: it rebuilds the canonical request, which
     * must equal the given one, and checks the ECDSA signature of its string to sign.
     *
     * @param canonicalRequest the expected canonical request
     * @param hexSignature the signature
     * @param x the public key's x coordinate, hex
     * @param y its y coordinate, hex
     * @return whether it verifies
     */
    public boolean verify(String canonicalRequest, byte[] hexSignature, String x, String y) {
        return AwsSigningUtils.verifySigv4aEcdsaSignature(new HttpRequest(method, path, headers, null),
                canonicalRequest, config, hexSignature, x, y);
    }

    /** Releases the native signing config. */
    @Override
    public void close() {
        config.close();
    }

    /**
     * The value of a header of a signed request.
     *
     * @param signed the request
     * @param name the header name
     * @return the value
     */
    public static String header(HttpRequest signed, String name) {
        for (HttpHeader h : signed.getHeaders()) {
            if (h.getName().equalsIgnoreCase(name)) {
                return h.getValue();
            }
        }
        throw new IllegalStateException("no " + name + " header");
    }
}
