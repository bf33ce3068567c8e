package dev.awssig.spi;

import dev.awssig.Presigner;
import dev.awssig.Signer;
import dev.awssig.SigningConfig;
import dev.awssig.Verifier;
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
     * Creates a presigner, when the algorithm supports presigned URLs.
     *
     * @param config credentials, region, service, clock and options
     * @return the presigner, or empty if the algorithm has no presigned form
     * @since 0.1.0
     */
    default Optional<Presigner> presigner(SigningConfig config) {
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
        return Optional.empty();
    }
}
