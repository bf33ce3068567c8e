package dev.awssig;

/**
 * No credentials could be resolved; the message names every source that was tried.
 *
 * @since 0.1.0
 */
public class CredentialsNotFoundException extends AwsSigException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, without secrets
     * @since 0.1.0
     */
    public CredentialsNotFoundException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what went wrong, without secrets
     * @param cause the underlying failure
     * @since 0.1.0
     */
    public CredentialsNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
