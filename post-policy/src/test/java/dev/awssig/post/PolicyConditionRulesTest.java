package dev.awssig.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PolicyCondition} as a value: which field names and values a condition takes, what it
 * applies to, and equality (field names compare in any ASCII case, as S3 compares form field
 * names; everything else exactly).
 */
class PolicyConditionRulesTest {

    @Test
    void conditionsAreEqualWhenOnlyTheCaseOfTheFieldNameDiffers() {
        PolicyCondition a = PolicyCondition.eq("Content-Type", "image/png");
        PolicyCondition b = PolicyCondition.eq("content-type", "image/png");
        assertTrue(a.equals(a));
        assertTrue(a.equals(b) && b.equals(a));
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(PolicyCondition.contentLengthRange(1, 2), PolicyCondition.contentLengthRange(1, 2));
        assertEquals(PolicyCondition.contentLengthRange(1, 2).hashCode(),
                PolicyCondition.contentLengthRange(1, 2).hashCode());
    }

    @Test
    void conditionsDifferingInOperatorFieldValueBoundsOrFormAreNotEqual() {
        PolicyCondition eq = PolicyCondition.eq("acl", "private");
        List<PolicyCondition> others = List.of(
                PolicyCondition.startsWith("acl", "private"),
                PolicyCondition.eq("acl2", "private"),
                PolicyCondition.eq("acl", "Private"),
                PolicyCondition.exact("acl", "private"));
        for (PolicyCondition o : others) {
            assertNotEquals(eq, o, o::toString);
            assertNotEquals(o, eq, o::toString);
        }
        PolicyCondition range = PolicyCondition.contentLengthRange(1, 2);
        assertNotEquals(range, PolicyCondition.contentLengthRange(0, 2));
        assertNotEquals(range, PolicyCondition.contentLengthRange(1, 3));
        assertFalse(eq.equals("acl"));
        assertFalse(eq.equals(null));
    }

    @Test
    void differentConditionsDoNotAllShareOneHashCode() {
        Set<Integer> hashes = new HashSet<>();
        for (String v : new String[] {"a", "b", "c", "d", "e", "f", "g", "h"}) {
            hashes.add(PolicyCondition.eq("acl", v).hashCode());
        }
        assertTrue(hashes.size() > 1, hashes::toString);
    }

    @Test
    void aRangeAppliesToNoFieldAndHasAnEmptyValue() {
        PolicyCondition range = PolicyCondition.contentLengthRange(1, 2);
        assertFalse(range.appliesTo("content-length-range"));
        assertEquals("", range.value());
        assertTrue(PolicyCondition.eq("Content-Type", "x").appliesTo("content-TYPE"));
        assertFalse(PolicyCondition.eq("Content-Type", "x").appliesTo("content-typo"));
    }

    @Test
    void aRangeMayHaveEqualBoundsButNotAMaximumBelowTheMinimum() {
        PolicyCondition r = PolicyCondition.contentLengthRange(5, 5);
        assertEquals(5, r.min());
        assertEquals(5, r.max());
        assertEquals(0, PolicyCondition.contentLengthRange(0, 0).max());
        assertThrows(IllegalArgumentException.class, () -> PolicyCondition.contentLengthRange(5, 4));
        assertThrows(IllegalArgumentException.class, () -> PolicyCondition.contentLengthRange(-1, 4));
    }

    @Test
    void anEmptyFieldNameIsRefusedWithOrWithoutTheDollar() {
        for (String f : new String[] {"", "$"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PolicyCondition.eq(f, "x"));
            assertEquals("condition field: must not be empty", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> PolicyCondition.startsWith(f, "x"));
        }
        assertThrows(IllegalArgumentException.class, () -> PolicyCondition.exact("", "x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"!", "~", "a", "x-amz-meta-#1", "Key"})
    void aFieldNameOfPrintableAsciiIsAccepted(String field) {
        assertEquals(field, PolicyCondition.eq(field, "v").field());
        assertEquals(field, PolicyCondition.exact(field, "v").field());
    }

    @ParameterizedTest
    @CsvSource({
        "'a b', 1",
        "'ab\u0000', 2",
        "'ab\u001f', 2",
        "'a\u007f', 1",
        "'a\"b', 1",
        "'a\u0080', 1",
        "'a\u00e9', 1",
    })
    void aFieldNameWithASpaceControlQuoteOrNonAsciiCharacterIsRefusedNamingTheIndex(String field, int index) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PolicyCondition.eq(field, "v"));
        assertTrue(e.getMessage().endsWith("(bad character at index " + index + ")"), e.getMessage());
    }

    @Test
    void valuesWithSurrogatePairsAreAcceptedAndUnpairedSurrogatesRefused() {
        for (String v : new String[] {"\uD83D\uDE00", "a\uD83D\uDE00", "\uD83D\uDE00\uD83D\uDE01", ""}) {
            assertEquals(v, PolicyCondition.eq("a", v).value());
            assertEquals(v, PolicyCondition.startsWith("a", v).value());
        }
        String[][] bad = {{"x\uD83D", "1"}, {"\uD83Dx", "0"}, {"\uDE00", "0"}, {"\uD83D\uDE00\uDE00", "2"}};
        for (String[] b : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PolicyCondition.eq("a", b[0]));
            assertEquals("condition 'a': value has an unpaired surrogate at index " + b[1], e.getMessage());
        }
    }
}
