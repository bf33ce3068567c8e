package dev.awssig.v2.internal;

import dev.awssig.Algorithms;
import dev.awssig.Presigner;
import dev.awssig.Signer;
import dev.awssig.SigningConfig;
import dev.awssig.Verifier;
import dev.awssig.spi.SignerProvider;
import dev.awssig.v2.S3V2Signer;
import dev.awssig.v2.S3V2Verifier;
import java.util.Optional;

/**
 * The SPI provider of {@link Algorithms#SIGV2_S3}: S3 SigV2 signer, presigner and verifier.
 */
public final class S3V2Provider implements SignerProvider {
    /** Used by {@link java.util.ServiceLoader}. */
    public S3V2Provider() {
    }

    @Override
    public String algorithm() {
        return Algorithms.SIGV2_S3;
    }

    @Override
    public Signer signer(SigningConfig config) {
        return S3V2Signer.create(config);
    }

    @Override
    public Optional<Presigner> presigner(SigningConfig config) {
        return Optional.of(S3V2Signer.create(config));
    }

    @Override
    public Optional<Verifier> verifier(SigningConfig config) {
        return Optional.of(S3V2Verifier.create(config));
    }
}
