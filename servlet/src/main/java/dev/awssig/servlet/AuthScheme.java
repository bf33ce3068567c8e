package dev.awssig.servlet;

/**
 * How a request was authenticated, as the filter detected and verified it; the value of the
 * request attribute {@link VerifyingFilter#SCHEME_ATTRIBUTE}.
 *
 * @since 0.2.0
 */
public enum AuthScheme {
    /** SigV4 {@code Authorization} header, body given whole (signed hash or {@code UNSIGNED-PAYLOAD}). */
    SIGV4_HEADER(true),
    /** SigV4 presigned URL ({@code X-Amz-Algorithm=AWS4-HMAC-SHA256} in the query). */
    SIGV4_PRESIGNED(true),
    /** SigV4 aws-chunked upload with signed chunks ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}). */
    SIGV4_STREAMING_SIGNED(true),
    /** SigV4 aws-chunked upload with signed chunks and a signed trailer ({@code ...-PAYLOAD-TRAILER}). */
    SIGV4_STREAMING_SIGNED_TRAILER(true),
    /** SigV4 aws-chunked upload with unsigned chunks and a trailer ({@code STREAMING-UNSIGNED-PAYLOAD-TRAILER}). */
    SIGV4_STREAMING_UNSIGNED_TRAILER(true),
    /** SigV4a {@code Authorization} header ({@code AWS4-ECDSA-P256-SHA256}). */
    SIGV4A_HEADER(true),
    /** SigV4a presigned URL. */
    SIGV4A_PRESIGNED(true),
    /** SigV4a aws-chunked upload with signed chunks. */
    SIGV4A_STREAMING_SIGNED(true),
    /** SigV4a aws-chunked upload with signed chunks and a signed trailer. */
    SIGV4A_STREAMING_SIGNED_TRAILER(true),
    /** SigV4a aws-chunked upload with unsigned chunks and a trailer. */
    SIGV4A_STREAMING_UNSIGNED_TRAILER(true),
    /** SigV2 {@code Authorization: AWS id:signature} header. */
    SIGV2_HEADER(true),
    /** SigV2 presigned URL ({@code AWSAccessKeyId}, {@code Expires}, {@code Signature}). */
    SIGV2_PRESIGNED(true),
    /** Browser POST upload ({@code multipart/form-data}) with a policy signed with SigV4. */
    POST_POLICY_V4(true),
    /** Browser POST upload with a policy signed with SigV2. */
    POST_POLICY_V2(true),
    /** No authentication: let through by {@link AnonymousRequests#ALLOW}. */
    ANONYMOUS(false);

    private final boolean authenticated;

    AuthScheme(boolean authenticated) {
        this.authenticated = authenticated;
    }

    /**
     * Whether a signature was verified (every scheme but {@link #ANONYMOUS}).
     *
     * @return true when an access key id signed the request
     * @since 0.2.0
     */
    public boolean isAuthenticated() {
        return authenticated;
    }

    /**
     * Whether the body is {@code aws-chunked} and was decoded (and checked chunk by chunk) by the
     * filter.
     *
     * @return true for the streaming schemes
     * @since 0.2.0
     */
    public boolean isStreaming() {
        return name().contains("_STREAMING_");
    }
}
