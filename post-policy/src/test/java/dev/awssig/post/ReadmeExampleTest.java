package dev.awssig.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Credentials;
import dev.awssig.SecretLookup;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's example compiles (it is copied here between the markers), runs, and is the README's text. */
class ReadmeExampleTest {

    @Test
    void theReadmeExampleRunsAndTheUploadIsAccepted() {
        Clock clock = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
        // README:begin
        SigningConfig config = SigningConfig.builder()
                .credentials(Credentials.of("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"))
                .region("us-east-1")
                .clock(clock)
                .build();
        PostPolicy policy = PostPolicy.builder()
                .expiration(clock.instant().plus(Duration.ofHours(1)))
                .acl("private")
                .contentTypeStartsWith("image/")
                .contentLengthRange(1, 10 * 1024 * 1024)
                .build();
        PostForm form = PostFormSigner.v4(config).sign(PostFormRequest.builder()
                .bucket("examplebucket")
                .key("uploads/${filename}")
                .policy(policy)
                .field("acl", "private")
                .field("Content-Type", "image/png")
                .build());
        String page = form.toHtml();          // serve it; the browser posts straight to S3

        // on the receiving side (an S3-compatible server)
        PostPolicyEnforcer enforcer = PostPolicyEnforcer.builder()
                .secretLookup(SecretLookup.of(Map.of("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")))
                .clock(clock)
                .region("us-east-1")
                .build();
        VerificationResult result = enforcer.verify(PostSubmission.of(form, "cat.png", 4096));
        // README:end
        assertTrue(result.isValid(), result::toString);
        assertTrue(page.contains("enctype=\"multipart/form-data\""));
    }

    @Test
    void theReadmeShowsExactlyTheCodeThatIsTested() throws IOException {
        String test = Files.readString(Path.of("src/test/java/dev/awssig/post/ReadmeExampleTest.java"),
                StandardCharsets.UTF_8);
        String snippet = test.substring(test.indexOf("// README:begin\n") + "// README:begin\n".length(),
                test.indexOf("        // README:end"));
        StringBuilder unindented = new StringBuilder();
        for (String line : snippet.split("\n", -1)) {
            unindented.append(line.startsWith("        ") ? line.substring(8) : line).append('\n');
        }
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        String block = readme.substring(readme.indexOf("```java\n") + "```java\n".length(), readme.indexOf("```\n\n## Tests"));
        // the block's own imports (which integration-tests' ReadmeSnippetsTest compiles it with) are not in this test
        String code = block.substring(block.indexOf("\n\n") + 2);
        assertTrue(block.substring(0, block.indexOf("\n\n")).lines().allMatch(l -> l.startsWith("import ")), block);
        assertEquals(code, unindented.toString().substring(0, unindented.length() - 1));
    }
}
