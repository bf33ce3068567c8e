package dev.awssig.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User mistakes: exit code 2, one clear line on standard error, no stack trace, never the secret. */
class UserMistakesTest {
    @TempDir
    Path home;

    /**
     * With --json or --batch: exit 2, nothing on stderr, one JSON object on stdout with the
     * error (containing every fragment) and the code.
     */
    static void assertJsonError(CliHarness.Result r, String code, String... fragments) {
        assertEquals(Cli.EXIT_USAGE, r.code, r::toString);
        assertEquals("", r.err, r::toString);
        assertEquals(1, r.out.strip().lines().count(), () -> "expected one JSON line on stdout:\n" + r);
        JsonNode j;
        try {
            j = new ObjectMapper().readTree(r.out);
        } catch (IOException e) {
            throw new AssertionError("not JSON:\n" + r, e);
        }
        assertEquals(code, j.get("code").asText(), r::toString);
        for (String f : fragments) {
            assertTrue(j.get("error").asText().contains(f), () -> "error lacks '" + f + "':\n" + r);
        }
        assertFalse(r.out.contains(CliHarness.SECRET), "secret printed");
    }

    static void assertUserError(CliHarness.Result r, String... fragments) {
        assertEquals(Cli.EXIT_USAGE, r.code, r::toString);
        String err = r.err.strip();
        assertFalse(err.isEmpty(), r::toString);
        assertFalse(err.contains("\n"), () -> "expected one line on stderr:\n" + r);
        assertFalse(err.contains("\tat ") || err.contains("Exception:"), () -> "stack trace printed:\n" + r);
        for (String f : fragments) {
            assertTrue(err.contains(f), () -> "stderr lacks '" + f + "':\n" + r);
        }
        assertFalse(r.out.contains(CliHarness.SECRET) || r.err.contains(CliHarness.SECRET), "secret printed");
    }

    @Test
    void missingCredentialsNamesEverySourceTriedAndHowToSetOne() {
        CliHarness.Result r = new CliHarness(home).run("presign", "s3://examplebucket/test.txt");
        assertUserError(r, "No AWS credentials found", "AWS_ACCESS_KEY_ID", "aws.accessKeyId",
                home.resolve(".aws").resolve("credentials").toString(), "--profile");
        assertEquals("", r.out);
    }

    @Test
    void missingCredentialsForSign() {
        assertUserError(new CliHarness(home).run("sign", "--url", "https://examplebucket.s3.amazonaws.com/a"),
                "No AWS credentials found");
    }

    @Test
    void unknownProfileIsNamed() {
        CliHarness h = CliHarness.withCredentials(home).profileFile("[work]\naws_access_key_id = AKIDWORK\n"
                + "aws_secret_access_key = secretwork\n");
        assertUserError(h.run("presign", "s3://b1b/k", "--profile", "nosuch"), "profile 'nosuch'");
    }

    @Test
    void urlWithoutSchemeIsRejected() {
        assertUserError(CliHarness.withCredentials(home).run("sign", "--url", "examplebucket/test.txt"),
                "--url", "s3://BUCKET/KEY or an http(s):// URL");
    }

    @Test
    void urlWithBadPortIsRejected() {
        assertUserError(CliHarness.withCredentials(home).run("sign", "--url", "https://host:99999/x"),
                "--url", "port");
    }

    @Test
    void urlWithFragmentIsRejected() {
        assertUserError(CliHarness.withCredentials(home).run("presign", "--url", "https://host/x#frag"), "--url",
                "fragment");
    }

    @Test
    void s3TargetWithoutBucketIsRejected() {
        assertUserError(CliHarness.withCredentials(home).run("presign", "s3:///key"), "bucket is missing");
    }

    @Test
    void expiryOverSevenDaysIsRejectedForSigV4() {
        assertUserError(CliHarness.withCredentials(home).run("presign", "s3://examplebucket/test.txt", "--expires", "8d"),
                "--expires", "at most 7 days");
        assertUserError(CliHarness.withCredentials(home).run("presign", "s3://examplebucket/test.txt", "--expires",
                "604801"), "--expires", "at most 7 days");
    }

