package dev.awssig.internal;

import dev.awssig.Credentials;
import dev.awssig.CredentialsNotFoundException;
import dev.awssig.CredentialsProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Credentials of a profile in the AWS shared files, as the AWS CLI and SDKs find them.
 *
 * <ul>
 *   <li>The profile is the one given, else {@code AWS_PROFILE}, else {@code default}.</li>
 *   <li>The files are {@code AWS_SHARED_CREDENTIALS_FILE} (default {@code ~/.aws/credentials})
 *       and {@code AWS_CONFIG_FILE} (default {@code ~/.aws/config}); a leading {@code ~/} in
 *       those variables is the home directory.</li>
 *   <li>The profile's properties are merged from both files, the credentials file winning for
 *       a property set in both.</li>
 *   <li>{@code aws_access_key_id}, {@code aws_secret_access_key} and optional
 *       {@code aws_session_token} (or the legacy {@code aws_security_token}).</li>
 * </ul>
 *
 * <p>The files are read at the first successful call and the credentials kept (as the AWS SDK
 * for Java 2 does); a call that finds nothing reads the files again next time. Internal: use
 * {@link dev.awssig.CredentialsProviders#profile(String)}.
 */
public final class ProfileCredentialsProvider implements CredentialsProvider {
    /** The variable naming the profile. */
    public static final String AWS_PROFILE = "AWS_PROFILE";
    /** The variable naming the credentials file. */
    public static final String AWS_SHARED_CREDENTIALS_FILE = "AWS_SHARED_CREDENTIALS_FILE";
    /** The variable naming the config file. */
    public static final String AWS_CONFIG_FILE = "AWS_CONFIG_FILE";
    /** The default profile name. */
    public static final String DEFAULT_PROFILE = "default";

    private static final String[] UNSUPPORTED = {"role_arn", "credential_process", "sso_session", "sso_start_url",
        "web_identity_token_file", "credential_source", "login_session"};

    private final String profileName;
    private final Map<String, String> environment;
    private final Path home;
    private volatile Credentials cached;

    /**
     * A provider of one profile.
     *
     * @param profileName the profile, or {@code null} for {@code AWS_PROFILE} or {@code default}
     * @param environment the environment variables, or {@code null} for the real environment
     * @param home the home directory, or {@code null} for the {@code user.home} system property
     */
    public ProfileCredentialsProvider(String profileName, Map<String, String> environment, Path home) {
        if (profileName != null) {
            Checks.requireNonBlank(profileName, "profileName");
        }
        this.profileName = profileName == null ? null : profileName.strip();
        this.environment = environment == null ? null : Map.copyOf(environment);
        this.home = home;
    }

    /**
     * The profile this provider reads.
     *
     * @return the given name, else {@code AWS_PROFILE}, else {@code default}
     */
    public String profileName() {
        if (profileName != null) {
            return profileName;
        }
        String fromEnv = env().get(AWS_PROFILE);
        return fromEnv == null || fromEnv.isBlank() ? DEFAULT_PROFILE : fromEnv.strip();
    }

    /**
     * The credentials file this provider reads.
     *
     * @return the path
     */
    public Path credentialsFile() {
        return file(AWS_SHARED_CREDENTIALS_FILE, "credentials");
    }

    /**
     * The config file this provider reads.
     *
     * @return the path
     */
    public Path configFile() {
        return file(AWS_CONFIG_FILE, "config");
    }

    @Override
    public Credentials resolveCredentials() {
        Credentials c = cached;
        if (c == null) {
            c = load();
            cached = c;
        }
        return c;
    }

    private Credentials load() {
        String name = profileName();
        Path credentialsFile = credentialsFile();
        Path configFile = configFile();
        boolean hasCredentials = Files.isRegularFile(credentialsFile);
        boolean hasConfig = Files.isRegularFile(configFile);
        if (!hasCredentials && !hasConfig) {
            throw new CredentialsNotFoundException(notFound(credentialsFile, AWS_SHARED_CREDENTIALS_FILE) + ", "
                    + notFound(configFile, AWS_CONFIG_FILE));
        }
        Map<String, Map<String, String>> fromConfig = hasConfig ? ProfileFiles.readConfigFile(configFile) : Map.of();
        Map<String, Map<String, String>> fromCredentials =
                hasCredentials ? ProfileFiles.readCredentialsFile(credentialsFile) : Map.of();
        Map<String, String> props = new LinkedHashMap<>();
        props.putAll(fromConfig.getOrDefault(name, Map.of()));
        props.putAll(fromCredentials.getOrDefault(name, Map.of()));
        List<Path> read = new ArrayList<>(2);
        if (hasCredentials) {
            read.add(credentialsFile);
        }
        if (hasConfig) {
            read.add(configFile);
        }
        String where = " (in " + join(read) + ")";
        if (!fromConfig.containsKey(name) && !fromCredentials.containsKey(name)) {
            Set<String> known = new LinkedHashSet<>(fromCredentials.keySet());
            known.addAll(fromConfig.keySet());
            StringBuilder sb = new StringBuilder("profile '").append(Checks.printable(name)).append("' not found")
                    .append(where).append("; profiles found: ").append(known);
            if (!hasCredentials) {
                sb.append("; ").append(notFound(credentialsFile, AWS_SHARED_CREDENTIALS_FILE));
            }
            if (!hasConfig) {
                sb.append("; ").append(notFound(configFile, AWS_CONFIG_FILE));
            }
            throw new CredentialsNotFoundException(sb.toString());
        }
        String prefix = "profile '" + Checks.printable(name) + "'";
        String id = props.get("aws_access_key_id");
        if (id == null || id.isEmpty()) {
            throw new CredentialsNotFoundException(prefix + " has no aws_access_key_id" + where + unsupported(props));
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

    private static String unsupported(Map<String, String> props) {
        for (String key : UNSUPPORTED) {
            if (props.containsKey(key)) {
                return "; it uses " + key + ", which awssig does not resolve: give it static keys, or export"
                        + " temporary ones with 'aws configure export-credentials --profile NAME --format env'";
            }
        }
        return "";
    }

    private String notFound(Path file, String variable) {
        String value = env().get(variable);
        return "file " + file + " not found" + (value == null || value.isBlank() ? "" : " (from " + variable + ")");
    }

    private static String join(List<Path> files) {
        StringBuilder sb = new StringBuilder();
        for (Path p : files) {
            if (sb.length() > 0) {
                sb.append(" and ");
            }
            sb.append(p);
        }
        return sb.toString();
    }

    private Map<String, String> env() {
        return environment == null ? System.getenv() : environment;
    }

    private Path home() {
        if (home != null) {
            return home;
        }
        String userHome = System.getProperty("user.home");
        if (userHome == null || userHome.isBlank()) {
            throw new CredentialsNotFoundException("the home directory is unknown (user.home is not set)");
        }
        return Paths.get(userHome);
    }

    private Path file(String variable, String defaultName) {
        String value = env().get(variable);
        if (value == null || value.isBlank()) {
            return home().resolve(".aws").resolve(defaultName);
        }
        String v = value.strip();
        if (v.equals("~")) {
            return home();
        }
        if (v.startsWith("~/") || v.startsWith("~\\")) {
            return home().resolve(v.substring(2));
        }
        return Paths.get(v);
    }

    @Override
    public String describe() {
        return "profile file (profile '" + Checks.printable(profileName()) + "' in " + credentialsFile() + ", "
                + configFile() + ")";
    }

    @Override
    public String toString() {
        return "ProfileCredentialsProvider[" + (profileName == null ? "<AWS_PROFILE or default>" : profileName) + "]";
    }
}
