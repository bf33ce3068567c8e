package dev.awssig.v4.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.awssig.Credentials;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.v4.SessionTokenPlacement;
import dev.awssig.v4.SigV4Options;
import dev.awssig.v4.SigV4Signer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The per-thread scratch keeps the last signature's header names and values (so the next one
 * need not store them again) but never the session token, in any placement, after signing or
 * presigning.
 */
class ScratchTokenTest {
    private static final String TOKEN = "FwoGZXIvYXdzEXAMPLE/session+token=";

    @ParameterizedTest
    @EnumSource(SessionTokenPlacement.class)
    void noSessionTokenStaysOnTheThreadAfterSigningOrPresigning(SessionTokenPlacement placement) {
        SigV4Signer signer = SigV4Signer.create(SigningConfig.builder()
                .credentials(Credentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", TOKEN))
                .region("us-east-1").service("s3")
                .clock(Clock.fixed(Instant.parse("2013-05-24T00:00:00Z"), ZoneOffset.UTC))
                .option(SigV4Options.SESSION_TOKEN_PLACEMENT, placement)
                .build());
        SignableRequest request = SignableRequest.builder().method("GET")
                .uri("https://examplebucket.s3.amazonaws.com/test.txt").header("Range", "bytes=0-9").build();

        assertEquals(TOKEN, signer.sign(request).request().headers().firstValue("X-Amz-Security-Token").orElseThrow());
        assertNoToken("after signing");
        signer.presign(request, Duration.ofMinutes(5));
        assertNoToken("after presigning");
    }

    @org.junit.jupiter.api.Test
    void aTokenTheRequestCarriesAsAHeaderDoesNotStayEither() {
        SigV4Signer signer = SigV4Signer.create(SigningConfig.builder()
                .credentials(Credentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"))
                .region("us-east-1").service("s3")
                .clock(Clock.fixed(Instant.parse("2013-05-24T00:00:00Z"), ZoneOffset.UTC))
                .build());
        SignableRequest request = SignableRequest.builder().method("GET")
                .uri("https://examplebucket.s3.amazonaws.com/test.txt").header("X-Amz-Security-Token", TOKEN).build();

        assertEquals(TOKEN, signer.sign(request).request().headers().firstValue("X-Amz-Security-Token").orElseThrow());
        assertNoToken("after signing a request that carried it");
        signer.presign(request, Duration.ofMinutes(5));
        assertNoToken("after presigning a request that carried it");
    }

    private static void assertNoToken(String when) {
        Scratch s = Scratch.get();
        String encoded = dev.awssig.internal.UriEncoding.encode(TOKEN, false);
        for (String[] a : new String[][] {s.names, s.values, s.oName, s.oLower, s.oValue, s.qn, s.qv}) {
            assertFalse(Arrays.asList(a).contains(TOKEN), "session token kept on the thread " + when);
            assertFalse(Arrays.asList(a).contains(encoded), "encoded session token kept on the thread " + when);
        }
    }
}
