package dev.awssig.cli.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.awssig.Algorithms;
import dev.awssig.AuthError;
import dev.awssig.Credentials;
import dev.awssig.CredentialsNotFoundException;
import dev.awssig.Headers;
import dev.awssig.Payload;
import dev.awssig.SecretLookup;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SignerLookupException;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.internal.Hex;
import dev.awssig.internal.Timestamps;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code awssig explain}: why did the server say SignatureDoesNotMatch? */
@Command(name = "explain", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = {"Explain why a server rejected a request (SignatureDoesNotMatch and other errors).",
            "For SignatureDoesNotMatch (SigV4, SigV4a, SigV2), shows line by line where our canonical request and",
            "string to sign differ from the ones the server returned in its error XML, and what usually causes",
            "each difference (key encoding, a header a proxy changed, a clock, a region)."},
        footer = {"", "REQUEST is the raw HTTP request as sent (signed, or unsigned: it is then signed with the",
            "time, region and service of the server's string to sign). ERROR_XML is the response body.",
            "", "Examples:",
            "  awssig explain request.txt error.xml",
            "  awssig explain --json request.txt error.xml     (serverCode, serverMessage, canonicalRequest,",
            "                                                   stringToSign: {identical, diff}, causes)",
            "  curl -s ... | awssig explain request.txt -"})
