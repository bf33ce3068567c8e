package dev.awssig.internal.credentials;

import dev.awssig.Credentials;
import dev.awssig.CredentialsEnvironment;
import dev.awssig.CredentialsNotFoundException;
import dev.awssig.CredentialsProvider;
import dev.awssig.internal.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Credentials printed by a program: the {@code credential_process} of a profile, run as the AWS
 * CLI and SDKs run it.
 *
 * <ul>
 *   <li>The command line runs in the platform shell ({@code sh -c}, or {@code cmd.exe /C} on
 *       Windows), with this process's environment plus the variables of the
 *       {@link CredentialsEnvironment} when one was given; its standard error goes to this
 *       process's, its standard input is empty.</li>
 *   <li>It must exit with status 0 within {@link #TIMEOUT} and print at most
 *       {@link #MAX_OUTPUT} bytes of JSON: {@code "Version": 1}, {@code AccessKeyId},
 *       {@code SecretAccessKey}, optional {@code SessionToken} and {@code Expiration} (ISO 8601).</li>
 *   <li>Credentials with an {@code Expiration} are cached and refreshed ahead of it; without
 *       one they are kept for the life of the provider.</li>
 * </ul>
 * Messages name the program (the first word of the command) and never show what it printed.
 */
public final class ProcessCredentialsProvider implements CredentialsProvider {
    /** The longest a credential process may run. */
    public static final Duration TIMEOUT = Duration.ofMinutes(1);
    /** The most a credential process may print. */
    public static final int MAX_OUTPUT = 64 * 1024;

    private final String command;
    private final CredentialsEnvironment env;
    private final boolean overlayEnvironment;
    private final String source;
    private final CachedCredentials cache;

    /**
     * A provider of a command.
     *
     * @param command the command line
     * @param env the environment (its clock; its variables are added to the child's when
     *     {@code overlayEnvironment})
     * @param overlayEnvironment whether to give the child the variables of {@code env}
     * @param where where the command comes from, for messages ("profile 'x'"), or null
     */
    public ProcessCredentialsProvider(String command, CredentialsEnvironment env, boolean overlayEnvironment,
            String where) {
        this.command = Checks.requireNonBlank(command, "command").strip();
        this.env = env;
        this.overlayEnvironment = overlayEnvironment;
        this.source = "credential_process '" + Checks.printable(program(this.command)) + "'"
                + (where == null ? "" : " (" + where + ")");
        this.cache = new CachedCredentials(source, this::run, env.clock());
    }

    @Override
    public Credentials resolveCredentials() {
        return cache.resolveCredentials();
    }

    private Credentials run() {
        List<String> argv = new ArrayList<>(3);
        String os = System.getProperty("os.name", "");
        if (os.toLowerCase(Locale.ROOT).startsWith("windows")) {
            argv.add("cmd.exe");
            argv.add("/C");
        } else {
            argv.add("sh");
            argv.add("-c");
        }
        argv.add(command);
        ProcessBuilder pb = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.INHERIT);
        if (overlayEnvironment) {
            pb.environment().putAll(env.environment());
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException | SecurityException e) {
            throw new CredentialsNotFoundException(source + ": could not be started (" + e.getClass().getSimpleName()
                    + ")", e);
        }
        byte[][] out = new byte[1][];
        IOException[] readFailure = new IOException[1];
        Thread reader = new Thread(() -> {
            try (InputStream in = p.getInputStream()) {
                out[0] = in.readNBytes(MAX_OUTPUT + 1);
            } catch (IOException e) {
                readFailure[0] = e;
            }
        }, "awssig-credential-process");
        reader.setDaemon(true);
        try {
            p.getOutputStream().close();
            reader.start();
            if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new CredentialsNotFoundException(source + ": did not finish within " + TIMEOUT.toSeconds()
                        + " s and was stopped");
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CredentialsNotFoundException(source + ": interrupted while waiting for it", e);
        } catch (IOException e) {
            throw new CredentialsNotFoundException(source + ": could not close its standard input", e);
        }
        byte[] bytes = out[0];
        if (bytes != null && bytes.length > MAX_OUTPUT) {
            // checked first: reading stops there, and the program may then die of a broken pipe
            throw new CredentialsNotFoundException(source + ": printed more than " + MAX_OUTPUT + " bytes");
        }
        if (p.exitValue() != 0) {
            throw new CredentialsNotFoundException(source + ": exited with status " + p.exitValue());
        }
        if (bytes == null) {
            throw new CredentialsNotFoundException(source + ": its output could not be read"
                    + (readFailure[0] == null ? "" : " (" + readFailure[0].getClass().getSimpleName() + ")"));
        }
        Map<String, Object> json = Answers.json(new String(bytes, StandardCharsets.UTF_8), source);
        Object version = json.get("Version");
        if (!(version instanceof BigDecimal) || ((BigDecimal) version).compareTo(BigDecimal.ONE) != 0) {
            throw new CredentialsNotFoundException(source + ": the output must have \"Version\": 1"
                    + (version == null ? " (it has no Version)" : ""));
        }
        return Answers.fromJson(json, "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration", source);
    }

    private static String program(String command) {
        int end = 0;
        while (end < command.length() && !Character.isWhitespace(command.charAt(end))) {
            end++;
        }
        return command.substring(0, end);
    }

    @Override
    public String describe() {
        return source;
    }

    @Override
    public String toString() {
        return "ProcessCredentialsProvider[" + source + "]";
    }
}
