package dev.awssig.internal.credentials;

import dev.awssig.Credentials;
import dev.awssig.CredentialsEnvironment;
import dev.awssig.CredentialsNotFoundException;
import dev.awssig.CredentialsProvider;
import dev.awssig.internal.Checks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Credentials of a role assumed with an OpenID Connect token (EKS service accounts, GitHub
 * Actions): STS {@code AssumeRoleWithWebIdentity} with the content of a token file, as the AWS
 * SDKs do.
 *
 * <p>From the environment: {@code AWS_WEB_IDENTITY_TOKEN_FILE}, {@code AWS_ROLE_ARN} and
 * optional {@code AWS_ROLE_SESSION_NAME} (or the system properties
 * {@code aws.webIdentityTokenFile}, {@code aws.roleArn}, {@code aws.roleSessionName}, which win).
 * From a profile: {@code web_identity_token_file}, {@code role_arn}, {@code role_session_name},
 * {@code duration_seconds}. The token file is read at each fetch (it is rotated), the session
 * name defaults to {@code awssig-} and the time in milliseconds, and the credentials are cached
 * and refreshed ahead of their expiry.
 */
public final class WebIdentityCredentialsProvider implements CredentialsProvider {
    /** The token file variable. */
    public static final String TOKEN_FILE = "AWS_WEB_IDENTITY_TOKEN_FILE";
    /** The role variable. */
    public static final String ROLE_ARN = "AWS_ROLE_ARN";
    /** The session name variable. */
    public static final String ROLE_SESSION_NAME = "AWS_ROLE_SESSION_NAME";

    private final CredentialsEnvironment env;
    /** The profile's settings, or null to read the environment at each fetch. */
    private final Map<String, String> profile;
    private final String where;
    private final CachedCredentials cache;

    /**
     * A provider of the environment's web identity settings.
     *
     * @param env the variables, properties and clock
     */
    public WebIdentityCredentialsProvider(CredentialsEnvironment env) {
        this(env, null, null);
    }

    /**
     * A provider of a profile's web identity settings.
     *
     * @param env the environment (clock, region, endpoint variables)
     * @param profile the profile's properties ({@code web_identity_token_file}, {@code role_arn}, ...),
     *     or null for the environment's settings
     * @param where the profile, for messages ("profile 'x'"), or null
     */
    public WebIdentityCredentialsProvider(CredentialsEnvironment env, Map<String, String> profile, String where) {
        this.env = env;
        this.profile = profile == null ? null : Map.copyOf(profile);
        this.where = where == null ? "web identity (" + TOKEN_FILE + ")" : "web identity (" + where + ")";
        this.cache = new CachedCredentials(this.where, this::fetch, env.clock());
    }

    @Override
    public Credentials resolveCredentials() {
        if (profile == null && Settings.setting(env, "aws.webIdentityTokenFile", TOKEN_FILE) == null) {
            throw new CredentialsNotFoundException(TOKEN_FILE + " not set");
        }
        return cache.resolveCredentials();
    }

    private Credentials fetch() {
        String tokenFile;
        String roleArn;
        String sessionName;
        String duration = null;
        String profileRegion = null;
        if (profile == null) {
            tokenFile = Settings.setting(env, "aws.webIdentityTokenFile", TOKEN_FILE);
            roleArn = Settings.setting(env, "aws.roleArn", ROLE_ARN);
            sessionName = Settings.setting(env, "aws.roleSessionName", ROLE_SESSION_NAME);
            if (tokenFile == null) {
                throw new CredentialsNotFoundException(TOKEN_FILE + " not set");
            }
            if (roleArn == null) {
                throw new CredentialsNotFoundException(TOKEN_FILE + " is set but " + ROLE_ARN + " is not");
            }
        } else {
            tokenFile = Profiles.get(profile, "web_identity_token_file");
            roleArn = Profiles.get(profile, "role_arn");
            sessionName = Profiles.get(profile, "role_session_name");
            duration = Profiles.get(profile, "duration_seconds");
            profileRegion = Profiles.get(profile, "region");
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("RoleArn", roleArn);
        params.put("RoleSessionName", sessionName != null ? sessionName : "awssig-" + env.clock().millis());
        params.put("WebIdentityToken", token(tokenFile));
        if (duration != null) {
            params.put("DurationSeconds", Profiles.durationSeconds(duration, where));
        }
        return Sts.assumeRoleWithWebIdentity(Sts.endpoint(env, Sts.region(env, profileRegion)), params, where);
    }

    private String token(String file) {
        Path path;
        try {
            path = Paths.get(file);
        } catch (InvalidPathException e) {
            throw new CredentialsNotFoundException(where + ": the token file '" + Checks.printable(file)
                    + "' is not a valid path");
        }
        String token;
        try {
            token = Files.readString(path, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new CredentialsNotFoundException(where + ": the token file " + path + " could not be read ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        if (token.isEmpty()) {
            throw new CredentialsNotFoundException(where + ": the token file " + path + " is empty");
        }
        return token;
    }

    @Override
    public String describe() {
        return profile == null ? "web identity (" + TOKEN_FILE + ", " + ROLE_ARN + ")" : where;
    }

    @Override
    public String toString() {
        return "WebIdentityCredentialsProvider[" + where + "]";
    }
}
