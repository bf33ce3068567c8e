package dev.awssig.v4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Credentials;
import dev.awssig.SecretLookup;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.v4.support.RawHttp;
import dev.awssig.v4.support.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known-answer tests over every case of the 2015 aws-sig-v4-test-suite (botocore's copy,
 * {@code aws4_testsuite}): canonical request ({@code .creq}), string to sign ({@code .sts}),
 * {@code Authorization} value ({@code .authz}) and signed request ({@code .sreq}); the verifier
 * accepts every {@code .sreq}. Non-S3 rules (path normalised, encoded twice); the session token
 * is signed in {@code post-sts-header-before} and added after signing in {@code post-sts-header-after}.
 */
class Aws4TestSuiteTest {
    private static final Path SUITE = Vectors.root().resolve("aws4_testsuite");
    private static final Instant TIME = Instant.parse("2015-08-30T12:36:00Z");
    private static final String TOKEN = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwA"
            + "eMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPky"
            + "QDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8F"
            + "DrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";

    static Stream<String> cases() throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.walk(SUITE)) {
            s.filter(p -> p.getFileName().toString().endsWith(".req"))
                    .forEach(p -> names.add(SUITE.relativize(p.getParent()).toString().replace('\\', '/')));
        }
        names.sort(null);
        assertEquals(34, names.size(), "the suite has 34 cases");
        return names.stream();
    }

    private static Path file(String c, String ext) {
        Path dir = SUITE.resolve(c);
        return dir.resolve(dir.getFileName().toString() + ext);
    }

    /** The token of get-vanilla-with-session-token (as in aws-c-auth's context.json of that case). */
    private static final String VANILLA_TOKEN = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267";

    private static Credentials credentials(String c) {
        String token = c.startsWith("post-sts-token/") ? TOKEN
                : c.equals("get-vanilla-with-session-token") ? VANILLA_TOKEN : null;
        return Credentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", token);
    }

    private static SessionTokenPlacement placement(String c) {
        return c.endsWith("post-sts-header-after") ? SessionTokenPlacement.AFTER_SIGNING : SessionTokenPlacement.SIGNED;
    }

    private static SignedRequest sign(String c) {
        RawHttp req = RawHttp.parse(Vectors.bytes(file(c, ".req")));
        return SigV4Signer.create(SigningConfig.builder()
                .credentials(credentials(c))
                .region("us-east-1").service("service")
                .clock(Clock.fixed(TIME, ZoneOffset.UTC))
                .option(SigV4Options.SESSION_TOKEN_PLACEMENT, placement(c))
                .build()).sign(AwsSigningTestSuiteTest.toSignable(req));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void canonicalRequestMatchesCreq(String c) {
        assertEquals(Vectors.text(file(c, ".creq")), sign(c).canonicalRequest());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void stringToSignMatchesSts(String c) {
        assertEquals(Vectors.text(file(c, ".sts")), sign(c).stringToSign());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void authorizationMatchesAuthz(String c) {
        assertEquals(Vectors.text(file(c, ".authz")),
                sign(c).request().headers().firstValue("Authorization").orElseThrow());
    }

    /**
     * The suite's own defect: the {@code .sreq} of this case carries a stale signature
     * ({@code 5fa00fa3...}) that disagrees with its {@code .authz} ({@code 07ec1639...}, which
     * aws-c-auth's copy of the case confirms). For it, the {@code .sreq} is checked with the
     * {@code .authz} value in place of its Authorization header.
     */
    private static final String STALE_SREQ = "get-vanilla-with-session-token";

    private static RawHttp sreq(String c) {
        RawHttp r = RawHttp.parse(Vectors.bytes(file(c, ".sreq")));
        if (c.equals(STALE_SREQ)) {
            for (String[] h : r.headers) {
                if (h[0].equalsIgnoreCase("authorization")) {
                    assertTrue(h[1].endsWith("Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"));
                    h[1] = Vectors.text(file(c, ".authz"));
                }
            }
        }
        return r;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void signedRequestMatchesSreq(String c) {
        RawHttp expected = sreq(c);
        SignedRequest signed = sign(c);
        assertEquals(expected.method, signed.request().method());
        assertEquals(expected.target,
                signed.request().rawPath() + signed.request().rawQuery().map(q -> "?" + q).orElse(""));
        List<String[]> actual = new ArrayList<>();
        signed.request().headers().entries().forEach(h -> actual.add(new String[] {h.name(), h.value()}));
        assertEquals(RawHttp.normalized(expected.headers), RawHttp.normalized(actual));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verifierAcceptsSreq(String c) {
        RawHttp sreq = sreq(c);
        VerificationResult r = SigV4Verifier.create(SigningConfig.builder()
                        .region("us-east-1").service("service")
                        .option(SigV4Options.SESSION_TOKEN_PLACEMENT, placement(c)).build())
                .verify(AwsSigningTestSuiteTest.toSignable(sreq), SecretLookup.of(credentials(c)), TIME);
        assertTrue(r.isValid(), r::toString);
        assertEquals(Vectors.text(file(c, ".creq")), r.canonicalRequest().orElseThrow());
    }
}
