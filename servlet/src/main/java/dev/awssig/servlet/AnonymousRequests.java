package dev.awssig.servlet;

/**
 * What the filter does with a request that carries no authentication at all (no
 * {@code Authorization} header, no presigned query parameters, no signed POST form).
 *
 * @since 0.2.0
 */
public enum AnonymousRequests {
    /** Answer {@code 403 AccessDenied}, as S3 does for a private resource. The default. */
    REFUSE,
    /**
     * Let it through to the application, marked {@link AuthScheme#ANONYMOUS} and without an
     * access key id, for the application to decide (public buckets, health checks).
     */
    ALLOW
}
