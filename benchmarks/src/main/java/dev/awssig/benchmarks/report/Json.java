package dev.awssig.benchmarks.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader over jackson-core's streaming parser: objects become {@link Map}s, arrays
 * {@link List}s, numbers {@link Double}s (JMH writes {@code "NaN"} as a string; see
 * {@link #number(Object)}).
 */
final class Json {
    private static final JsonFactory FACTORY = new JsonFactory();

    private Json() {
    }

    /**
     * Parses a file.
     *
     * @param file the file
     * @return the value
     * @throws IOException if it cannot be read or parsed
     */
    static Object read(Path file) throws IOException {
        try (JsonParser p = FACTORY.createParser(Files.readAllBytes(file))) {
            p.nextToken();
            return value(p);
        }
    }

    /**
     * Parses text.
     *
     * @param text JSON text
     * @return the value
     * @throws IOException if it cannot be parsed
     */
    static Object parse(String text) throws IOException {
        try (JsonParser p = FACTORY.createParser(text)) {
            p.nextToken();
            return value(p);
        }
    }

    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == null) {
            throw new IOException("unexpected end of JSON");
        }
        switch (t) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    m.put(name, value(p));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p));
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected JSON token " + t);
        }
    }

    /**
     * A number, or NaN when absent or written as text ("NaN").
     *
     * @param v a parsed value
     * @return the number
     */
    static double number(Object v) {
        if (v instanceof Double) {
            return (Double) v;
        }
        if (v instanceof String) {
            try {
                return Double.parseDouble((String) v);
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /**
     * A member of an object.
     *
     * @param v a parsed object (or anything)
     * @param name the member
     * @return the member's value, or null
     */
    static Object get(Object v, String name) {
        if (v instanceof Map) {
            return ((Map<?, ?>) v).get(name);
        }
        return null;
    }
}
