package dev.awssig.v4a;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Headers;
import dev.awssig.PresignedUrl;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.VerificationResult;
import dev.awssig.internal.Hex;
import dev.awssig.v4a.support.SuiteCase;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known-answer tests over every case of aws-c-auth's SigV4a suite
 * ({@code aws-signing-test-suite/v4a}). SigV4a signatures are randomized ECDSA, so they are
 * checked by verification: for header and query signing, the canonical request and the string to
 * sign are byte-exact, the published signature verifies with the published public key (with the
 * JDK alone, not this module's code), our signature verifies with the same key, and the signed
 * request has the expected headers and query. The key derived from the credentials must equal
 * {@code public-key.json}, and the verifier must accept the suite's own signed requests.
 */
class AwsSigningTestSuiteV4aTest {

    static Stream<String> cases() {
        List<String> names = SuiteCase.names();
        assertEquals(40, names.size(), "the suite has 40 v4a folders");
        return names.stream().filter(n -> new SuiteCase(n).hasExpectations());
    }

    static Stream<String> allFolders() {
        return SuiteCase.names().stream();
    }

    @Test
    void theSuiteHas38CasesWithExpectedResultsAndTwoStubs() {
        assertEquals(38, cases().count());
        assertEquals(List.of("get-vanilla-query-order-key", "get-vanilla-query-order-value"),
                allFolders().filter(n -> !new SuiteCase(n).hasExpectations()).toList());
    }

    private static SignedRequest sign(SuiteCase c) {
        return SigV4aSigner.create(c.config()).sign(c.request.toSignable());
    }

    private static PresignedUrl presign(SuiteCase c) {
        return SigV4aSigner.create(c.config()).presign(c.request.toSignable(), Duration.ofSeconds(c.expires()));
    }

    /** ECDSA P-256 / SHA-256 verification with the JDK alone. */
    private static boolean jdkVerifies(ECPublicKey key, String stringToSign, String hexSignature) throws Exception {
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initVerify(key);
        s.update(stringToSign.getBytes(StandardCharsets.UTF_8));
        return s.verify(Hex.decode(hexSignature.trim()));
    }

    // ------------------------------------------------------------------ key derivation

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theDerivedPublicKeyEqualsPublicKeyJson(String name) {
        SuiteCase c = new SuiteCase(name);
        ECPublicKey key = SigV4aKeys.publicKey(c.credentials());
        String[] expected = c.publishedCoordinates();
        assertEquals(expected[0], hex32(key.getW().getAffineX()));
        assertEquals(expected[1], hex32(key.getW().getAffineY()));
    }

    private static String hex32(BigInteger v) {
        String h = v.toString(16);
        return "0".repeat(64 - h.length()) + h.toLowerCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------ header and query signing

    /** Header signing ({@code header-*} files) or query signing ({@code query-*} files). */
    enum Kind {
        HEADER, QUERY;

        String file(String what) {
            return name().toLowerCase(Locale.ROOT) + "-" + what + ".txt";
        }
    }

    /** What one kind of signing produced: canonical request, string to sign, signature. */
    record Produced(String canonicalRequest, String stringToSign, String signature) {
        static Produced of(SuiteCase c, Kind kind) {
            if (kind == Kind.HEADER) {
                SignedRequest s = sign(c);
                assertTrue(s.request().headers().firstValue("authorization").orElseThrow()
                        .endsWith(", Signature=" + s.signature()));
                return new Produced(s.canonicalRequest(), s.stringToSign(), s.signature());
            }
            PresignedUrl url = presign(c);
            assertTrue(url.url().endsWith("&X-Amz-Signature=" + url.signature()));
            return new Produced(url.canonicalRequest(), url.stringToSign(), url.signature());
        }
    }

    static Stream<Arguments> casesAndKinds() {
        return cases().flatMap(n -> Stream.of(Arguments.of(n, Kind.HEADER), Arguments.of(n, Kind.QUERY)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("casesAndKinds")
    void signingProducesTheCanonicalRequest(String name, Kind kind) {
        SuiteCase c = new SuiteCase(name);
        assertEquals(c.text(kind.file("canonical-request")), Produced.of(c, kind).canonicalRequest());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("casesAndKinds")
    void signingProducesTheStringToSign(String name, Kind kind) {
        SuiteCase c = new SuiteCase(name);
        assertEquals(c.text(kind.file("string-to-sign")), Produced.of(c, kind).stringToSign());
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("casesAndKinds")
    void thePublishedSignatureVerifiesWithThePublishedKey(String name, Kind kind) throws Exception {
        SuiteCase c = new SuiteCase(name);
        assertTrue(jdkVerifies(c.publishedPublicKey(), c.text(kind.file("string-to-sign")),
                c.text(kind.file("signature"))));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("casesAndKinds")
    void ourSignatureVerifiesWithThePublishedKey(String name, Kind kind) throws Exception {
        SuiteCase c = new SuiteCase(name);
        assertTrue(jdkVerifies(c.publishedPublicKey(), c.text(kind.file("string-to-sign")),
                Produced.of(c, kind).signature()));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("casesAndKinds")
    void theVerifierAcceptsTheSuitesSignedRequest(String name, Kind kind) {
        SuiteCase c = new SuiteCase(name);
        SuiteCase.Http signed = SuiteCase.Http.parse(c.bytes(kind.file("signed-request")));
        // a presigned URL is checked a minute after signing, within its expiry
        VerificationResult r = SigV4aVerifier.create(c.verifierConfig()).verify(signed.toSignable(),
                SecretLookup.of(c.credentials()), kind == Kind.HEADER ? c.time : c.time.plusSeconds(60));
        assertTrue(r.isValid(), () -> r + "\n" + r.canonicalRequest().orElse(""));
        assertEquals(c.text(kind.file("canonical-request")), r.canonicalRequest().orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void headerSigningProducesTheSignedRequest(String name) {
        SuiteCase c = new SuiteCase(name);
        SuiteCase.Http expected = SuiteCase.Http.parse(c.bytes("header-signed-request.txt"));
        SignableRequest actual = sign(c).request();
        assertEquals(expected.method, actual.method());
        assertEquals(expected.target, actual.rawPath() + actual.rawQuery().map(q -> "?" + q).orElse(""));
        assertEquals(withoutSignature(expected.headers), withoutSignature(pairs(actual.headers())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void querySigningProducesTheSignedRequest(String name) {
        SuiteCase c = new SuiteCase(name);
        SuiteCase.Http expected = SuiteCase.Http.parse(c.bytes("query-signed-request.txt"));
        PresignedUrl url = presign(c);
        String prefix = "https://" + c.request.header("host");
        assertTrue(url.url().startsWith(prefix));
        String target = url.url().substring(prefix.length());
        int sig = target.indexOf("&X-Amz-Signature=");
        int expectedSig = expected.target.indexOf("&X-Amz-Signature=");
        assertEquals(expected.target.substring(0, expectedSig), target.substring(0, sig));
        assertEquals(expected.method, url.method());
        assertEquals(withoutSignature(expected.headers), withoutSignature(pairs(url.signedHeaders())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theLegacyGetVanillaFilesEqualTheHeaderFiles(String name) {
        SuiteCase c = new SuiteCase(name);
        if (name.equals("get-vanilla")) {
            assertEquals(c.text("header-canonical-request.txt"), c.text("canonical-request.txt"));
            assertEquals(c.text("header-string-to-sign.txt"), c.text("string-to-sign.txt"));
            assertEquals(c.text("canonical-request.txt"), sign(c).canonicalRequest());
        }
    }

    // ------------------------------------------------------------------ every folder, stubs too

    @ParameterizedTest(name = "{0}")
    @MethodSource("allFolders")
    void ourSignaturesOfEveryFolderVerifyWithOurVerifier(String name) {
        SuiteCase c = new SuiteCase(name);
        SigV4aVerifier verifier = SigV4aVerifier.create(c.verifierConfig());
        SecretLookup secrets = SecretLookup.of(c.credentials());
        VerificationResult header = verifier.verify(sign(c).request(), secrets, c.time);
        assertTrue(header.isValid(), header::toString);
        PresignedUrl url = presign(c);
        SignableRequest presigned = SignableRequest.builder().method(url.method()).uri(url.url())
                .headers(url.signedHeaders()).payload(c.request.toSignable().payload()).build();
        VerificationResult query = verifier.verify(presigned, secrets, c.time);
        assertTrue(query.isValid(), query::toString);
    }

    private static List<String[]> pairs(Headers headers) {
        List<String[]> out = new ArrayList<>();
        headers.entries().forEach(h -> out.add(new String[] {h.name(), h.value()}));
        return out;
    }

    /** "lower-name:value" lines sorted by name, with the Authorization signature cut off. */
    private static List<String> withoutSignature(List<String[]> headers) {
        List<String> out = new ArrayList<>();
        for (String[] h : headers) {
            String lower = h[0].toLowerCase(Locale.ROOT);
            String value = h[1].trim();
            if (lower.equals("authorization")) {
                value = value.substring(0, value.indexOf(", Signature=") + 12);
            }
            out.add(lower + ":" + value);
        }
        out.sort((a, b) -> a.substring(0, a.indexOf(':')).compareTo(b.substring(0, b.indexOf(':'))));
        return out;
    }
}
