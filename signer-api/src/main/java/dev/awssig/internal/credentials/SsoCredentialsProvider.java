package dev.awssig.internal.credentials;

import dev.awssig.Credentials;
import dev.awssig.CredentialsEnvironment;
import dev.awssig.CredentialsNotFoundException;
import dev.awssig.CredentialsProvider;
import dev.awssig.internal.Checks;
import dev.awssig.internal.Crypto;
import dev.awssig.internal.Hex;
import dev.awssig.internal.UriEncoding;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * Credentials of an IAM Identity Center (SSO) profile, from the token that {@code aws sso login}
 * cached, as the AWS CLI and SDKs use it.
 *
 * <ul>
 *   <li>The profile has {@code sso_account_id} and {@code sso_role_name}, and either
 *       {@code sso_session} naming an {@code [sso-session NAME]} section of the config file (with
 *       {@code sso_start_url} and {@code sso_region}), or, legacy, {@code sso_start_url} and
 *       {@code sso_region} itself.</li>
 *   <li>The token is {@code accessToken} / {@code expiresAt} in
 *       {@code ~/.aws/sso/cache/SHA1.json}, SHA1 being the hex SHA-1 of the session name (or of
 *       the start URL for a legacy profile). A missing or expired token gives a message that says
 *       to run {@code aws sso login}; awssig does not refresh it.</li>
 *   <li>{@code GET /federation/credentials?account_id=..&role_name=..} with
 *       {@code x-amz-sso_bearer_token} on {@code https://portal.sso.REGION.amazonaws.com} (or
 *       {@code AWS_ENDPOINT_URL_SSO}, {@code AWS_ENDPOINT_URL}) gives {@code roleCredentials}.</li>
 * </ul>
 * The credentials are cached and refreshed ahead of their expiry.
 */
public final class SsoCredentialsProvider implements CredentialsProvider {
    private final CredentialsEnvironment env;
    private final String profileName;
    private final Map<String, String> profile;
    private final Map<String, String> session;
    private final String where;
    private final CachedCredentials cache;

    /**
     * A provider of an SSO profile.
     *
     * @param env the environment (home, clock, endpoint variables)
     * @param profileName the profile name
     * @param profile the profile's properties
     * @param session the properties of its {@code [sso-session]} section, or null for a legacy profile
     */
    public SsoCredentialsProvider(CredentialsEnvironment env, String profileName, Map<String, String> profile,
            Map<String, String> session) {
        this.env = env;
        this.profileName = profileName;
        this.profile = Map.copyOf(profile);
        this.session = session == null ? null : Map.copyOf(session);
        String sessionName = Profiles.get(profile, "sso_session");
        this.where = "SSO (profile '" + Checks.printable(profileName) + "'"
                + (sessionName == null ? "" : ", sso_session '" + Checks.printable(sessionName) + "'") + ")";
        this.cache = new CachedCredentials(where, this::fetch, env.clock());
    }

    @Override
    public Credentials resolveCredentials() {
        return cache.resolveCredentials();
    }

    private String require(Map<String, String> props, String key, String section) {
        String v = Profiles.get(props, key);
        if (v == null) {
            throw new CredentialsNotFoundException(where + ": " + section + " has no " + key);
        }
        return v;
    }

    private Credentials fetch() {
        String sessionName = Profiles.get(profile, "sso_session");
        String profileSection = "profile '" + Checks.printable(profileName) + "'";
        String accountId = require(profile, "sso_account_id", profileSection);
        String roleName = require(profile, "sso_role_name", profileSection);
        String region;
        String cacheKey;
        if (sessionName != null) {
            if (session == null) {
                throw new CredentialsNotFoundException(where + ": the config file has no [sso-session "
                        + Checks.printable(sessionName) + "] section");
            }
            String sessionSection = "[sso-session " + Checks.printable(sessionName) + "]";
            require(session, "sso_start_url", sessionSection);
            region = require(session, "sso_region", sessionSection);
            cacheKey = sessionName;
        } else {
            cacheKey = require(profile, "sso_start_url", profileSection);
            region = require(profile, "sso_region", profileSection);
        }
        String login = "run 'aws sso login --profile " + profileName + "'";
        Path file = env.home().resolve(".aws").resolve("sso").resolve("cache")
                .resolve(Hex.encode(Crypto.newDigest("SHA-1").digest(cacheKey.getBytes(StandardCharsets.UTF_8)))
                        + ".json");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new CredentialsNotFoundException(where + ": no SSO token is cached (" + file + " not found); " + login);
        } catch (IOException e) {
            throw new CredentialsNotFoundException(where + ": the SSO token cache " + file + " could not be read ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        Map<String, Object> json = Answers.json(text, where + ": the SSO token cache " + file);
        String token = Answers.string(json, "accessToken", where);
        String expiresAt = Answers.string(json, "expiresAt", where);
        if (token == null || token.isBlank() || expiresAt == null) {
            throw new CredentialsNotFoundException(where + ": the SSO token cache " + file
                    + " has no accessToken or expiresAt; " + login);
        }
        Instant expires = Answers.instant(expiresAt, where + ": expiresAt");
        Instant now = env.clock().instant();
        if (!now.isBefore(expires)) {
            throw new CredentialsNotFoundException(where + ": the SSO token expired at " + expires + "; " + login);
        }
        String base = Sts.serviceEndpoint(env, "SSO");
        if (base == null) {
            if (!region.matches("[a-z0-9-]{1,64}")) {
                throw new CredentialsNotFoundException(where + ": sso_region '" + Checks.printable(region)
                        + "' is not a valid region");
            }
            base = "https://portal.sso." + region + (region.startsWith("cn-") ? ".amazonaws.com.cn" : ".amazonaws.com");
        }
        URI uri = URI.create(base + "/federation/credentials?account_id=" + UriEncoding.encode(accountId, false)
                + "&role_name=" + UriEncoding.encode(roleName, false));
        String source = where + ": GetRoleCredentials at " + base;
        Http.Response r = Http.service(HttpRequest.newBuilder(uri).GET()
                .header("x-amz-sso_bearer_token", Http.headerValue(token, where + ": the SSO token")), source);
        if (r.status() == 401 || r.status() == 403) {
            throw new CredentialsNotFoundException(source + " refused the SSO token (HTTP " + r.status()
                    + Answers.errorDetail(r.body()) + "); " + login);
        }
        if (r.status() != 200) {
            throw new CredentialsNotFoundException(source + " failed: HTTP " + r.status()
                    + Answers.errorDetail(r.body()));
        }
        Map<String, Object> answer = Answers.json(r.body(), source);
        Map<String, Object> role;
        try {
            role = Json.object(answer, "roleCredentials");
        } catch (IllegalArgumentException e) {
            role = null;
        }
        if (role == null) {
            throw new CredentialsNotFoundException(source + ": the answer has no roleCredentials");
        }
        Credentials c = Answers.fromJson(role, "accessKeyId", "secretAccessKey", "sessionToken", null, source);
        Object expiration = role.get("expiration");
        if (!(expiration instanceof BigDecimal)) {
            throw new CredentialsNotFoundException(source + ": the answer has no expiration (epoch milliseconds)");
        }
        try {
            return Answers.withExpiration(c, Instant.ofEpochMilli(((BigDecimal) expiration).longValueExact()));
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw new CredentialsNotFoundException(source + ": the expiration is not a time in epoch milliseconds");
        }
    }

    @Override
    public String describe() {
        return where;
    }

    @Override
    public String toString() {
        return "SsoCredentialsProvider[" + where + "]";
    }
}
