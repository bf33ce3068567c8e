package dev.awssig;

/**
 * The signer SPI found no provider, or more than one provider, for an algorithm.
 *
 * @since 0.1.0
 */
public class SignerLookupException extends AwsSigException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong, without secrets
     * @since 0.1.0
     */
    public SignerLookupException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what went wrong, without secrets
     * @param cause the underlying failure
     * @since 0.1.0
     */
    public SignerLookupException(String message, Throwable cause) {
        super(message, cause);
    }
}
