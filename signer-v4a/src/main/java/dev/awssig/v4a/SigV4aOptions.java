package dev.awssig.v4a;

import dev.awssig.SigningOption;
import dev.awssig.internal.OptionNames;

/**
 * The {@link SigningOption options} of the SigV4a signer, presigner and verifier. SigV4a shares
 * its canonical request with SigV4, so the options of {@link dev.awssig.v4.SigV4Options} apply
 * unchanged (payload signing and streaming modes, signed-headers policy, path normalisation and
 * encoding, {@code x-amz-content-sha256}, session-token placement, chunk size, trailer checksum,
 * clock skew, largest chunk); in the streaming modes the {@code x-amz-content-sha256} literals are
 * the ECDSA ones ({@code STREAMING-AWS4-ECDSA-P256-SHA256-PAYLOAD}, {@code ...-PAYLOAD-TRAILER}).
 *
 * @since 0.2.0
 */
public final class SigV4aOptions {
    /**
     * The regions a signature is valid in ({@code X-Amz-Region-Set}). Default: the config's
     * region; one of the two is required for signing. A verifier whose config names a region
     * accepts a request only when its region set covers that region.
     *
     * @since 0.2.0
     */
    public static final SigningOption<RegionSet> REGION_SET =
            OptionNames.own("sigv4a.regionSet", RegionSet.class, false);

    private SigV4aOptions() {
    }
}
