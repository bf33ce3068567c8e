package dev.awssig.devpay;

import static dev.awssig.devpay.DevPayTokensTest.assertNoToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.PresignedUrl;
import dev.awssig.Presigner;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.Signer;
import dev.awssig.SignerLookupException;
import dev.awssig.Signers;
import dev.awssig.SigningConfig;
import dev.awssig.SigningOption;
import dev.awssig.VerificationResult;
import dev.awssig.Verifier;
import dev.awssig.devpay.internal.DevPaySigV2Provider;
import dev.awssig.devpay.internal.DevPaySigV4Provider;
import dev.awssig.spi.SignerProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class DevPayProviderTest {
    private static final Credentials PRODUCT_KEYS = Credentials.of("AKIDEXAMPLE", "secret/KEY+example");
    private static final SignableRequest GET = SignableRequest.builder().method("GET")
            .uri("https://johnsmith.s3.amazonaws.com/photos/puppy.jpg").build();

    /** An inner provider built on the fake, recording the configs it was given. */
    static final class FakeProvider implements SignerProvider {
        final String algorithm;
        final List<SigningConfig> configs = new ArrayList<>();
        final List<Credentials> resolved = new ArrayList<>();

        FakeProvider(String algorithm) {
            this.algorithm = algorithm;
        }

        @Override
        public String algorithm() {
            return algorithm;
        }

        @Override
        public Signer signer(SigningConfig config) {
            configs.add(config);
            return new Signer() {
                @Override
                public String algorithm() {
                    return algorithm;
                }

                @Override
                public SignedRequest sign(SignableRequest request) {
                    resolved.add(config.requireCredentialsProvider().resolveCredentials());
                    return FakeSigner.named(algorithm).sign(request);
                }
            };
        }

        @Override
        public Optional<Presigner> presigner(SigningConfig config) {
            configs.add(config);
            return Optional.of(FakeSigner.named(algorithm));
        }

        @Override
        public Optional<Verifier> verifier(SigningConfig config) {
            configs.add(config);
            return Optional.of(new Verifier() {
                @Override
                public String algorithm() {
                    return algorithm;
                }

                @Override
                public VerificationResult verify(SignableRequest request, SecretLookup secrets, Instant now) {
                    return VerificationResult.success("AKIDEXAMPLE", null, null);
                }
            });
        }
    }

    private static SigningConfig.Builder config() {
        return SigningConfig.builder().credentials(PRODUCT_KEYS).region("us-east-1").service("s3")
                .clock(Clock.fixed(FakeSigner.NOW, ZoneOffset.UTC));
    }

    @Test
    void bothProvidersAreDiscoveredByName() {
        List<String> names = Signers.discover().algorithms();
        assertTrue(names.contains("DEVPAY+AWS4-HMAC-SHA256"), names.toString());
        assertTrue(names.contains("DEVPAY+AWS-S3-V2"), names.toString());
        List<String> loaded = new ArrayList<>();
        for (SignerProvider p : ServiceLoader.load(SignerProvider.class)) {
            loaded.add(p.getClass().getName());
        }
        assertTrue(loaded.contains(DevPaySigV4Provider.class.getName()), loaded.toString());
        assertTrue(loaded.contains(DevPaySigV2Provider.class.getName()), loaded.toString());
    }

    @Test
    void signerByNameAddsTheHeaderAndGivesTheInnerProviderNoTokens() {
        FakeProvider inner = new FakeProvider(Algorithms.SIGV4);
        Signers registry = Signers.of(inner, new DevPaySigV4Provider(() -> Signers.of(inner)));
        SigningConfig cfg = config().option(DevPayOptions.USER_TOKEN, TestTokens.USER)
                .option(DevPayOptions.PRODUCT_TOKEN, TestTokens.PRODUCT).build();
        Signer signer = registry.signer(Algorithms.devpay(Algorithms.SIGV4), cfg);

        assertEquals("DEVPAY+AWS4-HMAC-SHA256", signer.algorithm());
        SignedRequest signed = signer.sign(GET);
        assertEquals(List.of(TestTokens.USER + "," + TestTokens.PRODUCT),
                signed.request().headers().values("x-amz-security-token"));
        SigningConfig given = inner.configs.get(0);
        assertTrue(given.option(DevPayOptions.USER_TOKEN).isEmpty());
        assertTrue(given.option(DevPayOptions.PRODUCT_TOKEN).isEmpty());
        assertEquals(cfg.region(), given.region());
        assertEquals(cfg.clock(), given.clock());
        assertEquals(List.of(PRODUCT_KEYS), inner.resolved);
    }

    @Test
    void optionsAreFoundByNameAlone() {
        FakeProvider inner = new FakeProvider(Algorithms.SIGV2_S3);
        SignerProvider devpay = new DevPaySigV2Provider(() -> Signers.of(inner));
        SigningConfig cfg = config().option(SigningOption.of("devpay.userToken", String.class), TestTokens.USER).build();
        SignedRequest signed = devpay.signer(cfg).sign(GET);
        assertEquals(List.of(TestTokens.USER), signed.request().headers().values("x-amz-security-token"));
    }

    @Test
    void presignerByNameAddsTheQueryParameter() {
        FakeProvider inner = new FakeProvider(Algorithms.SIGV2_S3);
        SignerProvider devpay = new DevPaySigV2Provider(() -> Signers.of(inner));
        Presigner p = devpay.presigner(config().option(DevPayOptions.USER_TOKEN, TestTokens.USER).build()).orElseThrow();
        PresignedUrl url = p.presign(GET, Duration.ofMinutes(5));
        assertTrue(url.url().contains("?x-amz-security-token=" + TestTokens.USER_ENCODED + "&"), url.url());
    }

    @Test
    void presignerWithAProductTokenIsRefused() {
        FakeProvider inner = new FakeProvider(Algorithms.SIGV4);
        SignerProvider devpay = new DevPaySigV4Provider(() -> Signers.of(inner));
        SigningConfig cfg = config().option(DevPayOptions.USER_TOKEN, TestTokens.USER)
                .option(DevPayOptions.PRODUCT_TOKEN, TestTokens.PRODUCT).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> devpay.presigner(cfg));
        assertTrue(e.getMessage().contains("RefreshUserToken"));
        assertNoToken(e.getMessage());
    }

    @Test
    void missingUserTokenIsRefusedNamingTheOption() {
        FakeProvider inner = new FakeProvider(Algorithms.SIGV4);
        SignerProvider devpay = new DevPaySigV4Provider(() -> Signers.of(inner));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> devpay.signer(config().build()));
        assertTrue(e.getMessage().startsWith("devpay.userToken: "), e.getMessage());
    }

    @Test
    void malformedTokenOptionIsRefusedNamingTheOption() {
        FakeProvider inner = new FakeProvider(Algorithms.SIGV4);
        SignerProvider devpay = new DevPaySigV4Provider(() -> Signers.of(inner));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> devpay.signer(config()
                .option(DevPayOptions.USER_TOKEN, TestTokens.USER).option(DevPayOptions.PRODUCT_TOKEN, "ab\r\ncd").build()));
        assertTrue(e.getMessage().startsWith("devpay.productToken: "), e.getMessage());
    }

    @Test
    void sessionCredentialsAreRefusedWhenSigning() {
        FakeProvider inner = new FakeProvider(Algorithms.SIGV4);
        SignerProvider devpay = new DevPaySigV4Provider(() -> Signers.of(inner));
        Signer signer = devpay.signer(config().credentials(Credentials.of("ASIAEXAMPLE", "secret", "SESSIONTOKEN123"))
                .option(DevPayOptions.USER_TOKEN, TestTokens.USER).build());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> signer.sign(GET));
        assertTrue(e.getMessage().startsWith("credentials: carry a session token"), e.getMessage());
        assertFalse(e.getMessage().contains("SESSIONTOKEN123"));
        assertFalse(e.getMessage().contains("secret"));
        assertNoToken(e.getMessage());
    }

    @Test
    void verifierByNameRequiresAToken() {
        FakeProvider inner = new FakeProvider(Algorithms.SIGV2_S3);
        SignerProvider devpay = new DevPaySigV2Provider(() -> Signers.of(inner));
        Verifier v = devpay.verifier(SigningConfig.builder().build()).orElseThrow();
        assertEquals("DEVPAY+AWS-S3-V2", v.algorithm());
        assertFalse(v.verify(GET, id -> Optional.empty(), FakeSigner.NOW).isValid());
        assertTrue(v.verify(GET.toBuilder().header("x-amz-security-token", TestTokens.USER).build(),
                id -> Optional.empty(), FakeSigner.NOW).isValid());
    }

    @Test
    void missingInnerProviderIsReportedByTheLookup() {
        SignerProvider devpay = new DevPaySigV4Provider(Signers::of);
        SigningConfig cfg = config().option(DevPayOptions.USER_TOKEN, TestTokens.USER).build();
        SignerLookupException e = assertThrows(SignerLookupException.class, () -> devpay.signer(cfg));
        assertTrue(e.getMessage().contains("AWS4-HMAC-SHA256"), e.getMessage());
    }

    @Test
    void configDescriptionRedactsTheTokens() {
        SigningConfig cfg = DevPayOptions.apply(config(), DevPayTokens.legacy(TestTokens.USER, TestTokens.PRODUCT)).build();
        assertNoToken(cfg.toString());
        assertEquals(DevPayTokens.legacy(TestTokens.USER, TestTokens.PRODUCT), DevPayOptions.tokens(cfg));
        assertEquals(DevPayTokens.of(TestTokens.USER),
                DevPayOptions.tokens(DevPayOptions.apply(config(), DevPayTokens.of(TestTokens.USER)).build()));
        assertTrue(DevPayOptions.USER_TOKEN.isSensitive());
        assertTrue(DevPayOptions.PRODUCT_TOKEN.isSensitive());
    }
}
