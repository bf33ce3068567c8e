package dev.awssig.v2.internal;

/**
 * Request text SigV2 cannot read unambiguously (a malformed percent-escape, bytes that are not
 * UTF-8, a lone UTF-16 surrogate). Its message names the field and never quotes a value. Signers
 * let it through as the {@link IllegalArgumentException} it is; verifiers answer
 * {@code InvalidURI} (or {@code InvalidArgument} for a header) with its message.
 */
public final class MalformedTextException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * An exception with a message naming the field.
     *
     * @param message the message
     */
    public MalformedTextException(String message) {
        super(message);
    }
}
