package dev.awssig.benchmarks;

import dev.awssig.Credentials;
import dev.awssig.Signers;
import dev.awssig.SigningConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Builds our signers the way a user does: through {@link Signers#discover()} and a
 * {@link SigningConfig} with fixed credentials and a fixed clock.
 */
public final class Ours {
    /** The providers found on the class path of the benchmarks jar. */
    public static final Signers SIGNERS = Signers.discover();

    private Ours() {
    }

    /**
     * A config builder.
     *
     * @param credentials the credentials
     * @param region region, or null
     * @param service service, or null
     * @param time signing time
     * @return a builder
     */
    public static SigningConfig.Builder config(Credentials credentials, String region, String service, Instant time) {
        SigningConfig.Builder b = SigningConfig.builder()
                .credentials(credentials)
                .clock(Clock.fixed(time, ZoneOffset.UTC));
        if (region != null) {
            b.region(region);
        }
        if (service != null) {
            b.service(service);
        }
        return b;
    }
}
