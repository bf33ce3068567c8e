package dev.awssig.cli.internal;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top-level {@code awssig} command; it only dispatches to the subcommands. */
@Command(name = "awssig",
        mixinStandardHelpOptions = true,
        versionProvider = AwssigCommand.Version.class,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Sign, presign, build browser POST forms for, verify and explain AWS requests",
            "(Signature Version 4 and 2, S3 and S3-compatible servers), and run a verifying gateway.",
            "",
            "Credentials come from the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,",
            "AWS_SESSION_TOKEN), Java system properties, or ~/.aws/credentials (--profile / AWS_PROFILE).",
            "A secret is never accepted as an argument and never printed."},
        footer = {"", "Exit codes: 0 ok, 1 verification failed, 2 usage or input error, 3 internal error.",
            "With --json or --batch an error is one JSON object on standard output: {\"error\": ..., \"code\": ...}.",
            "Bash/zsh completion: source <(awssig generate-completion)"},
        subcommands = {
            PresignCommand.class,
            SignCommand.class,
            PostFormCommand.class,
            VerifyCommand.class,
            ExplainCommand.class,
            GatewayCommand.class,
            AutoComplete.GenerateCompletion.class,
            CommandLine.HelpCommand.class})
final class AwssigCommand implements Runnable {
    final CliEnvironment env;

    @Spec
    CommandSpec spec;

    @Option(names = {"-v", "--verbose", "--debug"}, scope = ScopeType.INHERIT,
            description = "Log the canonical request and string to sign (DEBUG, on standard error; never secrets).")
    boolean verbose;

    AwssigCommand(CliEnvironment env) {
        this.env = env;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a subcommand is required: presign, sign, post-form, verify, explain or gateway");
    }

    /** The version from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"awssig " + Cli.version()};
        }
    }
}
