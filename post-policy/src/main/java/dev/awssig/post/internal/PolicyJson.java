package dev.awssig.post.internal;

import dev.awssig.internal.Ascii;
import dev.awssig.internal.Timestamps;
import dev.awssig.post.PolicyCondition;
import dev.awssig.post.PostPolicy;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads and writes POST policy documents with the jackson-core streaming API. Internal.
 *
 * <p>Writing is deterministic: compact, {@code expiration} then {@code conditions} in order,
 * every non-ASCII character escaped as {@code \\uXXXX}, control characters escaped. Reading
 * accepts what S3's documentation shows (a trailing comma, {@code \$}) and rejects duplicate keys.
 */
public final class PolicyJson {
    /** Messages of parse failures start with this, as S3's {@code InvalidPolicyDocument} messages do. */
    public static final String INVALID_POLICY = "Invalid Policy: ";
    /** The largest content-length-range bound read, 2^62 - 1 (far above S3's 5 TiB object). */
    private static final long MAX_BOUND = (1L << 62) - 1;

    private static final JsonFactory WRITER = new JsonFactoryBuilder()
            .enable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .characterEscapes(new ControlEscapes())
            .build();
    private static final JsonFactory READER = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private PolicyJson() {
    }

    /** JSON's standard escapes plus DEL (0x7f), so the output is printable ASCII only. */
    private static final class ControlEscapes extends CharacterEscapes {
        private static final long serialVersionUID = 1L;
        private final int[] escapes;

        ControlEscapes() {
            int[] e = standardAsciiEscapesForJSON();
            e[0x7f] = ESCAPE_STANDARD;
            this.escapes = e;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }

    /**
     * Formats an expiration as S3 writes it, {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'}.
     *
     * @param t the instant
     * @return the text
     */
    public static String formatExpiration(Instant t) {
        String iso = Timestamps.iso8601(t);
        int ms = t.getNano() / 1_000_000;
        char[] frac = {'.', (char) ('0' + ms / 100), (char) ('0' + (ms / 10) % 10), (char) ('0' + ms % 10), 'Z'};
        return iso.substring(0, 19) + new String(frac);
    }

