package dev.awssig.internal.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The small JSON reader of credential answers (RFC 8259). */
class JsonTest {
    @Test
    void valuesOfEveryKind() {
        Map<String, Object> m = Json.parseObject("\uFEFF { \"s\": \"a\\\"b\\\\c\\/d\\n\\u00e9\\ud83d\\ude00\", "
                + "\"n\": -12.5e2, \"z\": 0, \"t\": true, \"f\": false, \"x\": null, \"a\": [1, \"two\", {}],"
                + " \"o\": {\"k\": []} }\r\n");
        assertEquals("a\"b\\c/d\n\u00e9\ud83d\ude00", m.get("s"));
        assertEquals(new BigDecimal("-12.5e2"), m.get("n"));
        assertEquals(BigDecimal.ZERO, m.get("z"));
        assertEquals(Boolean.TRUE, m.get("t"));
        assertEquals(Boolean.FALSE, m.get("f"));
        assertNull(m.get("x"));
        assertEquals(List.of(BigDecimal.ONE, "two", Map.of()), m.get("a"));
        assertEquals(Map.of("k", List.of()), m.get("o"));
        assertEquals(List.of("s", "n", "z", "t", "f", "x", "a", "o"), List.copyOf(m.keySet()), "order kept");
    }

    @Test
    void malformedTextsNameThePositionButNotTheText() {
        String[][] cases = {
            {"", "malformed JSON at character 1: expected a JSON object"},
            {"[1]", "malformed JSON at character 1: expected a JSON object"},
            {"{\"a\": 1} x", "malformed JSON at character 10: unexpected text after the JSON object"},
            {"{\"a\": 1, \"a\": 2}", "malformed JSON at character 16: duplicate member name"},
            {"{\"a\": 01}", "malformed JSON at character 8: expected ',' or '}'"},
            {"{\"a\": \"x\ny\"}", "malformed JSON at character 9: control character in a string"},
            {"{\"a\": \"\\q\"}", "malformed JSON at character 9: bad escape"},
            {"{\"a\": tru}", "malformed JSON at character 7: unexpected character"},
            {"{\"a\": \"secretvalue", "malformed JSON at character 19: unterminated string"},
            {"{\"a\": 1.}", "malformed JSON at character 9: bad number"},
            {"{a: 1}", "malformed JSON at character 2: expected a member name"},
        };
        for (String[] c : cases) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parseObject(c[0]));
            assertEquals(c[1], e.getMessage(), c[0]);
            assertFalse(e.getMessage().contains("secretvalue"));
        }
    }

    @Test
    void nestingIsBounded() {
        String deep = "{\"a\":" + "[".repeat(40) + "]".repeat(40) + "}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parseObject(deep));
        assertEquals("malformed JSON at character 38: nested deeper than 32", e.getMessage());
        String ok = "{\"a\":" + "[".repeat(30) + "]".repeat(30) + "}";
        assertEquals(1, Json.parseObject(ok).size());
    }

    @Test
    void typedMembers() {
        Map<String, Object> m = Json.parseObject("{\"s\": \"v\", \"n\": 1, \"o\": {}}");
        assertEquals("v", Json.string(m, "s"));
        assertNull(Json.string(m, "missing"));
        assertEquals(Map.of(), Json.object(m, "o"));
        assertEquals("'n' is not a string", assertThrows(IllegalArgumentException.class,
                () -> Json.string(m, "n")).getMessage());
        assertEquals("'s' is not an object", assertThrows(IllegalArgumentException.class,
                () -> Json.object(m, "s")).getMessage());
    }
}
