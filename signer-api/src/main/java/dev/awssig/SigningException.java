package dev.awssig;

/**
 * Signing failed for a reason other than a bad argument (for example a stream that could not be read).
 *
 * @since 0.1.0
 */
public class SigningException extends AwsSigException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, without secrets
     * @since 0.1.0
     */
    public SigningException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what went wrong, without secrets
     * @param cause the underlying failure
     * @since 0.1.0
     */
    public SigningException(String message, Throwable cause) {
        super(message, cause);
    }
}
