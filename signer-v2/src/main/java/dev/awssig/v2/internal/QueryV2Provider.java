package dev.awssig.v2.internal;

import dev.awssig.Algorithms;
import dev.awssig.Signer;
import dev.awssig.SigningConfig;
import dev.awssig.Verifier;
import dev.awssig.spi.SignerProvider;
import dev.awssig.v2.QueryV2Signer;
import dev.awssig.v2.QueryV2Verifier;
import java.util.Optional;

/**
 * The SPI provider of {@link Algorithms#SIGV2_QUERY}: the query API's SigV2 signer and verifier
 * (no presigned form).
 */
public final class QueryV2Provider implements SignerProvider {
    /** Used by {@link java.util.ServiceLoader}. */
    public QueryV2Provider() {
    }

    @Override
    public String algorithm() {
        return Algorithms.SIGV2_QUERY;
    }

    @Override
    public Signer signer(SigningConfig config) {
        return QueryV2Signer.create(config);
    }

    @Override
    public Optional<Verifier> verifier(SigningConfig config) {
        return Optional.of(QueryV2Verifier.create(config));
    }
}
