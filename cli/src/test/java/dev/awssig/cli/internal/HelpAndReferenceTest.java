package dev.awssig.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.awssig.Signers;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The help of every command (no {@code null} where picocli met an unescaped {@code ${...}}), the
 * shell completion script, the generated command reference {@code cli/REFERENCE.md}, and JSON
 * errors with {@code --json} / {@code --batch}.
 */
class HelpAndReferenceTest {
    private static final Pattern NULL_WORD = Pattern.compile("\\bnull\\b");
    /** The width the reference is rendered at, whatever the terminal. */
    private static final int WIDTH = 100;

    @TempDir
    Path home;

    private static CommandLine commandLine() {
        CliEnvironment env = new CliEnvironment(Map.of(), new ByteArrayInputStream(new byte[0]),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Clock.systemUTC(),
                Signers::discover, CliEnvironment.CredentialsSource.of(Map.of(), new Properties(), Paths.get("/nonexistent")));
        CommandLine cl = Cli.commandLine(env, false);
        cl.setUsageHelpAutoWidth(false);
        cl.setUsageHelpWidth(WIDTH);
        return cl;
    }

    /** Every command and subcommand by its qualified name, in declaration order. */
    private static Map<String, CommandLine> commands(CommandLine cl, Map<String, CommandLine> into) {
        into.put(cl.getCommandSpec().qualifiedName(), cl);
        for (CommandLine sub : cl.getSubcommands().values()) {
            if (!into.containsKey(sub.getCommandSpec().qualifiedName())) {
                commands(sub, into);
            }
        }
        return into;
    }

    @Test
    void noHelpTextOfAnyCommandSaysNull() {
        Map<String, CommandLine> all = commands(commandLine(), new LinkedHashMap<>());
        assertTrue(all.keySet().containsAll(java.util.List.of("awssig", "awssig presign", "awssig sign",
                "awssig post-form", "awssig verify", "awssig explain", "awssig generate-completion")), all.keySet()::toString);
        for (Map.Entry<String, CommandLine> c : all.entrySet()) {
            String help = c.getValue().getUsageMessage();
            assertFalse(NULL_WORD.matcher(help).find(), () -> c.getKey() + " --help says null:\n" + help);
        }
    }

    @Test
    void postFormHelpShowsTheFilenameVariable() {
        CliHarness.Result r = new CliHarness(home).run("post-form", "--help");
        assertEquals(0, r.code, r::toString);
        String flat = r.out.replaceAll("\\s+", " ");
        assertTrue(flat.contains("may end with ${filename}"), r.out);
        assertTrue(flat.contains("key PREFIX${filename}"), r.out);
        assertTrue(flat.contains("--key 'user/eric/${filename}'"), r.out);
    }

    @Test
    void generateCompletionPrintsABashCompletionScript() {
        CliHarness.Result r = new CliHarness(home).run("generate-completion");
        assertEquals(0, r.code, r::toString);
        assertTrue(r.out.startsWith("#!/usr/bin/env bash"), r.out.lines().findFirst().orElse(""));
        assertTrue(r.out.contains("complete -F _complete_awssig"), "registers the function for 'awssig'");
        for (String word : new String[] {"presign", "post-form", "verify", "explain", "--expires", "--content-type"}) {
            assertTrue(r.out.contains(word), "completes " + word);
        }
    }

    /** The reference page: every command's --help, generated from the same annotations. */
    static String reference() {
        StringBuilder md = new StringBuilder("# awssig command reference\n\n")
                .append("Generated from the command's annotations by `HelpAndReferenceTest` (`cli` module): every\n")
                .append("command's `--help`, as printed at a width of ").append(WIDTH).append(" columns. Regenerate after\n")
                .append("changing an option: `mvn -B verify -pl cli -am -Dawssig.updateReference=true`.\n");
        for (Map.Entry<String, CommandLine> c : commands(commandLine(), new LinkedHashMap<>()).entrySet()) {
            if (c.getKey().equals("awssig help")) {
                continue;
            }
            md.append("\n## ").append(c.getKey()).append("\n\n```text\n")
                    .append(c.getValue().getUsageMessage().stripTrailing()).append("\n```\n");
        }
        return md.toString();
    }

    @Test
    void theCommittedReferenceIsTheGeneratedOne() throws IOException {
        Path file = Paths.get(System.getProperty("basedir", System.getProperty("user.dir")), "REFERENCE.md");
        String generated = reference();
        if (Boolean.getBoolean("awssig.updateReference")) {
            Files.writeString(file, generated, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        assertEquals(generated, committed, "cli/REFERENCE.md is out of date: regenerate it with"
                + " mvn -B verify -pl cli -am -Dawssig.updateReference=true");
    }

    @Test
    void usageErrorsAreJsonWithJsonOrBatch() throws IOException {
        CliHarness h = CliHarness.withCredentials(home);
        UserMistakesTest.assertJsonError(h.run("sign", "--json", "--colour"), Cli.CODE_USAGE, "--colour");
        UserMistakesTest.assertJsonError(h.run("presign", "--batch", "--nope"), Cli.CODE_USAGE, "--nope");
        UserMistakesTest.assertJsonError(h.run("verify", "--json", home.resolve("missing.txt").toString()),
                Cli.CODE_INPUT, "no such file");
        UserMistakesTest.assertJsonError(new CliHarness(home).run("presign", "--json", "s3://examplebucket/a.txt"),
                Cli.CODE_INPUT, "No AWS credentials");
        // without --json: one line of text on stderr, as before
        UserMistakesTest.assertUserError(h.run("sign", "--colour"), "--colour");
        // after "--" it is an argument, not the option
        assertTrue(Cli.wantsJson(new String[] {"sign", "--json"}));
        assertFalse(Cli.wantsJson(new String[] {"explain", "--", "--json"}));
        JsonNode j = new ObjectMapper().readTree(h.run("sign", "--json", "--colour").out);
        assertEquals(2, j.size(), "exactly error and code: " + j);
    }
}
