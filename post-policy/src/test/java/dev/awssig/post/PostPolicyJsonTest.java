package dev.awssig.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The policy document: deterministic JSON, escaping, Base64, parsing and its errors. */
class PostPolicyJsonTest {
    private static final Instant EXP = Instant.parse("2030-01-02T03:04:05.678Z");

    @Test
    void everyConditionKindIsWrittenInItsDocumentedShape() {
        PostPolicy p = PostPolicy.builder().expiration(EXP)
                .bucket("johnsmith")
                .keyStartsWith("user/eric/")
                .acl("public-read")
                .eq("success_action_status", "201")
                .successActionRedirect("http://johnsmith.s3.amazonaws.com/ok.html")
                .contentTypeStartsWith("image/")
                .header("Cache-Control", "max-age=60")
                .meta("uuid", "14365123651274")
                .metaStartsWith("tag", "")
                .checksumAlgorithm("sha256")
                .checksum("SHA256", "n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=")
                .contentLengthRange(1, 1048576)
                .build();
        // expected text written from the S3 policy grammar, not from this implementation's output
        String expected = "{\"expiration\":\"2030-01-02T03:04:05.678Z\",\"conditions\":["
                + "{\"bucket\":\"johnsmith\"},"
                + "[\"starts-with\",\"$key\",\"user/eric/\"],"
                + "{\"acl\":\"public-read\"},"
                + "[\"eq\",\"$success_action_status\",\"201\"],"
                + "{\"success_action_redirect\":\"http://johnsmith.s3.amazonaws.com/ok.html\"},"
                + "[\"starts-with\",\"$Content-Type\",\"image/\"],"
                + "{\"Cache-Control\":\"max-age=60\"},"
                + "{\"x-amz-meta-uuid\":\"14365123651274\"},"
                + "[\"starts-with\",\"$x-amz-meta-tag\",\"\"],"
                + "{\"x-amz-checksum-algorithm\":\"SHA256\"},"
                + "{\"x-amz-checksum-sha256\":\"n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=\"},"
                + "[\"content-length-range\",1,1048576]]}";
        assertEquals(expected, p.toJson());
        assertEquals(Base64.getEncoder().encodeToString(expected.getBytes(StandardCharsets.UTF_8)), p.toBase64());
    }

    @Test
    void quotesBackslashesControlAndNonAsciiCharactersAreEscaped() {
        String value = "q\"b\\s/n\nr\rt\tc\u0001d\u007f\u00e9\u4e2d\ud83d\ude00";
        String json = PostPolicy.builder().expiration(EXP).meta("v", value).build().toJson();
        String expectedEscaped = "q\\\"b\\\\s/n\\nr\\rt\\tc\\u0001d\\u007F\\u00E9\\u4E2D\\uD83D\\uDE00";
        assertEquals("{\"expiration\":\"2030-01-02T03:04:05.678Z\",\"conditions\":[{\"x-amz-meta-v\":\""
                + expectedEscaped + "\"}]}", json);
        for (char c : json.toCharArray()) {
            assertTrue(c >= 0x20 && c < 0x7f, "printable ASCII only");
        }
    }

    @Test
    void anIndependentParserReadsBackTheExactValues() throws Exception {
        String value = "\"\\\u0000\u001f\u2028\u2029</script>\ud83d\ude00";
        String json = PostPolicy.builder().expiration(EXP).startsWith("$x-amz-meta-a", value).build().toJson();
        JsonNode tree = new ObjectMapper().readTree(json);
        assertEquals(value, tree.at("/conditions/0/2").asText());
        assertEquals("$x-amz-meta-a", tree.at("/conditions/0/1").asText());
    }

    @Test
    void theSamePolicyAlwaysGivesTheSameBytes() {
        PostPolicy a = PostPolicy.builder().expiration(EXP).bucket("b").key("k").contentLengthRange(0, 9).build();
        PostPolicy b = PostPolicy.builder().expiration(EXP).bucket("b").key("k").contentLengthRange(0, 9).build();
        assertEquals(a.toJson(), b.toJson());
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
    }

    @Test
    void parseOfToJsonGivesTheSamePolicy() {
        PostPolicy p = PostPolicy.builder().expiration(EXP).bucket("b").keyStartsWith("")
                .eq("Content-Type", "text/plain\u00e9").contentLengthRange(0, Long.MAX_VALUE / 4)
                .securityToken("tok/en+==").build();
        assertEquals(p, PostPolicy.parse(p.toJson()));
        assertEquals(p, PostPolicy.fromBase64(p.toBase64()));
    }

    @Test
    void expirationKeepsMillisecondsAndDropsFinerPrecision() {
        PostPolicy p = PostPolicy.builder().expiration(Instant.parse("2030-01-01T00:00:00.123456789Z")).build();
        assertEquals(Instant.parse("2030-01-01T00:00:00.123Z"), p.expiration());
        assertTrue(p.toJson().startsWith("{\"expiration\":\"2030-01-01T00:00:00.123Z\""));
        PostPolicy whole = PostPolicy.builder().expiration(Instant.parse("2030-01-01T00:00:00Z")).build();
        assertTrue(whole.toJson().startsWith("{\"expiration\":\"2030-01-01T00:00:00.000Z\""));
    }

