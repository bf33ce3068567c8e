package dev.awssig.v4a;

import dev.awssig.Algorithms;
import dev.awssig.PresignedUrl;
import dev.awssig.Presigner;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.Signer;
import dev.awssig.SigningConfig;
import dev.awssig.v4a.internal.SigV4aSigningEngine;
import java.time.Duration;
import java.util.Objects;

/**
 * AWS Signature Version 4a ({@code AWS4-ECDSA-P256-SHA256}), the signature of S3 Multi-Region
 * Access Points and other multi-region endpoints: signs requests with an {@code Authorization}
 * header, presigns URLs, and encodes {@code aws-chunked} streaming uploads, with ECDSA P-256 on
 * the JDK's EC (no native library).
 *
 * <p>The canonical request is SigV4's (the same URI, query and header rules, the same
 * {@link dev.awssig.v4.SigV4Options options}), with {@code X-Amz-Region-Set} signed; the credential
 * scope is {@code <date>/<service>/aws4_request}, without a region. The signature is valid in
 * every region of the {@link RegionSet} ({@link SigV4aOptions#REGION_SET}, default the config's
 * region). The signing key is derived from the credentials as AWS specifies, once per
 * credentials, from a bounded cache.
 *
 * <pre>{@code
 * SigV4aSigner signer = SigV4aSigner.create(SigningConfig.builder()
 *         .credentials(Credentials.of("AKIDEXAMPLE", secret))
 *         .service("s3")
 *         .option(SigV4aOptions.REGION_SET, RegionSet.all())
 *         .clock(Clock.systemUTC())
 *         .build());
 * SignedRequest signed = signer.sign(SignableRequest.builder()
 *         .method("GET").uri("https://mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com/key").build());
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.2.0
 */
public final class SigV4aSigner implements Signer, Presigner {
    private final SigV4aSigningEngine engine;

    private SigV4aSigner(SigningConfig config) {
        this.engine = new SigV4aSigningEngine(config);
    }

    /**
     * A signer for a configuration.
     *
     * @param config credentials provider, service, region or {@link SigV4aOptions#REGION_SET},
     *     clock and {@link dev.awssig.v4.SigV4Options options}
     * @return the signer
     * @throws IllegalArgumentException if the credentials, the service or both region and region
     *     set are missing, or an option is out of range
     * @since 0.2.0
     */
    public static SigV4aSigner create(SigningConfig config) {
        Objects.requireNonNull(config, "config");
        return new SigV4aSigner(config);
    }

    /**
     * The algorithm name.
     *
     * @return {@link Algorithms#SIGV4A}
     * @since 0.2.0
     */
    @Override
    public String algorithm() {
        return Algorithms.SIGV4A;
    }

    /**
     * The region set the signatures are valid in.
     *
     * @return the region set
     * @since 0.2.0
     */
    public RegionSet regionSet() {
        return engine.regionSet();
    }

    /**
     * Signs a request with an {@code Authorization} header. Adds {@code X-Amz-Date},
     * {@code X-Amz-Region-Set}, {@code Host} when absent, {@code x-amz-content-sha256} (S3 and
     * streaming), the session token and, in a streaming mode, the aws-chunked headers; in a
     * streaming mode the payload of the returned request is the encoded aws-chunked body, each
     * chunk signed with ECDSA (signatures padded to 144 characters with {@code *}, as aws-c-auth
     * sends them, so the length is known up front).
     *
     * @param request the request to sign
     * @return the signed request, with the canonical request and string to sign
     * @throws IllegalArgumentException if the payload does not fit the payload mode
     * @since 0.2.0
     */
    @Override
    public SignedRequest sign(SignableRequest request) {
        Objects.requireNonNull(request, "request");
        return engine.sign(request);
    }

    /**
     * Presigns a request: {@code X-Amz-Algorithm}, {@code X-Amz-Credential}, {@code X-Amz-Date},
     * {@code X-Amz-SignedHeaders}, {@code X-Amz-Expires}, the session token,
     * {@code X-Amz-Region-Set} and {@code X-Amz-Signature} go into the query. S3 presigns use
     * {@code UNSIGNED-PAYLOAD} unless {@link dev.awssig.v4.SigV4Options#PAYLOAD_SIGNING} says otherwise.
     *
     * @param request the request (the headers given are the ones the client will send)
     * @param expiresIn how long the URL is valid: 1 second to 7 days
     * @return the presigned URL
     * @throws IllegalArgumentException if the expiry is outside 1 s .. 604800 s, or the query is
     *     already presigned
     * @since 0.2.0
     */
    @Override
    public PresignedUrl presign(SignableRequest request, Duration expiresIn) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(expiresIn, "expiresIn");
        return engine.presign(request, expiresIn);
    }

    /**
     * A description for logs and messages, without secrets, signatures or tokens.
     *
     * @return the description
     * @since 0.2.0
     */
    @Override
    public String toString() {
        return "SigV4aSigner[" + engine + "]";
    }
}
