package dev.awssig.internal.credentials;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.awssig.Credentials;
import dev.awssig.CredentialsNotFoundException;
import dev.awssig.internal.ProfileFiles;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The readers of what credential sources hand over, under the fuzzer: the shared config and
 * credentials files ({@link ProfileFiles#parse}) and the JSON answers of credential_process, the
 * instance metadata service and SSO ({@link Answers}, {@link Json}). Invariants: a reader returns
 * or refuses with {@link CredentialsNotFoundException} (nothing else, no stack overflow on deep
 * nesting); what it returns comes from the text (every profile name and key occurs in it);
 * allocation is bounded by the text's size; and no message repeats a secret or a token the text
 * holds.
 */
class CredentialFilesFuzzTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final Path FILE = Path.of("/home/user/.aws/config");
    /** The JSON members the readers read, which their refusals name; the longest first. */
    private static final List<String> MEMBERS = List.of("roleCredentials", "SecretAccessKey", "secretAccessKey",
            "SessionToken", "sessionToken", "AccessKeyId", "accessKeyId", "Expiration", "Token");

    /** A config or credentials file made from the data. */
    @FuzzTest(maxDuration = "10m")
    void profileFile(FuzzedDataProvider d) {
        boolean config = d.consumeBoolean();
        String text = d.consumeRemainingAsString();
        long loaded = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        long before = THREADS.getCurrentThreadAllocatedBytes();
        Map<String, Map<String, String>> profiles;
        try {
            profiles = ProfileFiles.parse(FILE, text, config);
        } catch (CredentialsNotFoundException e) {
            noSecretIn(e.getMessage(), secretsOfProfileText(text), text, t -> profileMessage(t, config));
            return;
        } finally {
            bounded(THREADS.getCurrentThreadAllocatedBytes() - before, text.length(), loaded);
        }
        for (Map.Entry<String, Map<String, String>> p : profiles.entrySet()) {
            check(text.contains(p.getKey()), "a profile name that is not in the text: " + p.getKey());
            for (Map.Entry<String, String> kv : p.getValue().entrySet()) {
                check(text.toLowerCase(Locale.ROOT).contains(kv.getKey().toLowerCase(Locale.ROOT)),
                        "a key that is not in the text: " + kv.getKey());
                check(kv.getValue().length() <= text.length(), "a value longer than the text");
            }
        }
    }

    /** A JSON answer made from the data, read as credential_process, IMDS or SSO read theirs. */
    @FuzzTest(maxDuration = "10m")
    void credentialJson(FuzzedDataProvider d) {
        int source = d.consumeInt(0, 2);
        String text = d.consumeRemainingAsString();
        long loaded = ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount();
        long before = THREADS.getCurrentThreadAllocatedBytes();
        List<String> secrets = new ArrayList<>();
        try {
            String detail = Answers.errorDetail(text);
            check(detail != null && detail.length() <= 1024, "an error detail is short: " + detail);
            Map<String, Object> json = Answers.json(text, "source");
            for (String member : new String[] {"SecretAccessKey", "secretAccessKey", "SessionToken", "sessionToken",
                "Token"}) {
                collect(json, member, secrets);
            }
            if (source == 2) {
                Map<String, Object> role = Json.object(json, "roleCredentials");
                if (role == null) {
                    return;
                }
                for (String member : new String[] {"secretAccessKey", "sessionToken"}) {
                    collect(role, member, secrets);
                }
            }
            Credentials c = read(source, json);
            check(!c.accessKeyId().isBlank() && !c.secretAccessKey().isBlank(), "credentials with a blank id or secret");
            check(!c.toString().contains(c.secretAccessKey()), "toString shows the secret");
        } catch (CredentialsNotFoundException | IllegalArgumentException e) {
            // Json.object throws IllegalArgumentException for a member that is not an object
            noSecretIn(e.getMessage(), secrets, text, t -> jsonMessage(source, t));
        } finally {
            bounded(THREADS.getCurrentThreadAllocatedBytes() - before, text.length(), loaded);
        }
    }

    /** What the source reads from a JSON answer (SSO: its {@code roleCredentials}, which must be there). */
    private static Credentials read(int source, Map<String, Object> json) {
        switch (source) {
            case 0:
                return Answers.fromJson(json, "AccessKeyId", "SecretAccessKey", "SessionToken", "Expiration", "process");
            case 1:
                return Answers.fromJson(json, "AccessKeyId", "SecretAccessKey", "Token", "Expiration", "imds");
            default:
                return Answers.fromJson(Json.object(json, "roleCredentials"), "accessKeyId", "secretAccessKey",
                        "sessionToken", null, "sso");
        }
    }

    /** The reader's refusal of a JSON text, or null when it reads it (or, for SSO, finds no roleCredentials). */
    private static String jsonMessage(int source, String text) {
        try {
            Map<String, Object> json = Answers.json(text, "source");
            if (source == 2 && Json.object(json, "roleCredentials") == null) {
                return null;
            }
            read(source, json);
            return null;
        } catch (CredentialsNotFoundException | IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    private static void collect(Map<String, Object> json, String member, List<String> out) {
        Object v = json.get(member);
        if (v instanceof String && ((String) v).strip().length() >= 8) {
            out.add(((String) v).strip());
        }
    }

    /** The values of secret- or token-named lines of a profile file (8 characters or more). */
    private static List<String> secretsOfProfileText(String text) {
        List<String> out = new ArrayList<>();
        for (String line : text.split("[\r\n]")) {
            int eq = line.indexOf('=');
            String key = eq < 0 ? "" : line.substring(0, eq).toLowerCase(Locale.ROOT);
            if (key.contains("secret") || key.contains("token")) {
                String v = line.substring(eq + 1).strip();
                if (v.length() >= 8) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    /**
     * No secret of the text in the message. A secret the message holds counts only when the
     * message for the same text with that secret masked no longer holds it: a value such as
     * "[default]" is also the parser's own advice ("add '[default]' above it"), and a secret
     * "AccessKeyId" is also the name of the member a JSON answer lacks ("AccessKeyId not set"):
     * neither is an echo. Nor is a secret that is part of a member name the message names
     * ("SecretAcces" in "SecretAccessKey is set"), where masking it in the text would also mask
     * the member's name: it counts only when the message holds it outside those names.
     */
    private static void noSecretIn(String message, List<String> secrets, String text,
                                   java.util.function.UnaryOperator<String> messageFor) {
        check(message != null, "a refusal says why");
        for (String s : secrets) {
            if (message.contains(s) && messageFor != null) {
                String again = messageFor.apply(text.replace(s, "#".repeat(s.length())));
                if (again != null && again.contains(s)) {
                    continue; // the parser's own wording
                }
            }
            if (message.contains(s) && MEMBERS.stream().anyMatch(m -> m.contains(s))
                    && !withoutMemberNames(message).contains(s)) {
                continue; // part of a member name the message names ("SecretAcces" of "SecretAccessKey is set")
            }
            check(!message.contains(s), "a message repeats a secret or token of the text: " + message);
        }
    }

    /** The message without the names of the JSON members the readers name in their refusals. */
    private static String withoutMemberNames(String message) {
        String out = message;
        for (String m : MEMBERS) {
            out = out.replace(m, "");
        }
        return out;
    }

    /** The parser's refusal of a text, or null when it reads it. */
    private static String profileMessage(String text, boolean config) {
        try {
            ProfileFiles.parse(FILE, text, config);
            return null;
        } catch (CredentialsNotFoundException e) {
            return e.getMessage();
        }
    }

    private static void bounded(long allocated, long chars, long loadedBefore) {
        if (ManagementFactory.getClassLoadingMXBean().getTotalLoadedClassCount() != loadedBefore) {
            return;
        }
        long bound = (4L << 20) + 256 * chars;
        check(allocated <= bound, "allocated " + allocated + " bytes for " + chars + " characters");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new AssertionError(message);
        }
    }
}
