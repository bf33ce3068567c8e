package dev.awssig.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.awssig.Credentials;
import dev.awssig.SigningConfig;
import dev.awssig.SigningOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The SigV2 options are typed and checked in one place when any SigV2 signer or verifier is
 * created: {@link V2Options} declares the type of every {@code sigv2.*} name, a value of another
 * type is refused where it is set, and a value that is not valid fails every signer and verifier
 * of the module at creation, naming the option.
 */
class V2OptionsCheckedTest {
    private static final SigningConfig BASE = SigningConfig.builder()
            .credentials(Credentials.of("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")).build();
    private static final List<Function<SigningConfig, Object>> CREATE = List.of(S3V2Signer::create,
            S3V2Verifier::create, QueryV2Signer::create, QueryV2Verifier::create);

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(V2Options.SIGNATURE_METHOD, "HmacMD5",
                        "sigv2.signatureMethod: must be HmacSHA256 or HmacSHA1, was 'HmacMD5'"),
                Arguments.of(V2Options.VIRTUAL_HOST_SUFFIXES, "s3.example.com/x", "sigv2.virtualHostSuffixes:"
                        + " 's3.example.com/x' contains a character that is not allowed (whitespace, '/', '&', '=',"
                        + " '?' or non-ASCII)"),
                Arguments.of(V2Options.EXTRA_SUB_RESOURCES, "select,a=b", "sigv2.extraSubResources: 'a=b' contains"
                        + " a character that is not allowed (whitespace, '/', '&', '=', '?' or non-ASCII)"),
                Arguments.of(V2Options.MAX_CLOCK_SKEW, Duration.ofSeconds(-1),
                        "sigv2.maxClockSkew: must not be negative, was PT-1S"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    <T> void anInvalidValueFailsEverySignerAndVerifierWhenCreated(SigningOption<T> option, T value, String message) {
        SigningConfig config = BASE.toBuilder().option(option, value).build();
        for (Function<SigningConfig, Object> create : CREATE) {
            assertEquals(message, assertThrows(IllegalArgumentException.class, () -> create.apply(config))
                    .getMessage());
        }
    }

    @Test
    void aValueOfAnotherTypeIsRefusedWhereItIsSet() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        SigningOption<Object> raw = (SigningOption) V2Options.CNAME_BUCKETS;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BASE.toBuilder().option(raw, "false"));
        assertEquals("option 'sigv2.cnameBuckets': must be a java.lang.Boolean, was a java.lang.String",
                e.getMessage());
    }
}
