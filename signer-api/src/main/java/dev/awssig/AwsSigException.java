package dev.awssig;

/**
 * Root of every unchecked exception this project throws for a failure that is not a bad
 * argument (bad arguments get {@link IllegalArgumentException}, as the JDK does).
 *
 * <p>Messages never contain a secret key, a session token, a signature or a presigned URL.
 *
 * @since 0.1.0
 */
public class AwsSigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong, without secrets
     * @since 0.1.0
     */
    public AwsSigException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what went wrong, without secrets
     * @param cause the underlying failure
     * @since 0.1.0
     */
    public AwsSigException(String message, Throwable cause) {
        super(message, cause);
    }
}
