package dev.awssig.v4;

import dev.awssig.Algorithms;
import dev.awssig.PresignedUrl;
import dev.awssig.Presigner;
import dev.awssig.S3Location;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.Signer;
import dev.awssig.SigningConfig;
import dev.awssig.internal.PresignExpiry;
import dev.awssig.internal.UriEncoding;
import dev.awssig.v4.internal.SigV4SigningEngine;
import java.time.Duration;
import java.util.Objects;

/**
 * AWS Signature Version 4 ({@code AWS4-HMAC-SHA256}): signs requests with an
 * {@code Authorization} header, presigns URLs, and encodes {@code aws-chunked} streaming uploads.
 *
 * <p>The URI rules follow the service: for {@code s3} the path is decoded and encoded once and
 * never normalised, and {@code x-amz-content-sha256} is always sent; for every other service the
 * path is normalised and encoded twice. Options in {@link SigV4Options} change every default.
 *
 * <pre>{@code
 * SigV4Signer signer = SigV4Signer.create(SigningConfig.builder()
 *         .credentials(Credentials.of("AKIDEXAMPLE", secret))
 *         .region("us-east-1").service("s3")
 *         .clock(Clock.systemUTC())
 *         .build());
 * SignedRequest signed = signer.sign(SignableRequest.builder()
 *         .method("GET").uri("https://examplebucket.s3.amazonaws.com/test.txt").build());
 * }</pre>
 *
 * <p>Immutable and thread-safe. Derived signing keys come from a bounded shared cache.
 *
 * @since 0.1.0
 */
public final class SigV4Signer implements Signer, Presigner {
    private final SigV4SigningEngine engine;
    private final String region;
    /**
     * Whether the path is decoded before it is encoded (S3): then a path or query with characters
     * a URI cannot hold is signed the same once they are percent-encoded, and is sent encoded.
     */
    private final boolean legalUris;
    private final PresignExpiry expiry;
    /** Presigns on an engine over the credentials {@link #expiry} checked (see {@link PresignExpiry#pinned}). */
    private final PresignExpiry.Presign presignStep;

    private SigV4Signer(SigningConfig config) {
        this.engine = new SigV4SigningEngine(config);
        this.region = config.region().orElseThrow();
        this.legalUris = !engine.encodesPathTwice();
        this.expiry = PresignExpiry.of(config);
        SigV4SigningEngine presignEngine = new SigV4SigningEngine(PresignExpiry.pinned(config));
        this.presignStep = (request, credentials, expiresIn) -> presignEngine.presign(request, expiresIn);
    }

    /**
     * A signer for a configuration.
     *
     * @param config credentials provider, region, service, clock and {@link SigV4Options options}
     * @return the signer
     * @throws IllegalArgumentException if credentials, region or service is missing, or an option
     *     is out of range
     * @since 0.1.0
     */
    public static SigV4Signer create(SigningConfig config) {
        Objects.requireNonNull(config, "config");
        return new SigV4Signer(config);
    }

    /**
     * The algorithm name.
     *
     * @return {@link Algorithms#SIGV4}
     * @since 0.1.0
     */
    @Override
    public String algorithm() {
        return Algorithms.SIGV4;
    }

    /**
     * Signs a request with an {@code Authorization} header. Adds {@code X-Amz-Date},
     * {@code Host} when absent, {@code x-amz-content-sha256} (S3 and streaming), the session
     * token and, in a streaming mode, the aws-chunked headers; in a streaming mode the payload of
     * the returned request is the encoded aws-chunked body. For S3 (a path decoded before it is
     * encoded), characters a URI cannot hold in the path or query (a space, non-ASCII) are
     * percent-encoded once in the returned request, which signs the same.
     *
     * @param request the request to sign
     * @return the signed request, with the canonical request and string to sign
     * @throws IllegalArgumentException if the payload does not fit the payload mode
     * @since 0.1.0
     */
    @Override
    public SignedRequest sign(SignableRequest request) {
        Objects.requireNonNull(request, "request");
        return engine.sign(legalUris ? UriEncoding.withLegalUri(request) : request);
    }

    /**
     * Presigns a request: {@code X-Amz-Algorithm}, {@code X-Amz-Credential}, {@code X-Amz-Date},
     * {@code X-Amz-SignedHeaders}, {@code X-Amz-Expires}, the session token and
     * {@code X-Amz-Signature} go into the query. S3 presigns use {@code UNSIGNED-PAYLOAD} unless
     * {@link SigV4Options#PAYLOAD_SIGNING} says otherwise. For S3, characters a URI cannot hold
     * in the path or query (a space, non-ASCII) are percent-encoded once in the URL, which signs
     * the same; other services sign the path as given (see {@link PresignedUrl#toUri()}). When
     * temporary credentials expire before the URL would, {@link dev.awssig.PresignExpiryPolicy}
     * decides: a warning in {@link PresignedUrl#warnings()} (the default), a capped expiry, or a
     * refusal.
     *
     * @param request the request (the headers given are the ones the client will send)
     * @param expiresIn how long the URL is valid: 1 second to 7 days
     * @return the presigned URL
     * @throws IllegalArgumentException if the expiry is outside 1 s .. 604800 s, or the query is
     *     already presigned
     * @throws dev.awssig.SigningException if the credentials expire first and the policy is
     *     {@code REFUSE} (or {@code CAP} with less than a second left)
     * @since 0.1.0
     */
    @Override
    public PresignedUrl presign(SignableRequest request, Duration expiresIn) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(expiresIn, "expiresIn");
        return expiry.presign(legalUris ? UriEncoding.withLegalUri(request) : request, expiresIn, presignStep);
    }

    /**
     * Presigns a {@code GET} of an S3 location on the S3 endpoint of the config's region; for
     * another method or endpoint use {@link #presign(String, S3Location, S3Location.Endpoint, Duration)}.
     *
     * @param location the bucket, key and optional version
     * @param expiresIn how long the URL is valid: 1 second to 7 days
     * @return the presigned URL
     * @since 0.2.0
     */
    public PresignedUrl presign(S3Location location, Duration expiresIn) {
        return presign("GET", location, S3Location.Endpoint.region(region), expiresIn);
    }

    /**
     * A description for logs and messages, without secrets, signatures or tokens.
     *
     * @return the description
     * @since 0.1.0
     */
    @Override
    public String toString() {
        return "SigV4Signer[" + engine + "]";
    }
}
