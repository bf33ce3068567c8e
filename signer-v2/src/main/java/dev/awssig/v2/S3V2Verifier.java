package dev.awssig.v2;

import dev.awssig.Algorithms;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationLimits;
import dev.awssig.VerificationResult;
import dev.awssig.Verifier;
import dev.awssig.v2.internal.S3V2VerifyEngine;
import java.time.Instant;
import java.util.Objects;

/**
 * Verifies S3 Signature Version 2 requests as S3 does: the {@code Authorization: AWS id:sig}
 * header, or query-string authentication ({@code AWSAccessKeyId}, {@code Expires},
 * {@code Signature}).
 *
 * <p>Outcomes, with S3's error codes: {@code InvalidURI} (a request target over the
 * {@link VerificationLimits}, a query with a {@code %} not followed by two ASCII hex digits,
 * escapes that are not UTF-8, or a lone UTF-16 surrogate in the path or query),
 * {@code RequestHeaderSectionTooLarge} (headers over the limits), {@code MissingSecurityHeader}
 * (no authentication at all), {@code InvalidArgument} (a malformed {@code Authorization} header,
 * another authorization type, both mechanisms at once, a repeated {@code Authorization},
 * {@code Host}, {@code Date} or {@code x-amz-date} header, a repeated {@code AWSAccessKeyId},
 * {@code Signature} or {@code Expires} parameter, an {@code x-amz-*} query parameter with header
 * authentication, an {@code x-amz-*} name both as a header and as a query parameter, a header
 * value that is not text), {@code InvalidAccessKeyId} (unknown key),
 * {@code AccessDenied} (no valid {@code Date}/{@code x-amz-date}, missing query parameters, or an
 * {@code Expires} in the past), {@code RequestTimeTooSkewed} (header auth dated more than
 * {@link V2Options#MAX_CLOCK_SKEW} from now), and {@code SignatureDoesNotMatch}, which carries
 * the server's string to sign. Signatures are compared in constant time.
 *
 * <p>{@code x-amz-*} query parameters are signed as headers in query-string authentication only
 * (S3's rule, which botocore's presigner relies on): an application that serves presigned
 * requests reads an {@code x-amz-*} value from the header or the query parameter, whichever the
 * request carries (never both).
 *
 * <p>Before any parsing the request is checked against the config's
 * {@link VerificationLimits}; every later step is at most O(n log n) in the size of the request.
 *
 * <p>The request must be given as received: raw path and query as on the wire, and the
 * {@code Host} header (or the URI's host) as the client sent it. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class S3V2Verifier implements Verifier {
    private final S3V2VerifyEngine engine;

    private S3V2Verifier(SigningConfig config) {
        this.engine = new S3V2VerifyEngine(config);
    }

    /**
     * A verifier with the {@link V2Options} and {@link VerificationLimits} of a config
     * (credentials and clock are not used: the time is given to {@link #verify}).
     *
     * @param config the config
     * @return the verifier
     * @throws IllegalArgumentException if an option is not valid
     * @since 0.1.0
     */
    public static S3V2Verifier create(SigningConfig config) {
        return new S3V2Verifier(Objects.requireNonNull(config, "config"));
    }

    /**
     * A verifier with the default options.
     *
     * @return the verifier
     * @since 0.1.0
     */
    public static S3V2Verifier create() {
        return new S3V2Verifier(SigningConfig.builder().build());
    }

    /**
     * {@link Algorithms#SIGV2_S3}.
     *
     * @return {@code AWS-S3-V2}
     * @since 0.1.0
     */
    @Override
    public String algorithm() {
        return Algorithms.SIGV2_S3;
    }

    /**
     * Verifies a request signed with the S3 SigV2 header or presigned with S3 query-string
     * authentication.
     *
     * @param request the request as received
     * @param secrets finds the secret of an access key id
     * @param now the server's time
     * @return the outcome
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
     * A description for logs and messages: the options, never a secret.
     *
     * @return the description
     * @since 0.1.0
     */
    @Override
    public String toString() {
        return "S3V2Verifier[" + engine + "]";
    }
}
