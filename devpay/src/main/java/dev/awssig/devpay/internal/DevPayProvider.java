package dev.awssig.devpay.internal;

import dev.awssig.Algorithms;
import dev.awssig.Presigner;
import dev.awssig.Signer;
import dev.awssig.Signers;
import dev.awssig.SigningConfig;
import dev.awssig.Verifier;
import dev.awssig.devpay.DevPay;
import dev.awssig.devpay.DevPayOptions;
import dev.awssig.devpay.DevPayTokens;
import dev.awssig.spi.SignerProvider;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The DevPay decorator as an SPI provider, {@code DEVPAY+<inner>}: finds the inner algorithm's
 * provider through {@link Signers#discover()} when first asked, reads the tokens from
 * {@link DevPayOptions#USER_TOKEN} and {@link DevPayOptions#PRODUCT_TOKEN}, and decorates what
 * the inner provider creates. The inner provider gets the config without the DevPay options and
 * with a credentials provider that refuses session tokens.
 */
public abstract class DevPayProvider implements SignerProvider {
    private final String innerAlgorithm;
    private final Supplier<Signers> registry;
    private volatile SignerProvider innerProvider;

    /**
     * A provider that discovers the inner provider with {@link Signers#discover()}.
     *
     * @param innerAlgorithm the inner algorithm
     */
    protected DevPayProvider(String innerAlgorithm) {
        this(innerAlgorithm, Signers::discover);
    }

    /**
     * A provider that finds the inner provider in a given registry.
     *
     * @param innerAlgorithm the inner algorithm
     * @param registry supplies the registry, asked once when first needed
     */
    protected DevPayProvider(String innerAlgorithm, Supplier<Signers> registry) {
        this.innerAlgorithm = Objects.requireNonNull(innerAlgorithm, "innerAlgorithm");
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public final String algorithm() {
        return Algorithms.devpay(innerAlgorithm);
    }

    @Override
    public final Signer signer(SigningConfig config) {
        DevPayTokens tokens = DevPayOptions.tokens(config);
        return DevPay.signer(inner().signer(innerConfig(config)), tokens);
    }

    @Override
    public final Optional<Presigner> presigner(SigningConfig config) {
        DevPayTokens tokens = DevPayOptions.tokens(config);
        if (tokens.isLegacy()) {
            throw new IllegalArgumentException(SecurityToken.PRESIGN_REFUSAL);
        }
        return inner().presigner(innerConfig(config)).map(p -> DevPay.presigner(p, tokens));
    }

    @Override
    public final Optional<Verifier> verifier(SigningConfig config) {
        Objects.requireNonNull(config, "config");
        return inner().verifier(withoutTokens(config).build()).map(DevPay::verifier);
    }

    private SignerProvider inner() {
        SignerProvider p = innerProvider;
        if (p == null) {
            p = registry.get().provider(innerAlgorithm);
            innerProvider = p;
        }
        return p;
    }

    private static SigningConfig innerConfig(SigningConfig config) {
        SigningConfig.Builder b = withoutTokens(config);
        config.credentialsProvider().ifPresent(c -> b.credentialsProvider(DevPay.withoutSessionToken(c)));
        return b.build();
    }

    private static SigningConfig.Builder withoutTokens(SigningConfig config) {
        return config.toBuilder().option(DevPayOptions.USER_TOKEN, null).option(DevPayOptions.PRODUCT_TOKEN, null);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + algorithm() + "]";
    }
}
