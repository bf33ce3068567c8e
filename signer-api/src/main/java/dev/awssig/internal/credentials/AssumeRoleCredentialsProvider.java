package dev.awssig.internal.credentials;

import dev.awssig.Credentials;
import dev.awssig.CredentialsEnvironment;
import dev.awssig.CredentialsProvider;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Credentials of a role a profile assumes: STS {@code AssumeRole} with {@code role_arn}, optional
 * {@code role_session_name} (default {@code awssig-} and the time in milliseconds),
 * {@code external_id} and {@code duration_seconds}, signed (SigV4, found through the SPI) with
 * the credentials of the profile's {@code source_profile} or {@code credential_source}. The
 * region is {@code aws.region}, {@code AWS_REGION} or the profile's {@code region}, else the
 * global endpoint. The credentials are cached and refreshed ahead of their expiry.
 * {@link Profiles} checks the profile ({@code mfa_serial} is refused) before this is built.
 */
public final class AssumeRoleCredentialsProvider implements CredentialsProvider {
    private final CredentialsEnvironment env;
    private final Map<String, String> profile;
    private final CredentialsProvider source;
    private final String where;
    private final CachedCredentials cache;

    /**
     * A provider of a profile's role.
     *
     * @param env the environment (clock, region, endpoint variables)
     * @param profile the profile's properties
     * @param source the credentials that assume the role
     * @param where the profile and its source, for messages
     */
    public AssumeRoleCredentialsProvider(CredentialsEnvironment env, Map<String, String> profile,
            CredentialsProvider source, String where) {
        this.env = env;
        this.profile = Map.copyOf(profile);
        this.source = source;
        this.where = where;
        this.cache = new CachedCredentials(where, this::fetch, env.clock());
    }

    @Override
    public Credentials resolveCredentials() {
        return cache.resolveCredentials();
    }

    private Credentials fetch() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("RoleArn", Profiles.get(profile, "role_arn"));
        String sessionName = Profiles.get(profile, "role_session_name");
        params.put("RoleSessionName", sessionName != null ? sessionName : "awssig-" + env.clock().millis());
        String externalId = Profiles.get(profile, "external_id");
        if (externalId != null) {
            params.put("ExternalId", externalId);
        }
        String duration = Profiles.get(profile, "duration_seconds");
        if (duration != null) {
            params.put("DurationSeconds", Profiles.durationSeconds(duration, where));
        }
        return Sts.assumeRole(env, Sts.endpoint(env, Sts.region(env, Profiles.get(profile, "region"))), source, params,
                where);
    }

    @Override
    public String describe() {
        return where;
    }

    @Override
    public String toString() {
        return "AssumeRoleCredentialsProvider[" + where + "]";
    }
}
