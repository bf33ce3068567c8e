package dev.awssig.v4;

import dev.awssig.Algorithms;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationException;
import dev.awssig.VerificationResult;
import dev.awssig.StreamingVerifier;
import dev.awssig.v4.internal.SigV4VerifyEngine;
import java.io.InputStream;
import java.time.Instant;
import java.util.Objects;

/**
 * Verifies SigV4 requests on the receiving side (S3-compatible servers, gateways, proxies) and
 * decides as S3 does: header-signed and presigned requests with {@link #verify}, aws-chunked
 * uploads with {@link #verifyStreaming}. Rejections carry S3's error codes
 * ({@code SignatureDoesNotMatch} with the canonical request and string to sign computed,
 * {@code RequestTimeTooSkewed}, {@code AccessDenied} for an expired URL or unsigned
 * {@code host}/{@code x-amz-*} headers, {@code AuthorizationHeaderMalformed},
 * {@code AuthorizationQueryParametersError}, {@code InvalidAccessKeyId}). Signatures are compared
 * in constant time.
 *
 * <p>The region and service of the config, when set, must match the credential scope of the
 * request. The URI rules follow the service of the scope ({@code s3}: no normalisation, single
 * encoding) unless {@link SigV4Options#NORMALIZE_PATH} / {@link SigV4Options#DOUBLE_URL_ENCODE}
 * are set. Before anything is parsed, the request is checked against the config's
 * {@link dev.awssig.VerificationLimits} (URI length, query parameters, header count and bytes,
 * Authorization length; {@code InvalidURI} / {@code RequestHeaderSectionTooLarge}) and for text
 * that is not well-formed Unicode; every later step costs at most O(n log n) in the size of the
 * request. Immutable and thread-safe.
 *
 * <pre>{@code
 * SigV4Verifier verifier = SigV4Verifier.create(SigningConfig.builder().region("us-east-1").service("s3").build());
 * VerificationResult r = verifier.verify(request, SecretLookup.of(Map.of("AKID", secret)), clock.instant());
 * }</pre>
 *
 * @since 0.1.0
 */
public final class SigV4Verifier implements StreamingVerifier {
    private final SigV4VerifyEngine engine;

    private SigV4Verifier(SigningConfig config) {
        this.engine = new SigV4VerifyEngine(config);
    }

    /**
     * A verifier.
     *
     * @param config region and service to expect (optional) and {@link SigV4Options options}
     * @return the verifier
     * @since 0.1.0
     */
    public static SigV4Verifier create(SigningConfig config) {
        Objects.requireNonNull(config, "config");
        return new SigV4Verifier(config);
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
     * Verifies a header-signed or presigned request. For a body given as bytes or a stream whose
     * {@code x-amz-content-sha256} is a hash, the hash is checked too
     * ({@code XAmzContentSHA256Mismatch}), in a presigned request as in a header-signed one. An
     * aws-chunked request is answered {@code InvalidRequest} (its body is checked chunk by chunk
     * by {@link #verifyStreaming}, never here).
     *
     * @param request the request as received (raw path and query as on the wire)
     * @param secrets finds the secret of an access key id
     * @param now the server's time
     * @return the outcome; never throws for a bad request
     * @since 0.1.0
     */
    @Override
    public VerificationResult verify(SignableRequest request, SecretLookup secrets, Instant now) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(secrets, "secrets");
        Objects.requireNonNull(now, "now");
        return engine.verify(request, secrets, now);
    }

    /**
     * Verifies an aws-chunked upload: the headers and seed signature now, then every chunk as
     * the returned stream is read. Each chunk's signature is checked before its data is handed
     * on; the final chunk, the decoded length and the trailer (signature and checksum) are
     * checked before the stream reports its end. A failure is thrown as an
     * {@link AwsChunkedException} (an {@link java.io.IOException}) that carries S3's error code.
     * Memory stays bounded by one chunk ({@link SigV4Options#MAX_CHUNK_SIZE}); chunk header lines
     * and the trailer by {@link dev.awssig.VerificationLimits}.
     *
     * <p>The body ends where its aws-chunked framing ends, and the stream never reads past it:
     * without a {@code Content-Length} header (a request framed by {@code Transfer-Encoding}, or
     * a raw connection), what follows the body (the next pipelined request) stays unread in
     * {@code encodedBody}; with one, the body must be exactly that long ({@code IncompleteBody}
     * for bytes after the final chunk or trailer). After a failure the framing of the connection
     * is lost: close it.
     *
     * @param request the request headers as received
     * @param secrets finds the secret of an access key id
     * @param now the server's time
     * @param encodedBody the aws-chunked body as received
     * @return the decoded data
     * @throws VerificationException if the request is rejected before any body is read
     * @since 0.1.0
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
     * @since 0.1.0
     */
    @Override
    public String toString() {
        return "SigV4Verifier[" + engine + "]";
    }
}
