package dev.awssig.internal.credentials;

import dev.awssig.Credentials;
import dev.awssig.CredentialsEnvironment;
import dev.awssig.CredentialsNotFoundException;
import dev.awssig.CredentialsProvider;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;

/**
 * The credentials of the IAM role of an EC2 instance, from the instance metadata service, with
 * IMDSv2 as the AWS SDKs use it:
 * <ol>
 *   <li>{@code PUT /latest/api/token} with {@code X-aws-ec2-metadata-token-ttl-seconds: 21600}
 *       gives a session token;</li>
 *   <li>{@code GET /latest/meta-data/iam/security-credentials/} with
 *       {@code X-aws-ec2-metadata-token} names the role;</li>
 *   <li>{@code GET /latest/meta-data/iam/security-credentials/ROLE} gives {@code AccessKeyId},
 *       {@code SecretAccessKey}, {@code Token} and {@code Expiration}.</li>
 * </ol>
 * An endpoint that answers the token request with 403, 404 or 405 (IMDSv1 only) is asked without
 * a token, unless {@code AWS_EC2_METADATA_V1_DISABLED} is {@code true}.
 *
 * <p>The endpoint is {@code AWS_EC2_METADATA_SERVICE_ENDPOINT} (or the system property
 * {@code aws.ec2MetadataServiceEndpoint}), else {@code http://169.254.169.254}, or
 * {@code http://[fd00:ec2::254]} when {@code AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE} (or
 * {@code aws.ec2MetadataServiceEndpointMode}) is {@code IPv6}. {@code AWS_EC2_METADATA_DISABLED}
 * (or {@code aws.disableEc2Metadata}) {@code true} turns the source off. Each request has short
 * timeouts ({@link Http#METADATA_CONNECT_TIMEOUT}, and {@link Http#METADATA_TIMEOUT} or
 * {@code AWS_METADATA_SERVICE_TIMEOUT}) and one retry (or {@code AWS_METADATA_SERVICE_NUM_ATTEMPTS}
 * attempts), so that off EC2 the default chain moves on after about a second. The credentials are cached
 * and refreshed ahead of their expiry ({@link CachedCredentials}).
 */
public final class InstanceMetadataCredentialsProvider implements CredentialsProvider {
    /** The endpoint variable. */
    public static final String ENDPOINT = "AWS_EC2_METADATA_SERVICE_ENDPOINT";
    /** The endpoint mode variable ({@code IPv4} or {@code IPv6}). */
    public static final String ENDPOINT_MODE = "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE";
    /** The variable that turns this source off. */
    public static final String DISABLED = "AWS_EC2_METADATA_DISABLED";
    /** The variable that forbids the IMDSv1 fallback. */
    public static final String V1_DISABLED = "AWS_EC2_METADATA_V1_DISABLED";
    /** The session token lifetime asked for, in seconds. */
    static final String TOKEN_TTL_SECONDS = "21600";

    private static final String SOURCE = "instance metadata";
    private static final String CREDENTIALS_PATH = "/latest/meta-data/iam/security-credentials/";

    private final CredentialsEnvironment env;
    private final CachedCredentials cache;

    /**
     * A provider over an environment.
     *
     * @param env the variables, properties and clock
     */
    public InstanceMetadataCredentialsProvider(CredentialsEnvironment env) {
        this.env = env;
        this.cache = new CachedCredentials(SOURCE, this::fetch, env.clock());
    }

    @Override
    public Credentials resolveCredentials() {
        if (isTrue(DISABLED, "aws.disableEc2Metadata")) {
            throw new CredentialsNotFoundException("disabled (" + DISABLED + "=true)");
        }
        return cache.resolveCredentials();
    }

    private boolean isTrue(String variable, String property) {
        String v = Settings.setting(env, property, variable);
        return v != null && v.equalsIgnoreCase("true");
    }

