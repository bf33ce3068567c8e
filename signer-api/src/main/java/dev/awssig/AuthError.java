package dev.awssig;

/**
 * Why a request was rejected, named by S3's error codes, with S3's HTTP status.
 *
 * @since 0.1.0
 */
public enum AuthError {
    /** The signature computed by the server differs from the one given. */
    SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403),
    /** The request time is too far from the server's time (15 minutes). */
    REQUEST_TIME_TOO_SKEWED("RequestTimeTooSkewed", 403),
    /** Access denied, for example a presigned URL that has expired. */
    ACCESS_DENIED("AccessDenied", 403),
    /** The Authorization header could not be parsed or names the wrong scope. */
    AUTHORIZATION_HEADER_MALFORMED("AuthorizationHeaderMalformed", 400),
    /** The query parameters of a presigned URL are malformed or out of range. */
    AUTHORIZATION_QUERY_PARAMETERS_ERROR("AuthorizationQueryParametersError", 400),
    /** The access key id is not known to the server. */
    INVALID_ACCESS_KEY_ID("InvalidAccessKeyId", 403),
    /** The request has no authentication at all. */
    MISSING_SECURITY_HEADER("MissingSecurityHeader", 400),
    /** The request is not valid, for example a required header is not signed. */
    INVALID_REQUEST("InvalidRequest", 400),
    /** An argument is not valid, for example an unsupported algorithm. */
    INVALID_ARGUMENT("InvalidArgument", 400),
    /** The x-amz-content-sha256 header does not match the body. */
    X_AMZ_CONTENT_SHA256_MISMATCH("XAmzContentSHA256Mismatch", 400),
    /** The Content-MD5 header does not match the body. */
    BAD_DIGEST("BadDigest", 400),
    /** A chunk of an aws-chunked body is malformed or incomplete. */
    INCOMPLETE_BODY("IncompleteBody", 400),
    /** A session token is malformed or unknown. */
    INVALID_TOKEN("InvalidToken", 400),
    /** A POST form is malformed. */
    MALFORMED_POST_REQUEST("MalformedPOSTRequest", 400),
    /** A POST policy document is not valid JSON or not a valid policy. */
    INVALID_POLICY_DOCUMENT("InvalidPolicyDocument", 400),
    /** An upload is larger than the policy allows. */
    ENTITY_TOO_LARGE("EntityTooLarge", 400),
    /** An upload is smaller than the policy allows. */
    ENTITY_TOO_SMALL("EntityTooSmall", 400),
    /**
     * The request URI cannot be parsed (a malformed percent-escape, a character that is not
     * valid text) or exceeds the server's {@link VerificationLimits limits}.
     *
     * @since 0.2.0
     */
    INVALID_URI("InvalidURI", 400),
    /**
     * The request's headers exceed the server's {@link VerificationLimits limits} (count,
     * total size, or the size of the Authorization header).
     *
     * @since 0.2.0
     */
    REQUEST_HEADER_SECTION_TOO_LARGE("RequestHeaderSectionTooLarge", 400),
    /**
     * The fields of a POST upload that precede the file (the policy among them) exceed the
     * server's {@link VerificationLimits limits}.
     *
     * @since 0.2.0
     */
    MAX_POST_PRE_DATA_LENGTH_EXCEEDED("MaxPostPreDataLengthExceededError", 400);

    private final String code;
    private final int httpStatus;

    AuthError(String code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /**
     * S3's error code, as in the {@code <Code>} element of an error response.
     *
     * @return for example {@code SignatureDoesNotMatch}
     * @since 0.1.0
     */
    public String code() {
        return code;
    }

    /**
     * The HTTP status S3 answers with.
     *
     * @return for example 403
     * @since 0.1.0
     */
    public int httpStatus() {
        return httpStatus;
    }
}
