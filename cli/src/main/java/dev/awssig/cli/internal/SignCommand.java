package dev.awssig.cli.internal;

import dev.awssig.Credentials;
import dev.awssig.Headers;
import dev.awssig.Payload;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code awssig sign}: sign a request and print the headers to add, a curl command or JSON. */
@Command(name = "sign", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = {"Sign a request (SigV4 by default) and print the headers to add.",
            "Batch mode (--batch) reads JSON lines on standard input and writes one JSON line per input."},
        footer = {"", "Examples:",
            "  awssig sign --url https://examplebucket.s3.amazonaws.com/test.txt -H 'Range: bytes=0-9'",
            "  awssig sign --method PUT --url s3://examplebucket/notes.txt --data-file notes.txt --curl",
            "  awssig sign --v4a --region-set '*' --url https://mfzwi23gnjvgw.mrap.accesspoint.s3-global.amazonaws.com/a.txt",
            "  awssig sign --v2-query --url 'https://iam.amazonaws.com/?Action=ListUsers&Version=2010-05-08' --json",
            "  echo '{\"url\":\"https://examplebucket.s3.amazonaws.com/a\"}' | awssig sign --batch"})
final class SignCommand implements Callable<Integer> {
    @ParentCommand
    AwssigCommand root;

    @Parameters(arity = "0..1", paramLabel = "URL", description = "Same as --url.")
    String positionalUrl;

    @Option(names = "--url", paramLabel = "URL", description = "The URL to sign, or s3://BUCKET/KEY.")
    String url;

    @Option(names = {"-X", "--method"}, paramLabel = "METHOD",
            description = "HTTP method (default: GET, or POST when a body is given).")
    String method;

    @Option(names = {"-H", "--header"}, paramLabel = "'Name: value'",
            description = "A header to send and sign (repeatable; order and repeats are kept).")
    List<String> headers = new ArrayList<>();

