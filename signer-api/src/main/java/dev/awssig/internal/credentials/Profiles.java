package dev.awssig.internal.credentials;

import dev.awssig.Credentials;
import dev.awssig.CredentialsEnvironment;
import dev.awssig.CredentialsNotFoundException;
import dev.awssig.CredentialsProvider;
import dev.awssig.internal.ChainCredentialsProvider;
import dev.awssig.internal.Checks;
import dev.awssig.internal.CredentialValues;
import dev.awssig.internal.EnvironmentCredentialsProvider;
import dev.awssig.internal.SystemPropertiesCredentialsProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Decides where a profile's credentials come from, in the order of the AWS SDK for Java 2
 * ({@code ProfileCredentialsUtils}):
 * <ol>
 *   <li>{@code role_arn} with {@code web_identity_token_file}: web identity;</li>
 *   <li>{@code sso_session}, {@code sso_start_url}, {@code sso_account_id}, {@code sso_role_name}
 *       or {@code sso_region}: SSO;</li>
 *   <li>{@code role_arn} with {@code source_profile} (another profile, resolved the same way,
 *       or this one's own static keys) or {@code credential_source} ({@code Environment},
 *       {@code Ec2InstanceMetadata}, {@code EcsContainer}): STS {@code AssumeRole};</li>
 *   <li>{@code credential_process};</li>
 *   <li>{@code aws_access_key_id} and {@code aws_secret_access_key} (with
 *       {@code aws_session_token}): static keys.</li>
 * </ol>
 * A profile that cannot work (both {@code source_profile} and {@code credential_source},
 * {@code mfa_serial}, a circular {@code source_profile} chain, an unknown source) gives a
 * {@link CredentialsNotFoundException} that says so.
 */
public final class Profiles {
    private static final String[] SSO_KEYS = {"sso_session", "sso_start_url", "sso_account_id", "sso_role_name",
        "sso_region"};

    private final CredentialsEnvironment env;
    private final Map<String, Map<String, String>> profiles;
    private final Map<String, Map<String, String>> ssoSessions;
    private final String files;

    /**
     * The profiles of the shared files.
     *
     * @param env the environment
     * @param profiles every profile's properties, the two files merged
     * @param ssoSessions the {@code [sso-session]} sections of the config file
     * @param files the files read, for messages ("in /home/me/.aws/credentials and ...")
     */
    public Profiles(CredentialsEnvironment env, Map<String, Map<String, String>> profiles,
            Map<String, Map<String, String>> ssoSessions, String files) {
        this.env = env;
        this.profiles = profiles;
        this.ssoSessions = ssoSessions;
        this.files = files;
    }

    /**
     * The provider of a profile's credentials.
     *
     * @param name a profile that exists
     * @return the provider: fixed credentials for static keys, else a caching provider
     * @throws CredentialsNotFoundException if the profile has no usable credentials
     */
    public CredentialsProvider provider(String name) {
        return provider(name, new ArrayList<>());
    }

    private CredentialsProvider provider(String name, List<String> children) {
        Map<String, String> props = profiles.get(name);
        String prefix = "profile '" + Checks.printable(name) + "'";
        if (props == null) {
            throw new CredentialsNotFoundException(prefix + " not found (" + files + ")" + (children.isEmpty() ? ""
                    : ", but profile '" + Checks.printable(children.get(children.size() - 1))
                            + "' names it as source_profile"));
        }
        if (get(props, "role_arn") != null && get(props, "web_identity_token_file") != null) {
            return new WebIdentityCredentialsProvider(env, props, prefix);
        }
        for (String key : SSO_KEYS) {
            if (props.containsKey(key)) {
                String session = get(props, "sso_session");
                return new SsoCredentialsProvider(env, name, props, session == null ? null : ssoSessions.get(session));
            }
        }
        if (get(props, "role_arn") != null) {
            return assumeRole(name, props, prefix, children);
        }
        String process = get(props, "credential_process");
        if (process != null) {
            return new ProcessCredentialsProvider(process, env, env != CredentialsEnvironment.system(), prefix);
        }
        return fixed(staticKeys(name, props), prefix + " (static keys)");
    }

    private static CredentialsProvider fixed(Credentials c, String description) {
        return new CredentialsProvider() {
            @Override
            public Credentials resolveCredentials() {
                return c;
            }

            @Override
            public String describe() {
                return description;
            }
        };
    }

