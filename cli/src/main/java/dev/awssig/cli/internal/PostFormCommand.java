package dev.awssig.cli.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.awssig.Credentials;
import dev.awssig.SigningConfig;
import dev.awssig.devpay.DevPayTokens;
import dev.awssig.post.PolicyCondition;
import dev.awssig.post.PostForm;
import dev.awssig.post.PostFormRequest;
import dev.awssig.post.PostFormSigner;
import dev.awssig.post.PostPolicy;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code awssig post-form}: a signed browser POST upload form, as JSON or an HTML page. */
@Command(name = "post-form", sortOptions = false, usageHelpAutoWidth = true, mixinStandardHelpOptions = true,
        description = {"Build a signed browser POST upload form (JSON, or an HTML page with --html).",
            "SigV4 by default, --v2 for SigV2. The JSON holds the action URL and the fields."},
        footer = {"", "Conditions (--condition, repeatable) in S3's policy syntax or short forms:",
            "  'acl=public-read'                exact match     {\"acl\": \"public-read\"}",
            "  'Content-Type^=image/'           starts-with     [\"starts-with\", \"$Content-Type\", \"image/\"]",
            "  'content-length-range=1,10485760'                [\"content-length-range\", 1, 10485760]",
            "  '[\"starts-with\", \"$x-amz-meta-tag\", \"\"]'  any JSON condition as written in a policy",
            "A --field without a condition of its own gets an exact-match condition.",
            "", "Examples:",
            "  awssig post-form s3://examplebucket/uploads/ --key-prefix --expires 1h --html > upload.html",
            "  awssig post-form --bucket examplebucket --key 'user/eric/$${filename}' --field acl=public-read \\",
            "      --condition 'Content-Type^=image/' --condition 'content-length-range=1,10485760'"})
final class PostFormCommand implements Callable<Integer> {
    @ParentCommand
    AwssigCommand root;

    @Parameters(arity = "0..1", paramLabel = "s3://BUCKET/KEY",
            description = "Bucket and key (or key prefix with --key-prefix), instead of --bucket and --key.")
    String target;

    @Option(names = "--bucket", paramLabel = "BUCKET", description = "The bucket to upload to.")
    String bucket;

    @Option(names = "--key", paramLabel = "KEY",
            description = "The object key; may end with $${filename} (the name of the file the user picks).")
    String key;

    @Option(names = "--key-prefix", arity = "0..1", fallbackValue = "", paramLabel = "PREFIX",
            description = "Let the user upload any key under this prefix (key PREFIX$${filename}, condition starts-with).")
    String keyPrefix;

    @Option(names = {"-c", "--condition"}, paramLabel = "CONDITION", description = "A policy condition (repeatable).")
    List<String> conditions = new ArrayList<>();

    @Option(names = {"-f", "--field"}, paramLabel = "NAME=VALUE",
            description = "An extra form field such as acl, Content-Type, success_action_status, x-amz-meta-* (repeatable).")
    List<String> fields = new ArrayList<>();

    @Option(names = "--policy-file", paramLabel = "FILE",
            description = "Sign this policy document exactly as written (it must hold every condition, including"
                    + " the SigV4 ones); instead of --condition and --expires.")
    String policyFile;

    @Option(names = {"-e", "--expires"}, paramLabel = "DURATION",
            description = "How long the form is valid: seconds, or like 15m, 12h, 7d (default: 1h).")
    String expires;

    @Option(names = "--v2", description = "Signature Version 2 (AWSAccessKeyId, signature).")
    boolean v2;

    @Option(names = "--v4", description = "Signature Version 4 (default).")
    boolean v4;

    @Option(names = "--html", description = "Print an HTML page with the form instead of JSON.")
    boolean html;

    @Option(names = "--region", paramLabel = "REGION",
            description = "Region of the bucket (default: AWS_REGION, AWS_DEFAULT_REGION, us-east-1).")
    String region;

    @Option(names = "--time", paramLabel = "TIME", description = "Fixed signing time, like 20151229T000000Z (default: now).")
    String time;

    @Mixin
    Options.Creds creds;

    @Mixin
    Options.DevPay devpay;

    @Mixin
    Options.Target endpoint;

