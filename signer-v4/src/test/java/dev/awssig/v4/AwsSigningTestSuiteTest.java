package dev.awssig.v4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Credentials;
import dev.awssig.Payload;
import dev.awssig.PresignedUrl;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.v4.support.Json;
import dev.awssig.v4.support.RawHttp;
import dev.awssig.v4.support.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known-answer tests over every case of the aws-c-auth SigV4 test suite
 * ({@code aws-signing-test-suite/v4}): header and query signing, each checked on the canonical
 * request, the string to sign, the signature and the signed request; and the verifier accepting
 * the suite's own signed requests.
 */
class AwsSigningTestSuiteTest {
    private static final Path SUITE = Vectors.root().resolve("aws-signing-test-suite").resolve("v4");

    static Stream<String> cases() throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(SUITE)) {
            s.filter(Files::isDirectory).forEach(p -> names.add(p.getFileName().toString()));
        }
        names.sort(null);
        assertEquals(38, names.size(), "the suite has 38 v4 cases");
        return names.stream();
    }

    /** The context and request of one case. */
    static final class Case {
        final String name;
        final Map<String, Object> context;
        final RawHttp request;
        final Instant time;

        Case(String name) {
            this.name = name;
            this.context = Json.obj(Json.parse(Vectors.text(SUITE.resolve(name).resolve("context.json"))));
            this.request = RawHttp.parse(Vectors.bytes(SUITE.resolve(name).resolve("request.txt")));
            this.time = Instant.parse((String) context.get("timestamp"));
        }

        String file(String f) {
            return Vectors.text(SUITE.resolve(name).resolve(f));
        }

        Credentials credentials() {
            Map<String, Object> c = Json.obj(context.get("credentials"));
            return Credentials.of((String) c.get("access_key_id"), (String) c.get("secret_access_key"),
                    (String) c.get("token"));
        }

        SigningConfig config() {
            boolean omitToken = Boolean.TRUE.equals(context.get("omit_session_token"));
            return SigningConfig.builder()
                    .credentials(credentials())
                    .region((String) context.get("region"))
                    .service((String) context.get("service"))
                    .clock(Clock.fixed(time, ZoneOffset.UTC))
                    .option(SigV4Options.NORMALIZE_PATH, (Boolean) context.get("normalize"))
                    .option(SigV4Options.DOUBLE_URL_ENCODE, true)
                    .option(SigV4Options.CONTENT_SHA256_HEADER, (Boolean) context.get("sign_body"))
                    .option(SigV4Options.SESSION_TOKEN_PLACEMENT,
                            omitToken ? SessionTokenPlacement.AFTER_SIGNING : SessionTokenPlacement.SIGNED)
                    .build();
        }

        SignableRequest signable() {
            return toSignable(request);
        }

        long expires() {
            return ((Number) context.get("expiration_in_seconds")).longValue();
        }
    }

    static SignableRequest toSignable(RawHttp r) {
        String host = r.header("host");
        SignableRequest.Builder b = SignableRequest.builder().method(r.method).uri("https://" + host + r.target);
        for (String[] h : r.headers) {
            b.header(h[0], h[1]);
        }
        return b.payload(Payload.ofBytes(r.body)).build();
    }

    private static SignedRequest sign(Case c) {
        return SigV4Signer.create(c.config()).sign(c.signable());
    }

    private static PresignedUrl presign(Case c) {
        return SigV4Signer.create(c.config()).presign(c.signable(), Duration.ofSeconds(c.expires()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void headerSigningProducesTheCanonicalRequest(String name) {
        Case c = new Case(name);
        assertEquals(c.file("header-canonical-request.txt"), sign(c).canonicalRequest());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void headerSigningProducesTheStringToSign(String name) {
        Case c = new Case(name);
        assertEquals(c.file("header-string-to-sign.txt"), sign(c).stringToSign());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void headerSigningProducesTheSignature(String name) {
        Case c = new Case(name);
        assertEquals(c.file("header-signature.txt"), sign(c).signature());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void headerSigningProducesTheSignedRequest(String name) {
        Case c = new Case(name);
        RawHttp expected = RawHttp.parse(Vectors.bytes(SUITE.resolve(name).resolve("header-signed-request.txt")));
        SignableRequest actual = sign(c).request();
        assertEquals(expected.method, actual.method());
        assertEquals(expected.target, actual.rawPath() + actual.rawQuery().map(q -> "?" + q).orElse(""));
        List<String[]> actualHeaders = new ArrayList<>();
        actual.headers().entries().forEach(h -> actualHeaders.add(new String[] {h.name(), h.value()}));
        assertEquals(RawHttp.normalized(expected.headers), RawHttp.normalized(actualHeaders));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void querySigningProducesTheCanonicalRequest(String name) {
        Case c = new Case(name);
        assertEquals(c.file("query-canonical-request.txt"), presign(c).canonicalRequest());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void querySigningProducesTheStringToSign(String name) {
        Case c = new Case(name);
        assertEquals(c.file("query-string-to-sign.txt"), presign(c).stringToSign());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void querySigningProducesTheSignature(String name) {
        Case c = new Case(name);
        assertEquals(c.file("query-signature.txt"), presign(c).signature());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void querySigningProducesTheSignedRequest(String name) {
        Case c = new Case(name);
        RawHttp expected = RawHttp.parse(Vectors.bytes(SUITE.resolve(name).resolve("query-signed-request.txt")));
        PresignedUrl url = presign(c);
        String prefix = "https://" + c.request.header("host");
        assertTrue(url.url().startsWith(prefix));
        assertEquals(expected.target, url.url().substring(prefix.length()));
        assertEquals(expected.method, url.method());
        List<String[]> sent = new ArrayList<>();
        url.signedHeaders().entries().forEach(h -> sent.add(new String[] {h.name(), h.value()}));
        assertEquals(RawHttp.normalized(expected.headers), RawHttp.normalized(sent));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verifierAcceptsTheSuitesHeaderSignedRequest(String name) {
        Case c = new Case(name);
        RawHttp signed = RawHttp.parse(Vectors.bytes(SUITE.resolve(name).resolve("header-signed-request.txt")));
        VerificationResult r = verifier(c).verify(toSignable(signed), SecretLookup.of(c.credentials()), c.time);
        assertTrue(r.isValid(), () -> r + "\n" + r.canonicalRequest().orElse(""));
        assertEquals(c.file("header-canonical-request.txt"), r.canonicalRequest().orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void verifierAcceptsTheSuitesPresignedRequest(String name) {
        Case c = new Case(name);
        RawHttp signed = RawHttp.parse(Vectors.bytes(SUITE.resolve(name).resolve("query-signed-request.txt")));
        VerificationResult r = verifier(c).verify(toSignable(signed), SecretLookup.of(c.credentials()),
                c.time.plusSeconds(60));
        assertTrue(r.isValid(), () -> r + "\n" + r.canonicalRequest().orElse(""));
        assertEquals(c.file("query-canonical-request.txt"), r.canonicalRequest().orElseThrow());
    }

    private static SigV4Verifier verifier(Case c) {
        boolean omitToken = Boolean.TRUE.equals(c.context.get("omit_session_token"));
        return SigV4Verifier.create(SigningConfig.builder()
                .region((String) c.context.get("region"))
                .service((String) c.context.get("service"))
                .option(SigV4Options.NORMALIZE_PATH, (Boolean) c.context.get("normalize"))
                .option(SigV4Options.DOUBLE_URL_ENCODE, true)
                .option(SigV4Options.SESSION_TOKEN_PLACEMENT,
                        omitToken ? SessionTokenPlacement.AFTER_SIGNING : SessionTokenPlacement.SIGNED)
                .build());
    }
}
