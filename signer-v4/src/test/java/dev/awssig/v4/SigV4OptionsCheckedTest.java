package dev.awssig.v4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.awssig.Credentials;
import dev.awssig.SigningConfig;
import dev.awssig.SigningOption;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SigV4 options are typed and checked before anything is signed: {@link SigV4Options}
 * declares the type of every {@code sigv4.*} name, a value of another type is refused where it is
 * set, and a value out of range fails when the signer or the verifier is created, naming the
 * option (never a {@link ClassCastException} inside the signer).
 */
class SigV4OptionsCheckedTest {
    private static final SigningConfig BASE = SigningConfig.builder()
            .credentials(Credentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"))
            .region("us-east-1").service("s3").build();

    static Stream<Arguments> outOfRange() {
        return Stream.of(
                Arguments.of(SigV4Options.CHUNK_SIZE, 0, "sigv4.chunkSize: must be 1..16777216, was 0"),
                Arguments.of(SigV4Options.CHUNK_SIZE, SigV4Options.MAX_CHUNK_SIZE_LIMIT + 1,
                        "sigv4.chunkSize: must be 1..16777216, was 16777217"),
                Arguments.of(SigV4Options.MAX_CHUNK_SIZE, 0, "sigv4.maxChunkSize: must be >= 1, was 0"),
                Arguments.of(SigV4Options.MAX_CLOCK_SKEW, Duration.ofSeconds(-1),
                        "sigv4.maxClockSkew: must not be negative"));
    }

    @ParameterizedTest
    @MethodSource("outOfRange")
    <T> void aValueOutOfRangeFailsWhenTheSignerOrTheVerifierIsCreated(SigningOption<T> option, T value,
                                                                      String message) {
        SigningConfig config = BASE.toBuilder().option(option, value).build();
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> SigV4Signer.create(config))
                .getMessage());
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> SigV4Verifier.create(config))
                .getMessage());
    }

    @Test
    void aLongChunkSizeIsRefusedWhereItIsSetNotInsideCreate() {
        // the example: a framework that declares the option by name with the wrong type
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SigningOption.of("sigv4.chunkSize", Long.class));
        assertEquals("option 'sigv4.chunkSize': declared as java.lang.Integer, cannot also be declared as"
                + " java.lang.Long (an option name has one type)", e.getMessage());
        // or one that passes a value of the wrong type through a raw key
        @SuppressWarnings({"unchecked", "rawtypes"})
        SigningOption<Object> raw = (SigningOption) SigV4Options.CHUNK_SIZE;
        e = assertThrows(IllegalArgumentException.class, () -> BASE.toBuilder().option(raw, 65536L));
        assertEquals("option 'sigv4.chunkSize': must be a java.lang.Integer, was a java.lang.Long", e.getMessage());
    }
}
