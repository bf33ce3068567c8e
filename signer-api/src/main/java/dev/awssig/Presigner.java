package dev.awssig;

import java.time.Duration;

/**
 * Presigns requests: the authentication goes into the query string of a URL that anyone holding
 * it can use until it expires. Implementations are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public interface Presigner {
    /**
     * The algorithm name, for example {@link Algorithms#SIGV4}.
     *
     * @return the algorithm name
     * @since 0.1.0
     */
    String algorithm();

    /**
     * Presigns a request. When the credentials are temporary and expire before the URL would,
     * the presigners of this project apply the config's {@link PresignExpiryPolicy}: a warning
     * in {@link PresignedUrl#warnings()} (the default), a capped expiry, or a refusal.
     *
     * @param request the request (method, URI, headers the client will send)
     * @param expiresIn how long the URL stays valid
     * @return the presigned URL and what was signed
     * @throws IllegalArgumentException if the expiry is outside what the algorithm allows
     * @throws SigningException if the credentials expire before the URL would and the
     *     {@link PresignExpiryPolicy} refuses
     * @since 0.1.0
     */
    PresignedUrl presign(SignableRequest request, Duration expiresIn);

    /**
     * Presigns a request for an S3 location: {@code method} on the location's URL on the
     * endpoint (key encoded once, virtual-hosted or path style as {@link S3Location} decides),
     * no headers but {@code Host}.
     *
     * @param method the HTTP method, for example {@code GET} or {@code PUT}
     * @param location the bucket, key and optional version
     * @param endpoint where the bucket is
     * @param expiresIn how long the URL stays valid
     * @return the presigned URL and what was signed
     * @throws IllegalArgumentException if the expiry is outside what the algorithm allows, or the
     *     endpoint cannot address the bucket
     * @since 0.2.0
     */
    default PresignedUrl presign(String method, S3Location location, S3Location.Endpoint endpoint,
                                 Duration expiresIn) {
        java.util.Objects.requireNonNull(method, "method");
        java.util.Objects.requireNonNull(location, "location");
        java.util.Objects.requireNonNull(endpoint, "endpoint");
        java.util.Objects.requireNonNull(expiresIn, "expiresIn");
        return presign(location.request(method, endpoint).build(), expiresIn);
    }
}
