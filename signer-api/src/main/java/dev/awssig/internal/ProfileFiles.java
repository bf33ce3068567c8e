package dev.awssig.internal;

import dev.awssig.CredentialsNotFoundException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the AWS shared files ({@code ~/.aws/credentials} and {@code ~/.aws/config}) the way the
 * AWS CLI and SDKs do: {@code [name]} sections in the credentials file, {@code [profile name]}
 * (and {@code [default]}) in the config file, other config sections ({@code [sso-session x]},
 * {@code [services x]}) ignored; whole-line comments with {@code #} or {@code ;}, and a
 * {@code #} or {@code ;} after whitespace starts a comment at the end of a value; whitespace
 * around names, {@code =} and values is dropped; property names are case-insensitive; an
 * indented line continues the previous value (sub-properties such as {@code s3 =}); a section
 * that occurs twice is merged, the later value winning.
 *
 * <p>A malformed file gives a {@link CredentialsNotFoundException} naming the file and line,
 * never the text of the line (it may hold a secret). Internal: exported only to the sibling
 * modules of this project (the CLI lists profiles with it).
 */
public final class ProfileFiles {
    private ProfileFiles() {
    }

    /**
     * The profiles of a credentials file ({@code [name]} sections).
     *
     * @param file the file, which must exist
     * @return profile name to its properties (lower-case names), in file order
     * @throws CredentialsNotFoundException if the file cannot be read or is malformed
     */
    public static Map<String, Map<String, String>> readCredentialsFile(Path file) {
        return parse(file, read(file), false);
    }

    /**
     * The profiles of a config file ({@code [profile name]} and {@code [default]} sections).
     *
     * @param file the file, which must exist
     * @return profile name to its properties (lower-case names), in file order
     * @throws CredentialsNotFoundException if the file cannot be read or is malformed
     */
    public static Map<String, Map<String, String>> readConfigFile(Path file) {
        return parse(file, read(file), true);
    }

    /**
     * The {@code [sso-session name]} sections of a config file.
     *
     * @param file the file, which must exist
     * @return session name to its properties (lower-case names), in file order
     * @throws CredentialsNotFoundException if the file cannot be read or is malformed
     */
    public static Map<String, Map<String, String>> readSsoSessions(Path file) {
        return parse(file, read(file), Kind.SSO_SESSIONS);
    }

    /** Which sections a parse collects. */
    private enum Kind {
        /** {@code [name]} of the credentials file. */
        CREDENTIALS,
        /** {@code [profile name]} and {@code [default]} of the config file. */
        CONFIG_PROFILES,
        /** {@code [sso-session name]} of the config file. */
        SSO_SESSIONS
    }

    /**
     * Parses the text of a shared file.
     *
     * @param file the file name, for messages
     * @param text the content
     * @param configFile true for the config file syntax ({@code [profile name]}), false for the
     *     credentials file ({@code [name]})
     * @return profile name to its properties, in file order
     * @throws CredentialsNotFoundException if the text is malformed
     */
    public static Map<String, Map<String, String>> parse(Path file, String text, boolean configFile) {
        return parse(file, text, configFile ? Kind.CONFIG_PROFILES : Kind.CREDENTIALS);
    }

    private static Map<String, Map<String, String>> parse(Path file, String text, Kind kind) {
        boolean configFile = kind != Kind.CREDENTIALS;
        Map<String, Map<String, String>> profiles = new LinkedHashMap<>();
        Map<String, String> current = null;
        boolean inSection = false;
        String lastKey = null;
        int lineNo = 0;
        int pos = 0;
        int n = text.length();
        if (n > 0 && text.charAt(0) == '\uFEFF') {
            pos = 1;
        }
        while (pos < n) {
            int eol = text.indexOf('\n', pos);
            int end = eol < 0 ? n : eol;
            String line = text.substring(pos, end > pos && text.charAt(end - 1) == '\r' ? end - 1 : end);
            pos = end + 1;
            lineNo++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.charAt(0) == '#' || trimmed.charAt(0) == ';') {
                continue;
            }
            if (trimmed.charAt(0) == '[') {
                int close = trimmed.indexOf(']');
                if (close < 0) {
                    throw error(file, lineNo, "section header has no closing ']'");
                }
                String after = trimmed.substring(close + 1).strip();
                if (!after.isEmpty() && after.charAt(0) != '#' && after.charAt(0) != ';') {
                    throw error(file, lineNo, "unexpected text after the section header's ']'");
                }
                String section = trimmed.substring(1, close).strip();
                if (section.isEmpty()) {
                    throw error(file, lineNo, "empty section name '[]'");
                }
                String profile = kind == Kind.CREDENTIALS ? section
                        : kind == Kind.CONFIG_PROFILES ? configProfileName(file, lineNo, section)
                        : ssoSessionName(file, lineNo, section);
                current = profile == null ? null : profiles.computeIfAbsent(profile, k -> new LinkedHashMap<>());
                inSection = true;
                lastKey = null;
                continue;
            }
            char first = line.charAt(0);
            if ((first == ' ' || first == '\t') && lastKey != null) {
                if (current != null) {
                    String prev = current.get(lastKey);
                    current.put(lastKey, prev.isEmpty() ? trimmed : prev + '\n' + trimmed);
                }
                continue;
            }
            if (!inSection) {
                throw error(file, lineNo, "a property comes before any section header; add "
                        + (configFile ? "'[default]' or '[profile name]'" : "'[default]' or '[name]'") + " above it");
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw error(file, lineNo, "expected 'name = value' (no '=' found)");
            }
            String key = line.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            if (key.isEmpty()) {
                throw error(file, lineNo, "a property name is missing before '='");
            }
            if (current != null) {
                current.put(key, stripComment(line.substring(eq + 1)).strip());
            }
            lastKey = key;
        }
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, String>> e : profiles.entrySet()) {
            out.put(e.getKey(), Collections.unmodifiableMap(e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }

    private static String configProfileName(Path file, int lineNo, String section) {
        if (section.equals("default")) {
            return "default";
        }
        if (section.startsWith("profile") && section.length() > 7
                && (section.charAt(7) == ' ' || section.charAt(7) == '\t')) {
            String name = section.substring(8).strip();
            if (name.isEmpty()) {
                throw error(file, lineNo, "'[profile ]' names no profile");
            }
            return name;
        }
        // [sso-session x], [services x] and legacy '[x]' sections are not profiles in the config file
        return null;
    }

    private static String ssoSessionName(Path file, int lineNo, String section) {
        if (section.startsWith("sso-session") && section.length() > 11
                && (section.charAt(11) == ' ' || section.charAt(11) == '\t')) {
            String name = section.substring(12).strip();
            if (name.isEmpty()) {
                throw error(file, lineNo, "'[sso-session ]' names no session");
            }
            return name;
        }
        return null;
    }

    private static String stripComment(String value) {
        for (int i = 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c == '#' || c == ';') && (value.charAt(i - 1) == ' ' || value.charAt(i - 1) == '\t')) {
                return value.substring(0, i);
            }
        }
        return value;
    }

    private static String read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CredentialsNotFoundException("file " + file + " could not be read: " + e.getClass().getSimpleName(),
                    e);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CredentialsNotFoundException("file " + file + " is not valid UTF-8", e);
        }
    }

    private static CredentialsNotFoundException error(Path file, int lineNo, String what) {
        return new CredentialsNotFoundException("file " + file + " line " + lineNo + ": " + what);
    }
}
