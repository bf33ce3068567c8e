package dev.awssig.v4a.internal;

import dev.awssig.Algorithms;
import dev.awssig.Presigner;
import dev.awssig.Signer;
import dev.awssig.SigningConfig;
import dev.awssig.Verifier;
import dev.awssig.spi.SignerProvider;
import dev.awssig.v4a.SigV4aSigner;
import dev.awssig.v4a.SigV4aVerifier;
import java.util.Optional;

/**
 * The {@link SignerProvider} of {@link Algorithms#SIGV4A}: signer, presigner and verifier.
 */
public final class SigV4aProvider implements SignerProvider {
    /** Creates the provider (for {@link java.util.ServiceLoader}). */
    public SigV4aProvider() {
    }

    /**
     * The algorithm name.
     *
     * @return {@link Algorithms#SIGV4A}
     * @since 0.2.0
     */
    @Override
    public String algorithm() {
        return Algorithms.SIGV4A;
    }

    /**
     * A SigV4a signer.
     *
     * @param config credentials, service, region or region set, clock and options
     * @return the signer
     * @since 0.2.0
     */
    @Override
    public Signer signer(SigningConfig config) {
        return SigV4aSigner.create(config);
    }

    /**
     * A SigV4a presigner.
     *
     * @param config credentials, service, region or region set, clock and options
     * @return the presigner
     * @since 0.2.0
     */
    @Override
    public Optional<Presigner> presigner(SigningConfig config) {
        return Optional.of(SigV4aSigner.create(config));
    }

    /**
     * A SigV4a verifier.
     *
     * @param config region, service and options to expect
     * @return the verifier
     * @since 0.2.0
     */
    @Override
    public Optional<Verifier> verifier(SigningConfig config) {
        return Optional.of(SigV4aVerifier.create(config));
    }

    /**
     * A description for logs and messages.
     *
     * @return the description
     * @since 0.2.0
     */
    @Override
    public String toString() {
        return "SigV4aProvider[" + Algorithms.SIGV4A + "]";
    }
}
