package dev.awssig.devpay.internal;

import dev.awssig.Algorithms;
import dev.awssig.Signers;
import java.util.function.Supplier;

/** {@code DEVPAY+AWS4-HMAC-SHA256}: the DevPay decorator over Signature Version 4. */
public final class DevPaySigV4Provider extends DevPayProvider {
    /** Discovers the SigV4 provider when first needed (the SPI constructor). */
    public DevPaySigV4Provider() {
        super(Algorithms.SIGV4);
    }

    /**
     * Finds the SigV4 provider in a given registry.
     *
     * @param registry supplies the registry, asked once when first needed
     */
    public DevPaySigV4Provider(Supplier<Signers> registry) {
        super(Algorithms.SIGV4, registry);
    }
}
