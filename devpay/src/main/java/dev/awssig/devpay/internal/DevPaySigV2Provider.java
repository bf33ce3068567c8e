package dev.awssig.devpay.internal;

import dev.awssig.Algorithms;
import dev.awssig.Signers;
import java.util.function.Supplier;

/** {@code DEVPAY+AWS-S3-V2}: the DevPay decorator over S3 Signature Version 2. */
public final class DevPaySigV2Provider extends DevPayProvider {
    /** Discovers the S3 SigV2 provider when first needed (the SPI constructor). */
    public DevPaySigV2Provider() {
        super(Algorithms.SIGV2_S3);
    }

    /**
     * Finds the S3 SigV2 provider in a given registry.
     *
     * @param registry supplies the registry, asked once when first needed
     */
    public DevPaySigV2Provider(Supplier<Signers> registry) {
        super(Algorithms.SIGV2_S3, registry);
    }
}
