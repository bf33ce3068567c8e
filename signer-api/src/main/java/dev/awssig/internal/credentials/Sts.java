package dev.awssig.internal.credentials;

import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.CredentialsEnvironment;
import dev.awssig.CredentialsNotFoundException;
import dev.awssig.CredentialsProvider;
import dev.awssig.Headers;
import dev.awssig.Payload;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.Signer;
import dev.awssig.SignerLookupException;
import dev.awssig.Signers;
import dev.awssig.SigningConfig;
import dev.awssig.internal.Checks;
import dev.awssig.internal.UriEncoding;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Calls to AWS STS ({@code Version=2011-06-15}, query protocol, XML answers):
 * {@code AssumeRole}, signed with the SigV4 signer found through the SPI, and
 * {@code AssumeRoleWithWebIdentity}, which is not signed.
 *
 * <p>The endpoint is {@code AWS_ENDPOINT_URL_STS}, else {@code AWS_ENDPOINT_URL} (the AWS SDKs'
 * service endpoint variables; {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true} ignores both), else
 * the regional endpoint {@code https://sts.REGION.amazonaws.com} ({@code amazonaws.com.cn} in
 * China), else, with no region known, the global {@code https://sts.amazonaws.com} signed for
 * {@code us-east-1}.
 */
final class Sts {
    /** The artifact that holds the SigV4 signer. */
    static final String SIGV4_ARTIFACT = "dev.awssig:awssig-signer-v4";
    private static final Set<String> NOT_SENT = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private Sts() {
    }

    /** An STS endpoint and the region to sign for. */
    static final class Endpoint {
        final String url;
        final String signingRegion;

        Endpoint(String url, String signingRegion) {
            this.url = url;
            this.signingRegion = signingRegion;
        }
    }

    /**
     * The endpoint for a region.
     *
     * @param env the environment (endpoint variables)
     * @param region the region, or null
     * @return the endpoint
     */
    static Endpoint endpoint(CredentialsEnvironment env, String region) {
        String signing = region == null ? "us-east-1" : region;
        String override = serviceEndpoint(env, "STS");
        if (override != null) {
            return new Endpoint(override, signing);
        }
        if (region == null) {
            return new Endpoint("https://sts.amazonaws.com", signing);
        }
        String domain = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
        return new Endpoint("https://sts." + region + "." + domain, signing);
    }

    /**
     * The endpoint override for a service: {@code AWS_ENDPOINT_URL_<SERVICE>}, else
     * {@code AWS_ENDPOINT_URL}, unless {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS} is true.
     *
     * @param env the environment
     * @param service the service id in upper case ({@code STS}, {@code SSO})
     * @return the URL without a trailing slash, or null
     */
    static String serviceEndpoint(CredentialsEnvironment env, String service) {
        String ignore = Settings.setting(env, "aws.ignoreConfiguredEndpointUrls", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
        if (ignore != null && ignore.equalsIgnoreCase("true")) {
            return null;
        }
        String specific = env.variable("AWS_ENDPOINT_URL_" + service);
        if (specific != null) {
            return Http.endpoint(specific, "AWS_ENDPOINT_URL_" + service);
        }
        String general = env.variable("AWS_ENDPOINT_URL");
        return general == null ? null : Http.endpoint(general, "AWS_ENDPOINT_URL");
    }

    /**
     * The region of STS calls: {@code aws.region}, else {@code AWS_REGION}, else the profile's
     * {@code region}.
     *
     * @param env the environment
     * @param profileRegion the profile's region, or null
     * @return the region, or null for the global endpoint
     */
    static String region(CredentialsEnvironment env, String profileRegion) {
        String r = Settings.setting(env, "aws.region", "AWS_REGION");
        if (r == null) {
            r = profileRegion == null || profileRegion.isBlank() ? null : profileRegion.strip();
        }
        if (r != null && !r.matches("[a-z0-9-]{1,64}")) {
            throw new CredentialsNotFoundException("the region '" + Checks.printable(r) + "' is not a valid region");
        }
        return r;
    }

    /**
     * {@code AssumeRole}, signed with the source credentials.
     *
     * @param env the environment (clock, endpoint variables)
     * @param endpoint the endpoint
     * @param sourceCredentials the credentials that assume the role
     * @param params {@code RoleArn}, {@code RoleSessionName} and optional {@code ExternalId},
     *     {@code DurationSeconds}
     * @param source the source, for messages
     * @return the role's credentials
     */
    static Credentials assumeRole(CredentialsEnvironment env, Endpoint endpoint, CredentialsProvider sourceCredentials,
            Map<String, String> params, String source) {
        byte[] body = form("AssumeRole", params);
        SigningConfig config = SigningConfig.builder().credentialsProvider(sourceCredentials)
                .region(endpoint.signingRegion).service("sts").clock(env.clock()).build();
        Signer signer;
        try {
            signer = Signers.discover().signer(Algorithms.SIGV4, config);
        } catch (SignerLookupException e) {
            throw new CredentialsNotFoundException(source + ": calling STS AssumeRole needs the SigV4 signer; add "
                    + SIGV4_ARTIFACT + " to the class path or module path (" + e.getMessage() + ")", e);
        }
        SignableRequest request = SignableRequest.builder().method("POST").uri(endpoint.url + "/")
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .payload(Payload.ofBytes(body)).build();
        SignedRequest signed;
        try {
            signed = signer.sign(request);
        } catch (CredentialsNotFoundException e) {
            throw new CredentialsNotFoundException(source + ": no credentials to call STS AssumeRole with: "
                    + e.getMessage(), e);
        }
        return call(signed.request(), body, "AssumeRole", source);
    }

    /**
     * {@code AssumeRoleWithWebIdentity}, not signed.
     *
     * @param endpoint the endpoint
     * @param params {@code RoleArn}, {@code RoleSessionName}, {@code WebIdentityToken}, optional
     *     {@code DurationSeconds}
     * @param source the source, for messages
     * @return the role's credentials
     */
    static Credentials assumeRoleWithWebIdentity(Endpoint endpoint, Map<String, String> params, String source) {
        byte[] body = form("AssumeRoleWithWebIdentity", params);
        SignableRequest request = SignableRequest.builder().method("POST").uri(endpoint.url + "/")
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .payload(Payload.ofBytes(body)).build();
        return call(request, body, "AssumeRoleWithWebIdentity", source);
    }

    private static byte[] form(String action, Map<String, String> params) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Action", action);
        all.put("Version", "2011-06-15");
        all.putAll(params);
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : all.entrySet()) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(e.getKey()).append('=').append(UriEncoding.encode(e.getValue(), false));
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static Credentials call(SignableRequest request, byte[] body, String action, String source) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(request.uri()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (Headers.Header h : request.headers().entries()) {
            if (!NOT_SENT.contains(h.name().toLowerCase(Locale.ROOT))) {
                b.header(h.name(), h.value());
            }
        }
        String where = source + ": STS " + action + " at " + request.scheme() + "://" + request.hostHeaderValue();
        Http.Response r = Http.service(b, where);
        if (r.status() != 200) {
            String code = Xml.text(r.body(), "Code");
            String message = Xml.text(r.body(), "Message");
            throw new CredentialsNotFoundException(where + " failed: HTTP " + r.status()
                    + (code == null ? "" : " " + Checks.printable(code))
                    + (message == null ? "" : ": " + Answers.oneLine(message, 400)));
        }
        String credentials = Xml.element(r.body(), "Credentials");
        if (credentials == null) {
            throw new CredentialsNotFoundException(where + ": the answer has no Credentials element");
        }
        Credentials c = Answers.credentials(Xml.text(credentials, "AccessKeyId"), Xml.text(credentials,
                "SecretAccessKey"), Xml.text(credentials, "SessionToken"), "AccessKeyId", "SecretAccessKey",
                "SessionToken", where);
        String expiration = Xml.text(credentials, "Expiration");
        if (expiration == null) {
            throw new CredentialsNotFoundException(where + ": the answer has no Expiration");
        }
        return Answers.withExpiration(c, Answers.instant(expiration, where + ": Expiration"));
    }
}