    /**
     * The endpoint this provider asks.
     *
     * @return the base URL, without a trailing slash
     * @throws CredentialsNotFoundException if a variable holds a bad value
     */
    public String endpoint() {
        String given = Settings.setting(env, "aws.ec2MetadataServiceEndpoint", ENDPOINT);
        if (given != null) {
            return Http.endpoint(given, ENDPOINT);
        }
        String mode = Settings.setting(env, "aws.ec2MetadataServiceEndpointMode", ENDPOINT_MODE);
        if (mode == null || mode.equalsIgnoreCase("IPv4")) {
            return "http://169.254.169.254";
        }
        if (mode.equalsIgnoreCase("IPv6")) {
            return "http://[fd00:ec2::254]";
        }
        throw new CredentialsNotFoundException(ENDPOINT_MODE + " must be IPv4 or IPv6, was '" + mode + "'");
    }

    private Credentials fetch() {
        String base = endpoint();
        String source = SOURCE + " at " + base;
        String token = token(base, source);
        Http.Response roles = get(base + CREDENTIALS_PATH, token, source);
        if (roles.status() == 404) {
            throw new CredentialsNotFoundException(source + ": the instance has no IAM role (HTTP 404 for "
                    + CREDENTIALS_PATH + ")");
        }
        expectOk(roles, CREDENTIALS_PATH, source);
        String role = firstLine(roles.body());
        if (role.isEmpty()) {
            throw new CredentialsNotFoundException(source + ": the instance has no IAM role (" + CREDENTIALS_PATH
                    + " is empty)");
        }
        if (!role.matches("[\\w+=,.@-]{1,128}")) {
            throw new CredentialsNotFoundException(source + ": " + CREDENTIALS_PATH
                    + " does not name a valid IAM role");
        }
        Http.Response answer = get(base + CREDENTIALS_PATH + role, token, source);
        expectOk(answer, CREDENTIALS_PATH + role, source);
        Map<String, Object> json = Answers.json(answer.body(), source);
        String code = Answers.string(json, "Code", source);
        if (code != null && !code.equals("Success")) {
            throw new CredentialsNotFoundException(source + ": the credentials of role '" + role
                    + "' are not available (Code " + dev.awssig.internal.Checks.printable(code) + ")");
        }
        return Answers.fromJson(json, "AccessKeyId", "SecretAccessKey", "Token", "Expiration",
                source + ", role '" + role + "'");
    }

    /** The IMDSv2 session token, or null to go on with IMDSv1. */
    private String token(String base, String source) {
        Http.Response r = Http.metadata(HttpRequest.newBuilder(URI.create(base + "/latest/api/token"))
                .header("X-aws-ec2-metadata-token-ttl-seconds", TOKEN_TTL_SECONDS)
                .PUT(HttpRequest.BodyPublishers.noBody()), env, source);
        if (r.status() == 200) {
            String token = r.body().strip();
            if (token.isEmpty()) {
                throw new CredentialsNotFoundException(source + ": the session token answer is empty");
            }
            return Http.headerValue(token, source + ": the session token");
        }
        if (r.status() == 403 || r.status() == 404 || r.status() == 405) {
            if (isTrue(V1_DISABLED, "aws.disableEc2MetadataV1")) {
                throw new CredentialsNotFoundException(source + ": the session token request (IMDSv2) answered HTTP "
                        + r.status() + " and " + V1_DISABLED + "=true forbids IMDSv1");
            }
            return null;
        }
        throw new CredentialsNotFoundException(source + ": the session token request (PUT /latest/api/token)"
                + " answered HTTP " + r.status());
    }

    private Http.Response get(String url, String token, String source) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).GET();
        if (token != null) {
            b.header("X-aws-ec2-metadata-token", token);
        }
        return Http.metadata(b, env, source);
    }

    private static void expectOk(Http.Response r, String path, String source) {
        if (r.status() != 200) {
            throw new CredentialsNotFoundException(source + ": GET " + path + " answered HTTP " + r.status()
                    + (r.status() == 401 ? " (the session token was refused)" : ""));
        }
    }

    private static String firstLine(String body) {
        for (String line : body.split("\n")) {
            String l = line.strip();
            if (!l.isEmpty()) {
                return l;
            }
        }
        return "";
    }

    @Override
    public String describe() {
        return "instance metadata (IMDSv2, " + ENDPOINT + ")";
    }

    @Override
    public String toString() {
        return "InstanceMetadataCredentialsProvider";
    }
}