    /**
     * {@code Base64(UTF-8(json))}, the {@code policy} field. ASCII text (what {@link #write}
     * produces) goes through the thread's buffers, without an intermediate array per call.
     *
     * @param json the policy document
     * @return the standard Base64, padded
     */
    public static String base64(String json) {
        PostScratch s = PostScratch.open();
        String ascii;
        try {
            ascii = s.base64Ascii(json);
        } finally {
            s.close();
        }
        return ascii != null ? ascii
                : java.util.Base64.getEncoder().encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * Decodes the {@code policy} field's padded standard Base64 (whitespace already removed) when
     * the document is ASCII, the usual case, without intermediate arrays.
     *
     * @param base64 the Base64 text
     * @return the document, or null when the text is not padded Base64 of ASCII: the caller then
     *     decodes it with the JDK (and reports what is wrong with it)
     */
    public static String asciiFromBase64(String base64) {
        PostScratch s = PostScratch.open();
        try {
            return s.asciiFromBase64(base64);
        } finally {
            s.close();
        }
    }

    /**
     * Writes a policy as compact, deterministic JSON.
     *
     * @param policy the policy
     * @return the JSON text
     */
    public static String write(PostPolicy policy) {
        StringWriter out = new StringWriter(128 + 64 * policy.conditions().size());
        try (JsonGenerator g = WRITER.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("expiration", formatExpiration(policy.expiration()));
            g.writeArrayFieldStart("conditions");
            for (PolicyCondition c : policy.conditions()) {
                writeCondition(g, c);
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing a policy to memory failed", e);
        }
        return out.toString();
    }

    private static void writeCondition(JsonGenerator g, PolicyCondition c) throws IOException {
        switch (c.operator()) {
            case CONTENT_LENGTH_RANGE:
                g.writeStartArray();
                g.writeString("content-length-range");
                g.writeNumber(c.min());
                g.writeNumber(c.max());
                g.writeEndArray();
                return;
            case STARTS_WITH:
                g.writeStartArray();
                g.writeString("starts-with");
                g.writeString("$" + c.field());
                g.writeString(c.value());
                g.writeEndArray();
                return;
            default:
                if (c.isObjectForm()) {
                    g.writeStartObject();
                    g.writeStringField(c.field(), c.value());
                    g.writeEndObject();
                } else {
                    g.writeStartArray();
                    g.writeString("eq");
                    g.writeString("$" + c.field());
                    g.writeString(c.value());
                    g.writeEndArray();
                }
        }
    }

    /**
     * Parses a policy document.
     *
     * @param json the JSON text
     * @return the policy
     * @throws IllegalArgumentException whose message starts with {@value #INVALID_POLICY}
     */
    public static PostPolicy parse(String json) {
        if (json == null) {
            throw new IllegalArgumentException(INVALID_POLICY + "policy document is required (was null)");
        }
        Instant expiration = null;
        boolean sawExpiration = false;
        List<PolicyCondition> conditions = null;
        try (JsonParser p = READER.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw invalid("Invalid JSON: the policy must be a JSON object.");
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if ("expiration".equals(name)) {
                    if (v != JsonToken.VALUE_STRING) {
                        throw invalid("Invalid 'expiration' value: must be a string.");
                    }
                    String text = p.getText();
                    try {
                        expiration = parseExpiration(text);
                    } catch (IllegalArgumentException e) {
                        throw invalid("Invalid 'expiration' value: '" + PolicyText.printable(text) + "'");
                    }
                    sawExpiration = true;
                } else if ("conditions".equals(name)) {
                    if (v != JsonToken.START_ARRAY) {
                        throw invalid("Invalid 'conditions' value: must be a list.");
                    }
                    conditions = readConditions(p);
                } else {
                    throw invalid("Unexpected field '" + PolicyText.printable(name) + "' in the policy document.");
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw invalid("Invalid JSON.");
            }
            if (p.nextToken() != null) {
                throw invalid("Invalid JSON: text after the policy document.");
            }
        } catch (JsonProcessingException e) {
            String detail = e.getOriginalMessage();
            throw invalid("Invalid JSON" + (detail != null && detail.startsWith("Duplicate field")
                    ? ": " + PolicyText.printable(detail) : "."));
        } catch (IOException e) {
            throw invalid("Invalid JSON.");
        }
        if (!sawExpiration) {
            throw invalid("Policy missing expiration.");
        }
        if (conditions == null) {
            throw invalid("Policy missing conditions.");
        }
        try {
            return PostPolicy.builder().expiration(expiration).conditions(conditions).build();
        } catch (IllegalArgumentException e) {
            throw invalid("Invalid 'expiration' value: " + e.getMessage());
        }
    }

    /**
     * Parses an expiration as {@link Timestamps#parseIso8601} does (ISO 8601 with an offset).
     * S3's own shape, {@code yyyy-MM-dd'T'HH:mm:ss[.fraction]Z} with fields in range, is read
     * here without a {@code DateTimeFormatter} (which cost more than the rest of the parse); any
     * other text, valid or not, goes to {@link Timestamps#parseIso8601}, so what is accepted and
     * what it means are unchanged.
     *
     * @param text the expiration text
     * @return the instant
     * @throws IllegalArgumentException if it is not an ISO 8601 date-time with an offset
     */
    static Instant parseExpiration(String text) {
        Instant fast = parseS3Expiration(text);
        return fast != null ? fast : Timestamps.parseIso8601(text, "expiration");
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with fields in range, or null. */
    private static Instant parseS3Expiration(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (!inRange(year, month, day, hour, minute, second)) {
            return null;
        }
        int nanos = 0;
        if (n > 20) {
            if (s.charAt(19) != '.' || n == 21) {
                return null;
            }
            int fraction = digits(s, 20, n - 21);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = n - 21; i < 9; i++) {
                nanos *= 10;
            }
        }
        long days = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400 + hour * 3600 + minute * 60 + second, nanos);
    }

    /**
     * Whether text is a valid {@code yyyyMMdd'T'HHmmss'Z'} date-time, as
     * {@link Timestamps#parseAmzDate} would accept it, read without building one: the enforcer
     * only needs to know (and asks {@code parseAmzDate} for the message when the answer is no).
     *
     * @param s the text, not null
     * @return true when valid
     */
    public static boolean isAmzDate(String s) {
        return s.length() == 16 && s.charAt(8) == 'T' && s.charAt(15) == 'Z'
                && inRange(digits(s, 0, 4), digits(s, 4, 2), digits(s, 6, 2), digits(s, 9, 2), digits(s, 11, 2),
                        digits(s, 13, 2));
    }

    /** Digits read (-1 for none) and in range: month, day of that month, hour, minute, second. */
    private static boolean inRange(int year, int month, int day, int hour, int minute, int second) {
        return (year | month | day | hour | minute | second) >= 0 && month >= 1 && month <= 12 && day >= 1
                && (day <= 28 || day <= java.time.YearMonth.of(year, month).lengthOfMonth()) && hour <= 23
                && minute <= 59 && second <= 59;
    }

    /** The value of {@code len} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from, end = from + len; i < end; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * Parses one condition, {@code {"acl": "private"}} or {@code ["starts-with", "$key", "a/"]}.
     *
     * @param json the JSON text of the condition
     * @return the condition
     * @throws IllegalArgumentException whose message starts with {@value #INVALID_POLICY}
     */
    public static PolicyCondition parseCondition(String json) {
        if (json == null) {
            throw invalid("condition is required (was null)");
        }
        try (JsonParser p = READER.createParser(json)) {
            JsonToken t = p.nextToken();
            PolicyCondition c;
            if (t == JsonToken.START_OBJECT) {
                c = readSimple(p);
            } else if (t == JsonToken.START_ARRAY) {
                c = readArray(p, new JsonToken[3], new String[3]);
            } else {
                throw invalid("Invalid Condition: each condition must be an object or a list.");
            }
            if (p.nextToken() != null) {
                throw invalid("Invalid JSON: text after the condition.");
            }
            return c;
        } catch (JsonProcessingException e) {
            throw invalid("Invalid JSON.");
        } catch (IOException e) {
            throw invalid("Invalid JSON.");
        }
    }

    private static List<PolicyCondition> readConditions(JsonParser p) throws IOException {
        List<PolicyCondition> out = new ArrayList<>(16);
        JsonToken[] kinds = new JsonToken[3];
        String[] texts = new String[3];
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.START_OBJECT) {
                out.add(readSimple(p));
            } else if (t == JsonToken.START_ARRAY) {
                out.add(readArray(p, kinds, texts));
            } else {
                throw invalid("Invalid Condition: each condition must be an object or a list.");
            }
        }
        return out;
    }

