package dev.awssig;

import java.io.IOException;
import java.util.Objects;

/**
 * A request body failed verification while it was read: an {@code aws-chunked} chunk or trailer
 * signature that does not match, broken framing, a wrong length or checksum, or a body whose
 * digest differs from the one the request signed. Thrown by the streams that verifiers and
 * verifying servers hand out, before the data that failed is passed on; {@link #result()} says
 * why, with S3's error code. The message never contains a signature, secret or token.
 *
 * @since 0.2.0
 */
public class BodyVerificationException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient VerificationResult result;

    /**
     * Wraps a failed verification.
     *
     * @param result the failure, with S3's error code
     * @throws IllegalArgumentException if the result is not a failure
     * @since 0.2.0
     */
    public BodyVerificationException(VerificationResult result) {
        super(Objects.requireNonNull(result, "result").error().map(AuthError::code).orElse("OK") + ": "
                + result.message());
        if (result.isValid()) {
            throw new IllegalArgumentException("result: must be a failure, was " + result);
        }
        this.result = result;
    }

    /**
     * The failed verification.
     *
     * @return the result
     * @since 0.2.0
     */
    public VerificationResult result() {
        return result;
    }

    /**
     * S3's error code.
     *
     * @return for example {@link AuthError#SIGNATURE_DOES_NOT_MATCH}
     * @since 0.2.0
     */
    public AuthError error() {
        return result.error().orElseThrow();
    }
}
