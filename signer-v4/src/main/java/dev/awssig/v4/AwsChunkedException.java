package dev.awssig.v4;

import dev.awssig.AuthError;
import dev.awssig.BodyVerificationException;
import dev.awssig.VerificationResult;
import java.util.Objects;

/**
 * An {@code aws-chunked} body was rejected while it was decoded: a chunk or trailer signature
 * does not match, the framing is broken, the length or the trailing checksum is wrong. Thrown by
 * the stream of {@link SigV4Verifier#verifyStreaming} before the data of the bad chunk is handed
 * on. The message never contains a signature or a secret. A {@link BodyVerificationException}
 * (since 0.2.0), so that code that finds its verifier through the SPI can catch it without naming
 * this module.
 *
 * @since 0.1.0
 */
public final class AwsChunkedException extends BodyVerificationException {
    private static final long serialVersionUID = 1L;

    /**
     * Wraps a failed verification.
     *
     * @param result the failure, with S3's error code
     * @since 0.1.0
     */
    public AwsChunkedException(VerificationResult result) {
        super(Objects.requireNonNull(result, "result"));
    }

    /**
     * The failed verification.
     *
     * @return the result
     * @since 0.1.0
     */
    @Override
    public VerificationResult result() {
        return super.result();
    }

    /**
     * S3's error code.
     *
     * @return for example {@link AuthError#SIGNATURE_DOES_NOT_MATCH}
     * @since 0.1.0
     */
    @Override
    public AuthError error() {
        return super.error();
    }
}