    @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "%nPayload (default: empty body):%n")
    PayloadOptions payload;

    @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "%nAlgorithm:%n")
    AlgorithmOptions algorithm;

    @ArgGroup(exclusive = true, multiplicity = "0..1", heading = "%nOutput (default: the headers to add):%n")
    OutputOptions output;

    @Option(names = "--region-set", paramLabel = "REGIONS",
            description = "SigV4a (--v4a): the regions the signature is valid in, separated by commas, or '*' (default: the region).")
    String regionSet;

    @Option(names = "--batch", description = "Read JSON lines on standard input, write one JSON line per input.")
    boolean batch;

    @Mixin
    Options.Scope scope;

    @Mixin
    Options.Creds creds;

    @Mixin
    Options.DevPay devpay;

    @Mixin
    Options.Target target;

    /** Where the body comes from. */
    static final class PayloadOptions {
        @Option(names = {"-d", "--data"}, paramLabel = "STRING", description = "The body, as UTF-8 text.")
        String data;

        @Option(names = "--data-file", paramLabel = "FILE", description = "The body, read from a file ('-' for standard input).")
        String dataFile;

        @Option(names = "--payload-hash", paramLabel = "HEX", description = "The SHA-256 of the body, in hex (the body is not read).")
        String payloadHash;

        @Option(names = "--unsigned-payload", description = "Do not sign the body (UNSIGNED-PAYLOAD).")
        boolean unsignedPayload;
    }

    /** Which algorithm. */
    static final class AlgorithmOptions {
        @Option(names = "--v4", description = "Signature Version 4, Authorization header (default).")
        boolean v4;

        @Option(names = "--v4a", description = "Signature Version 4a (AWS4-ECDSA-P256-SHA256) for a region set, Authorization header.")
        boolean v4a;

        @Option(names = "--v2", description = "S3 Signature Version 2, Authorization: AWS header.")
        boolean v2;

        @Option(names = "--v2-query", description = "Query API Signature Version 2 (SignatureVersion=2 in the query).")
        boolean v2Query;

        Algorithm get() {
            return v2 ? Algorithm.V2 : v2Query ? Algorithm.V2_QUERY : v4a ? Algorithm.V4A : Algorithm.V4;
        }
    }

    /** How to print. */
    static final class OutputOptions {
        @Option(names = "--curl", description = "Print a ready curl command.")
        boolean curl;

        @Option(names = "--json", description = "Print JSON: signature, canonical request, string to sign, headers, url.")
        boolean json;
    }

    @Override
    public Integer call() throws IOException {
        CliEnvironment env = root.env;
        if (batch) {
            if (positionalUrl != null || url != null || !headers.isEmpty() || payload != null || output != null
                    || method != null) {
                throw new UserException("--batch reads the method, url, headers and body from standard input;"
                        + " remove --url, --method, -H, the payload and output options");
            }
            Credentials credentials = Setup.credentials(env, creds.profile, null);
            int failures = Batch.run(env, false, this::defaults, credentials);
            return failures == 0 ? Cli.EXIT_OK : Cli.EXIT_USAGE;
        }
        if (positionalUrl != null && url != null) {
            throw new UserException("give the URL once: either as an argument or with --url");
        }
        Job job = defaults();
        String regionForHost = scope.region != null ? scope.region : Setup.defaultRegion(env);
        job.url = Targets.url(url != null ? url : positionalUrl, regionForHost, target.endpoint, target.pathStyle,
                "--url");
        for (String h : headers) {
            job.headers.add(Requests.parseHeader(h, "-H"));
        }
        job.payload = payload(env);
        boolean hasBody = payload != null && (payload.data != null || payload.dataFile != null);
        job.method = method != null ? method : hasBody ? "POST" : "GET";
        job.request();
        Credentials credentials = Setup.credentials(env, creds.profile, null);
        SignedRequest signed = job.sign(env, credentials);
        print(env, job, signed);
        return Cli.EXIT_OK;
    }

    private Job defaults() {
        Job job = new Job();
        job.algorithm = algorithm == null ? Algorithm.V4 : algorithm.get();
        job.region = scope.region;
        job.regionSet = regionSet;
        job.service = scope.service;
        job.time = scope.time;
        job.sessionToken = creds.sessionToken;
        job.devpayUserToken = devpay.userToken;
        job.devpayProductToken = devpay.productToken;
        job.endpointHost = Targets.endpointHost(target.endpoint);
        job.endpoint = target.endpoint;
        job.pathStyle = target.pathStyle;
        return job;
    }

    private Payload payload(CliEnvironment env) throws IOException {
        if (payload == null) {
            return Payload.empty();
        }
        if (payload.data != null) {
            return Payload.ofBytes(payload.data.getBytes(StandardCharsets.UTF_8));
        }
        if (payload.dataFile != null) {
            return Payload.ofBytes(readFile(env, payload.dataFile, "--data-file"));
        }
        if (payload.payloadHash != null) {
            try {
                return Payload.ofSha256Hex(payload.payloadHash.strip());
            } catch (IllegalArgumentException e) {
                throw new UserException("--payload-hash: must be 64 hex digits (the SHA-256 of the body), was '"
                        + payload.payloadHash + "'");
            }
        }
        return Payload.unsigned();
    }

    static byte[] readFile(CliEnvironment env, String file, String field) throws IOException {
        if (file.equals("-")) {
            try (InputStream in = env.stdin()) {
                return in.readAllBytes();
            }
        }
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new UserException(field + ": no such file: " + file);
        } catch (IOException e) {
            throw new UserException(field + ": cannot read " + file + ": " + e.getMessage());
        }
    }

    private void print(CliEnvironment env, Job job, SignedRequest signed) {
        if (output != null && output.json) {
            env.out().println(Json.pretty(Json.signed(signed)));
        } else if (output != null && output.curl) {
            env.out().println(Curl.command(signed.request(), payload == null ? null : payload.data,
                    payload == null ? null : payload.dataFile));
        } else {
            SignableRequest original = job.request();
            for (Headers.Header h : added(original.headers(), signed.request().headers())) {
                env.out().println(h.name() + ": " + h.value());
            }
            if (!original.uri().equals(signed.request().uri())) {
                env.out().println("URL: " + signed.request().uri());
            }
        }
    }

    /** The entries of {@code after} that are not in {@code before} (a multiset difference, in order). */
    static List<Headers.Header> added(Headers before, Headers after) {
        List<Headers.Header> remaining = new ArrayList<>(before.entries());
        List<Headers.Header> out = new ArrayList<>();
        for (Headers.Header h : after.entries()) {
            int i = indexOf(remaining, h);
            if (i >= 0) {
                remaining.remove(i);
            } else {
                out.add(h);
            }
        }
        return out;
    }

    private static int indexOf(List<Headers.Header> list, Headers.Header h) {
        for (int i = 0; i < list.size(); i++) {
            Headers.Header x = list.get(i);
            if (x.name().equalsIgnoreCase(h.name()) && x.value().equals(h.value())) {
                return i;
            }
        }
        return -1;
    }
}