    @Test
    void parsesTheDocumentationsLenientForms() {
        // S3's documentation shows a trailing comma and escapes '$' as "\$"
        PostPolicy p = PostPolicy.parse("{ \"expiration\": \"2007-12-01T12:00:00.000Z\",\n \"conditions\": [\n"
                + "  {\"acl\": \"public-read\" },\n  {\"bucket\": \"johnsmith\" },\n"
                + "  [\"starts-with\", \"$key\", \"user/eric/\"],\n  [\"eq\", \"$x-amz-meta-price\", \"\\$5\"],\n"
                + "  [\"content-length-range\", \"1\", 100],\n ]\n}");
        assertEquals(List.of(PolicyCondition.exact("acl", "public-read"), PolicyCondition.exact("bucket", "johnsmith"),
                PolicyCondition.startsWith("key", "user/eric/"), PolicyCondition.eq("x-amz-meta-price", "$5"),
                PolicyCondition.contentLengthRange(1, 100)), p.conditions());
        assertEquals(Instant.parse("2007-12-01T12:00:00Z"), p.expiration());
    }

    @Test
    void operationNamesAreReadCaseInsensitively() {
        PostPolicy p = PostPolicy.parse("{\"expiration\":\"2030-01-01T00:00:00Z\",\"conditions\":"
                + "[[\"Starts-With\",\"$key\",\"a\"],[\"EQ\",\"$acl\",\"private\"]]}");
        assertEquals(PolicyCondition.Operator.STARTS_WITH, p.conditions().get(0).operator());
        assertEquals(PolicyCondition.Operator.EQ, p.conditions().get(1).operator());
    }

