package dev.awssig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HeadersTest {
    @Test
    void keepsInsertionOrderAndNameCase() {
        Headers h = Headers.builder().add("X-Amz-Date", "d").add("host", "h").add("Content-Type", "t").build();
        assertEquals(List.of(new Headers.Header("X-Amz-Date", "d"), new Headers.Header("host", "h"),
                new Headers.Header("Content-Type", "t")), h.entries());
        assertEquals(3, h.size());
    }

    @Test
    void lookupIsCaseInsensitive() {
        Headers h = Headers.builder().add("Content-Type", "text/plain").build();
        assertTrue(h.contains("content-type"));
        assertTrue(h.contains("CONTENT-TYPE"));
        assertFalse(h.contains("content-length"));
        assertEquals(Optional.of("text/plain"), h.firstValue("cOnTeNt-TyPe"));
        assertEquals(Optional.empty(), h.firstValue("x"));
    }

    @Test
    void multipleValuesKeepTheirOrderAcrossNameCase() {
        Headers h = Headers.builder().add("X-Amz-Meta-A", "1").add("other", "o").add("x-amz-meta-a", "2")
                .add("X-AMZ-META-A", "3").build();
        assertEquals(List.of("1", "2", "3"), h.values("x-amz-meta-a"));
        assertEquals(Optional.of("1"), h.firstValue("X-Amz-Meta-A"));
        assertEquals(List.of(), h.values("absent"));
        assertEquals(Set.of("x-amz-meta-a", "other"), h.lowerCaseNames());
        assertEquals(List.of("x-amz-meta-a", "other"), List.copyOf(h.lowerCaseNames()), "order of first appearance");
    }

    @Test
    void valuesAreKeptAsGiven() {
        Headers h = Headers.builder().add("x", "  a   b  ").add("y", "").add("z", "caf\u00e9\ttab").build();
        assertEquals(Optional.of("  a   b  "), h.firstValue("x"));
        assertEquals(Optional.of(""), h.firstValue("y"));
        assertEquals(Optional.of("caf\u00e9\ttab"), h.firstValue("z"));
    }

    @Test
    void setReplacesEveryValueOfThatNameAndAppends() {
        Headers h = Headers.builder().add("A", "1").add("b", "2").add("a", "3").set("A", "4").build();
        assertEquals(List.of(new Headers.Header("b", "2"), new Headers.Header("A", "4")), h.entries());
    }

    @Test
    void removeIsCaseInsensitive() {
        Headers h = Headers.builder().add("A", "1").add("b", "2").add("a", "3").remove("A").build();
        assertEquals(List.of(new Headers.Header("b", "2")), h.entries());
    }

    @Test
    void emptyAndBuilderRoundTrip() {
        assertSame(Headers.empty(), Headers.builder().build());
        assertEquals(0, Headers.empty().size());
        Headers h = Headers.builder().add("a", "1").build();
        Headers h2 = h.toBuilder().add("b", "2").build();
        assertEquals(1, h.size(), "the original is unchanged");
        assertEquals(2, h2.size());
        assertEquals(h, h.toBuilder().build());
        assertEquals(h.hashCode(), h.toBuilder().build().hashCode());
        assertNotEquals(h, h2);
        assertNotEquals(Headers.builder().add("A", "1").build(), h, "equality keeps the name case");
    }

    @Test
    void entriesAreImmutable() {
        Headers h = Headers.builder().add("a", "1").build();
        assertThrows(UnsupportedOperationException.class, () -> h.entries().add(new Headers.Header("b", "2")));
        assertThrows(UnsupportedOperationException.class, () -> h.values("a").add("x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", "a:b", "a\tb", "(a)", "a/b", "caf\u00e9", "a\"b", "a,b", "a@b", "a=b",
        "a\r\nb", "{a}"})
    void nameThatIsNotAToken(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Headers.builder().add(name, "v"));
        assertTrue(e.getMessage().startsWith("header name"), e.getMessage());
    }

    @Test
    void tokenPunctuationIsAllowedInNames() {
        String name = "!#$%&'*+-.^_`|~09azAZ";
        assertEquals(Optional.of("v"), Headers.builder().add(name, "v").build().firstValue(name));
    }

    @Test
    void nullNameOrValue() {
        assertEquals("name", assertThrows(NullPointerException.class, () -> Headers.builder().add(null, "v"))
                .getMessage());
        assertEquals("value", assertThrows(NullPointerException.class, () -> Headers.builder().add("X-Custom", null))
                .getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\rb", "a\nb", "a\r\nb", "a\r\n b", "\n", "a\u0000b"})
    void valueWithCrLfOrNulNamesTheField(String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Headers.builder().add("X-Amz-Meta-Note", value));
        assertTrue(e.getMessage().startsWith("header 'X-Amz-Meta-Note'"), e.getMessage());
        assertTrue(e.getMessage().contains("CR, LF"), e.getMessage());
    }

    @Test
    void badValueInSetIsRejectedBeforeRemoving() {
        Headers.Builder b = Headers.builder().add("a", "1");
        assertThrows(IllegalArgumentException.class, () -> b.set("a", "x\ny"));
        assertEquals(List.of("1"), b.build().values("a"));
    }

    @Test
    void toStringRedactsCredentialsBearingHeaders() {
        Headers h = Headers.builder().add("Host", "example.com")
                .add("Authorization", "AWS4-HMAC-SHA256 Credential=AKID/x, Signature=deadbeefsig")
                .add("X-Amz-Security-Token", "tokentoken").add("x-amz-date", "20150830T123600Z").build();
        String s = h.toString();
        assertEquals("{Host: example.com, Authorization: ****, X-Amz-Security-Token: ****, "
                + "x-amz-date: 20150830T123600Z}", s);
    }
}
