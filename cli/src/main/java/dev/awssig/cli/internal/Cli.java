package dev.awssig.cli.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.awssig.AwsSigException;
import dev.awssig.CredentialsEnvironment;
import dev.awssig.Signers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * Builds and runs the {@code awssig} command line over a {@link CliEnvironment}.
 *
 * @since 0.1.0
 */
public final class Cli {
    /** Success. */
    static final int EXIT_OK = 0;
    /** A request failed verification. */
    static final int EXIT_VERIFICATION_FAILED = 1;
    /** A usage or input mistake. */
    static final int EXIT_USAGE = 2;
    /** A bug. */
    static final int EXIT_INTERNAL = 3;

    /** JSON error code of a mistake on the command line (an unknown option, a missing value). */
    static final String CODE_USAGE = "UsageError";
    /** JSON error code of a mistake in what the command was given (a file, a value, credentials). */
    static final String CODE_INPUT = "InvalidInput";
    /** JSON error code of a bug. */
    static final String CODE_INTERNAL = "InternalError";

    private static final Logger LOG = LoggerFactory.getLogger(Cli.class);

    private Cli() {
    }

    /**
     * Runs with the real process environment.
     *
     * @param args the arguments
     * @return the exit code
     * @since 0.1.0
     */
    public static int runWithSystemEnvironment(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        // the home directory is HOME first, as for the AWS CLI, not the JVM's user.home
        CliEnvironment env = new CliEnvironment(System.getenv(), System.in, out, err, Clock.systemUTC(),
                Signers::discover, CliEnvironment.CredentialsSource.of(CredentialsEnvironment.system()));
        try {
            return run(env, args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /**
     * Runs the command in-process over an environment.
     *
     * @param env the environment
     * @param args the arguments
     * @return the exit code
     * @since 0.1.0
     */
    public static int run(CliEnvironment env, String... args) {
        CommandLine cl = commandLine(env, wantsJson(args));
        int code = cl.execute(args);
        env.out().flush();
        env.err().flush();
        return code;
    }

    /**
     * Whether the output is for a program: {@code --json} or {@code --batch} before any
     * {@code --}. Errors are then one JSON object, {@code {"error": ..., "code": ...}}, on
     * standard output (where the program reads), not a line of text on standard error.
     */
    static boolean wantsJson(String[] args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals("--json") || a.equals("--batch")) {
                return true;
            }
        }
        return false;
    }

    /** One error as a JSON object: {@code {"error": message, "code": code}}. */
    static ObjectNode errorJson(String message, String code) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("error", message);
        o.put("code", code);
        return o;
    }

    private static void report(CliEnvironment env, boolean json, String text, String message, String code) {
        if (json) {
            env.out().println(Json.line(errorJson(message, code)));
            env.out().flush();
        } else {
            env.err().println(text);
            env.err().flush();
        }
    }

    static CommandLine commandLine(CliEnvironment env, boolean json) {
        CommandLine cl = new CommandLine(new AwssigCommand(env));
        cl.setOut(env.out());
        cl.setErr(env.err());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // an argument starting with '@' is data (a body, a header value), never an argument file
        cl.setExpandAtFiles(false);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            String name = c.getCommandSpec().qualifiedName();
            report(env, json, name + ": " + oneLine(ex.getMessage()) + " (see '" + name + " --help')",
                    name + ": " + oneLine(ex.getMessage()), CODE_USAGE);
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            env.out().flush();
            String name = c.getCommandSpec().qualifiedName();
            if (isUserMistake(ex)) {
                if (!(ex instanceof UserException)) {
                    LOG.debug("{} failed", name, ex);
                }
                String line = name + ": " + oneLine(messageOf(ex));
                report(env, json, line, line, CODE_INPUT);
                return EXIT_USAGE;
            }
            LOG.debug("{}: internal error", name, ex);
            String line = name + ": internal error (" + ex.getClass().getName() + "): "
                    + oneLine(String.valueOf(ex.getMessage())) + " - please report it; run with --debug for details";
            report(env, json, line, line, CODE_INTERNAL);
            return EXIT_INTERNAL;
        });
        return cl;
    }

    static boolean isUserMistake(Throwable ex) {
        return ex instanceof UserException || ex instanceof IllegalArgumentException
                || ex instanceof AwsSigException || ex instanceof UncheckedIOException
                || ex instanceof IOException;
    }

    private static String messageOf(Throwable ex) {
        String m = ex.getMessage();
        if (ex instanceof UncheckedIOException && ex.getCause() != null) {
            m = ex.getCause().getMessage();
        }
        return m == null ? ex.getClass().getSimpleName() : m;
    }

    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').strip();
    }

    static String version() {
        Properties p = new Properties();
        try (InputStream in = Cli.class.getResourceAsStream("awssig-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            LOG.debug("cannot read the version resource", e);
        }
        return p.getProperty("version", "unknown");
    }
}
