package dev.awssig.e2e;

import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.Payload;
import dev.awssig.Presigner;
import dev.awssig.SignableRequest;
import dev.awssig.Signer;
import dev.awssig.Signers;
import dev.awssig.SigningConfig;
import dev.awssig.v4.ChecksumAlgorithm;
import dev.awssig.v4.PayloadSigning;
import dev.awssig.v4.SigV4Options;
import java.time.Clock;

/**
 * Our signers, found the way a user finds them (the SPI, by algorithm name), configured for the
 * test server's credentials.
 */
final class Fixtures {
    static final String REGION = "us-east-1";
    static final Signers SIGNERS = Signers.discover();

    private Fixtures() {
    }

    static Credentials credentials() {
        return Credentials.of(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY);
    }

    static SigningConfig.Builder config(Credentials credentials, Clock clock) {
        return SigningConfig.builder().credentials(credentials).region(REGION).service("s3").clock(clock);
    }

    static SigningConfig config() {
        return config(credentials(), Clock.systemUTC()).build();
    }

    static Signer v4() {
        return SIGNERS.signer(Algorithms.SIGV4, config());
    }

    /** SigV4 with a payload mode (and, for the aws-chunked modes, a chunk size and trailer checksum). */
    static Signer v4(PayloadSigning mode, int chunkSize, ChecksumAlgorithm trailer) {
        return SIGNERS.signer(Algorithms.SIGV4, config(credentials(), Clock.systemUTC())
                .option(SigV4Options.PAYLOAD_SIGNING, mode)
                .option(SigV4Options.CHUNK_SIZE, chunkSize)
                .option(SigV4Options.TRAILER_CHECKSUM, trailer)
                .build());
    }

    static Presigner v4Presigner(Clock clock) {
        return SIGNERS.presigner(Algorithms.SIGV4, config(credentials(), clock).build());
    }

    static Signer v2() {
        return SIGNERS.signer(Algorithms.SIGV2_S3, config());
    }

    static Presigner v2Presigner(Clock clock) {
        return SIGNERS.presigner(Algorithms.SIGV2_S3, config(credentials(), clock).build());
    }

    /** Signs with the payload as given (its bytes are what is sent). */
    static S3Client.RequestSigner signing(Signer signer) {
        return (req, body) -> signer.sign(req).request();
    }

    /** Signs with {@code UNSIGNED-PAYLOAD}, then sends the body bytes. */
    static S3Client.RequestSigner unsignedPayload(Signer signer) {
        return (req, body) -> {
            SignableRequest signed = signer.sign(req.toBuilder().payload(Payload.unsigned()).build()).request();
            String hash = signed.headers().firstValue("x-amz-content-sha256").orElse("");
            if (!hash.equals("UNSIGNED-PAYLOAD")) {
                throw new AssertionError("expected x-amz-content-sha256: UNSIGNED-PAYLOAD, was '" + hash + "'");
            }
            return signed.toBuilder().payload(Payload.ofBytes(body)).build();
        };
    }

    /** A request for a URL and method, no headers, empty body. */
    static SignableRequest request(String method, String url) {
        return SignableRequest.builder().method(method).uri(url).build();
    }
}
