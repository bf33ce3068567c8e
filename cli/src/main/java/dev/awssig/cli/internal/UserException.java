package dev.awssig.cli.internal;

/**
 * A mistake of the user (bad option, unreadable file, no credentials): printed as one line,
 * exit code 2, no stack trace.
 */
final class UserException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UserException(String message) {
        super(message);
    }

    UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
