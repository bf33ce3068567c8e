package dev.awssig;

/**
 * Signs requests for one algorithm, with a fixed configuration (credentials provider, region,
 * service, clock, options). Implementations are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public interface Signer {
    /**
     * The algorithm name, for example {@link Algorithms#SIGV4}.
     *
     * @return the algorithm name
     * @since 0.1.0
     */
    String algorithm();

    /**
     * Signs a request: the result carries the request with the headers (or parameters) to send,
     * and the canonical request and string to sign that were used.
     *
     * @param request the request to sign
     * @return the signed request
     * @throws IllegalArgumentException if the request cannot be signed as given
     * @throws CredentialsNotFoundException if the credentials provider has none
     * @since 0.1.0
     */
    SignedRequest sign(SignableRequest request);
}
