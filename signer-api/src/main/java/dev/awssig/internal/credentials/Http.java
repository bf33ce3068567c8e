package dev.awssig.internal.credentials;

import dev.awssig.CredentialsEnvironment;
import dev.awssig.CredentialsNotFoundException;
import dev.awssig.internal.Checks;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP for credential sources, on the JDK's {@code java.net.http}: HTTP/1.1, no redirects, no
 * proxy, bounded answers, and failures turned into {@link CredentialsNotFoundException}s that
 * say what was asked and what happened (never a header value or a body: they may hold tokens).
 *
 * <p>Two shared clients: one with short timeouts for the local metadata endpoints (instance
 * metadata, container credentials), which off AWS do not answer at all, and one for the AWS
 * services (STS, SSO). The metadata answer timeout and attempts follow the AWS SDKs' and CLI's
 * {@code AWS_METADATA_SERVICE_TIMEOUT} and {@code AWS_METADATA_SERVICE_NUM_ATTEMPTS}.
 */
public final class Http {
    /** Connect timeout of a metadata endpoint. */
    public static final Duration METADATA_CONNECT_TIMEOUT = Duration.ofMillis(500);
    /** Time from sending a request to a metadata endpoint to its response headers, unless set. */
    public static final Duration METADATA_TIMEOUT = Duration.ofSeconds(1);
    /** Attempts of a metadata request (one retry), unless set. */
    public static final int METADATA_ATTEMPTS = 2;
    /** Connect timeout of an AWS service. */
    public static final Duration SERVICE_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Time from sending a request to an AWS service to its response headers. */
    public static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(20);
    /** The largest answer read. */
    static final int MAX_BODY = 256 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(Http.class);

    private Http() {
    }

    /** An answer: status and body (UTF-8). */
    public static final class Response {
        private final int status;
        private final String body;

        Response(int status, String body) {
            this.status = status;
            this.body = body;
        }

        /**
         * The status code.
         *
         * @return the status
         */
        public int status() {
            return status;
        }

        /**
         * The body.
         *
         * @return the body text
         */
        public String body() {
            return body;
        }
    }

    private static final class Clients {
        static final HttpClient METADATA = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(METADATA_CONNECT_TIMEOUT).build();
        static final HttpClient SERVICE = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(SERVICE_CONNECT_TIMEOUT).build();
    }

    /**
     * Sends a request to a metadata endpoint, again after a connection failure, a timeout or a
     * 5xx answer, as often as {@link #metadataAttempts} says.
     *
     * @param request the request (its timeout is set here)
     * @param env the environment ({@code AWS_METADATA_SERVICE_TIMEOUT},
     *     {@code AWS_METADATA_SERVICE_NUM_ATTEMPTS})
     * @param source the source, for messages ("instance metadata")
     * @return the last answer
     * @throws CredentialsNotFoundException if no attempt got an answer
     */
    public static Response metadata(HttpRequest.Builder request, CredentialsEnvironment env, String source) {
        return send(Clients.METADATA, request.timeout(metadataTimeout(env)).build(), source, metadataAttempts(env));
    }