    @ParameterizedTest(name = "rejects: {0}")
    @ValueSource(strings = {
        "",
        "[]",
        "not json",
        "{\"conditions\":[]}",
        "{\"expiration\":\"2030-01-01T00:00:00Z\"}",
        "{\"expiration\":\"tomorrow\",\"conditions\":[]}",
        "{\"expiration\":12,\"conditions\":[]}",
        "{\"expiration\":\"2030-01-01T00:00:00Z\",\"conditions\":{}}",
        "{\"expiration\":\"2030-01-01T00:00:00Z\",\"expiration\":\"2031-01-01T00:00:00Z\",\"conditions\":[]}",
        "{\"expiration\":\"2030-01-01T00:00:00Z\",\"conditions\":[],\"extra\":1}",
        "{\"expiration\":\"2030-01-01T00:00:00Z\",\"conditions\":[{\"acl\":\"a\",\"key\":\"b\"}]}",
        "{\"expiration\":\"2030-01-01T00:00:00Z\",\"conditions\":[{}]}",
        "{\"expiration\":\"2030-01-01T00:00:00Z\",\"conditions\":[{\"acl\":[\"a\"]}]}",
        "{\"expiration\":\"2030-01-01T00:00:00Z\",\"conditions\":[[\"ends-with\",\"$key\",\"a\"]]}",
        "{\"expiration\":\"2030-01-01T00:00:00Z\",\"conditions\":[[\"eq\",\"key\",\"a\"]]}",
        "{\"expiration\":\"2030-01-01T00:00:00Z\",\"conditions\":[[\"eq\",\"$key\"]]}",
        "{\"expiration\":\"2030-01-01T00:00:00Z\",\"conditions\":[[\"eq\",\"$key\",\"a\",\"b\"]]}",
        "{\"expiration\":\"2030-01-01T00:00:00Z\",\"conditions\":[[\"content-length-range\",10,1]]}",
        "{\"expiration\":\"2030-01-01T00:00:00Z\",\"conditions\":[[\"content-length-range\",-1,1]]}",
        "{\"expiration\":\"2030-01-01T00:00:00Z\",\"conditions\":[[\"content-length-range\",1.5,2]]}",
        "{\"expiration\":\"2030-01-01T00:00:00Z\",\"conditions\":[\"acl\"]}",
        "{\"expiration\":\"2030-01-01T00:00:00Z\",\"conditions\":[]} trailing",
    })
    void invalidDocumentsAreRejectedWithAnInvalidPolicyMessage(String json) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PostPolicy.parse(json));
        assertTrue(e.getMessage().startsWith("Invalid Policy: "), e.getMessage());
    }

    @Test
    void aSimpleConditionWithTwoPropertiesGetsS3sMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PostPolicy.parse(
                "{\"expiration\":\"2030-01-01T00:00:00Z\",\"conditions\":[{\"acl\":\"a\",\"key\":\"b\"}]}"));
        assertEquals("Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one property"
                + " specified.", e.getMessage());
    }

    @Test
    void missingExpirationGetsS3sMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PostPolicy.parse("{\"conditions\":[]}"));
        assertEquals("Invalid Policy: Policy missing expiration.", e.getMessage());
    }

    @Test
    void notBase64IsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PostPolicy.fromBase64("e30*"));
        assertTrue(e.getMessage().startsWith("Invalid Policy: "));
    }

    @Test
    void base64WithLineBreaksIsAccepted() {
        PostPolicy p = PostPolicy.builder().expiration(EXP).bucket("b").build();
        String b64 = p.toBase64();
        assertEquals(p, PostPolicy.fromBase64(b64.substring(0, 10) + "\r\n" + b64.substring(10)));
    }

    @Test
    void toStringHidesTheSecurityToken() {
        PostPolicy p = PostPolicy.builder().expiration(EXP).bucket("b").securityToken("SECRET-TOKEN-VALUE").build();
        assertFalse(p.toString().contains("SECRET-TOKEN-VALUE"), p.toString());
        assertTrue(p.toString().contains("[\"eq\", \"$x-amz-security-token\", \"****\"]"), p.toString());
        assertTrue(p.toJson().contains("SECRET-TOKEN-VALUE"), "the document itself carries the token");
    }

    @Test
    void builderRejectsBadInputNamingTheField() {
        PostPolicy.Builder b = PostPolicy.builder();
        assertEquals("expiration: is required (a policy must expire)",
                assertThrows(IllegalArgumentException.class, b::build).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PolicyCondition.contentLengthRange(5, 4))
                .getMessage().startsWith("content-length-range:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PolicyCondition.contentLengthRange(-1, 4))
                .getMessage().startsWith("content-length-range:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PolicyCondition.exact("has space", "v"))
                .getMessage().startsWith("condition field 'has space'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PolicyCondition.exact("$key", "v"))
                .getMessage().startsWith("condition field '$key'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PolicyCondition.eq("key", "\ud800x"))
                .getMessage().contains("unpaired surrogate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.successActionStatus(302))
                .getMessage().startsWith("success_action_status:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> b.checksum("md5", "x"))
                .getMessage().startsWith("checksum algorithm:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PolicyCondition.exact("content-length-range", "1"))
                .getMessage().contains("contentLengthRange"));
    }

    @Test
    void conditionsOnComparesFieldNamesCaseInsensitively() {
        PostPolicy p = PostPolicy.builder().expiration(EXP).contentType("a").contentTypeStartsWith("a")
                .acl("x").build();
        assertEquals(2, p.conditionsOn("content-type").size());
        assertEquals(1, p.conditionsOn("ACL").size());
        assertEquals(0, p.conditionsOn("key").size());
        assertEquals(1, p.toBuilder().removeConditions("CONTENT-TYPE").build().conditions().size());
    }

    @Test
    void singleConditionsParseInEveryForm() {
        assertEquals(PolicyCondition.exact("acl", "private"), PolicyCondition.parse("{\"acl\": \"private\"}"));
        assertEquals(PolicyCondition.eq("acl", "private"), PolicyCondition.parse("[\"eq\", \"$acl\", \"private\"]"));
        assertEquals(PolicyCondition.startsWith("key", "u/"), PolicyCondition.parse("[\"starts-with\",\"$key\",\"u/\"]"));
        assertEquals(PolicyCondition.contentLengthRange(1, 9), PolicyCondition.parse("[\"content-length-range\", 1, 9]"));
        for (String bad : new String[] {"", "\"acl\"", "{\"acl\":\"a\"} x", "[\"eq\",\"acl\",\"a\"]", "{\"a\":1,\"b\":2}"}) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> PolicyCondition.parse(bad))
                    .getMessage().startsWith("Invalid Policy: "), bad);
        }
    }

    @Test
    void conditionsMatchAsDocumented() {
        assertTrue(PolicyCondition.exact("acl", "public-read").matches("public-read"));
        assertFalse(PolicyCondition.exact("acl", "public-read").matches("Public-Read"));
        assertTrue(PolicyCondition.startsWith("key", "").matches(""));
        assertTrue(PolicyCondition.startsWith("key", "").matches("anything"));
        assertTrue(PolicyCondition.startsWith("key", "user/").matches("user/a"));
        assertFalse(PolicyCondition.startsWith("key", "user/").matches("use"));
        assertFalse(PolicyCondition.contentLengthRange(0, 1).matches("0"));
        assertEquals("[\"starts-with\", \"$key\", \"user/\\\"eric\\\"/\"]",
                PolicyCondition.startsWith("$key", "user/\"eric\"/").describe());
        assertEquals("[\"content-length-range\", 1, 10]", PolicyCondition.contentLengthRange(1, 10).describe());
        assertEquals("[\"eq\", \"$acl\", \"private\"]", PolicyCondition.exact("acl", "private").toString());
    }
}
