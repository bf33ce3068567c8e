package dev.awssig.internal;

import dev.awssig.Credentials;
import dev.awssig.CredentialsEnvironment;
import dev.awssig.CredentialsNotFoundException;
import dev.awssig.CredentialsProvider;
import dev.awssig.internal.credentials.Profiles;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
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
 *       those variables is the home directory ({@link CredentialsEnvironment#home()}: {@code HOME}
 *       first, as the AWS CLI does).</li>
 *   <li>The profile's properties are merged from both files, the credentials file winning for
 *       a property set in both.</li>
 *   <li>Where the credentials come from (static keys, a role, web identity, SSO, a credential
 *       process) is decided by {@link Profiles}.</li>
 * </ul>
 *
 * <p>The files are read at the first successful call and the source they name kept (static keys
 * as they are, temporary credentials cached and refreshed by their provider); a call that finds
 * nothing reads the files again next time. Internal: use
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

    private final String profileName;
    private final CredentialsEnvironment env;
    private volatile CredentialsProvider source;

    /**
     * A provider of one profile.
     *
     * @param profileName the profile, or {@code null} for {@code AWS_PROFILE} or {@code default}
     * @param env the variables, properties, home directory and clock
     */
    public ProfileCredentialsProvider(String profileName, CredentialsEnvironment env) {
        if (profileName != null) {
            Checks.requireNonBlank(profileName, "profileName");
        }
        this.profileName = profileName == null ? null : profileName.strip();
        this.env = env;
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
        String fromEnv = env.variable(AWS_PROFILE);
        return fromEnv == null ? DEFAULT_PROFILE : fromEnv;
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
        CredentialsProvider s = source;
        if (s != null) {
            return s.resolveCredentials();
        }
        synchronized (this) {
            // one first load at a time: threads that start together make one call to STS, SSO, ...
            s = source;
            if (s != null) {
                return s.resolveCredentials();
            }
            s = load();
            Credentials c = s.resolveCredentials();
            source = s;
            return c;
        }
    }

    private CredentialsProvider load() {
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
        List<Path> read = new ArrayList<>(2);
        if (hasCredentials) {
            read.add(credentialsFile);
        }
        if (hasConfig) {
            read.add(configFile);
        }
        String files = "in " + join(read);
        if (!fromConfig.containsKey(name) && !fromCredentials.containsKey(name)) {
            Set<String> known = new LinkedHashSet<>(fromCredentials.keySet());
            known.addAll(fromConfig.keySet());
            StringBuilder sb = new StringBuilder("profile '").append(Checks.printable(name)).append("' not found (")
                    .append(files).append("); profiles found: ").append(known);
            if (!hasCredentials) {
                sb.append("; ").append(notFound(credentialsFile, AWS_SHARED_CREDENTIALS_FILE));
            }
            if (!hasConfig) {
                sb.append("; ").append(notFound(configFile, AWS_CONFIG_FILE));
            }
            throw new CredentialsNotFoundException(sb.toString());
        }
        Map<String, Map<String, String>> merged = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> e : fromConfig.entrySet()) {
            merged.put(e.getKey(), new LinkedHashMap<>(e.getValue()));
        }
        for (Map.Entry<String, Map<String, String>> e : fromCredentials.entrySet()) {
            merged.computeIfAbsent(e.getKey(), k -> new LinkedHashMap<>()).putAll(e.getValue());
        }
        Map<String, Map<String, String>> sessions = hasConfig ? ProfileFiles.readSsoSessions(configFile) : Map.of();
        return new Profiles(env, merged, sessions, files).provider(name);
    }

    private String notFound(Path file, String variable) {
        String value = env.variable(variable);
        return "file " + file + " not found" + (value == null ? "" : " (from " + variable + ")");
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

    private Path file(String variable, String defaultName) {
        String v = env.variable(variable);
        if (v == null) {
            return env.home().resolve(".aws").resolve(defaultName);
        }
        if (v.equals("~")) {
            return env.home();
        }
        if (v.startsWith("~/") || v.startsWith("~\\")) {
            return env.home().resolve(v.substring(2));
        }
        try {
            return Paths.get(v);
        } catch (InvalidPathException e) {
            throw new CredentialsNotFoundException(variable + " is not a valid path: '" + Checks.printable(v) + "'");
        }
    }

    @Override
    public String describe() {
        String files;
        try {
            files = credentialsFile() + ", " + configFile();
        } catch (CredentialsNotFoundException e) {
            files = "~/.aws/credentials, ~/.aws/config";
        }
        return "profile file (profile '" + Checks.printable(profileName()) + "' in " + files + ")";
    }

    @Override
    public String toString() {
        return "ProfileCredentialsProvider[" + (profileName == null ? "<AWS_PROFILE or default>" : profileName) + "]";
    }
}
