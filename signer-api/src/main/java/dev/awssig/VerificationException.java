package dev.awssig;

import java.util.Objects;

/**
 * A request was rejected by a verifier; {@link #result()} says why, with S3's error code.
 *
 * @since 0.1.0
 */
public class VerificationException extends AwsSigException {
    private static final long serialVersionUID = 1L;

    private final transient VerificationResult result;

    /**
     * Wraps a failed result.
     *
     * @param result the failed verification
     * @since 0.1.0
     */
    public VerificationException(VerificationResult result) {
        super(Objects.requireNonNull(result, "result").error().map(AuthError::code).orElse("OK") + ": " + result.message());
        this.result = result;
    }

    /**
     * The failed result.
     *
     * @return the result
     * @since 0.1.0
     */
    public VerificationResult result() {
        return result;
    }

    /**
     * The S3 error.
     *
     * @return the error code
     * @since 0.1.0
     */
    public AuthError error() {
        return result.error().orElseThrow();
    }
}
