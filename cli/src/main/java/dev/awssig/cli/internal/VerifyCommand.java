package dev.awssig.cli.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.awssig.AuthError;
import dev.awssig.Credentials;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.Verifier;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code awssig verify}: verify a raw HTTP request as S3 would. */
@Command(name = "verify", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = {"Verify a raw HTTP request as S3 would: prints OK, or S3's error code.",
            "SigV4, SigV4a or SigV2, header or query string, with the secret of its access key from the",
            "credentials chain. On failure (exit 1) it prints the canonical request and string to sign it",
            "computed.",
            "With --json: one JSON object (valid, code, error, canonicalRequest, stringToSign, notes)."},
        footer = {"", "Examples:",
            "  awssig verify request.txt",
            "  awssig verify --time 20130524T000000Z < request.txt",
            "  awssig verify --json request.txt"})
final class VerifyCommand implements Callable<Integer> {
    @ParentCommand
    AwssigCommand root;

    @Parameters(arity = "0..1", paramLabel = "FILE", description = "The raw HTTP request ('-' or none: standard input).")
    String file;

    @Option(names = "--region", paramLabel = "REGION",
            description = "Region the server is in (default: the region the request names; SigV4a: any region of"
                    + " its region set).")
    String region;

    @Option(names = "--service", paramLabel = "SERVICE",
            description = "Service the server is (default: the service the request names, else s3).")
    String service;

    @Option(names = "--time", paramLabel = "TIME",
            description = "Verify as of this time, like 20130524T000000Z (default: now).")
    String time;

    @Option(names = "--profile", paramLabel = "NAME", description = "Take the secret from this profile.")
    String profile;

    @Option(names = "--scheme", paramLabel = "SCHEME", defaultValue = "https",
            description = "Scheme of the request when its request line is not an absolute URL (default: https).")
    String scheme;

    @Option(names = "--json",
            description = "Print one JSON object: valid, and when not, S3's code, the message (error), the canonical"
                    + " request and string to sign computed, and notes.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        CliEnvironment env = root.env;
        String field = file == null || file.equals("-") ? "standard input" : file;
        byte[] raw = SignCommand.readFile(env, file == null ? "-" : file, "FILE");
        SignableRequest request = RawHttp.parse(raw, field).toRequest(scheme, field);
        PrintWriter out = env.out();
        AuthInfo auth = AuthInfo.of(request);
        if (auth == null) {
            return rejected(out, VerificationResult.failure(AuthError.MISSING_SECURITY_HEADER,
                    "the request has no Authorization header and no signature in its query string"), List.of());
        }
        Credentials credentials = Setup.credentials(env, profile, null);
        String reg = auth.verifierRegion(env, region, request);
        String svc = service != null ? service : auth.service != null ? auth.service
                : Setup.service(null, request.host());
        SigningConfig config = Setup.config(null, reg, svc, env.clock(), null, null);
        Verifier verifier = env.signers().verifier(auth.algorithm.spiName(false), config);
        Instant now = time == null ? env.clock().instant() : Setup.parseTime(time, "--time");
        VerificationResult result = verifier.verify(request, SecretLookup.of(credentials), now);
        if (result.isValid()) {
            if (json) {
                ObjectNode o = Json.MAPPER.createObjectNode();
                o.put("valid", true);
                o.put("algorithm", verifier.algorithm());
                result.accessKeyId().ifPresent(id -> o.put("accessKeyId", id));
                out.println(Json.pretty(o));
            } else {
                out.println("OK");
            }
            return Cli.EXIT_OK;
        }
        AuthError error = result.error().orElseThrow();
        List<String> notes = new ArrayList<>();
        if (error == AuthError.INVALID_ACCESS_KEY_ID && auth.accessKeyId != null
                && !auth.accessKeyId.equals(credentials.accessKeyId())) {
            notes.add("The request names access key " + auth.accessKeyId + "; the credentials found are for "
                    + credentials.accessKeyId() + " (choose others with --profile or the environment).");
        }
        if (error == AuthError.REQUEST_TIME_TOO_SKEWED || error == AuthError.ACCESS_DENIED) {
            if (time == null) {
                notes.add("(To check the signature of a recorded request, verify as of its time with --time.)");
            }
        }
        return rejected(out, result, notes);
    }

    private int rejected(PrintWriter out, VerificationResult result, List<String> notes) {
        AuthError error = result.error().orElseThrow();
        if (json) {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("valid", false);
            o.setAll(Cli.errorJson(Cli.oneLine(result.message()), error.code()));
            o.put("httpStatus", error.httpStatus());
            result.accessKeyId().ifPresent(id -> o.put("accessKeyId", id));
            result.canonicalRequest().ifPresent(cr -> o.put("canonicalRequest", cr));
            result.stringToSign().ifPresent(sts -> o.put("stringToSign", sts));
            ArrayNode n = o.putArray("notes");
            notes.forEach(n::add);
            out.println(Json.pretty(o));
            return Cli.EXIT_VERIFICATION_FAILED;
        }
        out.println(error.code() + ": " + Cli.oneLine(result.message()));
        notes.forEach(out::println);
        result.canonicalRequest().ifPresent(cr -> {
            out.println();
            out.println("Canonical request:");
            out.println(cr);
        });
        result.stringToSign().ifPresent(sts -> {
            out.println();
            out.println("String to sign:");
            out.println(sts);
        });
        return Cli.EXIT_VERIFICATION_FAILED;
    }
}
