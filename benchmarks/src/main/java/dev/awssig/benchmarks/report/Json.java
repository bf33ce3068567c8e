package dev.awssig.benchmarks.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads JMH's JSON with jackson-databind: objects become {@link Map}s, arrays lists, numbers
 * {@link Number}s (JMH writes {@code "NaN"} as a string; see {@link #number(Object)}).
 */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

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
        return MAPPER.readValue(file.toFile(), Object.class);
    }

    /**
     * Parses text.
     *
     * @param text JSON text
     * @return the value
     * @throws IOException if it cannot be parsed
     */
    static Object parse(String text) throws IOException {
        return MAPPER.readValue(text, Object.class);
    }

    /**
     * A number, or NaN when absent or written as text ("NaN").
     *
     * @param v a parsed value
     * @return the number
     */
    static double number(Object v) {
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
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
