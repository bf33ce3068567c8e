package dev.awssig.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code awssig sign} and {@code awssig presign} in-process, with the signers found through the
 * SPI, against the AWS documentation's examples (known answers from {@code s3-doc-examples.json}).
 */
class SignAndPresignTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    static JsonNode json(CliHarness.Result r) throws IOException {
        assertEquals(0, r.code, r::toString);
        return JSON.readTree(r.out);
    }

    /** The example's headers as -H options, except Host (from the URL) and the ones the signer adds. */
    static List<String> headerArgs(JsonNode example) {
        List<String> args = new ArrayList<>();
        for (JsonNode h : example.get("request").get("headers")) {
            String name = h.get(0).asText();
            if (name.equalsIgnoreCase("Host") || name.equalsIgnoreCase("x-amz-date")
                    || name.equalsIgnoreCase("x-amz-content-sha256")) {
                continue;
            }
            args.add("-H");
            args.add(name + ": " + h.get(1).asText());
        }
        return args;
    }

    static String host(JsonNode example) {
        JsonNode req = example.get("request");
        if (req.has("host")) {
            return req.get("host").asText();
        }
        for (JsonNode h : req.get("headers")) {
            if (h.get(0).asText().equalsIgnoreCase("Host")) {
                return h.get(1).asText();
            }
        }
        throw new IllegalArgumentException("no host");
    }

    static String url(JsonNode example) {
        JsonNode req = example.get("request");
        String query = req.hasNonNull("query") ? req.get("query").asText() : "";
        return "https://" + host(example) + req.get("path").asText() + (query.isEmpty() ? "" : "?" + query);
    }

    static List<String> sigV4HeaderExamples() {
        return DocExamples.names("sigv4-header");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sigV4HeaderExamples")
    void signJsonReproducesTheDocumentedSigV4Signature(String name) throws IOException {
        JsonNode ex = DocExamples.named(name);
        JsonNode creds = ex.get("credentials");
        CliHarness h = new CliHarness(home);
        h.env.put("AWS_ACCESS_KEY_ID", creds.get("accessKeyId").asText());
        h.env.put("AWS_SECRET_ACCESS_KEY", creds.get("secretAccessKey").asText());
        List<String> args = new ArrayList<>(List.of("sign", "--json", "--time", ex.get("timestamp").asText(),
                "--method", ex.get("request").get("method").asText(), "--url", url(ex)));
        args.addAll(headerArgs(ex));
        if (ex.get("request").hasNonNull("payload") && !ex.get("request").get("payload").asText().isEmpty()) {
            args.add("--data");
            args.add(ex.get("request").get("payload").asText());
        }
        JsonNode out = json(h.run(args.toArray(new String[0])));
        JsonNode expected = ex.get("expected");
        assertEquals(expected.get("canonicalRequest").asText(), out.get("canonicalRequest").asText());
        assertEquals(expected.get("stringToSign").asText(), out.get("stringToSign").asText());
        assertEquals(expected.get("signature").asText(), out.get("signature").asText());
    }

    @Test
    void readmeSignExampleGivesTheDocumentedSignature() throws IOException {
        CliHarness.Result r = CliHarness.withCredentials(home).run("sign", "--json", "--time", "20130524T000000Z",
                "--url", "https://examplebucket.s3.amazonaws.com/test.txt", "-H", "Range: bytes=0-9");
        JsonNode out = json(r);
        assertEquals("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41", out.get("signature").asText());
        assertEquals("https://examplebucket.s3.amazonaws.com/test.txt", out.get("url").asText());
        assertFalse(r.out.contains(CliHarness.SECRET));
    }

    @Test
    void defaultOutputIsTheHeadersToAdd() {
        CliHarness.Result r = CliHarness.withCredentials(home).run("sign", "--time", "20130524T000000Z",
                "--url", "https://examplebucket.s3.amazonaws.com/test.txt", "-H", "Range: bytes=0-9");
        assertEquals(0, r.code, r::toString);
        assertTrue(r.out.contains("Authorization: AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/"
                + "aws4_request"), r.out);
        assertTrue(r.out.contains("Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"), r.out);
        assertTrue(r.out.toLowerCase(java.util.Locale.ROOT).contains("x-amz-date: 20130524t000000z"), r.out);
        assertFalse(r.out.contains("Range:"), "a header the user gave is not a header to add:\n" + r.out);
    }

    @Test
    void curlOutputIsAReadyCommand() {
        CliHarness.Result r = CliHarness.withCredentials(home).run("sign", "--curl", "--time", "20130524T000000Z",
                "--method", "PUT", "--url", "s3://examplebucket/test$file.text", "--data", "Welcome to Amazon S3.");
        assertEquals(0, r.code, r::toString);
        String out = r.out.strip();
        assertTrue(out.startsWith("curl -X PUT -H "), out);
        assertTrue(out.contains(" --data-raw 'Welcome to Amazon S3.' "), out);
        assertTrue(out.contains("-H Content-Type:"), "curl's default form content type is suppressed:\n" + out);
        assertTrue(out.endsWith(" https://examplebucket.s3.amazonaws.com/test%24file.text"), out);
    }

    @Test
    void sessionTokenIsSignedAndSent() throws IOException {
        JsonNode out = json(CliHarness.withCredentials(home).run("sign", "--json", "--time", "20130524T000000Z",
                "--session-token", "FQoGZXIvYXdzEXAMPLETOKEN", "--url", "https://examplebucket.s3.amazonaws.com/a"));
        assertTrue(out.get("canonicalRequest").asText().contains("x-amz-security-token:FQoGZXIvYXdzEXAMPLETOKEN"),
                out::toString);
    }

    @Test
    void unsignedPayloadIsSigned() throws IOException {
        JsonNode out = json(CliHarness.withCredentials(home).run("sign", "--json", "--time", "20130524T000000Z",
                "--unsigned-payload", "--method", "PUT", "--url", "https://examplebucket.s3.amazonaws.com/big"));
        assertTrue(out.get("canonicalRequest").asText().endsWith("\nUNSIGNED-PAYLOAD"), out::toString);
    }

    @Test
    void dataFileAndPayloadHashGiveTheSameSignature() throws IOException {
        Path body = home.resolve("body.txt");
        Files.writeString(body, "Welcome to Amazon S3.");
        JsonNode fromFile = json(CliHarness.withCredentials(home).run("sign", "--json", "--time", "20130524T000000Z",
                "--method", "PUT", "--url", "https://examplebucket.s3.amazonaws.com/k", "--data-file", body.toString()));
        JsonNode fromHash = json(CliHarness.withCredentials(home).run("sign", "--json", "--time", "20130524T000000Z",
                "--method", "PUT", "--url", "https://examplebucket.s3.amazonaws.com/k", "--payload-hash",
                "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"));
        assertEquals(fromFile.get("signature"), fromHash.get("signature"));
    }

    @Test
    void credentialsFromAProfile() throws IOException {
        CliHarness h = new CliHarness(home).profileFile("[work]\naws_access_key_id = " + CliHarness.AKID
                + "\naws_secret_access_key = " + CliHarness.SECRET + "\n");
        JsonNode out = json(h.run("sign", "--json", "--profile", "work", "--time", "20130524T000000Z", "--url",
                "https://examplebucket.s3.amazonaws.com/test.txt", "-H", "Range: bytes=0-9"));
        assertEquals("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41", out.get("signature").asText());
    }

    @Test
    void presignReproducesTheDocumentedUrl() {
        JsonNode ex = DocExamples.named("s3-sigv4-presigned-get-test-txt-86400");
        CliHarness.Result r = CliHarness.withCredentials(home).run("presign", "s3://examplebucket/test.txt",
                "--expires", "86400", "--time", "20130524T000000Z");
        assertEquals(0, r.code, r::toString);
        assertSameUrl(ex.get("expected").get("presignedUrl").asText(), r.out.strip());
    }

    /** Same base and the same query parameters (the order of presigned parameters is not signed). */
    static void assertSameUrl(String expected, String actual) {
        int qe = expected.indexOf('?');
        int qa = actual.indexOf('?');
        assertEquals(expected.substring(0, qe), actual.substring(0, qa), actual);
        List<String> pe = new ArrayList<>(List.of(expected.substring(qe + 1).split("&")));
        List<String> pa = new ArrayList<>(List.of(actual.substring(qa + 1).split("&")));
        java.util.Collections.sort(pe);
        java.util.Collections.sort(pa);
        assertEquals(pe, pa, actual);
    }

    @Test
    void presignReadmeCommandPrintsAUrl() {
        CliHarness.Result r = CliHarness.withCredentials(home).run("presign", "s3://examplebucket/test.txt", "--expires",
                "1h");
        assertEquals(0, r.code, r::toString);
        String url = r.out.strip();
        assertTrue(url.startsWith("https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&"),
                url);
        assertTrue(url.contains("X-Amz-Expires=3600") && url.contains("X-Amz-Signature="), url);
        assertEquals("", r.err);
    }

    @Test
    void presignJsonCarriesWhatWasSigned() throws IOException {
        JsonNode ex = DocExamples.named("s3-sigv4-presigned-get-test-txt-86400");
        JsonNode out = json(CliHarness.withCredentials(home).run("presign", "--json", "s3://examplebucket/test.txt",
                "--expires", "1d", "--time", "20130524T000000Z"));
        assertEquals(ex.get("expected").get("canonicalRequest").asText(), out.get("canonicalRequest").asText());
        assertEquals(ex.get("expected").get("stringToSign").asText(), out.get("stringToSign").asText());
        assertEquals("2013-05-25T00:00:00Z", out.get("expiration").asText());
    }

    @Test
    void presignV2ReproducesTheDocumentedQuery() {
        JsonNode ex = DocExamples.named("s3-sigv2-query-johnsmith-puppy-1175139620");
        CliHarness.Result r = CliHarness.withCredentials(home).run("presign", "--v2", "--url",
                "https://" + host(ex) + "/photos/puppy.jpg", "--time", "2007-03-29T02:40:20Z", "--expires", "1h");
        assertEquals(0, r.code, r::toString);
        assertEquals("https://" + host(ex) + "/photos/puppy.jpg?" + ex.get("expected").get("query").asText(),
                r.out.strip());
    }

    @Test
    void presignPathStyleForAnS3CompatibleEndpoint() {
        CliHarness.Result r = CliHarness.withCredentials(home).run("presign", "s3://bucket/dir/my file.txt",
                "--endpoint", "http://127.0.0.1:9000", "--time", "20130524T000000Z");
        assertEquals(0, r.code, r::toString);
        assertTrue(r.out.startsWith("http://127.0.0.1:9000/bucket/dir/my%20file.txt?X-Amz-Algorithm="), r.out);
    }

    @Test
    void presignRegionGivesTheRegionalHostAndScope() {
        CliHarness.Result r = CliHarness.withCredentials(home).run("presign", "s3://examplebucket/k", "--region",
                "eu-west-1", "--method", "PUT", "--expires", "15m", "--time", "20130524T000000Z");
        assertEquals(0, r.code, r::toString);
        assertTrue(r.out.startsWith("https://examplebucket.s3.eu-west-1.amazonaws.com/k?"), r.out);
        assertTrue(r.out.contains("%2Feu-west-1%2Fs3%2Faws4_request") && r.out.contains("X-Amz-Expires=900"), r.out);
    }

    @Test
    void signV2ReproducesTheDocumentedSignature() throws IOException {
        JsonNode ex = DocExamples.named("s3-sigv2-johnsmith-object-put");
        List<String> args = new ArrayList<>(List.of("sign", "--v2", "--json", "--method", "PUT", "--url", url(ex)));
        args.addAll(headerArgs(ex));
        JsonNode out = json(CliHarness.withCredentials(home).run(args.toArray(new String[0])));
        assertEquals(ex.get("expected").get("stringToSign").asText(), out.get("stringToSign").asText());
        assertEquals(ex.get("expected").get("signature").asText(), out.get("signature").asText());
        assertFalse(out.has("canonicalRequest"), "SigV2 has no canonical request");
    }

    @Test
    void signV2QueryReproducesTheDocumentedUrl() {
        JsonNode ex = DocExamples.named("emr-sigv2-query-describejobflows");
        CliHarness.Result r = CliHarness.withCredentials(home).run("sign", "--v2-query", "--url",
                "https://elasticmapreduce.amazonaws.com/?Action=DescribeJobFlows&Version=2009-03-31"
                        + "&Timestamp=2011-10-03T15%3A19%3A30");
        assertEquals(0, r.code, r::toString);
        String expected = ex.get("expected").get("url").asText().replace(".com?", ".com/?");
        assertEquals("URL: " + expected, r.out.strip());
    }
}