    @Test
    void expiryWithUnknownUnitIsRejected() {
        assertUserError(CliHarness.withCredentials(home).run("presign", "s3://examplebucket/t", "--expires", "2w"),
                "--expires", "unknown unit 'w'");
    }

    @Test
    void zeroExpiryIsRejected() {
        assertUserError(CliHarness.withCredentials(home).run("presign", "s3://examplebucket/t", "--expires", "0"),
                "--expires", "at least 1 second");
    }

    @Test
    void badTimeIsRejected() {
        assertUserError(CliHarness.withCredentials(home).run("sign", "--url", "https://h.example/a", "--time",
                "yesterday"), "--time", "20130524T000000Z");
    }

    @Test
    void headerWithoutColonIsRejected() {
        assertUserError(CliHarness.withCredentials(home).run("sign", "--url", "https://h.example/a", "-H", "Range"),
                "-H", "'Name: value'");
    }

    @Test
    void badPayloadHashIsRejected() {
        assertUserError(CliHarness.withCredentials(home).run("sign", "--url", "https://h.example/a", "--payload-hash",
                "abc"), "--payload-hash", "64 hex digits");
    }

    @Test
    void twoPayloadsAreRejected() {
        assertUserError(CliHarness.withCredentials(home).run("sign", "--url", "https://h.example/a", "--data", "x",
                "--unsigned-payload"), "mutually exclusive");
    }

    @Test
    void missingDataFileIsNamed() {
        assertUserError(CliHarness.withCredentials(home).run("sign", "--url", "https://h.example/a", "--data-file",
                home.resolve("nope.bin").toString()), "--data-file", "no such file");
    }

    @Test
    void unknownOptionPointsToHelp() {
        assertUserError(CliHarness.withCredentials(home).run("presign", "--bogus"), "Unknown option", "--help");
    }

    @Test
    void secretIsNotAnOption() {
        assertUserError(CliHarness.withCredentials(home).run("sign", "--url", "https://h.example/a", "--secret-key",
                "x"), "Unknown option");
    }

    @Test
    void missingSubcommand() {
        assertUserError(CliHarness.withCredentials(home).run(), "subcommand is required");
    }

    @Test
    void batchRejectsPerRequestOptions() {
        assertJsonError(CliHarness.withCredentials(home).run("sign", "--batch", "--url", "https://h.example/a"),
                Cli.CODE_INPUT, "--batch");
    }

    @Test
    void endpointWithFullUrlIsRejected() {
        assertUserError(CliHarness.withCredentials(home).run("presign", "--url", "https://h.example/a", "--endpoint",
                "http://127.0.0.1:9000"), "--endpoint");
    }

    @Test
    void badRegionIsRejected() {
        assertUserError(CliHarness.withCredentials(home).run("sign", "--url", "https://h.example/a", "--region",
                "us east"), "--region");
    }

    @Test
    void anArgumentStartingWithAtIsDataNotAnArgumentFile() throws java.io.IOException {
        Path argFile = home.resolve("args");
        java.nio.file.Files.writeString(argFile, "--bogus");
        CliHarness.Result r = CliHarness.withCredentials(home).run("sign", "--url", "https://h.example/a",
                "--data", "@" + argFile, "--json", "--time", "20130524T000000Z");
        assertEquals(0, r.code, r::toString);
        CliHarness.Result literal = CliHarness.withCredentials(home).run("sign", "--url", "https://h.example/a",
                "--data", "@@x", "--curl", "--time", "20130524T000000Z");
        assertTrue(literal.out.contains("--data-raw @@x"), literal::toString);
    }

    @Test
    void helpAndVersionExitZero() {
        CliHarness.Result help = new CliHarness(home).run("sign", "--help");
        assertEquals(0, help.code);
        assertTrue(help.out.contains("--unsigned-payload"), help::toString);
        CliHarness.Result version = new CliHarness(home).run("--version");
        assertEquals(0, version.code);
        assertTrue(version.out.startsWith("awssig "), version::toString);
    }
}
