package dev.awssig.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.awssig.AuthError;
import dev.awssig.SecretLookup;
import dev.awssig.VerificationResult;
import dev.awssig.post.PostPolicy;
import dev.awssig.post.PostPolicyEnforcer;
import dev.awssig.post.PostSubmission;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code awssig post-form}: the AWS documentation's SigV4 browser-upload example byte for byte,
 * and forms that post-policy's server-side enforcer (S3's rules) accepts or rejects.
 */
class PostFormTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant T = Instant.parse("2015-12-29T00:00:00Z");

    @TempDir
    Path home;

    private static JsonNode json(CliHarness.Result r) throws IOException {
        assertEquals(0, r.code, r::toString);
        return JSON.readTree(r.out);
    }

    private static VerificationResult enforce(JsonNode form, String bucket, String fileName, long size, String region) {
        PostSubmission.Builder s = PostSubmission.builder().bucket(bucket).fileName(fileName).fileSize(size);
        Iterator<Map.Entry<String, JsonNode>> it = form.get("fields").properties().iterator();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            s.field(f.getKey(), f.getValue().asText());
        }
        return PostPolicyEnforcer.builder().secretLookup(SecretLookup.of(Map.of(CliHarness.AKID, CliHarness.SECRET)))
                .clock(Clock.fixed(T.plusSeconds(60), ZoneOffset.UTC)).region(region).build().verify(s.build());
    }

    @Test
    void documentedSigV4PolicyIsSignedByteForByte() throws IOException {
        JsonNode ex = DocExamples.named("s3-sigv4-post-policy-sigv4examplebucket");
        Path policy = home.resolve("policy.json");
        Files.write(policy, ex.get("request").get("policyJson").asText().getBytes(StandardCharsets.UTF_8));
        JsonNode form = json(CliHarness.withCredentials(home).run("post-form", "--bucket", "sigv4examplebucket",
                "--key", "user/user1/${filename}", "--policy-file", policy.toString(), "--time", "20151229T000000Z",
                "--field", "acl=public-read",
                "--field", "success_action_redirect=http://sigv4examplebucket.s3.amazonaws.com/successful_upload.html",
                "--field", "Content-Type=image/jpeg",
                "--field", "x-amz-meta-uuid=14365123651274",
                "--field", "x-amz-server-side-encryption=AES256"));
        JsonNode fields = form.get("fields");
        assertEquals(ex.get("expected").get("stringToSign").asText(), fields.get("policy").asText());
        assertEquals(ex.get("expected").get("signature").asText(), fields.get("x-amz-signature").asText());
        assertEquals("AKIAIOSFODNN7EXAMPLE/20151229/us-east-1/s3/aws4_request", fields.get("x-amz-credential").asText());
    }

    @Test
    void keyPrefixFormIsAcceptedWithinItsLimitsAndRejectedBeyond() throws IOException {
        JsonNode form = json(CliHarness.withCredentials(home).run("post-form", "s3://examplebucket/uploads/",
                "--key-prefix", "--field", "acl=private", "--condition", "Content-Type^=image/", "--field",
                "Content-Type=image/png", "--condition", "content-length-range=1,1048576", "--expires", "1h",
                "--time", "20151229T000000Z", "--region", "eu-west-1"));
        assertEquals("https://examplebucket.s3.eu-west-1.amazonaws.com/", form.get("url").asText());
        assertEquals("uploads/${filename}", form.get("fields").get("key").asText());
        PostPolicy policy = PostPolicy.fromBase64(form.get("fields").get("policy").asText());
        assertEquals(T.plusSeconds(3600), policy.expiration());
        assertTrue(enforce(form, "examplebucket", "cat.png", 4096, "eu-west-1").isValid());
        assertEquals(AuthError.ENTITY_TOO_LARGE,
                enforce(form, "examplebucket", "cat.png", 2 << 20, "eu-west-1").error().orElseThrow());
    }

    @Test
    void sigV2FormIsAccepted() throws IOException {
        JsonNode form = json(CliHarness.withCredentials(home).run("post-form", "--v2", "--bucket", "johnsmith",
                "--key", "user/eric/${filename}", "--condition", "[\"starts-with\", \"$key\", \"user/eric/\"]",
                "--time", "20151229T000000Z"));
        JsonNode fields = form.get("fields");
        assertEquals(CliHarness.AKID, fields.get("AWSAccessKeyId").asText());
        assertTrue(fields.has("signature") && fields.has("policy"), fields::toString);
        assertTrue(enforce(form, "johnsmith", "notes.txt", 10, "us-east-1").isValid());
    }

    @Test
    void htmlIsAPageABrowserCanSubmit() {
        CliHarness.Result r = CliHarness.withCredentials(home).run("post-form", "s3://examplebucket/a.txt", "--html",
                "--time", "20151229T000000Z");
        assertEquals(0, r.code, r::toString);
        assertTrue(r.out.contains("enctype=\"multipart/form-data\"") && r.out.contains("method=\"post\"")
                && r.out.contains("https://examplebucket.s3.us-east-1.amazonaws.com/"), r.out);
        assertTrue(r.out.contains("type=\"file\""), r.out);
    }

    @Test
    void sessionTokenGoesIntoTheForm() throws IOException {
        JsonNode form = json(CliHarness.withCredentials(home).run("post-form", "s3://examplebucket/a.txt",
                "--session-token", "FQoGZXIvYXdzEXAMPLE", "--time", "20151229T000000Z"));
        assertEquals("FQoGZXIvYXdzEXAMPLE", form.get("fields").get("x-amz-security-token").asText());
    }

    @Test
    void mistakesAreOneLine() {
        UserMistakesTest.assertUserError(CliHarness.withCredentials(home).run("post-form", "--key", "k"),
                "bucket is required");
        UserMistakesTest.assertUserError(CliHarness.withCredentials(home).run("post-form", "s3://b1b/k",
                "--condition", "nonsense"), "--condition");
        UserMistakesTest.assertUserError(CliHarness.withCredentials(home).run("post-form", "s3://b1b/k",
                "--condition", "content-length-range=5"), "MIN,MAX");
        UserMistakesTest.assertUserError(CliHarness.withCredentials(home).run("post-form", "s3://b1b/k", "--key-prefix",
                "p/", "--key", "x"), "--key");
        UserMistakesTest.assertUserError(new CliHarness(home).run("post-form", "s3://b1b/k"), "No AWS credentials");
    }
}
