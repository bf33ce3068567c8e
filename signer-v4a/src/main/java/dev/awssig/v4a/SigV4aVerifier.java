package dev.awssig.v4a;

import dev.awssig.Algorithms;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationException;
import dev.awssig.VerificationResult;
import dev.awssig.StreamingVerifier;
import dev.awssig.v4a.internal.SigV4aVerifyEngine;
import java.io.InputStream;
import java.time.Instant;
import java.util.Objects;

/**
 * Verifies SigV4a requests on the receiving side and decides as S3 does: header-signed and
 * presigned requests with {@link #verify}, aws-chunked uploads with {@link #verifyStreaming}. The
 * public key is derived from the secret the {@link SecretLookup} returns (once per credentials,
 * from a bounded cache). Rejections carry S3's error codes ({@code SignatureDoesNotMatch} with
 * the canonical request and string to sign computed, {@code RequestTimeTooSkewed},
 * {@code AccessDenied}, {@code AuthorizationHeaderMalformed},
 * {@code AuthorizationQueryParametersError}, {@code InvalidAccessKeyId}, and those of
 * {@link dev.awssig.VerificationLimits}); the verifier never throws for a bad request.
 *
 * <p>When the config names a region, the request's {@code X-Amz-Region-Set} must cover it; when
 * it names a service, the credential scope must name it. The URI rules follow the scope's service
 * unless {@link dev.awssig.v4.SigV4Options#NORMALIZE_PATH} / {@link dev.awssig.v4.SigV4Options#DOUBLE_URL_ENCODE}
 * are set. Immutable and thread-safe.
 *
 * <pre>{@code
 * SigV4aVerifier verifier = SigV4aVerifier.create(SigningConfig.builder().region("us-east-1").service("s3").build());
 * VerificationResult r = verifier.verify(request, SecretLookup.of(Map.of("AKID", secret)), clock.instant());
 * }</pre>
 *
 * @since 0.2.0
 */
public final class SigV4aVerifier implements StreamingVerifier {
    private final SigV4aVerifyEngine engine;

    private SigV4aVerifier(SigningConfig config) {
        this.engine = new SigV4aVerifyEngine(config);
    }

    /**
     * A verifier.
     *
     * @param config region and service to expect (optional), options and limits
     * @return the verifier
     * @throws IllegalArgumentException if an option is out of range
     * @since 0.2.0
     */
    public static SigV4aVerifier create(SigningConfig config) {
        Objects.requireNonNull(config, "config");
        return new SigV4aVerifier(config);
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
     * Verifies a header-signed or presigned request. For a body given as bytes or a stream whose
     * {@code x-amz-content-sha256} is a hash, the hash is checked too
     * ({@code XAmzContentSHA256Mismatch}). For an aws-chunked request only the seed signature is
     * checked here: decode the body with {@link #verifyStreaming}.
     *
     * @param request the request as received (raw path and query as on the wire)
     * @param secrets finds the secret of an access key id
     * @param now the server's time
     * @return the outcome; never throws for a bad request
     * @since 0.2.0
     */
    @Override
    public VerificationResult verify(SignableRequest request, SecretLookup secrets, Instant now) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(now, "now");
        return engine.verify(request, secrets, now);
    }

    /**
     * Verifies an aws-chunked upload: the headers and seed signature now, then every chunk as the
     * returned stream is read, each ECDSA chunk signature before its data is handed on, and the
     * final chunk, the decoded length and the trailer before the stream reports its end. A
     * failure is thrown as a {@link dev.awssig.v4.AwsChunkedException} (an
     * {@link java.io.IOException}) carrying S3's error code. Memory stays bounded by one chunk;
     * chunk header lines and the trailer by {@link dev.awssig.VerificationLimits}.
     *
     * <p>The body ends where its aws-chunked framing ends, and the stream never reads past it:
     * without a {@code Content-Length} header (a request framed by {@code Transfer-Encoding}, or
     * a raw connection), what follows the body (the next pipelined request) stays unread in
     * {@code encodedBody}; with one, the body must be exactly that long ({@code IncompleteBody}
     * for bytes after the final chunk or trailer, or for a body that ends before it), and a
     * {@code Content-Length} that is not a decimal number is rejected here
     * ({@code InvalidArgument}). After a failure the framing of the connection is lost: close it.
     *
     * @param request the request headers as received
     * @param secrets finds the secret of an access key id
     * @param now the server's time
     * @param encodedBody the aws-chunked body as received
     * @return the decoded data
     * @throws VerificationException if the request is rejected before any body is read
     * @since 0.2.0
     */
    @Override
    public InputStream verifyStreaming(SignableRequest request, SecretLookup secrets, Instant now,
                                       InputStream encodedBody) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(encodedBody, "encodedBody");
        return engine.verifyStreaming(request, secrets, now, encodedBody);
    }

    /**
     * A description for logs and messages, without secrets, signatures or tokens.
     *
     * @return the description
     * @since 0.2.0
     */
    @Override
    public String toString() {
        return "SigV4aVerifier[" + engine + "]";
    }
}