    private static PolicyCondition readSimple(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.FIELD_NAME) {
            throw invalid("Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.");
        }
        String name = p.currentName();
        String value = scalar(p, p.nextToken(), name);
        if (p.nextToken() != JsonToken.END_OBJECT) {
            throw invalid("Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.");
        }
        try {
            return PolicyCondition.exact(name, value);
        } catch (IllegalArgumentException e) {
            throw invalid("Invalid Simple-Condition: " + e.getMessage());
        }
    }

    private static PolicyCondition readArray(JsonParser p, JsonToken[] kinds, String[] texts) throws IOException {
        // the first three elements are kept (in the caller's arrays), the rest only counted (the
        // message names the count)
        int size = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) {
                throw invalid("Invalid Condition: a list condition holds only strings and numbers.");
            }
            if (size < 3) {
                kinds[size] = t;
                texts[size] = t == JsonToken.VALUE_NULL ? null : p.getText();
            }
            size++;
        }
        if (size == 0 || kinds[0] != JsonToken.VALUE_STRING) {
            throw invalid("Invalid Condition: missing operation.");
        }
        String op = Ascii.lower(texts[0]);
        if (size != 3) {
            throw invalid("Invalid Condition: wrong number of arguments for '" + PolicyText.printable(texts[0])
                    + "' (expected 3 elements, found " + size + ").");
        }
        if ("content-length-range".equals(op)) {
            long min = bound(kinds[1], texts[1]);
            long max = bound(kinds[2], texts[2]);
            if (max < min) {
                throw invalid("Invalid Policy Condition: content-length-range maximum is less than the minimum.");
            }
            return PolicyCondition.contentLengthRange(min, max);
        }
        if (!"eq".equals(op) && !"starts-with".equals(op)) {
            throw invalid("Invalid Condition: unknown operation '" + PolicyText.printable(texts[0]) + "'.");
        }
        if (kinds[1] != JsonToken.VALUE_STRING || !texts[1].startsWith("$") || texts[1].length() < 2) {
            throw invalid("Invalid Condition: the field of '" + op + "' must be a string starting with '$'.");
        }
        String field = texts[1].substring(1);
        String value = scalarText(kinds[2], texts[2], field);
        try {
            return "eq".equals(op) ? PolicyCondition.eq(field, value) : PolicyCondition.startsWith(field, value);
        } catch (IllegalArgumentException e) {
            throw invalid("Invalid Condition: " + e.getMessage());
        }
    }

    private static String scalar(JsonParser p, JsonToken t, String field) throws IOException {
        if (t == JsonToken.START_ARRAY || t == JsonToken.START_OBJECT) {
            throw invalid("Invalid Simple-Condition: the value of '" + PolicyText.printable(field) + "' must be a string.");
        }
        return scalarText(t, t == JsonToken.VALUE_NULL ? null : p.getText(), field);
    }

    private static String scalarText(JsonToken t, String text, String field) {
        if (t == JsonToken.VALUE_STRING || t == JsonToken.VALUE_NUMBER_INT) {
            return text;
        }
        throw invalid("Invalid Condition: the value of '" + PolicyText.printable(field) + "' must be a string.");
    }

    private static long bound(JsonToken t, String text) {
        if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_STRING) {
            throw invalid("Invalid Policy Condition: content-length-range bounds must be integers.");
        }
        // ASCII digits only: BigInteger and Long.parseLong also take other scripts' digits (\u0661 is 1)
        String digits = text.trim();
        if (digits.isEmpty()) {
            throw invalid("Invalid Policy Condition: content-length-range bounds must be integers.");
        }
        long v = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw invalid(c == '-' && i == 0
                        ? "Invalid Policy Condition: content-length-range bound out of range: " + PolicyText.printable(text)
                        : "Invalid Policy Condition: content-length-range bounds must be integers.");
            }
            v = v * 10 + (c - '0');
            if (v > MAX_BOUND) {
                throw invalid("Invalid Policy Condition: content-length-range bound out of range: "
                        + PolicyText.printable(text));
            }
        }
        return v;
    }

    private static IllegalArgumentException invalid(String what) {
        return new IllegalArgumentException(INVALID_POLICY + what);
    }
}
