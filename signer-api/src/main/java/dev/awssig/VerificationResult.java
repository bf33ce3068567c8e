package dev.awssig;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The outcome of verifying a request: accepted (with the access key id that signed it), or
 * rejected with S3's error code, a message, and — for {@code SignatureDoesNotMatch} — the
 * canonical request and string to sign the server computed, as S3 returns them.
 *
 * <p>Immutable and thread-safe. Messages never contain the secret or the expected signature.
 *
 * @since 0.1.0
 */
public final class VerificationResult {
    private final AuthError error;
    private final String message;
    private final String accessKeyId;
    private final String canonicalRequest;
    private final String stringToSign;
    /**
     * The texts of an accepted request computed when read (the trusted path of {@code ApiAccess}):
     * {@code apply(true)} the canonical request, {@code apply(false)} the string to sign (either
     * null when the algorithm has none); this field is null when they are held above. A verifier that accepts a request has no use for them, so it does
     * not copy them out of its buffers on every request.
     */
    private final Function<Boolean, String> explanation;

    private VerificationResult(AuthError error, String message, String accessKeyId,
                               String canonicalRequest, String stringToSign) {
        this.error = error;
        this.message = message;
        this.accessKeyId = accessKeyId;
        this.canonicalRequest = canonicalRequest;
        this.stringToSign = stringToSign;
        this.explanation = null;
    }

    /** An accepted request whose texts are computed when read (for {@code ApiAccess}). */
    static VerificationResult verified(String accessKeyId, Function<Boolean, String> explanation) {
        return new VerificationResult(Objects.requireNonNull(accessKeyId, "accessKeyId"),
                Objects.requireNonNull(explanation, "explanation"));
    }

    private VerificationResult(String accessKeyId, Function<Boolean, String> explanation) {
        this.error = null;
        this.message = "OK";
        this.accessKeyId = accessKeyId;
        this.canonicalRequest = null;
        this.stringToSign = null;
        this.explanation = explanation;
    }

    /**
     * An accepted request.
     *
     * @param accessKeyId the access key id that signed it
     * @param canonicalRequest the canonical request computed (or null)
     * @param stringToSign the string to sign computed (or null)
     * @return the result
     * @since 0.1.0
     */
    public static VerificationResult success(String accessKeyId, String canonicalRequest, String stringToSign) {
        return new VerificationResult(null, "OK", Objects.requireNonNull(accessKeyId, "accessKeyId"),
                canonicalRequest, stringToSign);
    }

    /**
     * A rejected request.
     *
     * @param error S3's error code
     * @param message what is wrong, without secrets or the expected signature
     * @return the result
     * @since 0.1.0
     */
    public static VerificationResult failure(AuthError error, String message) {
        return failure(error, message, null, null, null);
    }

    /**
     * A rejected request with what the server computed.
     *
     * @param error S3's error code
     * @param message what is wrong, without secrets or the expected signature
     * @param accessKeyId the access key id named by the request, or null
     * @param canonicalRequest the canonical request the server computed, or null
     * @param stringToSign the string to sign the server computed, or null
     * @return the result
     * @since 0.1.0
     */
    public static VerificationResult failure(AuthError error, String message, String accessKeyId,
                                             String canonicalRequest, String stringToSign) {
        return new VerificationResult(Objects.requireNonNull(error, "error"),
                Objects.requireNonNull(message, "message"), accessKeyId, canonicalRequest, stringToSign);
    }

    /**
     * Whether the request was accepted.
     *
     * @return true when valid
     * @since 0.1.0
     */
    public boolean isValid() {
        return error == null;
    }

    /**
     * The error of a rejected request.
     *
     * @return the error, or empty when valid
     * @since 0.1.0
     */
    public Optional<AuthError> error() {
        return Optional.ofNullable(error);
    }

    /**
     * A human-readable reason ({@code OK} when valid).
     *
     * @return the message
     * @since 0.1.0
     */
    public String message() {
        return message;
    }

    /**
     * The access key id the request named.
     *
     * @return the id, or empty when the request named none or could not be parsed
     * @since 0.1.0
     */
    public Optional<String> accessKeyId() {
        return Optional.ofNullable(accessKeyId);
    }

    /**
     * The canonical request the server computed.
     *
     * @return the canonical request, or empty
     * @since 0.1.0
     */
    public Optional<String> canonicalRequest() {
        if (explanation != null) {
            return Optional.ofNullable(explanation.apply(Boolean.TRUE));
        }
        return Optional.ofNullable(canonicalRequest);
    }

    /**
     * The string to sign the server computed.
     *
     * @return the string to sign, or empty
     * @since 0.1.0
     */
    public Optional<String> stringToSign() {
        if (explanation != null) {
            return Optional.ofNullable(explanation.apply(Boolean.FALSE));
        }
        return Optional.ofNullable(stringToSign);
    }

    /**
     * Throws when the request was rejected.
     *
     * @return this result when valid
     * @throws VerificationException when rejected
     * @since 0.1.0
     */
    public VerificationResult orThrow() {
        if (error != null) {
            throw new VerificationException(this);
        }
        return this;
    }

    /**
     * A description for logs and messages, without secrets, signatures or tokens.
     *
     * @return the description
     * @since 0.1.0
     */
    @Override
    public String toString() {
        return error == null ? "VerificationResult[OK, accessKeyId=" + accessKeyId + "]"
                : "VerificationResult[" + error.code() + ": " + message + "]";
    }
}
