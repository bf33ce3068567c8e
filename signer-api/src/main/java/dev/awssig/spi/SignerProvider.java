package dev.awssig.spi;

import dev.awssig.PayloadMode;
import dev.awssig.Presigner;
import dev.awssig.Signer;
import dev.awssig.SigningConfig;
import dev.awssig.Verifier;
import java.util.Objects;
import java.util.Optional;

/**
 * The service-provider interface: one implementation per algorithm, discovered with
 * {@link java.util.ServiceLoader}. A provider module declares it both in its
 * {@code module-info} ({@code provides dev.awssig.spi.SignerProvider with ...}) and in
 * {@code META-INF/services/dev.awssig.spi.SignerProvider}, so that it is found on the module path
 * and on the class path. Users look providers up through {@link dev.awssig.Signers}.
 *
 * <p>Implementations must have a public no-argument constructor and be thread-safe.
 *
 * @since 0.1.0
 */
public interface SignerProvider {
    /**
     * The algorithm this provider implements, for example {@code AWS4-HMAC-SHA256}. Two
     * providers for the same name are an error at lookup.
     *
     * @return the algorithm name
     * @since 0.1.0
     */
    String algorithm();

    /**
     * Creates a signer.
     *
     * @param config credentials, region, service, clock and options
     * @return an immutable, thread-safe signer
     * @throws IllegalArgumentException if the config lacks something the algorithm needs
     * @since 0.1.0
     */
    Signer signer(SigningConfig config);

    /**
     * Creates a signer that sends bodies {@code aws-chunked}, when the algorithm has a streaming
     * form. Its {@link Signer#sign} takes a request whose payload is a bytes or stream payload of
     * known length and returns a request whose payload is the encoded body (a stream payload of
     * the encoded length, each open encoding afresh) with the headers that describe it
     * ({@code Content-Encoding}, {@code Content-Length}, {@code x-amz-decoded-content-length}
     * and, with a trailer, {@code x-amz-trailer}). The configuration's own payload option, if
     * any, is replaced by {@code mode}.
     *
     * @param config credentials, region, service, clock and options
     * @param mode a streaming mode ({@link PayloadMode#isStreaming()})
     * @param trailerChecksum the checksum of the trailer as S3 names it ({@code CRC32},
     *     {@code CRC32C}, {@code CRC64NVME}, {@code SHA1}, {@code SHA256}), or null for the provider's default;
     *     ignored by {@link PayloadMode#STREAMING_SIGNED}
     * @return the signer, or empty if the algorithm has no streaming form
     * @throws IllegalArgumentException if {@code mode} is not a streaming mode or the checksum is
     *     not one the provider supports
     * @since 0.2.0
     */
    default Optional<Signer> streamingSigner(SigningConfig config, PayloadMode mode, String trailerChecksum) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(mode, "mode");
        return Optional.empty();
    }

    /**
     * Creates a presigner, when the algorithm supports presigned URLs.
     *
     * @param config credentials, region, service, clock and options
     * @return the presigner, or empty if the algorithm has no presigned form
     * @since 0.1.0
     */
    default Optional<Presigner> presigner(SigningConfig config) {
        Objects.requireNonNull(config, "config");
        return Optional.empty();
    }

    /**
     * Creates a verifier for the receiving side, when the algorithm supports one.
     *
     * @param config region, service and options the verifier expects (credentials are unused)
     * @return the verifier, or empty
     * @since 0.1.0
     */
    default Optional<Verifier> verifier(SigningConfig config) {
        Objects.requireNonNull(config, "config");
        return Optional.empty();
    }
}
