package dev.awssig.internal.credentials;

import dev.awssig.Credentials;
import dev.awssig.CredentialsNotFoundException;
import dev.awssig.internal.Checks;
import dev.awssig.internal.CredentialValues;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Turns the answers of credential sources (JSON members, XML elements) into {@link Credentials},
 * with messages that name the source and the member, never a value that may be secret.
 */
final class Answers {
    private Answers() {
    }

    /**
     * Parses a JSON answer.
     *
     * @param body the text
     * @param source the source, for messages
     * @return the top-level object
     * @throws CredentialsNotFoundException if it is not a JSON object
     */
    static Map<String, Object> json(String body, String source) {
        try {
            return Json.parseObject(body);
        } catch (IllegalArgumentException e) {
            throw new CredentialsNotFoundException(source + ": the answer is not a JSON object (" + e.getMessage() + ")");
        }
    }

    /**
     * A string member, or null.
     *
     * @param object the JSON object
     * @param name the member
     * @param source the source, for messages
     * @return the value or null
     * @throws CredentialsNotFoundException if the member is not a string
     */
    static String string(Map<String, Object> object, String name, String source) {
        try {
            return Json.string(object, name);
        } catch (IllegalArgumentException e) {
            throw new CredentialsNotFoundException(source + ": in the answer, " + e.getMessage());
        }
    }

    /**
     * Credentials from the members of a JSON answer.
     *
     * @param object the answer
     * @param id the access key id member
     * @param secret the secret member
     * @param token the session token member
     * @param expiration the expiration member (ISO 8601), or null if the source has none
     * @param source the source, for messages
     * @return the credentials
     * @throws CredentialsNotFoundException if a member is missing or invalid
     */
    static Credentials fromJson(Map<String, Object> object, String id, String secret, String token, String expiration,
            String source) {
        Credentials c = credentials(string(object, id, source), string(object, secret, source),
                string(object, token, source), id, secret, token, source);
        String exp = expiration == null ? null : string(object, expiration, source);
        return exp == null ? c : withExpiration(c, instant(exp, source + ": " + expiration));
    }

    /**
     * Credentials from raw values.
     *
     * @param id the access key id, or null
     * @param secret the secret, or null
     * @param token the token, or null
     * @param idName the name of the id in the answer
     * @param secretName the name of the secret in the answer
     * @param tokenName the name of the token in the answer
     * @param source the source, for messages
     * @return the credentials
     * @throws CredentialsNotFoundException if the id or secret is missing or invalid
     */
    static Credentials credentials(String id, String secret, String token, String idName, String secretName,
            String tokenName, String source) {
        try {
            return CredentialValues.resolve(id, secret, token, idName, secretName, tokenName, "");
        } catch (CredentialsNotFoundException e) {
            throw new CredentialsNotFoundException(source + ": the answer is incomplete: " + e.getMessage());
        }
    }

    /**
     * The same credentials with an expiration.
     *
     * @param c the credentials
     * @param expiration the expiration
     * @return the copy
     */
    static Credentials withExpiration(Credentials c, Instant expiration) {
        return Credentials.of(c.accessKeyId(), c.secretAccessKey(), c.sessionToken().orElse(null), expiration);
    }

    /**
     * An ISO 8601 instant: {@code 2026-01-01T00:00:00Z}, with fractional seconds or an offset.
     *
     * @param text the text
     * @param field what it is, for messages
     * @return the instant
     * @throws CredentialsNotFoundException if it is not such an instant
     */
    static Instant instant(String text, String field) {
        String t = text.strip();
        try {
            return Instant.parse(t);
        } catch (DateTimeException e) {
            try {
                return OffsetDateTime.parse(t, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeException e2) {
                throw new CredentialsNotFoundException(field + " is not an ISO 8601 time: '" + Checks.printable(t)
                        + "'");
            }
        }
    }

    /** The {@code code} and {@code message} of a JSON error answer, if it is one. */
    static String errorDetail(String body) {
        try {
            Map<String, Object> json = Json.parseObject(body);
            Object code = json.containsKey("code") ? json.get("code") : json.get("Code");
            Object message = json.containsKey("message") ? json.get("message") : json.get("Message");
            StringBuilder sb = new StringBuilder();
            if (code instanceof String) {
                sb.append(' ').append(Checks.printable((String) code));
            }
            if (message instanceof String) {
                sb.append(": ").append(oneLine((String) message, 400));
            }
            return sb.toString();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    /** A service's message made safe for ours: control characters as spaces, at most {@code max} characters. */
    static String oneLine(String s, int max) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), max) + 3);
        for (int i = 0; i < s.length() && i < max; i++) {
            char c = s.charAt(i);
            sb.append(c < 0x20 || c == 0x7f ? ' ' : c);
        }
        return s.length() > max ? sb.append("...").toString() : sb.toString();
    }
}
