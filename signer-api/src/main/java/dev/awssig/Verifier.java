package dev.awssig;

import java.time.Instant;

/**
 * Verifies incoming requests on the receiving side (servers, gateways, proxies), deciding as S3
 * does. Implementations are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public interface Verifier {
    /**
     * The algorithm name, for example {@link Algorithms#SIGV4}.
     *
     * @return the algorithm name
     * @since 0.1.0
     */
    String algorithm();

    /**
     * Verifies a request.
     *
     * @param request the request as received (raw path and query as on the wire)
     * @param secrets finds the secret of an access key id
     * @param now the server's current time
     * @return the outcome; never throws for a bad signature
     * @since 0.1.0
     */
    VerificationResult verify(SignableRequest request, SecretLookup secrets, Instant now);
}
