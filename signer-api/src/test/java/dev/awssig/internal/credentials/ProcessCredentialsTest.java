package dev.awssig.internal.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Credentials;
import dev.awssig.CredentialsEnvironment;
import dev.awssig.CredentialsNotFoundException;
import dev.awssig.CredentialsProvider;
import dev.awssig.CredentialsProviders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code credential_process}: a shell command that prints JSON. */
@DisabledOnOs(OS.WINDOWS)
class ProcessCredentialsTest {
    static final String SECRET = "processSecretEXAMPLEKEYwJalrXUtnFEMI";
    static final String SESSION_TOKEN = "IQoJb3JpZ2luX2VjProcessTokenEXAMPLE";
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    final TestClock clock = new TestClock(NOW);

    @TempDir
    Path dir;

    CredentialsEnvironment env() {
        return CredentialsEnvironment.builder().environment(Map.of("AWSSIG_TEST_KEY", "ASIAFROMENV")).clock(clock)
                .build();
    }

    /** A command that prints the file's content (and counts its runs). */
    String printing(String json) throws IOException {
        Path out = dir.resolve("out.json");
        Files.writeString(out, json);
        return "echo run >> '" + dir.resolve("runs") + "'; cat '" + out + "'";
    }

    int runs() throws IOException {
        Path runs = dir.resolve("runs");
        return Files.exists(runs) ? Files.readAllLines(runs).size() : 0;
    }

    @Test
    void versionOneWithExpirationIsCachedUntilTheRefreshIsDue() throws IOException {
        String command = printing("{\"Version\": 1, \"AccessKeyId\": \"ASIAPROCESS\", \"SecretAccessKey\": \"" + SECRET
                + "\", \"SessionToken\": \"" + SESSION_TOKEN + "\", \"Expiration\": \"2026-03-01T11:00:00+00:00\"}");
        CredentialsProvider p = CredentialsProviders.process(command, env());
        Credentials c = p.resolveCredentials();
        assertEquals("ASIAPROCESS", c.accessKeyId());
        assertEquals(SECRET, c.secretAccessKey());
        assertEquals(SESSION_TOKEN, c.sessionToken().orElseThrow());
        assertEquals(Instant.parse("2026-03-01T11:00:00Z"), c.expiration().orElseThrow());
        assertSame(c, p.resolveCredentials());
        assertEquals(1, runs());
        clock.advance(Duration.ofMinutes(56));
        p.resolveCredentials();
        assertEquals(2, runs());
    }

    @Test
    void withoutExpirationTheCredentialsAreKept() throws IOException {
        CredentialsProvider p = CredentialsProviders.process(printing("{\"Version\":1,\"AccessKeyId\":\"AKIDLONGTERM\","
                + "\"SecretAccessKey\":\"" + SECRET + "\"}"), env());
        assertEquals("AKIDLONGTERM", p.resolveCredentials().accessKeyId());
        assertTrue(p.resolveCredentials().expiration().isEmpty());
        clock.advance(Duration.ofDays(30));
        p.resolveCredentials();
        assertEquals(1, runs());
    }

    @Test
    void theProgramSeesTheGivenVariables() {
        CredentialsProvider p = CredentialsProviders.process("printf '{\"Version\":1,\"AccessKeyId\":\"%s\","
                + "\"SecretAccessKey\":\"s\"}' \"$AWSSIG_TEST_KEY\"", env());
        assertEquals("ASIAFROMENV", p.resolveCredentials().accessKeyId());
    }

    @Test
    void failuresNameTheProgramButNeverWhatItPrinted() throws IOException {
        String[][] cases = {
            {"echo '" + SECRET + "'; exit 3", "credential_process 'echo' (profile 'p'): exited with status 3"},
            {printing("{\"AccessKeyId\":\"ASIAX\",\"SecretAccessKey\":\"" + SECRET + "\"}"),
                "credential_process 'echo' (profile 'p'): the output must have \"Version\": 1 (it has no Version)"},
            {"echo '{\"Version\": 2, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"" + SECRET + "\"}'",
                "credential_process 'echo' (profile 'p'): the output must have \"Version\": 1"},
            {"echo 'AccessKeyId=ASIAX " + SECRET + "'",
                "credential_process 'echo' (profile 'p'): the answer is not a JSON object (malformed JSON at character 1:"
                    + " expected a JSON object)"},
            {"echo '{\"Version\":1,\"SecretAccessKey\":\"" + SECRET + "\"}'",
                "credential_process 'echo' (profile 'p'): the answer is incomplete: AccessKeyId not set"
                    + " (SecretAccessKey is set)"},
            {"head -c 70000 /dev/zero", "credential_process 'head' (profile 'p'): printed more than 65536 bytes"},
            {"/nonexistent/awssig-helper --flag", "credential_process '/nonexistent/awssig-helper' (profile 'p'): exited"
                + " with status 127"},
        };
        for (String[] c : cases) {
            ProcessCredentialsProvider p = new ProcessCredentialsProvider(c[0], env(), true, "profile 'p'");
            CredentialsNotFoundException e = assertThrows(CredentialsNotFoundException.class, p::resolveCredentials);
            assertEquals(c[1], e.getMessage());
            assertFalse(e.getMessage().contains(SECRET));
        }
    }

    @Test
    void blankCommandIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> CredentialsProviders.process("  "));
    }
}
