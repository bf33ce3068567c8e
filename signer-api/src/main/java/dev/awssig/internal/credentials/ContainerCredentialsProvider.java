package dev.awssig.internal.credentials;

import dev.awssig.Credentials;
import dev.awssig.CredentialsEnvironment;
import dev.awssig.CredentialsNotFoundException;
import dev.awssig.CredentialsProvider;
import dev.awssig.internal.Checks;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.Set;

/**
 * The credentials of an ECS task or an EKS pod (Pod Identity), from the container credentials
 * endpoint, as the AWS SDKs find it:
 * <ul>
 *   <li>{@code AWS_CONTAINER_CREDENTIALS_RELATIVE_URI}: a path on {@code http://169.254.170.2}
 *       (ECS; {@code AWS_CONTAINER_SERVICE_ENDPOINT} moves that host, as in the AWS SDK for Java 2);
 *       else</li>
 *   <li>{@code AWS_CONTAINER_CREDENTIALS_FULL_URI}: a whole URL, which over {@code http} must name
 *       a loopback host or one of the container endpoints {@code 169.254.170.2},
 *       {@code 169.254.170.23} (EKS Pod Identity) and {@code fd00:ec2::23}; {@code https} may
 *       name any host.</li>
 *   <li>The {@code Authorization} header is the content of the file
 *       {@code AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE} (read at each fetch; EKS rotates it), else
 *       {@code AWS_CONTAINER_AUTHORIZATION_TOKEN}.</li>
 *   <li>The answer is JSON: {@code AccessKeyId}, {@code SecretAccessKey}, {@code Token},
 *       {@code Expiration}.</li>
 * </ul>
 * The credentials are cached and refreshed ahead of their expiry ({@link CachedCredentials}).
 */
public final class ContainerCredentialsProvider implements CredentialsProvider {
    /** The ECS path variable. */
    public static final String RELATIVE_URI = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI";
    /** The full URL variable. */
    public static final String FULL_URI = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
    /** The authorization token variable. */
    public static final String AUTHORIZATION_TOKEN = "AWS_CONTAINER_AUTHORIZATION_TOKEN";
    /** The authorization token file variable. */
    public static final String AUTHORIZATION_TOKEN_FILE = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE";
    /** The variable that moves the ECS host of a relative URI. */
    public static final String SERVICE_ENDPOINT = "AWS_CONTAINER_SERVICE_ENDPOINT";

    private static final String ECS_HOST = "http://169.254.170.2";
    private static final Set<String> CONTAINER_HOSTS = Set.of("169.254.170.2", "169.254.170.23", "fd00:ec2:0:0:0:0:0:23");

    private final CredentialsEnvironment env;
    private final CachedCredentials cache;

    /**
     * A provider over an environment.
     *
     * @param env the variables and clock
     */
    public ContainerCredentialsProvider(CredentialsEnvironment env) {
        this.env = env;
        this.cache = new CachedCredentials("container credentials", this::fetch, env.clock());
    }

    @Override
    public Credentials resolveCredentials() {
        if (env.variable(RELATIVE_URI) == null && env.variable(FULL_URI) == null) {
            throw new CredentialsNotFoundException(RELATIVE_URI + " and " + FULL_URI + " not set");
        }
        return cache.resolveCredentials();
    }

    /**
     * The URL this provider asks.
     *
     * @return the URL
     * @throws CredentialsNotFoundException if no variable is set or the URL is not allowed
     */
    public URI uri() {
        String relative = env.variable(RELATIVE_URI);
        if (relative != null) {
            String base = env.variable(SERVICE_ENDPOINT);
            base = base == null ? ECS_HOST : Http.endpoint(base, SERVICE_ENDPOINT);
            try {
                return new URI(base + (relative.startsWith("/") ? "" : "/") + relative);
            } catch (URISyntaxException e) {
                throw new CredentialsNotFoundException(RELATIVE_URI + " is not a valid path: '"
                        + Checks.printable(relative) + "'");
            }
        }
        String full = env.variable(FULL_URI);
        if (full == null) {
            throw new CredentialsNotFoundException(RELATIVE_URI + " and " + FULL_URI + " not set");
        }
        URI uri;
        try {
            uri = new URI(full);
        } catch (URISyntaxException e) {
            throw new CredentialsNotFoundException(FULL_URI + " is not a valid URL: '" + Checks.printable(full) + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
            throw new CredentialsNotFoundException(FULL_URI + " must be an http:// or https:// URL with a host, was '"
                    + Checks.printable(full) + "'");
        }
        if (scheme.equals("http") && !allowedHttpHost(uri.getHost())) {
            throw new CredentialsNotFoundException(FULL_URI + " names host '" + Checks.printable(uri.getHost())
                    + "' over http: only a loopback host, 169.254.170.2, 169.254.170.23 or fd00:ec2::23 may be used"
                    + " without TLS (use https for any other host)");
        }
        return uri;
    }

    /** A loopback host (every address it resolves to), or one of the container endpoints. */
    static boolean allowedHttpHost(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        try {
            InetAddress[] addresses = InetAddress.getAllByName(h);
            boolean allLoopback = addresses.length > 0;
            for (InetAddress a : addresses) {
                allLoopback &= a.isLoopbackAddress();
            }
            if (allLoopback) {
                return true;
            }
            return addresses.length == 1 && CONTAINER_HOSTS.contains(addresses[0].getHostAddress());
        } catch (UnknownHostException | SecurityException e) {
            return false;
        }
    }

    private String authorization() {
        String file = env.variable(AUTHORIZATION_TOKEN_FILE);
        if (file != null) {
            String text;
            try {
                text = Files.readString(Paths.get(file), StandardCharsets.UTF_8);
            } catch (IOException | InvalidPathException e) {
                throw new CredentialsNotFoundException("container credentials: " + AUTHORIZATION_TOKEN_FILE + " "
                        + Checks.printable(file) + " could not be read (" + e.getClass().getSimpleName() + ")", e);
            }
            return Http.headerValue(text, "container credentials: the file " + AUTHORIZATION_TOKEN_FILE);
        }
        String token = env.variable(AUTHORIZATION_TOKEN);
        return token == null ? null : Http.headerValue(token, "container credentials: " + AUTHORIZATION_TOKEN);
    }

    private Credentials fetch() {
        URI uri = uri();
        String source = "container credentials at " + uri.getScheme() + "://" + uri.getRawAuthority();
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET().header("Accept", "application/json");
        String authorization = authorization();
        if (authorization != null && !authorization.isEmpty()) {
            b.header("Authorization", authorization);
        }
        Http.Response r = Http.metadata(b, env, source);
        if (r.status() != 200) {
            throw new CredentialsNotFoundException(source + ": GET " + uri.getRawPath() + " answered HTTP " + r.status()
                    + Answers.errorDetail(r.body()) + (r.status() == 401 || r.status() == 403
                            ? " (check " + AUTHORIZATION_TOKEN_FILE + " / " + AUTHORIZATION_TOKEN + ")" : ""));
        }
        return Answers.fromJson(Answers.json(r.body(), source), "AccessKeyId", "SecretAccessKey", "Token",
                "Expiration", source);
    }

    @Override
    public String describe() {
        return "container credentials (" + RELATIVE_URI + ", " + FULL_URI + ")";
    }

    @Override
    public String toString() {
        return "ContainerCredentialsProvider";
    }
}
