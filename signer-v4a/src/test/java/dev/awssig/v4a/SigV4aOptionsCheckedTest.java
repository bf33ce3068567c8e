package dev.awssig.v4a;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.awssig.Credentials;
import dev.awssig.SigningConfig;
import dev.awssig.SigningOption;
import dev.awssig.v4.SigV4Options;
import org.junit.jupiter.api.Test;

/**
 * SigV4a reads SigV4's options and its own region set, typed and checked when the signer or the
 * verifier is created, naming the option.
 */
class SigV4aOptionsCheckedTest {
    private static final SigningConfig BASE = SigningConfig.builder()
            .credentials(Credentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"))
            .region("us-east-1").service("s3").build();

    @Test
    void aSigV4OptionOutOfRangeFailsTheSigV4aSignerAndVerifierWhenCreated() {
        SigningConfig config = BASE.toBuilder().option(SigV4Options.CHUNK_SIZE, -1).build();
        String message = "sigv4.chunkSize: must be 1..16777216, was -1";
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> SigV4aSigner.create(config))
                .getMessage());
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> SigV4aVerifier.create(config))
                .getMessage());
    }

    @Test
    void theRegionSetIsARegionSetNotAString() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SigningOption.of("sigv4a.regionSet", String.class));
        assertEquals("option 'sigv4a.regionSet': declared as dev.awssig.v4a.RegionSet, cannot also be declared as"
                + " java.lang.String (an option name has one type)", e.getMessage());
        @SuppressWarnings({"unchecked", "rawtypes"})
        SigningOption<Object> raw = (SigningOption) SigV4aOptions.REGION_SET;
        e = assertThrows(IllegalArgumentException.class, () -> BASE.toBuilder().option(raw, "us-east-1,us-west-2"));
        assertEquals("option 'sigv4a.regionSet': must be a dev.awssig.v4a.RegionSet, was a java.lang.String",
                e.getMessage());
    }
}
