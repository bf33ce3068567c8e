package dev.awssig.v2;

import dev.awssig.Algorithms;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationLimits;
import dev.awssig.VerificationResult;
import dev.awssig.Verifier;
import dev.awssig.v2.internal.QueryV2VerifyEngine;
import java.time.Instant;
import java.util.Objects;

/**
 * Verifies query-API Signature Version 2 requests: the parameters of a GET query, or of a POST
 * {@code application/x-www-form-urlencoded} body.
 *
 * <p>A POST's parameters are read from its form body only, as clients send them (boto,
 * botocore and the AWS SDK for Java v1 put a POST's parameters in the body and sign no URL
 * query): a POST with a form body that also has a URL query is refused, since a server that
 * reads the URL's value first would act on a parameter nobody signed.
 *
 * <p>Outcomes: {@code InvalidURI} (a request target or a form body over the
 * {@link VerificationLimits}, a {@code %} not followed by two ASCII hex digits, escapes or a body
 * that are not UTF-8, a lone UTF-16 surrogate in the path or the parameters),
 * {@code RequestHeaderSectionTooLarge}, {@code MissingSecurityHeader} (no {@code Signature} and
 * no {@code AWSAccessKeyId}), {@code InvalidArgument} (a missing authentication parameter; a
 * repeated authentication parameter, {@code Timestamp}, {@code Expires} or
 * {@code SecurityToken}; a repeated {@code Host} header; a POST form body with a URL query;
 * {@code SignatureVersion} other than 2, an unknown {@code SignatureMethod}, neither or both of
 * {@code Timestamp} and {@code Expires}, an unreadable time), {@code InvalidAccessKeyId},
 * {@code RequestTimeTooSkewed} ({@code Timestamp} more than {@link V2Options#MAX_CLOCK_SKEW} from
 * now), {@code AccessDenied} ({@code Expires} in the past) and {@code SignatureDoesNotMatch} with
 * the server's string to sign. Signatures are compared in constant time. Immutable and
 * thread-safe.
 *
 * @since 0.1.0
 */
public final class QueryV2Verifier implements Verifier {
    private final QueryV2VerifyEngine engine;

    private QueryV2Verifier(SigningConfig config) {
        this.engine = new QueryV2VerifyEngine(config);
    }

    /**
     * A verifier with the {@link V2Options#MAX_CLOCK_SKEW} and {@link VerificationLimits} of a
     * config.
     *
     * @param config the config
     * @return the verifier
     * @since 0.1.0
     */
    public static QueryV2Verifier create(SigningConfig config) {
        return new QueryV2Verifier(Objects.requireNonNull(config, "config"));
    }

    /**
     * A verifier with the default options.
     *
     * @return the verifier
     * @since 0.1.0
     */
    public static QueryV2Verifier create() {
        return new QueryV2Verifier(SigningConfig.builder().build());
    }

    /**
     * {@link Algorithms#SIGV2_QUERY}.
     *
     * @return {@code AWS-QUERY-V2}
     * @since 0.1.0
     */
    @Override
    public String algorithm() {
        return Algorithms.SIGV2_QUERY;
    }

    /**
     * Verifies a query-API request.
     *
     * @param request the request as received (for a POST, with its form body as a bytes payload)
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
        return "QueryV2Verifier[" + engine + "]";
    }
}
