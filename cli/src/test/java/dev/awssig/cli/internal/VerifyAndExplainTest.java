package dev.awssig.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.awssig.Algorithms;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.Signers;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code awssig verify} and {@code awssig explain} over raw requests signed by {@code awssig sign}
 * and {@code presign}; the server side of explain is signer-v4's verifier run on the request a
 * proxy altered, with its canonical request and string to sign put into an S3 error document.
 */
class VerifyAndExplainTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GET_URL = "https://examplebucket.s3.amazonaws.com/test.txt";

    @TempDir
    Path home;

    /** A raw HTTP/1.1 request from the JSON of {@code awssig sign --json}. */
    private static String raw(JsonNode signed, String method, String body) {
        String url = signed.get("url").asText();
        String target = url.substring(url.indexOf('/', url.indexOf("://") + 3));
        StringBuilder sb = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        boolean hasHost = false;
        for (JsonNode h : signed.get("headers")) {
            hasHost |= h.get(0).asText().equalsIgnoreCase("Host");
        }
        if (!hasHost) {
            // what an HTTP client adds on its own
            sb.append("Host: ").append(url, url.indexOf("://") + 3, url.indexOf('/', url.indexOf("://") + 3))
                    .append("\r\n");
        }
        for (JsonNode h : signed.get("headers")) {
            sb.append(h.get(0).asText()).append(": ").append(h.get(1).asText()).append("\r\n");
        }
        return sb.append("\r\n").append(body).toString();
    }

    private JsonNode sign(String... args) throws IOException {
        CliHarness.Result r = CliHarness.withCredentials(home).run(args);
        assertEquals(0, r.code, r::toString);
        return JSON.readTree(r.out);
    }

    private Path file(String name, String content) throws IOException {
        Path p = home.resolve(name);
        Files.write(p, content.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    private JsonNode signedGet() throws IOException {
        return sign("sign", "--json", "--time", "20130524T000000Z", "--url", GET_URL, "-H", "Range: bytes=0-9");
    }

    @Test
    void verifyAcceptsWhatSignProduced() throws IOException {
        Path req = file("req.txt", raw(signedGet(), "GET", ""));
        CliHarness.Result r = CliHarness.withCredentials(home).run("verify", req.toString());
        assertEquals(0, r.code, r::toString);
        assertEquals("OK\n", r.out);
    }

    @Test
    void verifyReadsStandardInputAndPutBodies() throws IOException {
        JsonNode signed = sign("sign", "--json", "--time", "20130524T000000Z", "--method", "PUT", "--url",
                "https://examplebucket.s3.amazonaws.com/test$file.text", "--data", "Welcome to Amazon S3.");
        CliHarness.Result r = CliHarness.withCredentials(home).stdin(raw(signed, "PUT", "Welcome to Amazon S3."))
                .run("verify");
        assertEquals(0, r.code, r::toString);
        assertEquals("OK\n", r.out);
    }

    @Test
    void verifyRejectsAChangedHeaderAndShowsWhatItComputed() throws IOException {
        Path req = file("req.txt", raw(signedGet(), "GET", "").replace("bytes=0-9", "bytes=0-99"));
        CliHarness.Result r = CliHarness.withCredentials(home).run("verify", req.toString());
        assertEquals(Cli.EXIT_VERIFICATION_FAILED, r.code, r::toString);
        assertTrue(r.out.startsWith("SignatureDoesNotMatch: "), r.out);
        assertTrue(r.out.contains("Canonical request:\nGET\n/test.txt\n") && r.out.contains("range:bytes=0-99"), r.out);
        assertTrue(r.out.contains("String to sign:\nAWS4-HMAC-SHA256\n20130524T000000Z\n"), r.out);
        assertFalse(r.out.contains(CliHarness.SECRET));
    }

    @Test
    void verifyPresignedUrlUntilItExpires() throws IOException {
        CliHarness.Result p = CliHarness.withCredentials(home).run("presign", "s3://examplebucket/test.txt", "--time",
                "20130524T000000Z", "--expires", "15m");
        String url = p.out.strip();
        Path req = file("req.txt", "GET " + url.substring(url.indexOf("/test.txt")) + " HTTP/1.1\n"
                + "Host: examplebucket.s3.amazonaws.com\n\n");
        assertEquals("OK\n", CliHarness.withCredentials(home).run("verify", req.toString(), "--time",
                "20130524T001000Z").out);
        CliHarness.Result late = CliHarness.withCredentials(home).run("verify", req.toString(), "--time",
                "20130524T002000Z");
        assertEquals(Cli.EXIT_VERIFICATION_FAILED, late.code, late::toString);
        assertTrue(late.out.startsWith("AccessDenied: "), late.out);
    }

    @Test
    void verifySigV2Header() throws IOException {
        JsonNode signed = sign("sign", "--v2", "--json", "--time", "2007-03-27T19:36:42Z", "--url",
                "https://johnsmith.s3.amazonaws.com/photos/puppy.jpg");
        Path req = file("req.txt", raw(signed, "GET", ""));
        CliHarness h = CliHarness.withCredentials(home);
        h.clock = java.time.Clock.fixed(Instant.parse("2007-03-27T19:40:00Z"), ZoneOffset.UTC);
        CliHarness.Result r = h.run("verify", req.toString());
        assertEquals(0, r.code, r::toString);
    }

    @Test
    void verifyWithoutAuthenticationIsMissingSecurityHeader() throws IOException {
        Path req = file("req.txt", "GET /test.txt HTTP/1.1\nHost: examplebucket.s3.amazonaws.com\n\n");
        CliHarness.Result r = CliHarness.withCredentials(home).run("verify", req.toString());
        assertEquals(Cli.EXIT_VERIFICATION_FAILED, r.code);
        assertTrue(r.out.startsWith("MissingSecurityHeader"), r.out);
    }

    @Test
    void verifyWithOtherCredentialsNamesBothKeys() throws IOException {
        Path req = file("req.txt", raw(signedGet(), "GET", ""));
        CliHarness h = new CliHarness(home);
        h.env.put("AWS_ACCESS_KEY_ID", "AKIDOTHER");
        h.env.put("AWS_SECRET_ACCESS_KEY", "other-secret");
        CliHarness.Result r = h.run("verify", req.toString());
        assertEquals(Cli.EXIT_VERIFICATION_FAILED, r.code, r::toString);
        assertTrue(r.out.startsWith("InvalidAccessKeyId") && r.out.contains("AKIDOTHER"), r.out);
    }

    @Test
    void verifyLateRequestIsTooSkewedAndSuggestsTime() throws IOException {
        Path req = file("req.txt", raw(signedGet(), "GET", ""));
        CliHarness h = CliHarness.withCredentials(home);
        h.clock = java.time.Clock.fixed(Instant.parse("2013-05-24T01:00:00Z"), ZoneOffset.UTC);
        CliHarness.Result r = h.run("verify", req.toString());
        assertEquals(Cli.EXIT_VERIFICATION_FAILED, r.code, r::toString);
        assertTrue(r.out.startsWith("RequestTimeTooSkewed") && r.out.contains("--time"), r.out);
    }

    @Test
    void verifyMistakesAreUsageErrors() throws IOException {
        UserMistakesTest.assertUserError(CliHarness.withCredentials(home).run("verify",
                home.resolve("missing.txt").toString()), "no such file");
        UserMistakesTest.assertUserError(CliHarness.withCredentials(home).stdin("hello\n").run("verify"),
                "METHOD TARGET");
        Path req = file("req.txt", raw(signedGet(), "GET", ""));
        UserMistakesTest.assertUserError(new CliHarness(home).run("verify", req.toString()), "No AWS credentials");
    }

    @Test
    void verifyJsonSaysValidOrGivesTheCodeAndTheServersTexts() throws IOException {
        String sent = raw(signedGet(), "GET", "");
        CliHarness.Result ok = CliHarness.withCredentials(home).run("verify", "--json", file("ok.txt", sent).toString());
        assertEquals(0, ok.code, ok::toString);
        JsonNode good = JSON.readTree(ok.out);
        assertTrue(good.get("valid").asBoolean(), ok.out);
        assertEquals(CliHarness.AKID, good.get("accessKeyId").asText());

        Path tampered = file("bad.txt", sent.replace("bytes=0-9", "bytes=0-99"));
        CliHarness.Result bad = CliHarness.withCredentials(home).run("verify", "--json", tampered.toString());
        assertEquals(Cli.EXIT_VERIFICATION_FAILED, bad.code, bad::toString);
        JsonNode no = JSON.readTree(bad.out);
        assertFalse(no.get("valid").asBoolean());
        assertEquals("SignatureDoesNotMatch", no.get("code").asText());
        assertEquals(403, no.get("httpStatus").asInt());
        assertFalse(no.get("error").asText().isEmpty());
        assertTrue(no.get("canonicalRequest").asText().contains("range:bytes=0-99"), bad.out);
        assertTrue(no.get("stringToSign").asText().startsWith("AWS4-HMAC-SHA256\n"), bad.out);
        assertEquals("", bad.err);

        Path unsigned = file("unsigned.txt", "GET /test.txt HTTP/1.1\r\nHost: examplebucket.s3.amazonaws.com\r\n\r\n");
        JsonNode missing = JSON.readTree(CliHarness.withCredentials(home).run("verify", "--json", unsigned.toString()).out);
        assertEquals("MissingSecurityHeader", missing.get("code").asText());
    }

    @Test
    void explainJsonHasTheDiffAndTheCauses() throws IOException {
        String sent = raw(signedGet(), "GET", "");
        Path req = file("sent.txt", sent);
        Path err = file("error.xml", serverError(sent.replace("bytes=0-9", "bytes=0-99")));
        CliHarness.Result r = new CliHarness(home).run("explain", "--json", req.toString(), err.toString());
        assertEquals(0, r.code, r::toString);
        JsonNode j = JSON.readTree(r.out);
        assertEquals("SignatureDoesNotMatch", j.get("serverCode").asText());
        assertFalse(j.get("canonicalRequest").get("identical").asBoolean());
        String diff = j.get("canonicalRequest").get("diff").toString();
        assertTrue(diff.contains("\"- range:bytes=0-9\"") && diff.contains("\"+ range:bytes=0-99\""), diff);
        assertFalse(j.get("stringToSign").get("identical").asBoolean());
        assertTrue(j.get("causes").toString().contains("'range' was changed in transit"), r.out);
    }

    /** The server's error document for a received request, computed by signer-v4's verifier. */
    private static String serverError(String receivedRaw) {
        return serverError(receivedRaw, Algorithms.SIGV4);
    }

    /** The server's error document for a received request, computed by the algorithm's verifier. */
    private static String serverError(String receivedRaw, String algorithm) {
        SignableRequest received = RawHttp.parse(receivedRaw.getBytes(StandardCharsets.UTF_8), "received")
                .toRequest("https", "received");
        VerificationResult result = Signers.discover().verifier(algorithm, SigningConfig.builder()
                .region("us-east-1").service("s3").build())
                .verify(received, SecretLookup.of(Map.of(CliHarness.AKID, CliHarness.SECRET)),
                        Instant.parse("2013-05-24T00:00:00Z"));
        assertEquals("SignatureDoesNotMatch", result.error().orElseThrow().code(), result::toString);
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SignatureDoesNotMatch</Code>"
                + "<Message>The request signature we calculated does not match the signature you provided. Check your"
                + " key and signing method.</Message><AWSAccessKeyId>" + CliHarness.AKID + "</AWSAccessKeyId>"
                + "<StringToSign>" + xml(result.stringToSign().orElseThrow()) + "</StringToSign>"
                + "<CanonicalRequest>" + xml(result.canonicalRequest().orElseThrow()) + "</CanonicalRequest>"
                + "<RequestId>4442587FB7D0A2F9</RequestId></Error>";
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;");
    }

    private JsonNode signedV4aGet() throws IOException {
        return sign("sign", "--json", "--v4a", "--region-set", "us-east-1,us-west-2", "--time", "20130524T000000Z",
                "--url", GET_URL, "-H", "Range: bytes=0-9");
    }

    @Test
    void verifyAcceptsSigV4aHeaderAndPresignedRequests() throws IOException {
        Path req = file("v4a.txt", raw(signedV4aGet(), "GET", ""));
        CliHarness.Result ok = CliHarness.withCredentials(home).run("verify", req.toString());
        assertEquals("OK\n", ok.out, ok::toString);
        CliHarness.Result json = CliHarness.withCredentials(home).run("verify", "--json", req.toString());
        assertEquals(Algorithms.SIGV4A, JSON.readTree(json.out).get("algorithm").asText(), json::toString);
        assertEquals("OK\n", CliHarness.withCredentials(home).run("verify", "--region", "us-west-2",
                req.toString()).out, "a region of the set");
        CliHarness.Result elsewhere = CliHarness.withCredentials(home).run("verify", "--region", "eu-west-1",
                req.toString());
        assertEquals(Cli.EXIT_VERIFICATION_FAILED, elsewhere.code, elsewhere::toString);
        assertTrue(elsewhere.out.contains("eu-west-1"), elsewhere.out);

        Path changed = file("v4a-changed.txt", raw(signedV4aGet(), "GET", "").replace("bytes=0-9", "bytes=0-99"));
        CliHarness.Result bad = CliHarness.withCredentials(home).run("verify", changed.toString());
        assertEquals(Cli.EXIT_VERIFICATION_FAILED, bad.code, bad::toString);
        assertTrue(bad.out.startsWith("SignatureDoesNotMatch: "), bad.out);
        assertTrue(bad.out.contains("range:bytes=0-99") && bad.out.contains("x-amz-region-set:us-east-1,us-west-2"),
                bad.out);
        assertTrue(bad.out.contains("String to sign:\nAWS4-ECDSA-P256-SHA256\n20130524T000000Z\n20130524/s3/aws4_request\n"),
                bad.out);

        CliHarness.Result p = CliHarness.withCredentials(home).run("presign", "--v4a", "--region-set", "*",
                "s3://examplebucket/test.txt", "--time", "20130524T000000Z", "--expires", "15m");
        String url = p.out.strip();
        Path presigned = file("v4a-presigned.txt", "GET " + url.substring(url.indexOf("/test.txt")) + " HTTP/1.1\n"
                + "Host: examplebucket.s3.amazonaws.com\n\n");
        assertEquals("OK\n", CliHarness.withCredentials(home).run("verify", presigned.toString(), "--time",
                "20130524T001000Z").out);
    }

    @Test
    void explainComparesTheTextsOfASigV4aRequest() throws IOException {
        String sent = raw(signedV4aGet(), "GET", "");
        Path req = file("sent-v4a.txt", sent);
        Path err = file("error-v4a.xml", serverError(sent.replace("bytes=0-9", "bytes=0-99"), Algorithms.SIGV4A));
        CliHarness.Result r = new CliHarness(home).run("explain", req.toString(), err.toString());
        assertEquals(0, r.code, r::toString);
        assertTrue(r.out.contains("\n- range:bytes=0-9\n+ range:bytes=0-99\n"), r.out);
        assertTrue(r.out.contains("'range' was changed in transit"), r.out);
        assertFalse(r.out.contains("Canonical request: identical"), r.out);
    }

    @Test
    void explainShowsAHeaderAProxyChanged() throws IOException {
        String sent = raw(signedGet(), "GET", "");
        Path req = file("sent.txt", sent);
        Path err = file("error.xml", serverError(sent.replace("bytes=0-9", "bytes=0-99")));
        CliHarness.Result r = new CliHarness(home).run("explain", req.toString(), err.toString());
        assertEquals(0, r.code, r::toString);
        assertTrue(r.out.startsWith("The server answered SignatureDoesNotMatch"), r.out);
        assertTrue(r.out.contains("\n- range:bytes=0-9\n+ range:bytes=0-99\n"), r.out);
        assertTrue(r.out.contains("'range' was changed in transit"), r.out);
    }

    @Test
    void explainShowsAHostPortAddedOnTheWay() throws IOException {
        String sent = raw(signedGet(), "GET", "");
        Path req = file("sent.txt", sent);
        Path err = file("error.xml", serverError(sent.replace("Host: examplebucket.s3.amazonaws.com",
                "Host: examplebucket.s3.amazonaws.com:8443")));
        CliHarness.Result r = CliHarness.withCredentials(home).run("explain", req.toString(), err.toString());
        assertEquals(0, r.code, r::toString);
        assertTrue(r.out.contains("+ host:examplebucket.s3.amazonaws.com:8443"), r.out);
        assertTrue(r.out.contains("The Host header differs"), r.out);
    }

    @Test
    void explainIdenticalInputsBlamesTheSecret() throws IOException {
        String sent = raw(signedGet(), "GET", "");
        Path req = file("sent.txt", sent);
        Path err = file("error.xml", serverError(sent.replace("Signature=f0e8", "Signature=0000")));
        CliHarness.Result r = new CliHarness(home).run("explain", req.toString(), err.toString());
        assertEquals(0, r.code, r::toString);
        assertTrue(r.out.contains("Canonical request: identical on both sides."), r.out);
        assertTrue(r.out.contains("secret access key"), r.out);
    }

    @Test
    void explainAnUnsignedRequestAtTheServersTimeAndScope() throws IOException {
        JsonNode ex = DocExamples.named("s3-sigv4-header-get-object-range");
        String serverCr = ex.get("expected").get("canonicalRequest").asText().replace("/test.txt", "/test%2520.txt");
        Path req = file("unsigned.txt", "GET /test%20.txt HTTP/1.1\nHost: examplebucket.s3.amazonaws.com\n"
                + "Range: bytes=0-9\n\n");
        Path err = file("error.xml", "<Error><Code>SignatureDoesNotMatch</Code><Message>m</Message>"
                + "<StringToSign>" + ex.get("expected").get("stringToSign").asText() + "</StringToSign>"
                + "<CanonicalRequest>" + serverCr + "</CanonicalRequest></Error>");
        CliHarness.Result r = CliHarness.withCredentials(home).run("explain", req.toString(), err.toString());
        assertEquals(0, r.code, r::toString);
        assertTrue(r.out.contains("- /test%20.txt\n+ /test%2520.txt"), r.out);
        assertTrue(r.out.contains("encoded a different number of times"), r.out);
    }

    @Test
    void explainSigV2ContentTypeSetOnTheWay() throws IOException {
        JsonNode signed = sign("sign", "--v2", "--json", "--method", "PUT", "--time", "2007-03-27T21:15:45Z", "--url",
                "https://johnsmith.s3.amazonaws.com/photos/puppy.jpg", "--data", "x");
        String sent = raw(signed, "PUT", "x");
        String received = sent.replace("\r\n\r\nx", "\r\nContent-Type: application/x-www-form-urlencoded\r\n\r\nx");
        SignableRequest r = RawHttp.parse(received.getBytes(StandardCharsets.UTF_8), "received").toRequest("https",
                "received");
        VerificationResult result = Signers.discover().verifier(Algorithms.SIGV2_S3, SigningConfig.builder().build())
                .verify(r, SecretLookup.of(Map.of(CliHarness.AKID, CliHarness.SECRET)),
                        Instant.parse("2007-03-27T21:15:45Z"));
        assertEquals("SignatureDoesNotMatch", result.error().orElseThrow().code(), result::toString);
        Path req = file("sent.txt", sent);
        Path err = file("error.xml", "<Error><Code>SignatureDoesNotMatch</Code><Message>m</Message><StringToSign>"
                + xml(result.stringToSign().orElseThrow()) + "</StringToSign></Error>");
        CliHarness.Result out = new CliHarness(home).run("explain", req.toString(), err.toString());
        assertEquals(0, out.code, out::toString);
        assertTrue(out.out.contains("+ application/x-www-form-urlencoded"), out.out);
        assertTrue(out.out.contains("Content-Type differs"), out.out);
    }

    @Test
    void explainOtherErrorCodes() throws IOException {
        Path req = file("sent.txt", raw(signedGet(), "GET", ""));
        Path region = file("region.xml", "<Error><Code>AuthorizationHeaderMalformed</Code><Message>The authorization"
                + " header is malformed; the region 'us-east-1' is wrong; expecting 'eu-west-1'</Message>"
                + "<Region>eu-west-1</Region></Error>");
        CliHarness.Result r = new CliHarness(home).run("explain", req.toString(), region.toString());
        assertEquals(0, r.code, r::toString);
        assertTrue(r.out.contains("--region eu-west-1"), r.out);
        Path skew = file("skew.xml", "<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the"
                + " request time and the current time is too large.</Message><RequestTime>20130524T000000Z</RequestTime>"
                + "<ServerTime>2013-05-24T01:00:00Z</ServerTime></Error>");
        r = new CliHarness(home).run("explain", req.toString(), skew.toString());
        assertTrue(r.out.contains("clock"), r.out);
    }

    @Test
    void explainMistakes() throws IOException {
        Path req = file("sent.txt", raw(signedGet(), "GET", ""));
        Path notXml = file("bad.xml", "Access denied");
        UserMistakesTest.assertUserError(new CliHarness(home).run("explain", req.toString(), notXml.toString()),
                "ERROR_XML", "not an S3 error XML");
        UserMistakesTest.assertUserError(new CliHarness(home).run("explain", "-", "-"), "standard input");
        UserMistakesTest.assertUserError(new CliHarness(home).run("explain", req.toString()), "ERROR_XML");
    }
}
