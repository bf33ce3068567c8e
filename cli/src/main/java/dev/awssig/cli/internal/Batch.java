package dev.awssig.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.awssig.Credentials;
import dev.awssig.Headers;
import dev.awssig.Payload;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batch mode: JSON lines in, one JSON line out per input line, in order, never stopping at a bad
 * line (it gets {@code {"error": ..., "line": n}}). Blank input lines are skipped.
 */
final class Batch {
    private static final Logger LOG = LoggerFactory.getLogger(Batch.class);

    private static final Set<String> SIGN_FIELDS = Set.of("method", "url", "endpoint", "pathStyle", "headers", "body",
            "bodyBase64", "payloadHash", "unsignedPayload", "algorithm", "region", "regionSet", "service", "time",
            "sessionToken", "devpayUserToken", "devpayProductToken");
    private static final Set<String> PRESIGN_FIELDS = Set.of("method", "url", "endpoint", "pathStyle", "headers",
            "algorithm", "region", "regionSet", "service", "time", "expires", "sessionToken", "devpayUserToken",
            "devpayProductToken");

    /** What to do with one parsed job. */
    @FunctionalInterface
    interface Action {
        ObjectNode run(Job job);
    }

    private Batch() {
    }

    /**
     * Runs a batch.
     *
     * @param presign whether lines are presign jobs (else sign jobs)
     * @param defaults a fresh job holding the command-line defaults for every line
     * @return the number of lines that failed
     */
    static int run(CliEnvironment env, boolean presign, Supplier<Job> defaults, Credentials credentials) {
        PrintWriter out = env.out();
        Action action = presign
                ? job -> Json.presigned(job.presign(env, credentials), job.algorithm.isSigV4Family())
                : job -> Json.signed(job.sign(env, credentials));
        int failures = 0;
        int lineNo = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(env.stdin(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                ObjectNode result;
                try {
                    Job job = parse(line, presign, defaults.get());
                    job.url = s3Url(env, job);
                    result = action.run(job);
                } catch (RuntimeException e) {
                    failures++;
                    LOG.debug("batch line {} failed", lineNo, e);
                    boolean mistake = Cli.isUserMistake(e);
                    result = Cli.errorJson(mistake ? Cli.oneLine(e.getMessage())
                            : "internal error (" + e.getClass().getName() + "): " + Cli.oneLine(e.getMessage()),
                            mistake ? Cli.CODE_INPUT : Cli.CODE_INTERNAL);
                    result.put("line", lineNo);
                }
                out.println(Json.line(result));
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input: " + e.getMessage(), e);
        }
        return failures;
    }

    static Job parse(String line, boolean presign, Job job) {
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            throw new UserException("not valid JSON: " + Cli.oneLine(e.getOriginalMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new UserException("each line must be a JSON object like {\"method\":\"GET\",\"url\":\"https://...\"}");
        }
        job.methodField = "method";
        job.urlField = "url";
        job.regionField = "region";
        job.regionSetField = "regionSet";
        job.serviceField = "service";
        job.timeField = "time";
        job.expiresField = "expires";
        job.algorithmField = "algorithm";
        Set<String> allowed = presign ? PRESIGN_FIELDS : SIGN_FIELDS;
        int payloads = 0;
        String lineEndpoint = null;
        Boolean linePathStyle = null;
        Iterator<Map.Entry<String, JsonNode>> fields = node.properties().iterator();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String name = f.getKey();
            JsonNode v = f.getValue();
            if (!allowed.contains(name)) {
                throw new UserException("unknown field '" + name + "' (" + (presign ? "presign" : "sign")
                        + " lines take " + String.join(", ", new java.util.TreeSet<>(allowed)) + ")");
            }
            if (v.isNull()) {
                continue;
            }
            switch (name) {
                case "method":
                    job.method = text(v, name);
                    break;
                case "url":
                    job.url = text(v, name);
                    break;
                case "endpoint":
                    lineEndpoint = text(v, name);
                    break;
                case "pathStyle":
                    if (!v.isBoolean()) {
                        throw new UserException("pathStyle: must be true or false");
                    }
                    linePathStyle = v.booleanValue();
                    break;
                case "headers":
                    job.headers.clear();
                    readHeaders(v, job);
                    break;
                case "body":
                    payloads++;
                    job.payload = Payload.ofBytes(text(v, name).getBytes(StandardCharsets.UTF_8));
                    break;
                case "bodyBase64":
                    payloads++;
                    try {
                        job.payload = Payload.ofBytes(Base64.getDecoder().decode(text(v, name)));
                    } catch (IllegalArgumentException e) {
                        throw new UserException("bodyBase64: not valid Base64: " + Cli.oneLine(e.getMessage()));
                    }
                    break;
                case "payloadHash":
                    payloads++;
                    try {
                        job.payload = Payload.ofSha256Hex(text(v, name));
                    } catch (IllegalArgumentException e) {
                        throw new UserException("payloadHash: must be 64 hex digits (the SHA-256 of the body)");
                    }
                    break;
                case "unsignedPayload":
                    if (!v.isBoolean()) {
                        throw new UserException("unsignedPayload: must be true or false");
                    }
                    if (v.booleanValue()) {
                        payloads++;
                        job.payload = Payload.unsigned();
                    }
                    break;
                case "algorithm":
                    job.algorithm = Algorithm.parse(text(v, name), name);
                    break;
                case "region":
                    job.region = text(v, name);
                    break;
                case "regionSet":
                    job.regionSet = text(v, name);
                    break;
                case "service":
                    job.service = text(v, name);
                    break;
                case "time":
                    job.time = text(v, name);
                    break;
                case "expires":
                    if (v.isIntegralNumber() && v.canConvertToLong()) {
                        job.expires = Durations.ofSeconds(v.longValue(), name);
                    } else if (v.isTextual()) {
                        job.expires = Durations.parse(v.textValue(), name);
                    } else {
                        throw new UserException("expires: must be a number of seconds");
                    }
                    break;
                case "sessionToken":
                    job.sessionToken = text(v, name);
                    break;
                case "devpayUserToken":
                    job.devpayUserToken = text(v, name);
                    break;
                case "devpayProductToken":
                    job.devpayProductToken = text(v, name);
                    break;
                default:
                    throw new IllegalStateException(name);
            }
        }
        if (payloads > 1) {
            throw new UserException("give at most one of body, bodyBase64, payloadHash, unsignedPayload");
        }
        if (job.url == null) {
            throw new UserException("url: is required");
        }
        if (isS3(job.url)) {
            // the line's endpoint and path style win over the command line's
            if (lineEndpoint != null) {
                job.endpoint = lineEndpoint;
                job.endpointHost = Targets.endpointHost(lineEndpoint);
            }
            if (linePathStyle != null) {
                job.pathStyle = linePathStyle;
            }
        } else if (lineEndpoint != null || linePathStyle != null) {
            throw new UserException("endpoint and pathStyle apply to s3://BUCKET/KEY urls, not to a full URL");
        }
        return job;
    }

    private static boolean isS3(String url) {
        return url.regionMatches(true, 0, "s3://", 0, 5);
    }

    /**
     * The URL to sign for a line: an {@code s3://BUCKET/KEY} url becomes the URL of the object on
     * the line's (or the command line's) endpoint, as in the one-request mode; any other url is
     * kept.
     */
    private static String s3Url(CliEnvironment env, Job job) {
        if (!isS3(job.url)) {
            return job.url;
        }
        String region = job.region != null ? job.region : Setup.defaultRegion(env);
        return Targets.url(job.url, region, job.endpoint, job.pathStyle, "url", "region", "endpoint", "pathStyle");
    }

    private static void readHeaders(JsonNode v, Job job) {
        if (!v.isArray()) {
            throw new UserException("headers: must be an array of [name, value] pairs");
        }
        int i = 0;
        for (JsonNode pair : v) {
            if (!pair.isArray() || pair.size() != 2 || !pair.get(0).isTextual() || !pair.get(1).isTextual()) {
                throw new UserException("headers[" + i + "]: must be a [name, value] pair of strings");
            }
            try {
                job.headers.add(new Headers.Header(pair.get(0).textValue(), pair.get(1).textValue()));
            } catch (IllegalArgumentException e) {
                throw new UserException("headers[" + i + "]: " + Cli.oneLine(e.getMessage()));
            }
            i++;
        }
    }

    private static String text(JsonNode v, String field) {
        if (!v.isTextual()) {
            throw new UserException(field + ": must be a string");
        }
        return v.textValue();
    }
}
