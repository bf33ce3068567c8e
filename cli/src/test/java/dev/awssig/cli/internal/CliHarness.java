package dev.awssig.cli.internal;

import dev.awssig.CredentialsEnvironment;
import dev.awssig.Signers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Runs the command in-process with a controlled environment: an environment map (with the
 * instance metadata source off unless a test removes {@code AWS_EC2_METADATA_DISABLED}), an empty
 * temporary home, no system properties, a fixed clock (for signing and for the credentials
 * providers) and the given standard input. Nothing of the real environment or home directory is read.
 */
final class CliHarness {
    static final String AKID = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final Instant NOW = Instant.parse("2013-05-24T00:00:00Z");

    final Map<String, String> env = new HashMap<>();
    final Path home;
    byte[] stdin = new byte[0];
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    CliHarness(Path home) {
        this.home = home;
        // the default chain ends with the instance metadata service: never ask the real one
        env.put("AWS_EC2_METADATA_DISABLED", "true");
    }

    static CliHarness withCredentials(Path home) {
        CliHarness h = new CliHarness(home);
        h.env.put("AWS_ACCESS_KEY_ID", AKID);
        h.env.put("AWS_SECRET_ACCESS_KEY", SECRET);
        return h;
    }

    CliHarness stdin(String text) {
        this.stdin = text.getBytes(StandardCharsets.UTF_8);
        return this;
    }

    CliHarness profileFile(String content) {
        try {
            Files.createDirectories(home.resolve(".aws"));
            Files.writeString(home.resolve(".aws").resolve("credentials"), content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliEnvironment e = new CliEnvironment(env, new ByteArrayInputStream(stdin), new PrintWriter(out, true),
                new PrintWriter(err, true), clock, Signers::discover,
                CliEnvironment.CredentialsSource.of(CredentialsEnvironment.builder().environment(env)
                        .systemProperties(new Properties()).home(home).clock(clock).build()));
        int code = Cli.run(e, args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Exit code and captured output. */
    static final class Result {
        final int code;
        final String out;
        final String err;

        Result(int code, String out, String err) {
            this.code = code;
            this.out = out;
            this.err = err;
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- out:\n" + out + "--- err:\n" + err;
        }
    }
}