    /**
     * The answer timeout of a metadata request: {@code aws.metadataServiceTimeout} or
     * {@code AWS_METADATA_SERVICE_TIMEOUT} in seconds (as in the AWS SDKs and CLI), else
     * {@link #METADATA_TIMEOUT}.
     *
     * @param env the environment
     * @return the timeout
     * @throws CredentialsNotFoundException if the value is not 0.001 to 3600 seconds
     */
    static Duration metadataTimeout(CredentialsEnvironment env) {
        String v = Settings.setting(env, "aws.metadataServiceTimeout", "AWS_METADATA_SERVICE_TIMEOUT");
        if (v == null) {
            return METADATA_TIMEOUT;
        }
        try {
            long millis = Math.round(Double.parseDouble(v) * 1000);
            if (millis >= 1 && millis <= 3_600_000) {
                return Duration.ofMillis(millis);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CredentialsNotFoundException("AWS_METADATA_SERVICE_TIMEOUT must be a number of seconds (0.001 to"
                + " 3600), was '" + Checks.printable(v) + "'");
    }

    /**
     * The attempts of a metadata request: {@code AWS_METADATA_SERVICE_NUM_ATTEMPTS} (as in the
     * AWS CLI), else {@link #METADATA_ATTEMPTS}.
     *
     * @param env the environment
     * @return 1 to 10
     * @throws CredentialsNotFoundException if the value is not 1 to 10
     */
    static int metadataAttempts(CredentialsEnvironment env) {
        String v = env.variable("AWS_METADATA_SERVICE_NUM_ATTEMPTS");
        if (v == null) {
            return METADATA_ATTEMPTS;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= 10) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CredentialsNotFoundException("AWS_METADATA_SERVICE_NUM_ATTEMPTS must be 1 to 10, was '"
                + Checks.printable(v) + "'");
    }

    /**
     * Sends a request to an AWS service, once more after a connection failure or a 5xx answer.
     *
     * @param request the request (its timeout is set here)
     * @param source the source, for messages
     * @return the last answer
     * @throws CredentialsNotFoundException if neither attempt got an answer
     */
    public static Response service(HttpRequest.Builder request, String source) {
        return send(Clients.SERVICE, request.timeout(SERVICE_TIMEOUT).build(), source, 2);
    }

    private static Response send(HttpClient client, HttpRequest request, String source, int attempts) {
        String what = request.method() + " " + request.uri();
        String failure = null;
        Exception cause = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                HttpResponse<InputStream> r = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                String body = read(r.body(), source, what);
                if (r.statusCode() >= 500 && attempt < attempts) {
                    LOG.debug("{}: {} answered HTTP {}, trying once more", source, what, r.statusCode());
                    continue;
                }
                return new Response(r.statusCode(), body);
            } catch (HttpConnectTimeoutException e) {
                failure = "connect timed out after " + millis(client.connectTimeout().orElse(null));
                cause = e;
            } catch (HttpTimeoutException e) {
                failure = "no answer within " + millis(request.timeout().orElse(null));
                cause = e;
            } catch (ConnectException e) {
                failure = "connection refused or unreachable";
                cause = e;
            } catch (IOException e) {
                failure = "I/O error (" + e.getClass().getSimpleName() + ")";
                cause = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CredentialsNotFoundException(source + ": interrupted while waiting for " + what, e);
            }
            LOG.debug("{}: {} attempt {} failed: {}", source, what, attempt, failure);
        }
        throw new CredentialsNotFoundException(source + ": no answer from " + what + " (" + failure + ", "
                + attempts + (attempts == 1 ? " attempt)" : " attempts)"), cause);
    }

    private static String read(InputStream in, String source, String what) throws IOException {
        try (InputStream body = in) {
            byte[] bytes = body.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new CredentialsNotFoundException(source + ": the answer of " + what + " is larger than "
                        + MAX_BODY + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static String millis(Duration d) {
        return d == null ? "the timeout" : d.toMillis() + " ms";
    }

    /**
     * Parses an endpoint URL given in a variable or property: {@code http} or {@code https}, a
     * host, no query or fragment; a trailing {@code /} is dropped.
     *
     * @param value the value
     * @param name the variable or property, for messages
     * @return the URL without a trailing slash
     * @throws CredentialsNotFoundException if it is not such a URL
     */
    public static String endpoint(String value, String name) {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new CredentialsNotFoundException(name + " is not a valid URL: '" + Checks.printable(value) + "'");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
            throw new CredentialsNotFoundException(name + " must be an http:// or https:// URL with a host and no"
                    + " query, was '" + Checks.printable(value) + "'");
        }
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    /**
     * A header value from a variable or file: refused when it holds CR, LF or another control
     * character (it would split the request).
     *
     * @param value the value
     * @param name where it comes from, for messages
     * @return the value, stripped
     * @throws CredentialsNotFoundException if the value has control characters
     */
    public static String headerValue(String value, String name) {
        String v = value.strip();
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f) {
                throw new CredentialsNotFoundException(name + " contains control characters (CR, LF, ...)");
            }
        }
        return v;
    }
}
