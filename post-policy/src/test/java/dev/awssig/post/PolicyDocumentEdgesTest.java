package dev.awssig.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Edge cases of reading a policy document (AWS "Creating a POST policy": an object with an
 * {@code expiration} string and a {@code conditions} list of objects and three-element lists):
 * each malformed shape is refused with a message that says what is wrong, and the edges that are
 * allowed (numbers as values, equal range bounds, the largest bound) are read as written.
 */
class PolicyDocumentEdgesTest {
    private static final String EXP = "\"expiration\":\"2030-01-01T00:00:00Z\"";

    private static String doc(String conditions) {
        return "{" + EXP + ",\"conditions\":[" + conditions + "]}";
    }

    private static String refusal(String json) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PostPolicy.parse(json));
        assertTrue(e.getMessage().startsWith("Invalid Policy: "), e.getMessage());
        return e.getMessage().substring("Invalid Policy: ".length());
    }

    // ---- the document

    @Test
    void aDocumentThatIsNotAnObjectIsRefused() {
        assertEquals("Invalid JSON: the policy must be a JSON object.", refusal("[" + EXP + "]"));
        assertEquals("Invalid JSON: the policy must be a JSON object.", refusal("\"policy\""));
    }

    @Test
    void anExpirationThatIsNotAStringIsRefusedAsNotAString() {
        assertEquals("Invalid 'expiration' value: must be a string.",
                refusal("{\"expiration\":20300101,\"conditions\":[]}"));
        assertEquals("Invalid 'expiration' value: must be a string.",
                refusal("{\"expiration\":{},\"conditions\":[]}"));
    }

    @Test
    void conditionsThatAreNotAListAreRefusedAsNotAList() {
        assertEquals("Invalid 'conditions' value: must be a list.", refusal("{" + EXP + ",\"conditions\":{}}"));
        assertEquals("Invalid 'conditions' value: must be a list.", refusal("{" + EXP + ",\"conditions\":\"a\"}"));
    }

    @Test
    void anUnknownTopLevelFieldIsRefusedEvenWhenItHoldsAList() {
        assertEquals("Unexpected field 'extra' in the policy document.",
                refusal("{" + EXP + ",\"conditions\":[{\"acl\":\"private\"}],\"extra\":[]}"));
        assertEquals("Unexpected field 'extra' in the policy document.",
                refusal("{\"extra\":[{\"acl\":\"x\"}]," + EXP + ",\"conditions\":[]}"));
    }

    @Test
    void aSecondDocumentAfterThePolicyIsRefused() {
        assertEquals("Invalid JSON: text after the policy document.", refusal(doc("") + "{}"));
        assertEquals("Invalid JSON: text after the policy document.", refusal(doc("") + " []"));
    }

    @Test
    void aRepeatedTopLevelFieldIsRefusedNamingIt() {
        String m = refusal("{" + EXP + "," + EXP + ",\"conditions\":[]}");
        assertTrue(m.startsWith("Invalid JSON: Duplicate field 'expiration'"), m);
        String c = refusal("{" + EXP + ",\"conditions\":[],\"conditions\":[]}");
        assertTrue(c.startsWith("Invalid JSON: Duplicate field 'conditions'"), c);
    }

    @Test
    void brokenJsonIsRefusedWithoutTheParsersDetail() {
        assertEquals("Invalid JSON.", refusal("{" + EXP + ",\"conditions\":[}"));
        assertEquals("Invalid JSON.", refusal("{" + EXP + ",\"conditions\":[]"));
        assertEquals("Invalid JSON.", refusal("{" + EXP + " \"conditions\":[]}"));
    }

    // ---- the conditions list

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"acl\"                      | Invalid Condition: each condition must be an object or a list.",
        "5                            | Invalid Condition: each condition must be an object or a list.",
        "null                         | Invalid Condition: each condition must be an object or a list.",
        "[\"eq\", \"$a\", [\"b\"]]    | Invalid Condition: a list condition holds only strings and numbers.",
        "[\"eq\", \"$a\", {\"b\":1}]  | Invalid Condition: a list condition holds only strings and numbers.",
        "[]                           | Invalid Condition: missing operation.",
        "[1, \"$a\", \"b\"]           | Invalid Condition: missing operation.",
        "[null, \"$a\", \"b\"]        | Invalid Condition: missing operation.",
        "[\"eq\", \"$a\"]             | Invalid Condition: wrong number of arguments for 'eq' (expected 3 elements, found 2).",
        "[\"eq\", \"a\", \"b\"]       | Invalid Condition: the field of 'eq' must be a string starting with '$'.",
        "[\"eq\", \"$\", \"b\"]       | Invalid Condition: the field of 'eq' must be a string starting with '$'.",
        "[\"starts-with\", 5, \"b\"]  | Invalid Condition: the field of 'starts-with' must be a string starting with '$'.",
        "[\"match\", \"$a\", \"b\"]   | Invalid Condition: unknown operation 'match'.",
        "[\"eq\", \"$a\", null]       | Invalid Condition: the value of 'a' must be a string.",
        "[\"eq\", \"$a\", true]       | Invalid Condition: the value of 'a' must be a string.",
        "[\"eq\", \"$a\", 1.5]        | Invalid Condition: the value of 'a' must be a string.",
        "{\"a\": null}                | Invalid Condition: the value of 'a' must be a string.",
        "{\"a\": false}               | Invalid Condition: the value of 'a' must be a string.",
        "{\"a\": {}}                  | Invalid Simple-Condition: the value of 'a' must be a string.",
        "{\"a\": [\"b\"]}             | Invalid Simple-Condition: the value of 'a' must be a string.",
    })
    void eachMalformedConditionIsRefusedSayingWhatIsWrong(String condition, String message) {
        assertEquals(message, refusal(doc(condition)));
    }

    /**
     * A short list condition is judged by its own elements, also after a well-formed list
     * condition of three elements: an empty list is still missing its operation, not read with
     * the operation before it.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[]                     | Invalid Condition: missing operation.",
        "[1]                    | Invalid Condition: missing operation.",
        "[\"eq\"]               | Invalid Condition: wrong number of arguments for 'eq' (expected 3 elements, found 1).",
        "[\"starts-with\", \"$a\"] | Invalid Condition: wrong number of arguments for 'starts-with' (expected 3 elements, found 2).",
    })
    void aShortListConditionAfterAFullOneIsJudgedByItsOwnElements(String condition, String message) {
        for (String before : new String[] {"[\"eq\", \"$key\", \"a\"]", "[\"content-length-range\", 1, 2]",
            "{\"acl\": \"private\"}, [\"starts-with\", \"$key\", \"\"]"}) {
            assertEquals(message, refusal(doc(before + ", " + condition)), before);
        }
    }

    @Test
    void aOneCharacterFieldNameIsAField() {
        PostPolicy p = PostPolicy.parse(doc("[\"eq\", \"$a\", \"b\"], [\"starts-with\", \"$k\", \"\"]"));
        assertEquals(List.of(PolicyCondition.eq("a", "b"), PolicyCondition.startsWith("k", "")), p.conditions());
    }

    @Test
    void anIntegerValueIsReadAsItsDigits() {
        PostPolicy p = PostPolicy.parse(doc("{\"success_action_status\": 201}, [\"eq\", \"$x-amz-meta-n\", 42]"));
        assertEquals(List.of(PolicyCondition.exact("success_action_status", "201"),
                PolicyCondition.eq("x-amz-meta-n", "42")), p.conditions());
    }

    // ---- content-length-range bounds

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "5, 5                      | 5 | 5",
        "\"10\", \" 20 \"          | 10 | 20",
        "0, 4611686018427387903    | 0 | 4611686018427387903",
        "\"007\", \"4611686018427387903\" | 7 | 4611686018427387903",
    })
    void contentLengthRangeBoundsAreReadAsWrittenUpToTwoToTheSixtySecondMinusOne(String bounds, long min, long max) {
        PostPolicy p = PostPolicy.parse(doc("[\"content-length-range\", " + bounds + "]"));
        assertEquals(List.of(PolicyCondition.contentLengthRange(min, max)), p.conditions());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0, 4611686018427387904    | content-length-range bound out of range: 4611686018427387904",
        "0, \"99999999999999999999\" | content-length-range bound out of range: 99999999999999999999",
        "-1, 5                     | content-length-range bound out of range: -1",
        "\"-1\", 5                 | content-length-range bound out of range: -1",
        "0, \"\"                   | content-length-range bounds must be integers.",
        "0, \"   \"                | content-length-range bounds must be integers.",
        "0, \"1-2\"                | content-length-range bounds must be integers.",
        "0, \"1a\"                 | content-length-range bounds must be integers.",
        "0, \"/\"                  | content-length-range bounds must be integers.",
        "0, \":\"                  | content-length-range bounds must be integers.",
        "0, 1.5                    | content-length-range bounds must be integers.",
        "null, 5                   | content-length-range bounds must be integers.",
        "0, true                   | content-length-range bounds must be integers.",
        "6, 5                      | content-length-range maximum is less than the minimum.",
    })
    void aContentLengthRangeBoundThatIsNotANonNegativeIntegerIsRefused(String bounds, String message) {
        assertEquals("Invalid Policy Condition: " + message,
                refusal(doc("[\"content-length-range\", " + bounds + "]")));
    }

    // ---- one condition on its own

    @Test
    void aSingleConditionFollowedByMoreTextIsRefused() {
        assertEquals(PolicyCondition.exact("acl", "private"), PolicyCondition.parse(" {\"acl\": \"private\"} "));
        for (String json : new String[] {"{\"acl\":\"private\"} {}", "[\"eq\",\"$acl\",\"private\"] []"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PolicyCondition.parse(json));
            assertEquals("Invalid Policy: Invalid JSON: text after the condition.", e.getMessage());
        }
        IllegalArgumentException scalar = assertThrows(IllegalArgumentException.class,
                () -> PolicyCondition.parse("\"acl\""));
        assertEquals("Invalid Policy: Invalid Condition: each condition must be an object or a list.", scalar.getMessage());
        IllegalArgumentException broken = assertThrows(IllegalArgumentException.class,
                () -> PolicyCondition.parse("{\"acl\":"));
        assertEquals("Invalid Policy: Invalid JSON.", broken.getMessage());
    }
}