final class ExplainCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ExplainCommand.class);
    /** Signs nothing real: canonical requests and strings to sign do not depend on the secret. */
    private static final String PLACEHOLDER_SECRET = "awssig-explain-placeholder-secret";

    @ParentCommand
    AwssigCommand root;

    @Parameters(index = "0", paramLabel = "REQUEST", description = "The raw HTTP request ('-': standard input).")
    String requestFile;

    @Parameters(index = "1", paramLabel = "ERROR_XML", description = "The S3 error response body ('-': standard input).")
    String errorFile;

    @Option(names = "--region", paramLabel = "REGION", description = "Region to sign an unsigned request for.")
    String region;

    @Option(names = "--service", paramLabel = "SERVICE", description = "Service to sign an unsigned request for.")
    String service;

    @Option(names = "--time", paramLabel = "TIME", description = "Time to sign an unsigned request at.")
    String time;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Credentials to compare the signature with (optional; the secret is never needed to explain).")
    String profile;

    @Option(names = "--scheme", paramLabel = "SCHEME", defaultValue = "https",
            description = "Scheme of the request when its request line is not an absolute URL (default: https).")
    String scheme;

    @Option(names = "--json",
            description = "Print one JSON object: the server's code and message, for each text compared whether it is"
                    + " identical and the diff lines, and the likely causes.")
    boolean json;

    @Override
    public Integer call() throws IOException {
        CliEnvironment env = root.env;
        if ("-".equals(requestFile) && "-".equals(errorFile)) {
            throw new UserException("only one of REQUEST and ERROR_XML can be read from standard input");
        }
        byte[] rawRequest = SignCommand.readFile(env, requestFile, "REQUEST");
        byte[] rawError = SignCommand.readFile(env, errorFile, "ERROR_XML");
        ErrorXml error = ErrorXml.parse(rawError, "ERROR_XML");
        SignableRequest request = RawHttp.parse(rawRequest, "REQUEST").toRequest(scheme, "REQUEST");
        PrintWriter out = env.out();
        ObjectNode report = json ? Json.MAPPER.createObjectNode() : null;
        if (json) {
            report.put("serverCode", error.code());
            report.put("serverMessage", error.message() == null ? null : Cli.oneLine(error.message()));
        } else {
            out.println("The server answered " + error.code() + (error.message() == null ? "" : ": "
                    + Cli.oneLine(error.message())));
        }
        if (!AuthError.SIGNATURE_DOES_NOT_MATCH.code().equals(error.code())) {
            return causes(out, report, null, otherErrorCauses(error, request));
        }
        String serverCr = error.canonicalRequest();
        String serverSts = error.stringToSign();
        if (serverCr == null && serverSts == null) {
            return causes(out, report, null, List.of("The error carries no CanonicalRequest or StringToSign, so there is"
                    + " nothing to compare; S3 includes them in SignatureDoesNotMatch responses, some S3-compatible"
                    + " servers do not."));
        }
        AuthInfo auth = AuthInfo.of(request);
        Algorithm algorithm = auth != null ? auth.algorithm
                : serverSts != null && serverSts.startsWith(Algorithms.SIGV4) ? Algorithm.V4
                : serverSts != null && serverSts.startsWith(Algorithms.SIGV4A) ? Algorithm.V4A : Algorithm.V2;
        Computed ours = compute(env, request, auth, algorithm, serverSts, error);
        boolean v4 = algorithm.isSigV4Family();
        if (v4 && serverCr != null) {
            section(out, report, "canonicalRequest", "Canonical request", ours.canonicalRequest, serverCr);
        }
        if (serverSts != null) {
            section(out, report, "stringToSign", "String to sign", ours.stringToSign, serverSts);
        }
        List<String> causes = v4 ? Explainer.sigV4Causes(ours.canonicalRequest, serverCr, ours.stringToSign, serverSts)
                : Explainer.sigV2Causes(ours.stringToSign, serverSts);
        return causes(out, report, "Likely causes:", causes);
    }

    /** Prints the causes (or, for --json, adds them and prints the whole report). */
    private static int causes(PrintWriter out, ObjectNode report, String heading, List<String> causes) {
        if (report != null) {
            ArrayNode a = report.putArray("causes");
            causes.forEach(a::add);
            out.println(Json.pretty(report));
            return Cli.EXIT_OK;
        }
        out.println();
        if (heading != null) {
            out.println(heading);
        }
        for (String cause : causes) {
            out.println("* " + cause);
        }
        return Cli.EXIT_OK;
    }

    private static void section(PrintWriter out, ObjectNode report, String field, String title, String ours,
                                String server) {
        if (report != null) {
            ObjectNode o = report.putObject(field);
            o.put("identical", ours.equals(server));
            ArrayNode diff = o.putArray("diff");
            if (!ours.equals(server)) {
                Explainer.diff(ours, server).forEach(diff::add);
            }
            return;
        }
        out.println();
        if (ours.equals(server)) {
            out.println(title + ": identical on both sides.");
            return;
        }
        out.println(title + " (- computed here from your request, + the server's):");
        for (String line : Explainer.diff(ours, server)) {
            out.println(line);
        }
    }

    /** Our canonical request and string to sign. */
    private static final class Computed {
        final String canonicalRequest;
        final String stringToSign;

        Computed(String canonicalRequest, String stringToSign) {
            this.canonicalRequest = canonicalRequest;
            this.stringToSign = stringToSign;
        }
    }

    private Computed compute(CliEnvironment env, SignableRequest request, AuthInfo auth, Algorithm algorithm,
                             String serverSts, ErrorXml error) {
        Optional<Credentials> real = credentials(env);
        if (auth != null) {
            Computed viaVerifier = viaVerifier(env, request, auth, real);
            if (viaVerifier != null) {
                return viaVerifier;
            }
        }
        return viaSigning(env, request, auth, algorithm, serverSts, error, real);
    }

    private Optional<Credentials> credentials(CliEnvironment env) {
        try {
            return Optional.of(env.credentials().provider(profile).resolveCredentials());
        } catch (CredentialsNotFoundException e) {
            LOG.debug("explain: no credentials ({})", e.getMessage());
            return Optional.empty();
        }
    }

    /** For a signed request: what a verifier computes from it, as of the request's own time. */
    private Computed viaVerifier(CliEnvironment env, SignableRequest request, AuthInfo auth,
                                 Optional<Credentials> real) {
        String reg = auth.verifierRegion(env, region, request);
        String svc = service != null ? service : auth.service != null ? auth.service : Setup.service(null, request.host());
        SigningConfig config = Setup.config(null, reg, svc, env.clock(), null, null);
        VerificationResult result;
        try {
            SecretLookup secrets = id -> Optional.of(real.filter(c -> c.accessKeyId().equals(id))
                    .map(Credentials::secretAccessKey).orElse(PLACEHOLDER_SECRET));
            result = env.signers().verifier(auth.algorithm.spiName(false), config)
                    .verify(request, secrets, requestTime(env, request, auth));
        } catch (SignerLookupException e) {
            LOG.debug("explain: no verifier ({})", e.getMessage());
            return null;
        }
        if (result.stringToSign().isEmpty()) {
            LOG.debug("explain: the verifier computed nothing: {}", result);
            return null;
        }
        return new Computed(result.canonicalRequest().orElse(null), result.stringToSign().get());
    }

    /** For an unsigned request (or when no verifier helps): sign it at the server's time and scope. */
    private Computed viaSigning(CliEnvironment env, SignableRequest request, AuthInfo auth, Algorithm algorithm,
                                String serverSts, ErrorXml error, Optional<Credentials> real) {
        SignableRequest unsigned = stripAuthentication(request, algorithm == Algorithm.V4A);
        String reg = region;
        String svc = service;
        if (algorithm == Algorithm.V4A && reg == null) {
            // SigV4a signs for the region set the request carries (the signer adds it again)
            reg = auth != null ? auth.regionSet : request.headers().firstValue(AuthInfo.REGION_SET).orElse(null);
        }
        Instant when = time == null ? null : Setup.parseTime(time, "--time");
        if (algorithm.isSigV4Family() && serverSts != null) {
            String[] lines = serverSts.split("\n", -1);
            if (lines.length >= 3) {
                if (when == null) {
                    when = Setup.parseTime(lines[1], "the server's string to sign");
                }
                String[] scope = lines[2].split("/", -1);
                if (scope.length == 4) {
                    reg = reg != null ? reg : scope[1];
                    svc = svc != null ? svc : scope[2];
                } else if (scope.length == 3) { // SigV4a: date/service/aws4_request
                    svc = svc != null ? svc : scope[1];
                }
            }
        }
        if (when == null) {
            when = auth == null ? env.clock().instant() : requestTime(env, request, auth);
        }
        reg = Setup.region(env, reg, unsigned.host());
        svc = Setup.service(svc, unsigned.host());
        String akid = auth != null && auth.accessKeyId != null ? auth.accessKeyId
                : error.get("AWSAccessKeyId") != null ? error.get("AWSAccessKeyId")
                : real.map(Credentials::accessKeyId).orElse("AKIDEXAMPLE");
        Credentials creds = real.filter(c -> c.accessKeyId().equals(akid))
                .orElse(Credentials.of(akid, PLACEHOLDER_SECRET));
        SigningConfig config = Setup.config(creds, reg, svc, Clock.fixed(when, ZoneOffset.UTC), null, null);
        SignedRequest signed = env.signers().signer(algorithm.spiName(false), config).sign(unsigned);
        return new Computed(signed.canonicalRequest(), signed.stringToSign());
    }

    /**
     * The request without Authorization, signature query parameters or the headers the signer adds
     * (for SigV4a, the region set too).
     */
    static SignableRequest stripAuthentication(SignableRequest r, boolean v4a) {
        String regionSet = v4a ? AuthInfo.REGION_SET : null;
        SignableRequest.Builder b = r.toBuilder().removeHeader("Authorization");
        String hash = r.headers().firstValue("x-amz-content-sha256").orElse(null);
        if (hash != null && Hex.isHex(hash.strip().toLowerCase(Locale.ROOT), 64)) {
            b.payload(Payload.ofSha256Hex(hash.strip().toLowerCase(Locale.ROOT)));
        } else if ("UNSIGNED-PAYLOAD".equals(hash)) {
            b.payload(Payload.unsigned());
        }
        String q = r.rawQuery().orElse(null);
        if (q != null) {
            StringBuilder kept = new StringBuilder();
            for (String pair : q.split("&")) {
                String name = pair.indexOf('=') < 0 ? pair : pair.substring(0, pair.indexOf('='));
                if (name.equals("X-Amz-Signature") || name.equals("Signature") || name.equals("X-Amz-Algorithm")
                        || name.equals("X-Amz-Credential") || name.equals("X-Amz-Date") || name.equals("X-Amz-Expires")
                        || name.equals("X-Amz-SignedHeaders") || name.equals("AWSAccessKeyId")
                        || name.equals("Expires") || name.equals(regionSet)) {
                    continue;
                }
                if (kept.length() > 0) {
                    kept.append('&');
                }
                kept.append(pair);
            }
            b.rawQuery(kept.length() == 0 ? null : kept.toString());
        }
        Headers.Builder hb = Headers.builder();
        for (Headers.Header h : r.headers().entries()) {
            if (!h.name().equalsIgnoreCase("Authorization") && !h.name().equalsIgnoreCase(regionSet)) {
                hb.add(h.name(), h.value());
            }
        }
        return b.headers(hb.build()).build();
    }

    /** The time a request says it was signed at (so that clock skew does not hide the signature check). */
    static Instant requestTime(CliEnvironment env, SignableRequest r, AuthInfo auth) {
        try {
            if (auth.algorithm.isSigV4Family() && auth.amzDate != null) {
                return Timestamps.parseAmzDate(auth.amzDate.strip(), "X-Amz-Date");
            }
            if (auth.presigned && !auth.algorithm.isSigV4Family()) {
                String expires = AuthInfo.query(r.rawQuery().orElse(""), "Expires");
                if (expires != null) {
                    return Instant.ofEpochSecond(Long.parseLong(expires.strip()) - 1);
                }
                String ts = AuthInfo.query(r.rawQuery().orElse(""), "Timestamp");
                if (ts != null) {
                    return Timestamps.parseIso8601(ts, "Timestamp");
                }
            }
            Optional<String> date = r.headers().firstValue("x-amz-date");
            if (date.isPresent()) {
                return date.get().indexOf(',') >= 0 ? Timestamps.parseRfc1123(date.get(), "x-amz-date")
                        : Timestamps.parseAmzDate(date.get().strip(), "x-amz-date");
            }
            Optional<String> d = r.headers().firstValue("Date");
            if (d.isPresent()) {
                return Timestamps.parseRfc1123(d.get(), "Date");
            }
        } catch (IllegalArgumentException e) {
            LOG.debug("explain: cannot read the request time ({})", e.getMessage());
        }
        return env.clock().instant();
    }

    private static List<String> otherErrorCauses(ErrorXml e, SignableRequest request) {
        String code = e.code();
        String msg = e.message() == null ? "" : e.message();
        switch (code) {
            case "RequestTimeTooSkewed":
                return List.of("The request time (" + e.get("RequestTime") + ") is more than 15 minutes from the"
                        + " server's time (" + e.get("ServerTime") + "): fix the clock of the signing machine (NTP),"
                        + " and do not reuse a signed request later; a fixed --time is for reproducible examples only.");
            case "AuthorizationHeaderMalformed":
                if (e.get("Region") != null) {
                    return List.of("The credential scope names the wrong region; the server expects '" + e.get("Region")
                            + "': sign with --region " + e.get("Region") + ".");
                }
                return List.of("The Authorization header could not be parsed, or its credential scope is wrong ("
                        + msg + "): check the region, the service and the date in Credential=.");
            case "AccessDenied":
                if (msg.toLowerCase(Locale.ROOT).contains("expired")) {
                    return List.of("The presigned URL has expired (Expires " + e.get("Expires") + ", server time "
                            + e.get("ServerTime") + "): presign again with a longer --expires (SigV4: at most 7 days),"
                            + " and check the clock of the machine that presigned it.");
                }
                return List.of("The signature is valid but the credentials may not do this (a bucket policy, an IAM"
                        + " policy, or an object you do not own): this is not a signing problem.");
            case "InvalidAccessKeyId":
                return List.of("The server does not know access key " + e.get("AWSAccessKeyId") + ": wrong account or"
                        + " endpoint (an S3-compatible server has its own keys), a deleted key, or temporary credentials"
                        + " sent without their session token.");
            case "InvalidToken":
            case "ExpiredToken":
                return List.of("The session token is malformed or expired: get fresh temporary credentials and sign"
                        + " with their token (--session-token or AWS_SESSION_TOKEN).");
            case "XAmzContentSHA256Mismatch":
                return List.of("x-amz-content-sha256 does not match the body the server received (client computed "
                        + e.get("ClientComputedContentSHA256") + ", server " + e.get("S3ComputedContentSHA256")
                        + "): the body was changed after signing, or the hash was computed over other bytes.");
            case "AuthorizationQueryParametersError":
                return List.of("The X-Amz-* query parameters of the presigned URL are malformed (" + msg + "); a"
                        + " SigV4 URL lives at most 7 days, and the credential scope must name region and service.");
            default:
                return List.of("This is not a signature mismatch, so there is nothing to compare (" + code + " for "
                        + request.method() + " " + request.host() + ").");
        }
    }
}