    private CredentialsProvider assumeRole(String name, Map<String, String> props, String prefix, List<String> children) {
        String sourceProfile = get(props, "source_profile");
        String credentialSource = get(props, "credential_source");
        if (sourceProfile != null && credentialSource != null) {
            throw new CredentialsNotFoundException(prefix + " has both source_profile and credential_source; keep one"
                    + " (" + files + ")");
        }
        if (get(props, "mfa_serial") != null) {
            throw new CredentialsNotFoundException(prefix + " sets mfa_serial: awssig cannot ask for an MFA code;"
                    + " export temporary credentials with 'aws configure export-credentials --profile " + name
                    + " --format env' and use those");
        }
        CredentialsProvider source;
        String from;
        if (sourceProfile != null) {
            if (sourceProfile.equals(name)) {
                // a role profile that is its own source assumes the role with its own static keys
                source = fixed(staticKeys(name, props), prefix + " (static keys)");
            } else {
                if (children.contains(name)) {
                    List<String> loop = new ArrayList<>(children);
                    loop.add(name);
                    throw new CredentialsNotFoundException("circular source_profile chain: "
                            + String.join(" -> ", loop) + " (" + files + ")");
                }
                children.add(name);
                source = provider(sourceProfile, children);
            }
            from = "source_profile '" + Checks.printable(sourceProfile) + "'";
        } else if (credentialSource != null) {
            source = credentialSource(credentialSource, prefix);
            from = "credential_source " + Checks.printable(credentialSource);
        } else {
            throw new CredentialsNotFoundException(prefix + " has role_arn but neither source_profile nor"
                    + " credential_source to assume it with (" + files + ")");
        }
        return new AssumeRoleCredentialsProvider(env, props, source, "assume role "
                + Checks.printable(get(props, "role_arn")) + " (" + prefix + ", " + from + ")");
    }

    private CredentialsProvider credentialSource(String value, String prefix) {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "environment":
                return new ChainCredentialsProvider(List.of(
                        new SystemPropertiesCredentialsProvider(env.systemProperties()),
                        new EnvironmentCredentialsProvider(env.environment())));
            case "ec2instancemetadata":
                return new InstanceMetadataCredentialsProvider(env);
            case "ecscontainer":
                return new ContainerCredentialsProvider(env);
            default:
                throw new CredentialsNotFoundException(prefix + " has credential_source '" + Checks.printable(value)
                        + "'; it must be Environment, Ec2InstanceMetadata or EcsContainer");
        }
    }

    private Credentials staticKeys(String name, Map<String, String> props) {
        String prefix = "profile '" + Checks.printable(name) + "'";
        String where = " (" + files + ")";
        String id = props.get("aws_access_key_id");
        if (id == null || id.isEmpty()) {
            String hint = props.containsKey("login_session") ? "; it uses login_session, which awssig does not"
                    + " resolve: export temporary credentials with 'aws configure export-credentials --profile "
                    + name + " --format env'" : "";
            throw new CredentialsNotFoundException(prefix + " has no aws_access_key_id" + where + hint);
        }
        String secret = props.get("aws_secret_access_key");
        if (secret == null || secret.isEmpty()) {
            throw new CredentialsNotFoundException(prefix + " has no aws_secret_access_key" + where);
        }
        String token = props.get("aws_session_token");
        if (token == null || token.isEmpty()) {
            token = props.get("aws_security_token");
        }
        return CredentialValues.resolve(id, secret, token, "aws_access_key_id", "aws_secret_access_key",
                "aws_session_token", prefix + " ");
    }

    /**
     * A property, blank counting as absent.
     *
     * @param props the properties
     * @param key the key
     * @return the stripped value, or null
     */
    static String get(Map<String, String> props, String key) {
        String v = props.get(key);
        return v == null || v.isBlank() ? null : v.strip();
    }

    /**
     * A {@code duration_seconds} value: 900 to 43200.
     *
     * @param value the value
     * @param where the source, for messages
     * @return the value as sent to STS
     * @throws CredentialsNotFoundException if it is out of range
     */
    static String durationSeconds(String value, String where) {
        try {
            int seconds = Integer.parseInt(value.strip());
            if (seconds >= 900 && seconds <= 43200) {
                return Integer.toString(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CredentialsNotFoundException(where + ": duration_seconds must be 900 to 43200, was '"
                + Checks.printable(value) + "'");
    }
}
