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
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SigV2 signs the Content-Type line, so a presigned PUT says what the client must send, and
 * {@code --content-type} signs one; checked against signer-v2's verifier.
 */
class PresignV2ContentTypeTest {
    private static final String TARGET = "s3://examplebucket/photos/cat.jpg";

    @TempDir
    Path home;

    private static VerificationResult verify(String url, String contentType) {
        SignableRequest.Builder b = SignableRequest.builder().method("PUT").uri(url);
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return Signers.discover().verifier(Algorithms.SIGV2_S3, SigningConfig.builder().build())
                .verify(b.build(), SecretLookup.of(Map.of(CliHarness.AKID, CliHarness.SECRET)),
                        CliHarness.NOW.plusSeconds(60));
    }

    @Test
    void aPutWithoutContentTypeSaysTheClientMustSendNone() {
        CliHarness.Result r = CliHarness.withCredentials(home).run("presign", "--v2", "-X", "PUT", TARGET);
        assertEquals(0, r.code, r::toString);
        assertEquals(1, r.out.strip().lines().count(), "stdout is the URL alone: " + r.out);
        assertTrue(r.err.startsWith("note: SigV2 signs Content-Type: send this PUT with no Content-Type header"), r.err);
        String url = r.out.strip();
        assertTrue(verify(url, null).isValid());
        assertEquals("SignatureDoesNotMatch", verify(url, "application/octet-stream").error().orElseThrow().code());
    }

    @Test
    void contentTypeIsSignedAndNamedInTheOutput() throws IOException {
        CliHarness.Result r = CliHarness.withCredentials(home).run("presign", "--v2", "-X", "PUT", "--content-type",
                "image/jpeg", "--json", TARGET);
        assertEquals(0, r.code, r::toString);
        JsonNode j = new ObjectMapper().readTree(r.out);
        assertEquals("[[\"Content-Type\",\"image/jpeg\"]]", j.get("headers").toString());
        assertEquals("SigV2 signs Content-Type: send this PUT with exactly 'Content-Type: image/jpeg'.",
                j.get("notes").get(0).asText());
        String url = j.get("url").asText();
        assertTrue(verify(url, "image/jpeg").isValid());
        assertFalse(verify(url, "image/png").isValid());
        assertFalse(verify(url, null).isValid());
    }

    @Test
    void sigV4AndGetsNeedNoNote() {
        CliHarness.Result get = CliHarness.withCredentials(home).run("presign", "--v2", TARGET);
        assertEquals("", get.err, get::toString);
        CliHarness.Result v4 = CliHarness.withCredentials(home).run("presign", "-X", "PUT", "--content-type",
                "image/jpeg", TARGET);
        assertEquals(0, v4.code, v4::toString);
        assertEquals("", v4.err, v4::toString);
    }

    @Test
    void contentTypeGivenTwiceIsAMistake() {
        UserMistakesTest.assertUserError(CliHarness.withCredentials(home).run("presign", "--v2", "-X", "PUT",
                "-H", "Content-Type: a/b", "--content-type", "c/d", TARGET), "--content-type");
    }
}
