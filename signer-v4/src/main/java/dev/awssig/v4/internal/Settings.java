package dev.awssig.v4.internal;

import dev.awssig.SigningConfig;
import dev.awssig.VerificationLimits;
import dev.awssig.v4.ChecksumAlgorithm;
import dev.awssig.v4.PayloadSigning;
import dev.awssig.v4.SessionTokenPlacement;
import dev.awssig.v4.SigV4Options;
import dev.awssig.v4.SignedHeadersPolicy;
import java.time.Duration;

/**
 * The options of a config that the SigV4 signer and verifier read ({@link SigV4Options} and
 * {@link VerificationLimits}), resolved and checked once, with their defaults, when a signer or
 * verifier is created: a value of the wrong type or out of range fails there, naming the option.
 */
final class Settings {
    final PayloadSigning payloadSigning;
    final SignedHeadersPolicy policy;
    final Boolean normalizePath;
    final Boolean doubleEncode;
    final Boolean contentShaHeader;
    final SessionTokenPlacement tokenPlacement;
    final int chunkSize;
    final ChecksumAlgorithm trailerChecksum;
    final Duration maxSkew;
    final int maxChunkSize;
    final VerificationLimits limits;

    Settings(SigningConfig config) {
        this.payloadSigning = config.option(SigV4Options.PAYLOAD_SIGNING, null);
        this.policy = config.option(SigV4Options.SIGNED_HEADERS, SignedHeadersPolicy.defaults());
        this.normalizePath = config.option(SigV4Options.NORMALIZE_PATH, null);
        this.doubleEncode = config.option(SigV4Options.DOUBLE_URL_ENCODE, null);
        this.contentShaHeader = config.option(SigV4Options.CONTENT_SHA256_HEADER, null);
        this.tokenPlacement = config.option(SigV4Options.SESSION_TOKEN_PLACEMENT, SessionTokenPlacement.SIGNED);
        this.chunkSize = config.option(SigV4Options.CHUNK_SIZE, SigV4Options.DEFAULT_CHUNK_SIZE);
        if (chunkSize < 1 || chunkSize > SigV4Options.MAX_CHUNK_SIZE_LIMIT) {
            throw new IllegalArgumentException(SigV4Options.CHUNK_SIZE.name() + ": must be 1.."
                    + SigV4Options.MAX_CHUNK_SIZE_LIMIT + ", was " + chunkSize);
        }
        this.trailerChecksum = config.option(SigV4Options.TRAILER_CHECKSUM, ChecksumAlgorithm.CRC32C);
        this.maxSkew = config.option(SigV4Options.MAX_CLOCK_SKEW, Duration.ofMinutes(15));
        if (maxSkew.isNegative()) {
            throw new IllegalArgumentException(SigV4Options.MAX_CLOCK_SKEW.name() + ": must not be negative");
        }
        this.maxChunkSize = config.option(SigV4Options.MAX_CHUNK_SIZE, SigV4Options.MAX_CHUNK_SIZE_LIMIT);
        if (maxChunkSize < 1) {
            throw new IllegalArgumentException(SigV4Options.MAX_CHUNK_SIZE.name() + ": must be >= 1, was "
                    + maxChunkSize);
        }
        this.limits = VerificationLimits.of(config);
    }

    boolean normalize(String service) {
        return normalizePath != null ? normalizePath : !"s3".equals(service);
    }

    boolean doubleEncode(String service) {
        return doubleEncode != null ? doubleEncode : !"s3".equals(service);
    }
}
