package dev.awssig.devpay.internal;

import dev.awssig.Algorithms;
import dev.awssig.Signers;
import java.util.function.Supplier;

/** {@code DEVPAY+AWS4-ECDSA-P256-SHA256}: the DevPay decorator over Signature Version 4a. */
public final class DevPaySigV4aProvider extends DevPayProvider {
    /** Discovers the SigV4a provider when first needed (the SPI constructor). */
    public DevPaySigV4aProvider() {
        super(Algorithms.SIGV4A);
    }

    /**
     * Finds the SigV4a provider in a given registry.
     *
     * @param registry supplies the registry, asked once when first needed
     */
    public DevPaySigV4aProvider(Supplier<Signers> registry) {
        super(Algorithms.SIGV4A, registry);
    }
}