    @Override
    public Integer call() throws java.io.IOException {
        CliEnvironment env = root.env;
        if (v2 && v4) {
            throw new UserException("--v2 and --v4 are mutually exclusive");
        }
        resolveTarget();
        if (key != null && keyPrefix != null) {
            throw new UserException("give --key or --key-prefix, not both");
        }
        if (policyFile != null && (!conditions.isEmpty() || expires != null)) {
            throw new UserException("--policy-file holds the conditions and the expiration;"
                    + " remove --condition and --expires");
        }
        Duration life = expires == null ? Durations.DEFAULT : Durations.parse(expires, "--expires");
        Clock clock = Setup.clock(env, time, "--time");
        PostPolicy.Builder policy = PostPolicy.builder().expiration(clock.instant().plus(life));
        List<PolicyCondition> parsed = new ArrayList<>();
        for (String c : conditions) {
            parsed.add(condition(c));
        }
        PostFormRequest.Builder request = PostFormRequest.builder();
        try {
            request.bucket(bucket);
        } catch (IllegalArgumentException e) {
            throw new UserException("--bucket: " + Cli.oneLine(e.getMessage()));
        }
        if (keyPrefix != null) {
            request.key(keyPrefix + "${filename}");
            if (policyFile == null && !covers(parsed, "key")) {
                parsed.add(PolicyCondition.startsWith("key", keyPrefix));
            }
        } else if (key != null) {
            request.key(key);
        }
        for (String f : fields) {
            int eq = f.indexOf('=');
            if (eq <= 0) {
                throw new UserException("--field: expected NAME=VALUE, was '" + f + "'");
            }
            String name = f.substring(0, eq).strip();
            String value = f.substring(eq + 1);
            try {
                request.field(name, value);
            } catch (IllegalArgumentException e) {
                throw new UserException("--field: " + Cli.oneLine(e.getMessage()));
            }
            if (policyFile == null && !covers(parsed, name)) {
                parsed.add(PolicyCondition.exact(name, value));
            }
        }
        try {
            policy.conditions(parsed);
        } catch (IllegalArgumentException e) {
            throw new UserException("--condition: " + Cli.oneLine(e.getMessage()));
        }
        if (policyFile != null) {
            String json = new String(SignCommand.readFile(env, policyFile, "--policy-file"),
                    java.nio.charset.StandardCharsets.UTF_8);
            try {
                request.policyDocument(json);
            } catch (IllegalArgumentException e) {
                throw new UserException("--policy-file: " + Cli.oneLine(e.getMessage()));
            }
        } else {
            request.policy(policy.build());
        }
        String token = devpayToken();
        if (token != null) {
            request.securityToken(token);
        }
        if (endpoint.endpoint != null) {
            try {
                request.endpoint(new URI(endpoint.endpoint.strip()));
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new UserException("--endpoint: must be an http(s):// URL like http://127.0.0.1:9000, was '"
                        + endpoint.endpoint + "'");
            }
        }
        if (endpoint.pathStyle) {
            request.pathStyle(true);
        }
        Credentials credentials = Setup.credentials(env, creds.profile, creds.sessionToken);
        String reg = region != null ? region : Setup.defaultRegion(env);
        SigningConfig config = Setup.config(credentials, reg, "s3", clock, null, null);
        PostFormSigner signer = v2 ? PostFormSigner.v2(config) : PostFormSigner.v4(config);
        PostForm form;
        try {
            form = signer.sign(request.build());
        } catch (IllegalArgumentException e) {
            throw new UserException(Cli.oneLine(e.getMessage()));
        }
        if (html) {
            env.out().print(form.toHtml());
            if (!form.toHtml().endsWith("\n")) {
                env.out().println();
            }
        } else {
            try {
                env.out().println(Json.pretty(Json.MAPPER.readTree(form.toJson())));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("post-policy wrote invalid JSON", e);
            }
        }
        return Cli.EXIT_OK;
    }

