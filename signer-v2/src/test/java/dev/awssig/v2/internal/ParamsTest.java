package dev.awssig.v2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How a raw query or form body is split into parameters, written out by hand for each shape. */
class ParamsTest {
    /** The parameters as {@code name=value} (no {@code =} for a parameter without one), joined by {@code |}. */
    private static String pairs(Params p) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            out.add(p.value(i) == null ? p.name(i) : p.name(i) + "=" + p.value(i));
        }
        return String.join("|", out);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = ';', value = {
        "a=1&b=2; a=1|b=2",
        "a&b=1; a|b=1",
        "a; a",
        "a=; a=",
        "=1; =1",
        "&a=1; a=1",
        "&&a=1&&b&; a=1|b",
        "a&&b; a|b",
        "a=1=2&b; a=1=2|b",
        "a+b=c+d&%41=%2B; a b=c d|A=+",
        "&; ''",
    })
    void emptyPiecesAreSkippedAndEachPieceSplitAtItsFirstEquals(String raw, String expected) {
        assertEquals(expected, pairs(Params.parse(raw)));
    }

    @Test
    void nothingParsesToNoParameters() {
        assertEquals(0, Params.parse(null).size());
        assertEquals(0, Params.parse("").size());
        assertEquals(0, Params.empty().size());
        assertEquals("a=1", pairs(Params.empty().with("a", "1")));
    }

    @Test
    void lookUpsByNameFindTheFirstAndCountEvery() {
        Params p = Params.parse("a=1&X-Amz-Date=2&b&a=3");
        assertEquals(0, p.indexOf("a"));
        assertEquals(1, p.indexOfIgnoreCase("x-amz-date"));
        assertEquals(0, p.indexOfIgnoreCase("A"));
        assertEquals(-1, p.indexOfIgnoreCase("x-amz-dat"));
        assertEquals(-1, p.indexOf("x-amz-date"));
        assertEquals("1", p.first("a"));
        assertEquals("", p.first("b"));
        assertNull(p.first("c"));
        assertEquals(2, p.count("a"));
        assertEquals(0, p.count("c"));
        assertEquals(-1, Params.empty().indexOfIgnoreCase("a"));
    }
}
