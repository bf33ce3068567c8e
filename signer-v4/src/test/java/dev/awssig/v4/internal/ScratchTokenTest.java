package dev.awssig.v4.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Credentials;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.internal.UriEncoding;
import dev.awssig.v4.SessionTokenPlacement;
import dev.awssig.v4.SigV4Options;
import dev.awssig.v4.SigV4Signer;
import dev.awssig.v4.SigV4Verifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What must not outlive a signature, a presign or a verification stays nowhere in the thread's
 * scratch: neither as a reference (header values, the signer's own headers, presign parameters)
 * nor as bytes in any of its buffers (canonical request, string to sign, Authorization value,
 * URL, cached UTF-8 forms), over their whole capacity, after the call and after later calls
 * without a token. Names and other values stay (reused by the next call, see {@link Scratch#set}).
 */
class ScratchTokenTest {
    private static final String TOKEN = "FwoGZXIvYXdzEXAMPLE/session+token=";
    private static final String SSE_C_KEY = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private static final String COPY_SSE_C_KEY = "Q09QWVNPVVJDRUtFWTAxMjM0NTY3ODlhYmNkZWYwMTI=";
    private static final Instant NOW = Instant.parse("2013-05-24T00:00:00Z");
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    private static SigV4Signer signer(String token, SessionTokenPlacement placement) {
        return SigV4Signer.create(SigningConfig.builder()
                .credentials(token == null ? Credentials.of("AKIDEXAMPLE", SECRET)
                        : Credentials.of("AKIDEXAMPLE", SECRET, token))
                .region("us-east-1").service("s3")
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .option(SigV4Options.SESSION_TOKEN_PLACEMENT, placement)
                .build());
    }

    private static SignableRequest request() {
        return SignableRequest.builder().method("GET")
                .uri("https://examplebucket.s3.amazonaws.com/test.txt").header("Range", "bytes=0-9").build();
    }

    @ParameterizedTest
    @EnumSource(SessionTokenPlacement.class)
    void noSessionTokenStaysOnTheThreadAfterSigningOrPresigning(SessionTokenPlacement placement) {
        SigV4Signer signer = signer(TOKEN, placement);
        SignedRequest signed = signer.sign(request());
        assertEquals(TOKEN, signed.request().headers().firstValue("X-Amz-Security-Token").orElseThrow());
        assertNothingKept("after signing", TOKEN);
        assertTrue(signed.canonicalRequest().contains(TOKEN) == (placement == SessionTokenPlacement.SIGNED));
        assertNothingKept("after explaining a signature", TOKEN);
        assertTrue(signer.presign(request(), Duration.ofMinutes(5)).url().contains("X-Amz-Security-Token="));
        assertNothingKept("after presigning", TOKEN);
        // the URL buffer used to keep the token after a later signature without one
        SigV4Signer plain = signer(null, placement);
        plain.presign(request(), Duration.ofMinutes(5));
        plain.sign(request());
        assertNothingKept("after later signatures without a token", TOKEN);
    }

    @Test
    void aTokenTheRequestCarriesAsAHeaderDoesNotStayEither() {
        SigV4Signer signer = signer(null, SessionTokenPlacement.SIGNED);
        SignableRequest request = request().toBuilder().header("X-Amz-Security-Token", TOKEN).build();
        assertEquals(TOKEN, signer.sign(request).request().headers().firstValue("X-Amz-Security-Token").orElseThrow());
        assertNothingKept("after signing a request that carried it", TOKEN);
        signer.presign(request, Duration.ofMinutes(5));
        assertNothingKept("after presigning a request that carried it", TOKEN);
    }

    @Test
    void ssecKeysDoNotStayAfterSigningOrPresigning() {
        SignableRequest request = request().toBuilder()
                .header("x-amz-server-side-encryption-customer-algorithm", "AES256")
                .header("x-amz-server-side-encryption-customer-key", SSE_C_KEY)
                .header("x-amz-copy-source-server-side-encryption-customer-key", COPY_SSE_C_KEY).build();
        SigV4Signer signer = signer(null, SessionTokenPlacement.SIGNED);
        signer.sign(request);
        assertNothingKept("after signing", SSE_C_KEY, COPY_SSE_C_KEY);
        signer.presign(request, Duration.ofMinutes(5));
        assertNothingKept("after presigning", SSE_C_KEY, COPY_SSE_C_KEY);
    }

    @Test
    void whatAClientSentDoesNotStayAfterVerification() {
        SigV4Signer signer = signer(TOKEN, SessionTokenPlacement.SIGNED);
        SignableRequest request = request().toBuilder()
                .header("x-amz-server-side-encryption-customer-key", SSE_C_KEY).build();
        SecretLookup secrets = SecretLookup.of(Credentials.of("AKIDEXAMPLE", SECRET));
        SigV4Verifier verifier = SigV4Verifier.create(SigningConfig.builder().build());
        SignableRequest signed = signer.sign(request).request();
        VerificationResult ok = verifier.verify(signed, secrets, NOW);
        assertTrue(ok.isValid(), ok::toString);
        assertNothingKept("after verifying a signed request", TOKEN, SSE_C_KEY);
        VerificationResult bad = verifier.verify(signed.toBuilder().method("PUT").build(), secrets, NOW);
        assertFalse(bad.isValid());
        assertNothingKept("after refusing a signed request", TOKEN, SSE_C_KEY);
        dev.awssig.PresignedUrl url = signer.presign(request(), Duration.ofMinutes(5));
        SignableRequest presigned = SignableRequest.builder().method("GET").uri(url.url())
                .headers(url.signedHeaders()).build();
        VerificationResult viaUrl = verifier.verify(presigned, secrets, NOW);
        assertTrue(viaUrl.isValid(), viaUrl::toString);
        assertNothingKept("after verifying a presigned request", TOKEN);
    }

    /**
     * A signature that fails half-way (here on a header value that is not well-formed text)
     * returns the scratch like any other: its marks of the entries the signer replaces do not
     * make the next signature on the thread drop entries of another request.
     */
    @Test
    void aFailedSignatureLeavesNothingBehindForTheNext() {
        SigV4Signer signer = signer(TOKEN, SessionTokenPlacement.SIGNED);
        SignableRequest bad = request().toBuilder().header("X-Amz-Date", "20130524T000000Z")
                .header("x-amz-meta-note", "caf\ud83d").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> signer.sign(bad));
        assertTrue(e.getMessage().startsWith("header 'x-amz-meta-note': "), e.getMessage());
        assertNothingKept("after a failed signature", TOKEN);
        SignableRequest next = SignableRequest.builder().method("GET").uri("https://examplebucket.s3.amazonaws.com/a")
                .header("x-amz-meta-a", "1").header("x-amz-meta-b", "2").build();
        SignedRequest s = signer.sign(next);
        assertEquals("1", s.request().headers().firstValue("x-amz-meta-a").orElseThrow());
        assertEquals("2", s.request().headers().firstValue("x-amz-meta-b").orElseThrow());
    }

    @Test
    void aNestedOpenGetsItsOwnScratch() {
        Scratch outer = Scratch.open();
        try {
            Scratch inner = Scratch.open();
            assertNotSame(outer, inner);
            inner.close();
        } finally {
            outer.close();
        }
        Scratch again = Scratch.open();
        try {
            assertSame(outer, again, "the thread's scratch is lent again once returned");
        } finally {
            again.close();
        }
    }

    /** Every form of the secrets, in every reference array and every byte buffer of the thread's scratch. */
    private static void assertNothingKept(String when, String... secrets) {
        List<byte[]> forms = new ArrayList<>();
        List<String> strings = new ArrayList<>();
        for (String secret : secrets) {
            strings.add(secret);
            strings.add(UriEncoding.encode(secret, false));
        }
        for (String s : strings) {
            forms.add(s.getBytes(StandardCharsets.UTF_8));
        }
        try (Scratch s = Scratch.open()) {
            for (String[] a : new String[][] {s.names, s.values, s.oName, s.oLower, s.oValue, s.qn, s.qv,
                s.bytesKey}) {
                for (String secret : strings) {
                    assertFalse(Arrays.asList(a).contains(secret), "kept as a reference " + when);
                }
            }
            List<byte[]> buffers = new ArrayList<>(List.of(s.creq.buf, s.sts.buf, s.auth.buf, s.url.buf));
            for (byte[] cached : s.bytesValue) {
                if (cached != null) {
                    buffers.add(cached);
                }
            }
            for (byte[] buffer : buffers) {
                for (byte[] form : forms) {
                    assertEquals(-1, indexOf(buffer, form), "kept as bytes in a buffer " + when);
                }
            }
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
