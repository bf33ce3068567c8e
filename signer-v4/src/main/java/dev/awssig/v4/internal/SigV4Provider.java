package dev.awssig.v4.internal;

import dev.awssig.Algorithms;
import dev.awssig.PayloadMode;
import dev.awssig.Presigner;
import dev.awssig.Signer;
import dev.awssig.SigningConfig;
import dev.awssig.Verifier;
import dev.awssig.spi.SignerProvider;
import dev.awssig.v4.ChecksumAlgorithm;
import dev.awssig.v4.PayloadSigning;
import dev.awssig.v4.SigV4Options;
import dev.awssig.v4.SigV4Signer;
import dev.awssig.v4.SigV4Verifier;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link SignerProvider} of {@link Algorithms#SIGV4}: signer, presigner and verifier.
 */
public final class SigV4Provider implements SignerProvider {
    /** Creates the provider (for {@link java.util.ServiceLoader}). */
    public SigV4Provider() {
    }

    /**
     * The algorithm name.
     *
     * @return {@link Algorithms#SIGV4}
     * @since 0.1.0
     */
    @Override
    public String algorithm() {
        return Algorithms.SIGV4;
    }

    /**
     * A SigV4 signer.
     *
     * @param config credentials, region, service, clock and options
     * @return the signer
     * @since 0.1.0
     */
    @Override
    public Signer signer(SigningConfig config) {
        return SigV4Signer.create(config);
    }

    /**
     * A SigV4 signer in an aws-chunked streaming mode.
     *
     * @param config credentials, region, service, clock and options
     * @param mode a streaming mode
     * @param trailerChecksum {@code CRC32}, {@code CRC32C}, {@code CRC64NVME}, {@code SHA1} or {@code SHA256}, or null
     *     for {@link SigV4Options#TRAILER_CHECKSUM} (default CRC32C)
     * @return the signer
     * @since 0.2.0
     */
    @Override
    public Optional<Signer> streamingSigner(SigningConfig config, PayloadMode mode, String trailerChecksum) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(mode, "mode");
        if (!mode.isStreaming()) {
            throw new IllegalArgumentException("mode: must be a streaming mode, was " + mode);
        }
        PayloadSigning signing = mode == PayloadMode.STREAMING_SIGNED ? PayloadSigning.STREAMING_SIGNED
                : mode == PayloadMode.STREAMING_SIGNED_TRAILER ? PayloadSigning.STREAMING_SIGNED_TRAILER
                : PayloadSigning.STREAMING_UNSIGNED_TRAILER;
        SigningConfig.Builder b = config.toBuilder().option(SigV4Options.PAYLOAD_SIGNING, signing);
        if (trailerChecksum != null && signing.hasTrailer()) {
            b.option(SigV4Options.TRAILER_CHECKSUM, checksum(trailerChecksum));
        }
        return Optional.of(SigV4Signer.create(b.build()));
    }

    private static ChecksumAlgorithm checksum(String name) {
        for (ChecksumAlgorithm a : ChecksumAlgorithm.values()) {
            if (a.name().equalsIgnoreCase(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("trailerChecksum: '" + name + "' is not one SigV4 streams; use one of "
                + java.util.Arrays.toString(ChecksumAlgorithm.values()));
    }

    /**
     * A SigV4 presigner.
     *
     * @param config credentials, region, service, clock and options
     * @return the presigner
     * @since 0.1.0
     */
    @Override
    public Optional<Presigner> presigner(SigningConfig config) {
        return Optional.of(SigV4Signer.create(config));
    }

    /**
     * A SigV4 verifier.
     *
     * @param config region, service and options to expect
     * @return the verifier
     * @since 0.1.0
     */
    @Override
    public Optional<Verifier> verifier(SigningConfig config) {
        return Optional.of(SigV4Verifier.create(config));
    }

    /**
     * A description for logs and messages, without secrets, signatures or tokens.
     *
     * @return the description
     * @since 0.1.0
     */
    @Override
    public String toString() {
        return "SigV4Provider[" + Algorithms.SIGV4 + "]";
    }
}
