package dev.awssig.devpay;

import static dev.awssig.devpay.DevPayTokensTest.assertNoToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Algorithms;
import dev.awssig.AuthError;
import dev.awssig.Credentials;
import dev.awssig.CredentialsProviders;
import dev.awssig.Headers;
import dev.awssig.Payload;
import dev.awssig.PresignedUrl;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.Signer;
import dev.awssig.Signers;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.Verifier;
import dev.awssig.devpay.internal.SecurityToken;
import dev.awssig.v2.S3V2Signer;
import dev.awssig.v2.S3V2Verifier;
import dev.awssig.v4.SigV4Signer;
import dev.awssig.v4.SigV4Verifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Round trips through the real signers and verifiers of signer-v2 and signer-v4: for each mode,
 * the decorated request verifies, an altered or removed token does not, and the token is exactly
 * where the DevPay rules put it and nowhere else.
 */
class DevPayRoundTripTest {
    static final Credentials PRODUCT_KEYS =
            Credentials.of("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    static final SecretLookup SECRETS = SecretLookup.of(PRODUCT_KEYS);
    static final Instant NOW = Instant.parse("2026-11-24T01:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String ALTERED_USER = "{UserToken}BA4PXRKl+mJ/8bQ=Kczh==";

    static SigningConfig config() {
        return SigningConfig.builder().credentials(PRODUCT_KEYS).region("us-east-1").service("s3").clock(CLOCK).build();
    }

    static SignableRequest put() {
        return SignableRequest.builder().method("PUT")
                .uri("https://johnsmith.s3.amazonaws.com/photos/puppy.jpg")
                .header("Content-Type", "image/jpeg")
                .header("x-amz-meta-uuid", "14365123651274")
                .payload(Payload.ofBytes("woof".getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    static SignableRequest puppy() {
        return SignableRequest.builder().method("GET").uri("https://johnsmith.s3.amazonaws.com/photos/puppy.jpg").build();
    }

    /** The request a server receives for a presigned URL: the URL, plus the headers that were signed. */
    static SignableRequest received(PresignedUrl url) {
        SignableRequest.Builder b = SignableRequest.builder().method(url.method()).uri(url.url());
        for (Headers.Header h : url.signedHeaders().entries()) {
            if (!h.name().equalsIgnoreCase("host")) {
                b.header(h.name(), h.value());
            }
        }
        return b.build();
    }

    /** A raw query with every token parameter's value replaced ({@code null}: the parameter removed). */
    static String replaceTokenParameter(String rawQuery, String newEncodedValue) {
        StringBuilder sb = new StringBuilder();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            if (name.equalsIgnoreCase(SecurityToken.NAME)) {
                if (newEncodedValue == null) {
                    continue;
                }
                pair = name + '=' + newEncodedValue;
            }
            sb.append(sb.length() == 0 ? "" : "&").append(pair);
        }
        return sb.toString();
    }

    /** One way of carrying the token, with its real signer and verifier. */
    enum Mode {
        V2_HEADER(Algorithms.SIGV2_S3, false),
        V2_PRESIGNED(Algorithms.SIGV2_S3, true),
        V4_HEADER(Algorithms.SIGV4, false),
        V4_PRESIGNED(Algorithms.SIGV4, true);

        final String algorithm;
        final boolean presigned;

        Mode(String algorithm, boolean presigned) {
            this.algorithm = algorithm;
            this.presigned = presigned;
        }

        Verifier innerVerifier() {
            return Algorithms.SIGV4.equals(algorithm)
                    ? SigV4Verifier.create(SigningConfig.builder().region("us-east-1").service("s3").build())
                    : S3V2Verifier.create();
        }

        /** Signs or presigns with the real signer under the decorator; returns what the server receives. */
        SignableRequest send(DevPayTokens tokens) {
            if (presigned) {
                Function<SigningConfig, SigV4Signer> v4 = SigV4Signer::create;
                Function<SigningConfig, S3V2Signer> v2 = S3V2Signer::create;
                PresignedUrl url = Algorithms.SIGV4.equals(algorithm)
                        ? DevPay.presigner(v4, config(), tokens).presign(puppy(), Duration.ofMinutes(10))
                        : DevPay.presigner(v2, config(), tokens).presign(puppy(), Duration.ofMinutes(10));
                return received(url);
            }
            Function<SigningConfig, SigV4Signer> v4 = SigV4Signer::create;
            Function<SigningConfig, S3V2Signer> v2 = S3V2Signer::create;
            Signer signer = Algorithms.SIGV4.equals(algorithm) ? DevPay.signer(v4, config(), tokens)
                    : DevPay.signer(v2, config(), tokens);
            return signer.sign(put()).request();
        }

        /** Signs with the plain inner signer, without DevPay. */
        SignableRequest innerSign() {
            Signer s = Algorithms.SIGV4.equals(algorithm) ? SigV4Signer.create(config()) : S3V2Signer.create(config());
            return s.sign(put()).request();
        }

        SignableRequest withToken(SignableRequest r, String value) {
            if (presigned) {
                return r.toBuilder().rawQuery(replaceTokenParameter(r.rawQuery().orElseThrow(),
                        value == null ? null : dev.awssig.internal.UriEncoding.encode(value, false))).build();
            }
            return value == null ? r.toBuilder().removeHeader(SecurityToken.NAME).build()
                    : r.toBuilder().setHeader(SecurityToken.NAME, value).build();
        }
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void verifierAcceptsTheDecoratedRequest(Mode mode) {
        SignableRequest r = mode.send(DevPayTokens.of(TestTokens.USER));
        VerificationResult inner = mode.innerVerifier().verify(r, SECRETS, NOW);
        assertTrue(inner.isValid(), inner::toString);
        VerificationResult devpay = DevPay.verifier(mode.innerVerifier()).verify(r, SECRETS, NOW);
        assertTrue(devpay.isValid(), devpay::toString);
        assertEquals(Optional.of(PRODUCT_KEYS.accessKeyId()), devpay.accessKeyId());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void verifierRejectsAnAlteredToken(Mode mode) {
        SignableRequest r = mode.withToken(mode.send(DevPayTokens.of(TestTokens.USER)), ALTERED_USER);
        VerificationResult inner = mode.innerVerifier().verify(r, SECRETS, NOW);
        assertEquals(Optional.of(AuthError.SIGNATURE_DOES_NOT_MATCH), inner.error(), inner::toString);
        assertFalse(DevPay.verifier(mode.innerVerifier()).verify(r, SECRETS, NOW).isValid());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void verifierRejectsARemovedToken(Mode mode) {
        SignableRequest r = mode.withToken(mode.send(DevPayTokens.of(TestTokens.USER)), null);
        assertTrue(SecurityToken.queryValues(r.rawQuery().orElse(null)).isEmpty());
        assertFalse(r.headers().contains(SecurityToken.NAME));
        VerificationResult inner = mode.innerVerifier().verify(r, SECRETS, NOW);
        assertFalse(inner.isValid(), inner::toString);
        VerificationResult devpay = DevPay.verifier(mode.innerVerifier()).verify(r, SECRETS, NOW);
        assertFalse(devpay.isValid(), devpay::toString);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void tokenIsExactlyWhereTheRulesPutItAndNowhereElse(Mode mode) {
        SignableRequest r = mode.send(DevPayTokens.of(TestTokens.USER));
        String uri = r.uri();
        StringBuilder otherHeaders = new StringBuilder();
        for (Headers.Header h : r.headers().entries()) {
            if (!h.name().equalsIgnoreCase(SecurityToken.NAME)) {
                otherHeaders.append(h.name()).append(':').append(h.value()).append('\n');
            }
        }
        assertNoToken(otherHeaders.toString());
        if (mode.presigned) {
            // the user token only, once, as the query parameter, percent-encoded; no header
            assertFalse(r.headers().contains(SecurityToken.NAME));
            assertEquals(List.of(TestTokens.USER), SecurityToken.queryValues(r.rawQuery().orElseThrow()));
            String expectedName = SecurityToken.queryName(mode.algorithm);
            assertTrue(uri.contains(expectedName + '=' + TestTokens.USER_ENCODED), uri);
            assertEquals(uri.indexOf(TestTokens.USER_ENCODED), uri.lastIndexOf(TestTokens.USER_ENCODED), uri);
            assertFalse(uri.contains(TestTokens.USER), uri);
        } else {
            // the header, once; nothing in the URL
            assertEquals(List.of(TestTokens.USER), r.headers().values(SecurityToken.NAME));
            assertNoToken(uri);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"V2_HEADER", "V4_HEADER"})
    void legacyTokensTravelAsUserCommaProductAndBothAreSigned(Mode mode) {
        DevPayTokens legacy = DevPayTokens.legacy(TestTokens.USER, TestTokens.PRODUCT);
        SignableRequest r = mode.send(legacy);
        assertEquals(List.of(TestTokens.USER + "," + TestTokens.PRODUCT), r.headers().values(SecurityToken.NAME));
        assertNoToken(r.uri());
        assertTrue(DevPay.verifier(mode.innerVerifier()).verify(r, SECRETS, NOW).isValid());
        SignableRequest alteredProduct = mode.withToken(r, TestTokens.USER + "," + TestTokens.PRODUCT + "x");
        assertEquals(Optional.of(AuthError.SIGNATURE_DOES_NOT_MATCH),
                mode.innerVerifier().verify(alteredProduct, SECRETS, NOW).error());
        SignableRequest userOnly = mode.withToken(r, TestTokens.USER);
        assertEquals(Optional.of(AuthError.SIGNATURE_DOES_NOT_MATCH),
                mode.innerVerifier().verify(userOnly, SECRETS, NOW).error());
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"V2_PRESIGNED", "V4_PRESIGNED"})
    void presigningWithLegacyTokensIsRefused(Mode mode) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> mode.send(DevPayTokens.legacy(TestTokens.USER, TestTokens.PRODUCT)));
        assertTrue(e.getMessage().contains("RefreshUserToken"), e.getMessage());
        assertNoToken(e.getMessage());
    }

    @Test
    void sigV2PresignedStringToSignHasTheDecodedTokenAsAHeaderLine() {
        PresignedUrl url = DevPay.presigner(S3V2Signer.create(config()), DevPayTokens.of(TestTokens.USER))
                .presign(puppy(), Duration.ofMinutes(10));
        long expires = NOW.getEpochSecond() + 600;
        assertEquals("GET\n\n\n" + expires + "\nx-amz-security-token:" + TestTokens.USER + "\n/johnsmith/photos/puppy.jpg",
                url.stringToSign());
    }

    @Test
    void sigV4PresignedCanonicalQueryHasTheEncodedToken() {
        PresignedUrl url = DevPay.presigner(SigV4Signer.create(config()), DevPayTokens.of(TestTokens.USER))
                .presign(puppy(), Duration.ofMinutes(10));
        String canonicalQuery = url.canonicalRequest().split("\n")[2];
        assertTrue(canonicalQuery.contains("&X-Amz-Security-Token=" + TestTokens.USER_ENCODED + "&"), canonicalQuery);
    }

    @Test
    void sigV4HeaderIsListedInTheSignedHeaders() {
        SignedRequest signed = DevPay.signer(SigV4Signer.create(config()), DevPayTokens.of(TestTokens.USER)).sign(put());
        assertTrue(signed.signedHeaders().contains(SecurityToken.NAME), signed.signedHeaders()::toString);
        assertTrue(signed.canonicalRequest().contains("\nx-amz-security-token:" + TestTokens.USER + "\n"));
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"V2_HEADER", "V4_HEADER"})
    void providersByNameSignExactlyAsTheConstructedDecorator(Mode mode) {
        SigningConfig cfg = DevPayOptions.apply(config().toBuilder(), DevPayTokens.of(TestTokens.USER)).build();
        Signers signers = Signers.discover();
        SignedRequest byName = signers.signer(Algorithms.devpay(mode.algorithm), cfg).sign(put());
        assertEquals(mode.send(DevPayTokens.of(TestTokens.USER)), byName.request());
        Verifier verifier = signers.verifier(Algorithms.devpay(mode.algorithm),
                SigningConfig.builder().region("us-east-1").service("s3").build());
        assertTrue(verifier.verify(byName.request(), SECRETS, NOW).isValid());
        assertEquals(Optional.of(AuthError.MISSING_SECURITY_HEADER),
                verifier.verify(mode.innerSign(), SECRETS, NOW).error());
    }

    @ParameterizedTest
    @EnumSource(value = Mode.class, names = {"V2_PRESIGNED", "V4_PRESIGNED"})
    void presignersByNamePresignExactlyAsTheConstructedDecorator(Mode mode) {
        SigningConfig cfg = DevPayOptions.apply(config().toBuilder(), DevPayTokens.of(TestTokens.USER)).build();
        PresignedUrl byName = Signers.discover().presigner(Algorithms.devpay(mode.algorithm), cfg)
                .presign(puppy(), Duration.ofMinutes(10));
        assertEquals(mode.send(DevPayTokens.of(TestTokens.USER)), received(byName));
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void sessionCredentialsAreRefusedWithAClearMessage(Mode mode) {
        SigningConfig session = config().toBuilder()
                .credentials(Credentials.of("ASIAEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "SESSIONTOKEN123"))
                .build();
        DevPayTokens tokens = DevPayTokens.of(TestTokens.USER);
        IllegalStateException e;
        if (mode.presigned) {
            e = assertThrows(IllegalStateException.class, () -> (Algorithms.SIGV4.equals(mode.algorithm)
                    ? DevPay.presigner(SigV4Signer::create, session, tokens)
                    : DevPay.presigner(S3V2Signer::create, session, tokens)).presign(puppy(), Duration.ofMinutes(1)));
        } else {
            e = assertThrows(IllegalStateException.class, () -> (Algorithms.SIGV4.equals(mode.algorithm)
                    ? DevPay.signer(SigV4Signer::create, session, tokens)
                    : DevPay.signer(S3V2Signer::create, session, tokens)).sign(put()));
        }
        assertTrue(e.getMessage().contains("session token"), e.getMessage());
        assertFalse(e.getMessage().contains("SESSIONTOKEN123"), e.getMessage());
        assertNoToken(e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void sessionCredentialsAreRefusedThroughTheSpiToo(Mode mode) {
        SigningConfig session = DevPayOptions.apply(config().toBuilder()
                .credentials(Credentials.of("ASIAEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "SESSIONTOKEN123")),
                DevPayTokens.of(TestTokens.USER)).build();
        Signers signers = Signers.discover();
        String name = Algorithms.devpay(mode.algorithm);
        IllegalStateException e = assertThrows(IllegalStateException.class, mode.presigned
                ? () -> signers.presigner(name, session).presign(puppy(), Duration.ofMinutes(1))
                : () -> signers.signer(name, session).sign(put()));
        assertTrue(e.getMessage().startsWith("credentials: carry a session token"), e.getMessage());
        assertFalse(e.getMessage().contains("SESSIONTOKEN123"), e.getMessage());
        assertNoToken(e.getMessage());
    }

    @Test
    void sigV4SignerWithSessionCredentialsIsCaughtEvenWhenConstructedUnguarded() {
        SigningConfig session = config().toBuilder()
                .credentials(Credentials.of("ASIAEXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "SESSIONTOKEN123"))
                .build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> DevPay.signer(SigV4Signer.create(session), DevPayTokens.of(TestTokens.USER)).sign(put()));
        assertTrue(e.getMessage().contains("session token"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> DevPay.presigner(SigV4Signer.create(session),
                DevPayTokens.of(TestTokens.USER)).presign(puppy(), Duration.ofMinutes(1)));
    }

    @Test
    void credentialsProviderGuardIsAppliedOnce() {
        var guarded = DevPay.withoutSessionToken(CredentialsProviders.of(PRODUCT_KEYS));
        assertEquals(guarded, DevPay.withoutSessionToken(guarded));
        assertEquals(PRODUCT_KEYS, guarded.resolveCredentials());
    }
}
