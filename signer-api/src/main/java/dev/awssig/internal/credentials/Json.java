package dev.awssig.internal.credentials;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small strict JSON (RFC 8259) reader for the answers of credential sources: objects become
 * {@code Map<String, Object>} (in order), arrays {@code List<Object>}, strings {@code String},
 * numbers {@link BigDecimal}, {@code true}/{@code false} {@code Boolean}, {@code null} a null
 * value. Nesting is bounded. A malformed text gives an {@link IllegalArgumentException} that
 * names the position only, never the text (it may hold a secret).
 */
public final class Json {
    private static final int MAX_DEPTH = 32;

    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    /**
     * Parses a JSON text whose top level is an object.
     *
     * @param text the text
     * @return the object
     * @throws IllegalArgumentException if the text is not one JSON object
     */
    public static Map<String, Object> parseObject(String text) {
        Json j = new Json(text);
        j.skipWhitespace();
        if (j.pos < text.length() && text.charAt(j.pos) == '\uFEFF') {
            j.pos++;
            j.skipWhitespace();
        }
        if (j.pos >= text.length() || text.charAt(j.pos) != '{') {
            throw j.error("expected a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) j.value(0);
        j.skipWhitespace();
        if (j.pos != text.length()) {
            throw j.error("unexpected text after the JSON object");
        }
        return value;
    }

    /**
     * A string member of an object.
     *
     * @param object the object
     * @param name the member name
     * @return the string, or {@code null} when absent or JSON null
     * @throws IllegalArgumentException if the member is not a string
     */
    public static String string(Map<String, Object> object, String name) {
        Object v = object.get(name);
        if (v == null || v instanceof String) {
            return (String) v;
        }
        throw new IllegalArgumentException("'" + name + "' is not a string");
    }

    /**
     * An object member of an object.
     *
     * @param object the object
     * @param name the member name
     * @return the object, or {@code null} when absent or JSON null
     * @throws IllegalArgumentException if the member is not an object
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Map<String, Object> object, String name) {
        Object v = object.get(name);
        if (v == null || v instanceof Map) {
            return (Map<String, Object>) v;
        }
        throw new IllegalArgumentException("'" + name + "' is not an object");
    }

    private Object value(int depth) {
        if (depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH);
        }
        skipWhitespace();
        if (pos >= text.length()) {
            throw error("unexpected end of text");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return number();
                }
                throw error("unexpected character");
        }
    }

    private Map<String, Object> object(int depth) {
        pos++; // '{'
        Map<String, Object> map = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            return Collections.unmodifiableMap(map);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a member name");
            }
            String name = string();
            skipWhitespace();
            if (peek() != ':') {
                throw error("expected ':'");
            }
            pos++;
            Object v = value(depth + 1);
            if (map.containsKey(name)) {
                throw error("duplicate member name");
            }
            map.put(name, v);
            skipWhitespace();
            char c = peek();
            if (c != ',' && c != '}') {
                throw error("expected ',' or '}'");
            }
            pos++;
            if (c == '}') {
                return Collections.unmodifiableMap(map);
            }
        }
    }

    private List<Object> array(int depth) {
        pos++; // '['
        List<Object> list = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            return Collections.unmodifiableList(list);
        }
        while (true) {
            list.add(value(depth + 1));
            skipWhitespace();
            char c = peek();
            if (c != ',' && c != ']') {
                throw error("expected ',' or ']'");
            }
            pos++;
            if (c == ']') {
                return Collections.unmodifiableList(list);
            }
        }
    }

    private String string() {
        pos++; // '"'
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("control character in a string");
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"':
                case '\\':
                case '/':
                    sb.append(e);
                    break;
                case 'b':
                    sb.append('\b');
                    break;
                case 'f':
                    sb.append('\f');
                    break;
                case 'n':
                    sb.append('\n');
                    break;
                case 'r':
                    sb.append('\r');
                    break;
                case 't':
                    sb.append('\t');
                    break;
                case 'u':
                    if (pos + 4 > text.length()) {
                        throw error("bad \\u escape");
                    }
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(text.charAt(pos++), 16);
                        if (d < 0) {
                            throw error("bad \\u escape");
                        }
                        code = code * 16 + d;
                    }
                    sb.append((char) code);
                    break;
                default:
                    pos--;
                    throw error("bad escape");
            }
        }
    }

    private BigDecimal number() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        if (peek() == '0') {
            pos++;
        } else if (peek() >= '1' && peek() <= '9') {
            digits();
        } else {
            throw error("bad number");
        }
        if (peek() == '.') {
            pos++;
            if (!(peek() >= '0' && peek() <= '9')) {
                throw error("bad number");
            }
            digits();
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') {
                pos++;
            }
            if (!(peek() >= '0' && peek() <= '9')) {
                throw error("bad number");
            }
            digits();
        }
        if (pos - start > 64) {
            throw error("number too long");
        }
        return new BigDecimal(text.substring(start, pos));
    }

    private void digits() {
        while (peek() >= '0' && peek() <= '9') {
            pos++;
        }
    }

    private Object literal(String word, Object value) {
        if (!text.startsWith(word, pos)) {
            throw error("unexpected character");
        }
        pos += word.length();
        return value;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipWhitespace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("malformed JSON at character " + (pos + 1) + ": " + what);
    }
}
