package dev.awssig.cli;

import dev.awssig.cli.internal.Cli;
import java.util.Objects;

/**
 * Entry point of the {@code awssig} command.
 *
 * <p>Exit codes: {@code 0} success, {@code 1} a request failed verification, {@code 2} a usage
 * or input mistake (one line on standard error, never a stack trace), {@code 3} an internal
 * error.
 *
 * @since 0.1.0
 */
public final class Main {
    private Main() {
    }

    /**
     * Runs the command with the process environment and exits with its exit code.
     *
     * @param args the command-line arguments
     * @since 0.1.0
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs the command with the process environment (environment variables, standard streams,
     * the system clock, the default credentials chain) and returns the exit code.
     *
     * @param args the command-line arguments
     * @return the exit code
     * @since 0.1.0
     */
    public static int run(String... args) {
        Objects.requireNonNull(args, "args");
        // before any logger exists: logback reads this property when it configures itself
        if (wantsDebug(args)) {
            System.setProperty("awssig.log.level", "DEBUG");
        }
        return Cli.runWithSystemEnvironment(args);
    }

    private static boolean wantsDebug(String[] args) {
        for (String a : args) {
            if (a.equals("--")) {
                return false;
            }
            if (a.equals("-v") || a.equals("--verbose") || a.equals("--debug")) {
                return true;
            }
        }
        return false;
    }
}
