package dev.awssig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.spi.SignerProvider;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Lookup rules of {@link Signers}, over providers wired by hand. */
class SignersTest {
    private static final SigningConfig CONFIG = SigningConfig.builder().region("us-east-1").service("s3").build();

    /** A provider of a given name whose signer reports that name. */
    public static class NamedProvider implements SignerProvider {
        private final String name;

        NamedProvider(String name) {
            this.name = name;
        }

        @Override
        public String algorithm() {
            return name;
        }

        @Override
        public Signer signer(SigningConfig config) {
            return new Signer() {
                @Override
                public String algorithm() {
                    return name;
                }

                @Override
                public SignedRequest sign(SignableRequest request) {
                    throw new UnsupportedOperationException("not needed by these tests");
                }
            };
        }
    }

    /** A second class for the same name, so the duplicate message can name both. */
    public static class OtherProvider extends NamedProvider {
        OtherProvider(String name) {
            super(name);
        }
    }

    /** A provider with a presigner and a verifier. */
    public static class FullProvider extends NamedProvider {
        FullProvider(String name) {
            super(name);
        }

        @Override
        public Optional<Presigner> presigner(SigningConfig config) {
            return Optional.of(new Presigner() {
                @Override
                public String algorithm() {
                    return FullProvider.this.algorithm();
                }

                @Override
                public PresignedUrl presign(SignableRequest request, java.time.Duration expiresIn) {
                    throw new UnsupportedOperationException("not needed by these tests");
                }
            });
        }

        @Override
        public Optional<Verifier> verifier(SigningConfig config) {
            return Optional.of(new Verifier() {
                @Override
                public String algorithm() {
                    return FullProvider.this.algorithm();
                }

                @Override
                public VerificationResult verify(SignableRequest request, SecretLookup secrets,
                        java.time.Instant now) {
                    return VerificationResult.failure(AuthError.ACCESS_DENIED, "no");
                }
            });
        }
    }

    @Test
    void lookupByName() {
        NamedProvider v4 = new NamedProvider(Algorithms.SIGV4);
        NamedProvider v2 = new NamedProvider(Algorithms.SIGV2_S3);
        Signers signers = Signers.of(v4, v2);
        assertSame(v4, signers.provider("AWS4-HMAC-SHA256"));
        assertSame(v2, signers.provider("AWS-S3-V2"));
        assertEquals("AWS4-HMAC-SHA256", signers.signer(Algorithms.SIGV4, CONFIG).algorithm());
        assertEquals(List.of("AWS-S3-V2", "AWS4-HMAC-SHA256"), signers.algorithms(), "sorted");
        assertEquals("Signers[AWS-S3-V2, AWS4-HMAC-SHA256]", signers.toString());
    }

    @Test
    void unknownNameListsWhatWasFound() {
        Signers signers = Signers.of(new NamedProvider(Algorithms.SIGV2_S3), new NamedProvider(Algorithms.SIGV2_QUERY));
        SignerLookupException e = assertThrows(SignerLookupException.class, () -> signers.provider("AWS4-HMAC-SHA256"));
        assertTrue(e.getMessage().startsWith("No signer provider for algorithm 'AWS4-HMAC-SHA256'. Found: "
                + "[AWS-QUERY-V2, AWS-S3-V2]."), e.getMessage());
        assertTrue(e.getMessage().contains("signer-v4"), e.getMessage());
        assertThrows(SignerLookupException.class, () -> signers.signer("nope", CONFIG));
        assertThrows(SignerLookupException.class, () -> Signers.of().provider(Algorithms.SIGV4));
    }

    @Test
    void twoProvidersForOneNameIsAnErrorNamingBothClasses() {
        Signers signers = Signers.of(new NamedProvider("X-ALG"), new OtherProvider("X-ALG"),
                new NamedProvider("Y-ALG"));
        SignerLookupException e = assertThrows(SignerLookupException.class, () -> signers.provider("X-ALG"));
        assertTrue(e.getMessage().contains(NamedProvider.class.getName()), e.getMessage());
        assertTrue(e.getMessage().contains(OtherProvider.class.getName()), e.getMessage());
        assertTrue(e.getMessage().startsWith("More than one signer provider for algorithm 'X-ALG'"), e.getMessage());
        assertEquals("Y-ALG", signers.signer("Y-ALG", CONFIG).algorithm(), "the other names still work");
    }

    @Test
    void providerWhoseAlgorithmThrowsIsSkipped() {
        SignerProvider broken = new NamedProvider("ignored") {
            @Override
            public String algorithm() {
                throw new IllegalStateException("broken provider");
            }
        };
        SignerProvider linkage = new NamedProvider("ignored") {
            @Override
            public String algorithm() {
                throw new NoClassDefFoundError("some/Missing");
            }
        };
        Signers signers = Signers.of(broken, new NamedProvider("OK"), linkage, new NamedProvider(null),
                new NamedProvider(" "));
        assertEquals(List.of("OK"), signers.algorithms());
    }

    @Test
    void presignerAndVerifierWhenOffered() {
        Signers signers = Signers.of(new FullProvider("FULL"), new NamedProvider("BARE"));
        assertEquals("FULL", signers.presigner("FULL", CONFIG).algorithm());
        assertEquals("FULL", signers.verifier("FULL", CONFIG).algorithm());
        assertEquals(false, signers.verifier("FULL", CONFIG).verify(null, null, null).isValid());
        SignerLookupException e = assertThrows(SignerLookupException.class, () -> signers.presigner("BARE", CONFIG));
        assertEquals("Algorithm 'BARE' has no presigned form", e.getMessage());
        e = assertThrows(SignerLookupException.class, () -> signers.verifier("BARE", CONFIG));
        assertEquals("Algorithm 'BARE' has no verifier", e.getMessage());
    }

    @Test
    void algorithmNames() {
        assertEquals("DEVPAY+AWS4-HMAC-SHA256", Algorithms.devpay(Algorithms.SIGV4));
        assertEquals("DEVPAY+AWS-S3-V2", Algorithms.devpay(Algorithms.SIGV2_S3));
        assertEquals("AWS-QUERY-V2", Algorithms.SIGV2_QUERY);
    }

    @Test
    void discoverWithoutProvidersOnTheTestPathFindsNone() {
        assertEquals(List.of(), Signers.discover().algorithms());
        assertEquals(List.of(), Signers.discover(ModuleLayer.boot()).algorithms());
    }
}