    private void resolveTarget() {
        if (target == null) {
            if (bucket == null) {
                throw new UserException("a bucket is required: s3://BUCKET/KEY or --bucket BUCKET");
            }
            return;
        }
        if (bucket != null) {
            throw new UserException("give the bucket once: either s3://BUCKET/KEY or --bucket");
        }
        if (!target.startsWith("s3://")) {
            throw new UserException("target: must be s3://BUCKET/KEY, was '" + target + "'");
        }
        String rest = target.substring(5);
        int slash = rest.indexOf('/');
        bucket = slash < 0 ? rest : rest.substring(0, slash);
        String k = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty()) {
            throw new UserException("target: the bucket is missing in '" + target + "'");
        }
        if (keyPrefix != null && keyPrefix.isEmpty()) {
            keyPrefix = k;
        } else if (!k.isEmpty()) {
            if (key != null || keyPrefix != null) {
                throw new UserException("give the key once: in s3://BUCKET/KEY or with --key / --key-prefix");
            }
            key = k;
        }
    }

    private String devpayToken() {
        if (devpay.productToken != null && devpay.userToken == null) {
            throw new UserException("--devpay-product-token needs --devpay-user-token");
        }
        if (devpay.userToken == null) {
            return null;
        }
        try {
            DevPayTokens tokens = devpay.productToken == null ? DevPayTokens.of(devpay.userToken)
                    : DevPayTokens.legacy(devpay.userToken, devpay.productToken);
            return tokens.postFormSecurityToken();
        } catch (IllegalArgumentException e) {
            throw new UserException("--devpay-user-token: " + Cli.oneLine(e.getMessage()));
        }
    }

    private static boolean covers(List<PolicyCondition> conditions, String field) {
        for (PolicyCondition c : conditions) {
            if (c.appliesTo(field)) {
                return true;
            }
        }
        return false;
    }

    /** Parses a condition in S3's JSON syntax or a short form. */
    static PolicyCondition condition(String text) {
        String t = text.strip();
        try {
            if (t.startsWith("[") || t.startsWith("{")) {
                return jsonCondition(t);
            }
            int caret = t.indexOf("^=");
            int eq = t.indexOf('=');
            if (caret > 0 && caret < eq + 1) {
                return PolicyCondition.startsWith(stripDollar(t.substring(0, caret).strip()), t.substring(caret + 2));
            }
            if (eq <= 0) {
                throw new UserException("--condition: expected 'field=value', 'field^=prefix',"
                        + " 'content-length-range=MIN,MAX' or a JSON condition, was '" + text + "'");
            }
            String name = stripDollar(t.substring(0, eq).strip());
            String value = t.substring(eq + 1);
            if (name.equalsIgnoreCase("content-length-range")) {
                String[] mm = value.split(",");
                if (mm.length != 2) {
                    throw new UserException("--condition: content-length-range needs MIN,MAX, was '" + value + "'");
                }
                return PolicyCondition.contentLengthRange(parseLong(mm[0]), parseLong(mm[1]));
            }
            return PolicyCondition.exact(name, value);
        } catch (IllegalArgumentException e) {
            throw new UserException("--condition '" + text + "': " + Cli.oneLine(e.getMessage()));
        }
    }

    private static PolicyCondition jsonCondition(String t) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(t);
        } catch (JsonProcessingException e) {
            throw new UserException("--condition: not valid JSON: " + Cli.oneLine(e.getOriginalMessage()));
        }
        if (n.isObject()) {
            if (n.size() != 1) {
                throw new UserException("--condition: an object condition has exactly one field, like {\"acl\": \"private\"}");
            }
            Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator();
            Map.Entry<String, JsonNode> e = it.next();
            return PolicyCondition.exact(e.getKey(), e.getValue().asText());
        }
        if (n.isArray() && n.size() == 3) {
            String op = n.get(0).asText();
            if (op.equalsIgnoreCase("content-length-range")) {
                return PolicyCondition.contentLengthRange(n.get(1).asLong(), n.get(2).asLong());
            }
            String field = stripDollar(n.get(1).asText());
            if (op.equalsIgnoreCase("starts-with")) {
                return PolicyCondition.startsWith(field, n.get(2).asText());
            }
            if (op.equalsIgnoreCase("eq")) {
                return PolicyCondition.eq(field, n.get(2).asText());
            }
        }
        throw new UserException("--condition: expected {\"field\": \"value\"}, [\"eq\"|\"starts-with\", \"$field\", \"value\"]"
                + " or [\"content-length-range\", min, max], was " + t);
    }

    private static String stripDollar(String s) {
        return s.startsWith("$") ? s.substring(1) : s;
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw new UserException("--condition: content-length-range bounds must be whole numbers, was '" + s + "'");
        }
    }
}
