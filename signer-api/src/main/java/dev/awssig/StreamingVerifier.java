package dev.awssig;

import java.io.InputStream;
import java.time.Instant;

/**
 * A {@link Verifier} that also verifies {@code aws-chunked} uploads, whose body is checked chunk by
 * chunk as it is read. The verifiers of SigV4 and SigV4a implement it, so that a server that finds
 * its verifiers through {@link Signers} (a servlet filter, a gateway) can decode such an upload
 * without naming a signer module:
 *
 * <pre>{@code
 * Verifier v = Signers.discover().verifier(Algorithms.SIGV4, config);
 * if (v instanceof StreamingVerifier) {
 *     InputStream data = ((StreamingVerifier) v).verifyStreaming(request, secrets, now, socketIn);
 * }
 * }</pre>
 *
 * @since 0.2.0
 */
public interface StreamingVerifier extends Verifier {
    /**
     * Verifies an aws-chunked upload: the headers and seed signature now, then every chunk as the
     * returned stream is read, each before its data is handed on; the final chunk, the decoded
     * length and the trailer before the stream reports its end. A failure while reading is a
     * {@link BodyVerificationException} (an {@link java.io.IOException}) carrying S3's error code.
     *
     * @param request the request headers as received (its payload is ignored)
     * @param secrets finds the secret of an access key id
     * @param now the server's time
     * @param encodedBody the aws-chunked body as received
     * @return the decoded data
     * @throws VerificationException if the request is rejected before any of the body is read
     * @since 0.2.0
     */
    InputStream verifyStreaming(SignableRequest request, SecretLookup secrets, Instant now, InputStream encodedBody);
}
