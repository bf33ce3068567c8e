package dev.awssig.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Credentials;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.internal.UriEncoding;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Known-answer test over the query-API Signature Version 2 example of the AWS General Reference
 * (EMR {@code DescribeJobFlows}, HmacSHA256), as recorded in {@code s3-doc-examples.json}.
 */
class QueryV2DocExampleTest {

    static Stream<Arguments> queryApiExamples() {
        return DocVectors.reproduced("sigv2-query").stream()
                .filter(e -> !"s3".equals(e.get("service")))
                .map(e -> Arguments.of(e.get("name"), e));
    }

    private static Credentials credentials(Map<String, Object> e) {
        return Credentials.of(Json.str(e.get("credentials"), "accessKeyId"),
                Json.str(e.get("credentials"), "secretAccessKey"));
    }

    private static String query(Map<String, Object> params, boolean withAuthParams) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Object> p : params.entrySet()) {
            String name = p.getKey();
            if (!withAuthParams && !name.equals("Action") && !name.equals("Version") && !name.equals("Timestamp")) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(UriEncoding.encode(name, false)).append('=').append(UriEncoding.encode((String) p.getValue(), false));
        }
        return sb.toString();
    }

    private static Instant time(Map<String, Object> e) {
        return Instant.parse(Json.str(e, "timestamp") + "Z");
    }

    private static SignedRequest sign(Map<String, Object> e, boolean withAuthParams) {
        Map<String, Object> r = Json.obj(e, "request");
        QueryV2Signer signer = QueryV2Signer.create(SigningConfig.builder().credentials(credentials(e))
                .clock(Clock.fixed(time(e), ZoneOffset.UTC))
                .option(V2Options.SIGNATURE_METHOD, (String) Json.obj(r, "params").get("SignatureMethod")).build());
        return signer.sign(SignableRequest.builder().method(Json.str(r, "method"))
                .uri("https://" + Json.str(r, "host") + Json.str(r, "path") + "?"
                        + query(Json.obj(r, "params"), withAuthParams)).build());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queryApiExamples")
    void stringToSignSignatureAndUrlMatchTheDocExample(String name, Map<String, Object> e) {
        SignedRequest signed = sign(e, true);
        Map<String, Object> expected = Json.obj(e, "expected");
        assertEquals(Json.str(expected, "stringToSign"), signed.stringToSign());
        assertEquals(Json.str(expected, "signature"), signed.signature());
        String url = Json.str(expected, "url");
        assertEquals(url.substring(url.indexOf('?') + 1), signed.request().rawQuery().orElseThrow());
        assertEquals(time(e), signed.signingTime());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queryApiExamples")
    void signerAddsTheAuthenticationParametersOfTheDocExample(String name, Map<String, Object> e) {
        SignedRequest signed = sign(e, false);
        assertEquals(Json.str(Json.obj(e, "expected"), "stringToSign"), signed.stringToSign());
        assertEquals(Json.str(Json.obj(e, "expected"), "signature"), signed.signature());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("queryApiExamples")
    void verifierAcceptsTheDocExampleUrl(String name, Map<String, Object> e) {
        String url = Json.str(Json.obj(e, "expected"), "url");
        int q = url.indexOf('?');
        SignableRequest received = SignableRequest.builder().method("GET")
                .uri(url.substring(0, q) + "/" + url.substring(q)).build();
        VerificationResult result = QueryV2Verifier.create().verify(received, SecretLookup.of(credentials(e)),
                time(e).plusSeconds(60));
        assertTrue(result.isValid(), result::toString);
        assertEquals(Json.str(Json.obj(e, "expected"), "stringToSign"), result.stringToSign().orElseThrow());
    }
}
