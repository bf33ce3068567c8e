package dev.awssig.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scripting contract: JSON lines in, one JSON line out per input line, in order, never stopping. */
class BatchTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private static List<JsonNode> lines(CliHarness.Result r) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : r.out.split("\n")) {
            if (!l.isEmpty()) {
                out.add(JSON.readTree(l));
            }
        }
        return out;
    }

    @Test
    void signBatchKeepsOrderAndGoesOnAfterBadLines() throws IOException {
        String input = String.join("\n",
                "{\"method\":\"GET\",\"url\":\"https://examplebucket.s3.amazonaws.com/test.txt\","
                        + "\"headers\":[[\"Range\",\"bytes=0-9\"]],\"time\":\"20130524T000000Z\"}",
                "{\"url\": not json",
                "",
                "{\"url\":\"https://examplebucket.s3.amazonaws.com/a\",\"colour\":\"blue\"}",
                "{\"method\":\"PUT\",\"url\":\"https://examplebucket.s3.amazonaws.com/test$file.text\","
                        + "\"headers\":[[\"Date\",\"Fri, 24 May 2013 00:00:00 GMT\"],"
                        + "[\"x-amz-storage-class\",\"REDUCED_REDUNDANCY\"]],"
                        + "\"body\":\"Welcome to Amazon S3.\",\"time\":\"20130524T000000Z\"}",
                "{\"method\":\"PUT\",\"url\":\"https://johnsmith.s3.us-west-1.amazonaws.com/photos/puppy.jpg\","
                        + "\"algorithm\":\"v2\",\"headers\":[[\"Content-Type\",\"image/jpeg\"],"
                        + "[\"Content-Length\",\"94328\"],[\"Date\",\"Tue, 27 Mar 2007 21:15:45 +0000\"]]}",
                "{\"method\":\"GET\"}",
                "[1,2]",
                "{\"url\":\"https://examplebucket.s3.amazonaws.com/a\",\"body\":\"x\",\"unsignedPayload\":true}",
                "{\"url\":\"https://examplebucket.s3.amazonaws.com/a\",\"time\":\"soon\"}",
                "{\"url\":\"https://examplebucket.s3.amazonaws.com/a\",\"algorithm\":\"v5\"}") + "\n";
        CliHarness.Result r = CliHarness.withCredentials(home).stdin(input).run("sign", "--batch");
        List<JsonNode> out = lines(r);
        assertEquals(10, out.size(), r::toString);
        assertEquals("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41", out.get(0).get("signature").asText());
        assertTrue(out.get(0).get("canonicalRequest").asText().startsWith("GET\n/test.txt\n"), out.get(0)::toString);
        assertTrue(out.get(0).has("stringToSign") && out.get(0).has("headers") && out.get(0).has("url"));
        assertTrue(out.get(1).get("error").asText().contains("not valid JSON"), out.get(1)::toString);
        assertEquals(2, out.get(1).get("line").asInt());
        assertEquals(Cli.CODE_INPUT, out.get(1).get("code").asText(), "a bad line has the same error shape");
        assertTrue(out.get(2).get("error").asText().contains("unknown field 'colour'"), out.get(2)::toString);
        assertEquals(4, out.get(2).get("line").asInt(), "blank lines are skipped but counted");
        assertEquals("98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd", out.get(3).get("signature").asText());
        assertEquals("MyyxeRY7whkBe+bq8fHCL/2kKUg=", out.get(4).get("signature").asText());
        assertFalse(out.get(4).has("canonicalRequest"), "SigV2 has no canonical request");
        assertEquals("PUT\n\nimage/jpeg\nTue, 27 Mar 2007 21:15:45 +0000\n/johnsmith/photos/puppy.jpg",
                out.get(4).get("stringToSign").asText());
        assertTrue(out.get(5).get("error").asText().contains("url: is required"), out.get(5)::toString);
        assertTrue(out.get(6).get("error").asText().contains("JSON object"), out.get(6)::toString);
        assertTrue(out.get(7).get("error").asText().contains("at most one of"), out.get(7)::toString);
        assertTrue(out.get(8).get("error").asText().startsWith("time:"), out.get(8)::toString);
        assertTrue(out.get(9).get("error").asText().startsWith("algorithm:"), out.get(9)::toString);
        assertEquals(Cli.EXIT_USAGE, r.code, "some lines failed");
        assertFalse(r.out.contains(CliHarness.SECRET));
    }

    @Test
    void headersKeepOrderAndRepeats() throws IOException {
        CliHarness.Result r = CliHarness.withCredentials(home).stdin("{\"url\":\"https://examplebucket.s3.amazonaws.com/a\","
                + "\"headers\":[[\"X-Amz-Meta-B\",\"2\"],[\"x-amz-meta-a\",\"1\"],[\"X-Amz-Meta-B\",\"3\"]],"
                + "\"bodyBase64\":\"V2VsY29tZSB0byBBbWF6b24gUzMu\"}\n").run("sign", "--batch", "--time",
                "20130524T000000Z");
        assertEquals(0, r.code, r::toString);
        JsonNode line = lines(r).get(0);
        List<String> names = new ArrayList<>();
        for (JsonNode h : line.get("headers")) {
            names.add(h.get(0).asText() + "=" + h.get(1).asText());
        }
        assertEquals(List.of("X-Amz-Meta-B=2", "x-amz-meta-a=1", "X-Amz-Meta-B=3"), names.subList(0, 3), names::toString);
        assertTrue(line.get("canonicalRequest").asText().contains("x-amz-meta-b:2,3\n"), line::toString);
        assertTrue(line.get("canonicalRequest").asText().endsWith(
                "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"), "bodyBase64 is the body");
    }

    @Test
    void commandLineOptionsAreDefaultsForEveryLine() throws IOException {
        CliHarness.Result r = CliHarness.withCredentials(home)
                .stdin("{\"url\":\"https://h.example/a\"}\n{\"url\":\"https://h.example/a\",\"region\":\"us-west-2\"}\n")
                .run("sign", "--batch", "--region", "eu-west-1", "--service", "execute-api", "--time", "20130524T000000Z");
        assertEquals(0, r.code, r::toString);
        List<JsonNode> out = lines(r);
        assertTrue(out.get(0).get("stringToSign").asText().contains("/eu-west-1/execute-api/aws4_request"), r.out);
        assertTrue(out.get(1).get("stringToSign").asText().contains("/us-west-2/execute-api/aws4_request"), r.out);
    }

    @Test
    void presignBatch() throws IOException {
        String input = "{\"url\":\"https://examplebucket.s3.amazonaws.com/test.txt\",\"expires\":86400,"
                + "\"time\":\"20130524T000000Z\"}\n"
                + "{\"url\":\"https://examplebucket.s3.amazonaws.com/test.txt\",\"expires\":691200}\n"
                + "{\"url\":\"https://johnsmith.s3.us-west-1.amazonaws.com/photos/puppy.jpg\",\"algorithm\":\"v2\","
                + "\"time\":\"2007-03-29T02:40:20Z\",\"expires\":\"1h\"}\n"
                + "{\"url\":\"https://examplebucket.s3.amazonaws.com/a\",\"body\":\"x\"}\n";
        CliHarness.Result r = CliHarness.withCredentials(home).stdin(input).run("presign", "--batch");
        List<JsonNode> out = lines(r);
        assertEquals(4, out.size(), r::toString);
        assertEquals("aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404", out.get(0).get("signature").asText());
        assertTrue(out.get(0).get("url").asText().contains("X-Amz-Signature=aeeed9bb"), out.get(0)::toString);
        assertTrue(out.get(0).has("canonicalRequest"));
        assertTrue(out.get(1).get("error").asText().contains("at most 7 days"), out.get(1)::toString);
        assertEquals("NpgCjnDzrM+WFzoENXmpNDUsSn8=", out.get(2).get("signature").asText());
        assertTrue(out.get(3).get("error").asText().contains("unknown field 'body'"), out.get(3)::toString);
        assertEquals(Cli.EXIT_USAGE, r.code);
    }

    /** The URL and signature of {@code awssig sign --json} for one target (the one-request mode). */
    private JsonNode oneRequest(String... args) throws IOException {
        CliHarness.Result r = CliHarness.withCredentials(home).run(args);
        assertEquals(0, r.code, r::toString);
        return JSON.readTree(r.out);
    }

    @Test
    void batchLinesTakeS3TargetsAsTheOneRequestModeDoes() throws IOException {
        String input = String.join("\n",
                "{\"url\":\"s3://examplebucket/photos/a b.jpg\"}",
                "{\"url\":\"s3://examplebucket/k\",\"region\":\"eu-west-1\"}",
                "{\"url\":\"s3://examplebucket/k\",\"endpoint\":\"http://127.0.0.1:9000\",\"pathStyle\":true}",
                "{\"url\":\"https://examplebucket.s3.amazonaws.com/k\",\"endpoint\":\"http://127.0.0.1:9000\"}",
                "{\"url\":\"s3:///k\"}",
                "{\"url\":\"s3://examplebucket/k\",\"pathStyle\":\"yes\"}") + "\n";
        CliHarness.Result r = CliHarness.withCredentials(home).stdin(input).run("sign", "--batch");
        List<JsonNode> out = lines(r);
        assertEquals(6, out.size(), r::toString);
        for (int i = 0; i < 3; i++) {
            JsonNode expected = oneRequest(new String[][] {
                {"sign", "--json", "--url", "s3://examplebucket/photos/a b.jpg"},
                {"sign", "--json", "--url", "s3://examplebucket/k", "--region", "eu-west-1"},
                {"sign", "--json", "--url", "s3://examplebucket/k", "--endpoint", "http://127.0.0.1:9000", "--path-style"}
            }[i]);
            assertEquals(expected.get("url").asText(), out.get(i).get("url").asText(), "line " + (i + 1));
            assertEquals(expected.get("signature").asText(), out.get(i).get("signature").asText(), "line " + (i + 1));
        }
        assertEquals("http://127.0.0.1:9000/examplebucket/k", out.get(2).get("url").asText());
        assertEquals("endpoint and pathStyle apply to s3://BUCKET/KEY urls, not to a full URL",
                out.get(3).get("error").asText());
        assertTrue(out.get(4).get("error").asText().startsWith("url: "), out.get(4)::toString);
        assertEquals("pathStyle: must be true or false", out.get(5).get("error").asText());
        assertEquals(Cli.EXIT_USAGE, r.code);
    }

    @Test
    void endpointAndPathStyleOnTheCommandLineAreTheDefaultsOfS3Lines() throws IOException {
        String input = String.join("\n",
                "{\"url\":\"s3://examplebucket/k\"}",
                "{\"url\":\"s3://examplebucket/k\",\"endpoint\":\"http://minio.example:9000\",\"pathStyle\":false}",
                "{\"url\":\"https://other.example/k\"}") + "\n";
        CliHarness.Result r = CliHarness.withCredentials(home).stdin(input).run("presign", "--batch",
                "--endpoint", "http://127.0.0.1:9000", "--path-style", "--time", "20130524T000000Z");
        assertEquals(0, r.code, r::toString);
        List<JsonNode> out = lines(r);
        assertTrue(out.get(0).get("url").asText().startsWith("http://127.0.0.1:9000/examplebucket/k?X-Amz-"),
                out.get(0)::toString);
        assertTrue(out.get(1).get("url").asText().startsWith("http://examplebucket.minio.example:9000/k?X-Amz-"),
                out.get(1)::toString);
        assertTrue(out.get(2).get("url").asText().startsWith("https://other.example/k?X-Amz-"),
                "a full URL keeps its own host: " + out.get(2));
        JsonNode one = oneRequest("presign", "--json", "s3://examplebucket/k", "--endpoint", "http://127.0.0.1:9000",
                "--path-style", "--time", "20130524T000000Z");
        assertEquals(one.get("url").asText(), out.get(0).get("url").asText(), "as the one-request mode presigns it");
    }

    @Test
    void noCredentialsStopsBeforeReadingAndSaysSo() {
        CliHarness.Result r = new CliHarness(home).stdin("{\"url\":\"https://h.example/a\"}\n").run("sign", "--batch");
        UserMistakesTest.assertJsonError(r, Cli.CODE_INPUT, "No AWS credentials found");
    }
}
