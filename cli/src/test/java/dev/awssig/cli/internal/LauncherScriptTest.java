package dev.awssig.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./awssig} launcher, run by bash in a copy of the repository layout with stand-ins
 * for {@code mvn} and {@code java} on the PATH: it builds the jar when it is missing or older than
 * the sources (quietly, showing Maven's output only on failure) and runs it from any directory.
 */
class LauncherScriptTest {
    @TempDir
    Path tmp;

    Path root;
    Path bin;
    Path log;
    Path jar;

    @BeforeEach
    void layout() throws IOException {
        root = tmp.resolve("repo");
        bin = tmp.resolve("bin");
        log = tmp.resolve("calls.log");
        Files.createDirectories(root.resolve("cli/src/main/java"));
        Files.createDirectories(root.resolve("signer-api/src/main/java"));
        Files.createDirectories(bin);
        Files.copy(Path.of("..", "awssig"), root.resolve("awssig"), StandardCopyOption.COPY_ATTRIBUTES);
        Files.writeString(root.resolve("pom.xml"), "<project/>");
        Files.writeString(root.resolve("cli/pom.xml"), "<project/>");
        Files.writeString(root.resolve("cli/src/main/java/A.java"), "class A {}");
        jar = root.resolve("cli/target/awssig.jar");
        script(bin.resolve("mvn"), "#!/bin/sh\necho \"mvn $* in $(pwd -P)\" >> \"$CALLS\"\n"
                + "echo 'fake maven output'\n"
                + "if [ -n \"$MVN_FAIL\" ]; then exit 1; fi\n"
                + "mkdir -p cli/target && : > cli/target/awssig.jar\n");
        script(bin.resolve("java"), "#!/bin/sh\necho \"java $*\" >> \"$CALLS\"\necho ran\n");
    }

    private static void script(Path p, String text) throws IOException {
        Files.writeString(p, text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private Object[] run(Map<String, String> extraEnv, String... args) throws Exception {
        Path cwd = Files.createDirectories(tmp.resolve("elsewhere"));
        List<String> cmd = new java.util.ArrayList<>(List.of("bash", root.resolve("awssig").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        Map<String, String> env = pb.environment();
        env.clear();
        env.put("PATH", bin + ":/usr/bin:/bin");
        env.put("CALLS", log.toString());
        env.put("TMPDIR", tmp.toString());
        env.putAll(extraEnv);
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "launcher timed out");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Object[] {p.exitValue(), out, err};
    }

    private List<String> calls() throws IOException {
        return Files.exists(log) ? Files.readAllLines(log) : List.of();
    }

    @Test
    void buildsQuietlyOnFirstUseThenRunsTheJarFromAnyDirectory() throws Exception {
        Object[] r = run(Map.of(), "presign", "s3://b/k");
        assertEquals(0, r[0], () -> "stderr: " + r[2]);
        assertEquals("ran\n", r[1], "Maven's output must not be shown on success");
        List<String> calls = calls();
        assertEquals(2, calls.size(), calls::toString);
        assertEquals("mvn -B -q -DskipTests package -pl cli -am in " + root.toRealPath(), calls.get(0));
        assertEquals("java -jar " + root.toRealPath().resolve("cli/target/awssig.jar") + " presign s3://b/k",
                calls.get(1));
    }

    @Test
    void doesNotRebuildAnUpToDateJar() throws Exception {
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
        Object[] r = run(Map.of(), "--version");
        assertEquals(0, r[0]);
        assertEquals(List.of("java -jar " + root.toRealPath().resolve("cli/target/awssig.jar") + " --version"), calls());
    }

    @Test
    void rebuildsWhenASourceIsNewerThanTheJar() throws Exception {
        Files.createDirectories(jar.getParent());
        Files.writeString(jar, "");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(3600)));
        Object[] r = run(Map.of(), "--version");
        assertEquals(0, r[0]);
        assertTrue(calls().get(0).startsWith("mvn "), calls()::toString);
    }

    @Test
    void showsMavenOutputWhenTheBuildFails() throws Exception {
        Object[] r = run(Map.of("MVN_FAIL", "1"), "--version");
        assertEquals(2, r[0]);
        String err = (String) r[2];
        assertTrue(err.contains("building cli/target/awssig.jar failed") && err.contains("fake maven output"), err);
        assertFalse(calls().stream().anyMatch(c -> c.startsWith("java ")), calls()::toString);
    }
}
