package dev.awssig.cli.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.awssig.Credentials;
import dev.awssig.Headers;
import dev.awssig.PresignedUrl;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code awssig presign}: print a presigned URL. */
@Command(name = "presign", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = {"Print a presigned URL (SigV4 by default, --v2 for S3 query-string auth).",
            "Batch mode (--batch) reads JSON lines on standard input and writes one JSON line per input."},
        footer = {"", "Examples:",
            "  awssig presign s3://examplebucket/test.txt --expires 1h",
            "  awssig presign s3://examplebucket/photo.jpg --method PUT --region eu-west-1 --expires 15m",
            "  awssig presign s3://bucket/key --endpoint http://127.0.0.1:9000 --path-style",
            "  awssig presign --url https://examplebucket.s3.amazonaws.com/test.txt --v2 --expires 7d",
            "  awssig presign s3://examplebucket/test.txt --v4a --region-set 'us-east-1,us-west-2'",
            "  awssig presign s3://examplebucket/photo.jpg --v2 -X PUT --content-type image/jpeg",
            "",
            "SigV2 signs Content-Type: a client of a --v2 PUT or POST URL must send exactly the Content-Type",
            "given with --content-type, or no Content-Type header at all when none was given."})
final class PresignCommand implements Callable<Integer> {
    @ParentCommand
    AwssigCommand root;

    @Parameters(arity = "0..1", paramLabel = "s3://BUCKET/KEY", description = "The object (or give --url).")
    String positionalTarget;

    @Option(names = "--url", paramLabel = "URL", description = "The URL to presign, instead of s3://BUCKET/KEY.")
    String url;

    @Option(names = {"-X", "--method"}, paramLabel = "METHOD", description = "HTTP method the URL is for (default: GET).")
    String method;

    @Option(names = {"-e", "--expires"}, paramLabel = "DURATION",
            description = "How long the URL is valid: seconds, or like 15m, 12h, 7d (default: 1h; SigV4 at most 7d).")
    String expires;

    @Option(names = {"-H", "--header"}, paramLabel = "'Name: value'",
            description = "A header the client will send, signed into the URL (repeatable).")
    List<String> headers = new ArrayList<>();

    @Option(names = "--content-type", paramLabel = "TYPE",
            description = "The Content-Type the client will send, signed into the URL (same as -H 'Content-Type: TYPE')."
                    + " SigV2 always signs Content-Type: without this option the client must send none.")
    String contentType;

    @Option(names = "--v2", description = "S3 Signature Version 2 query-string auth (AWSAccessKeyId, Expires, Signature).")
    boolean v2;

    @Option(names = "--v4", description = "Signature Version 4 (default).")
    boolean v4;

    @Option(names = "--v4a", description = "Signature Version 4a (AWS4-ECDSA-P256-SHA256) for a region set.")
    boolean v4a;

    @Option(names = "--region-set", paramLabel = "REGIONS",
            description = "SigV4a (--v4a): the regions the URL is valid in, separated by commas, or '*' (default: the region).")
    String regionSet;

    @Option(names = "--json", description = "Print JSON: url, expiration, signature, canonical request, string to sign, headers.")
    boolean json;

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

    @Override
    public Integer call() {
        CliEnvironment env = root.env;
        if ((v2 ? 1 : 0) + (v4 ? 1 : 0) + (v4a ? 1 : 0) > 1) {
            throw new UserException("--v2, --v4 and --v4a are mutually exclusive");
        }
        if (batch) {
            if (positionalTarget != null || url != null || !headers.isEmpty() || method != null || json
                    || contentType != null) {
                throw new UserException("--batch reads the method, url and headers from standard input;"
                        + " remove the target, --url, --method, -H, --content-type and --json");
            }
            defaults(); // checks the command-line defaults (--expires, ...) once, before reading any line
            Credentials credentials = Setup.credentials(env, creds.profile, null);
            int failures = Batch.run(env, true, this::defaults, credentials);
            return failures == 0 ? Cli.EXIT_OK : Cli.EXIT_USAGE;
        }
        if (positionalTarget != null && url != null) {
            throw new UserException("give the target once: either s3://BUCKET/KEY or --url URL");
        }
        if (positionalTarget == null && url == null) {
            throw new UserException("a target is required: s3://BUCKET/KEY or --url URL");
        }
        Job job = defaults();
        String regionForHost = scope.region != null ? scope.region : Setup.defaultRegion(env);
        job.url = Targets.url(url != null ? url : positionalTarget, regionForHost, target.endpoint, target.pathStyle,
                url != null ? "--url" : "target");
        for (String h : headers) {
            job.headers.add(Requests.parseHeader(h, "-H"));
        }
        if (contentType != null) {
            for (Headers.Header h : job.headers) {
                if (h.name().equalsIgnoreCase("Content-Type")) {
                    throw new UserException("--content-type: Content-Type is already given with -H; give it once");
                }
            }
            job.headers.add(Requests.parseHeader("Content-Type: " + contentType, "--content-type"));
        }
        if (method != null) {
            job.method = method;
        }
        job.request();
        Credentials credentials = Setup.credentials(env, creds.profile, null);
        PresignedUrl presigned = job.presign(env, credentials);
        String note = contentTypeNote(job.algorithm, presigned);
        if (json) {
            ObjectNode o = Json.presigned(presigned, job.algorithm.isSigV4Family());
            ArrayNode notes = o.putArray("notes");
            if (note != null) {
                notes.add(note);
            }
            env.out().println(Json.pretty(o));
        } else {
            env.out().println(presigned.url());
            if (note != null) {
                env.err().println("note: " + note);
            }
        }
        for (String warning : presigned.warnings()) {
            env.err().println("awssig presign: warning: " + warning);
        }
        return Cli.EXIT_OK;
    }

    /**
     * What the client of a SigV2 URL for a body must know: SigV2 signs the Content-Type line, so
     * the request must carry exactly the signed Content-Type, or none when none was signed.
     */
    static String contentTypeNote(Algorithm algorithm, PresignedUrl presigned) {
        String m = presigned.method();
        if (algorithm != Algorithm.V2 || m.equals("GET") || m.equals("HEAD") || m.equals("DELETE")) {
            return null;
        }
        return presigned.signedHeaders().firstValue("Content-Type")
                .map(ct -> "SigV2 signs Content-Type: send this " + m + " with exactly 'Content-Type: " + ct + "'.")
                .orElse("SigV2 signs Content-Type: send this " + m + " with no Content-Type header (curl -T sends"
                        + " none; many clients add one), or presign with --content-type TYPE and send exactly that.");
    }

    private Job defaults() {
        Job job = new Job();
        job.algorithm = v2 ? Algorithm.V2 : v4a ? Algorithm.V4A : Algorithm.V4;
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
        if (expires != null) {
            job.expires = Durations.parse(expires, "--expires");
            if (job.algorithm.isSigV4Family()) {
                Durations.checkSigV4(job.expires, "--expires");
            }
        }
        return job;
    }
}
