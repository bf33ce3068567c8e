package dev.awssig.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.AuthError;
import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationLimits;
import dev.awssig.VerificationResult;
import org.junit.jupiter.api.Test;

class RequestBoundsTest {
    private static final VerificationLimits SMALL = VerificationLimits.builder().maxUriLength(40)
            .maxQueryParameters(3).maxHeaderCount(3).maxHeaderBytes(60).maxAuthorizationLength(20).build();

    private static SignableRequest.Builder get(String uri) {
        return SignableRequest.builder().method("GET").uri(uri);
    }

    @Test
    void requestWithinEveryLimitPasses() {
        SignableRequest r = get("https://h/abc?a=1&b=2&c=3").header("Authorization", "AWS4 x").build();
        assertNull(RequestBounds.check(r, SMALL));
    }

    @Test
    void uriOneOverItsLimitIsInvalidUri() {
        String path = "/" + "a".repeat(39); // 40 characters: at the limit
        assertNull(RequestBounds.check(get("https://h" + path).build(), SMALL));
        VerificationResult r = RequestBounds.check(get("https://h" + path + "b").build(), SMALL);
        assertEquals(AuthError.INVALID_URI, r.error().orElseThrow());
        assertTrue(r.message().contains("maxUriLength"), r.message());
    }

    @Test
    void queryParameterOneOverItsLimitIsInvalidUri() {
        VerificationResult r = RequestBounds.check(get("https://h/?a&b&c&d").build(), SMALL);
        assertEquals(AuthError.INVALID_URI, r.error().orElseThrow());
        assertTrue(r.message().contains("maxQueryParameters"), r.message());
    }

    @Test
    void headerCountOverItsLimitIsHeaderSectionTooLarge() {
        SignableRequest req = get("https://h/").header("a", "1").header("b", "2").header("c", "3")
                .header("d", "4").build();
        VerificationResult r = RequestBounds.check(req, SMALL);
        assertEquals(AuthError.REQUEST_HEADER_SECTION_TOO_LARGE, r.error().orElseThrow());
        assertTrue(r.message().contains("maxHeaderCount"), r.message());
    }

    @Test
    void headerBytesOverTheirLimitAreHeaderSectionTooLarge() {
        SignableRequest req = get("https://h/").header("x-long", "v".repeat(60)).build();
        VerificationResult r = RequestBounds.check(req, SMALL);
        assertEquals(AuthError.REQUEST_HEADER_SECTION_TOO_LARGE, r.error().orElseThrow());
        assertTrue(r.message().contains("maxHeaderBytes"), r.message());
    }

    @Test
    void longAuthorizationHeaderIsRefusedWithoutEchoingIt() {
        String secretish = "AWS4-HMAC-SHA256 Signature=" + "f".repeat(64);
        SignableRequest req = get("https://h/").header("AUTHORIZATION", secretish).build();
        VerificationResult r = RequestBounds.check(req,
                SMALL.toBuilder().maxHeaderBytes(1000).build());
        assertEquals(AuthError.REQUEST_HEADER_SECTION_TOO_LARGE, r.error().orElseThrow());
        assertTrue(r.message().contains("maxAuthorizationLength"), r.message());
        assertTrue(!r.message().contains("ffff"), r.message());
    }

    @Test
    void limitsComeFromTheConfigOptionOrDefaults() {
        assertEquals(VerificationLimits.defaults(), VerificationLimits.of(SigningConfig.builder().build()));
        SigningConfig c = SigningConfig.builder().option(VerificationLimits.OPTION, SMALL).build();
        assertEquals(SMALL, VerificationLimits.of(c));
        assertEquals(16384, VerificationLimits.defaults().maxUriLength());
        assertEquals(20480, VerificationLimits.defaults().maxPostFieldsBytes());
    }

    @Test
    void nonPositiveLimitIsRefusedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VerificationLimits.builder().maxHeaderCount(0));
        assertTrue(e.getMessage().startsWith("maxHeaderCount"), e.getMessage());
    }

    /** A lone UTF-16 surrogate has no UTF-8 form: refused before anything is signed or compared. */
    @Test
    void loneSurrogateInThePathOrQueryIsInvalidUri() {
        VerificationResult path = RequestBounds.check(get("https://h/a\ud800b").build(), VerificationLimits.defaults());
        assertEquals(AuthError.INVALID_URI, path.error().orElseThrow());
        assertTrue(path.message().contains("path") && path.message().contains("index 2"), path.message());
        VerificationResult query = RequestBounds.check(get("https://h/?a=\udc00").build(),
                VerificationLimits.defaults());
        assertEquals(AuthError.INVALID_URI, query.error().orElseThrow());
        assertTrue(query.message().contains("query"), query.message());
        assertNull(RequestBounds.check(get("https://h/\ud83d\ude00?e=\ud83d\ude00").build(),
                VerificationLimits.defaults()), "a surrogate pair is well-formed");
    }

    @Test
    void loneSurrogateInAHeaderValueIsInvalidArgumentNamingTheHeader() {
        VerificationResult r = RequestBounds.check(get("https://h/").header("x-amz-meta-note", "caf\ud83d")
                .build(), VerificationLimits.defaults());
        assertEquals(AuthError.INVALID_ARGUMENT, r.error().orElseThrow());
        assertTrue(r.message().contains("'x-amz-meta-note'"), r.message());
    }

    private static VerificationResult check(SignableRequest.Builder b) {
        return RequestBounds.check(b.build(), SMALL);
    }

    private static void assertRefused(AuthError error, String inMessage, VerificationResult r) {
        assertEquals(error, r.error().orElseThrow(), r.message());
        assertTrue(r.message().contains(inMessage), r.message());
    }

    /** The URI length is the path, the '?' and the query: 40 characters pass, 41 are refused, naming 41. */
    @Test
    void uriLengthCountsPathQuestionMarkAndQueryAtTheLimit() {
        String query = "q=" + "x".repeat(33); // "/abc" + "?" + 35 = 40
        assertNull(check(get("https://h/abc?" + query)));
        assertRefused(AuthError.INVALID_URI, "is 41 characters long; this server accepts at most 40",
                check(get("https://h/abc?" + query + "y")));
        // an empty query still has its '?': "/" + 38 + "?" = 40
        assertNull(check(get("https://h/" + "a".repeat(38) + "?")));
        assertRefused(AuthError.INVALID_URI, "is 41 characters", check(get("https://h/" + "a".repeat(39) + "?")));
    }

    /** Parameters are counted by their '&' separators: three (some empty) pass a limit of 3, four do not. */
    @Test
    void queryParametersAtTheLimitPassAndOneMoreIsRefused() {
        for (String q : new String[] {"a&b&c", "&&", "a=1&&", "", "a"}) {
            assertNull(check(get("https://h/?" + q)), q);
        }
        for (String q : new String[] {"a&b&c&d", "&&&", "a&b&c&"}) {
            assertRefused(AuthError.INVALID_URI, "has more than 3 parameters; this server accepts at most 3",
                    check(get("https://h/?" + q)));
        }
    }

    /** The same count for a form body, named as such; an empty body has no parameter. */
    @Test
    void checkParameterCountNamesWhatItCounts() {
        VerificationLimits one = VerificationLimits.builder().maxQueryParameters(1).build();
        assertNull(RequestBounds.checkParameterCount("", one, "form body"));
        assertNull(RequestBounds.checkParameterCount("a=1", one, "form body"));
        VerificationResult r = RequestBounds.checkParameterCount("a=1&b=2", one, "form body");
        assertRefused(AuthError.INVALID_URI, "The form body has more than 1 parameters", r);
        assertTrue(r.message().contains("VerificationLimits.maxQueryParameters"), r.message());
        assertNull(RequestBounds.checkParameterCount(new StringBuilder("x&y&z"), SMALL, "form body"));
    }

    @Test
    void headerCountAtTheLimitPasses() {
        assertNull(check(get("https://h/").header("a", "1").header("b", "2").header("c", "3")));
        assertRefused(AuthError.REQUEST_HEADER_SECTION_TOO_LARGE, "has 4 header fields; this server accepts at most 3",
                check(get("https://h/").header("a", "1").header("b", "2").header("c", "3").header("d", "4")));
    }

    /** Header bytes are the names and values of every header together: 60 pass, 61 are refused, naming 61. */
    @Test
    void headerBytesAddUpOverEveryHeaderAtTheLimit() {
        String v29 = "v".repeat(29);
        assertNull(check(get("https://h/").header("a", v29).header("b", v29)));
        assertRefused(AuthError.REQUEST_HEADER_SECTION_TOO_LARGE, "are 61 characters long; this server accepts at most"
                + " 60", check(get("https://h/").header("a", v29).header("b", v29 + "w")));
    }

    /**
     * The Authorization value may be exactly maxAuthorizationLength (20) long, in any case of the
     * name and wherever it is in the header list; 21 is refused, naming 21. Another 13-letter name
     * is not held to that limit.
     */
    @Test
    void authorizationAtItsLimitPassesInAnyPositionAndCase() {
        String v20 = "a".repeat(20);
        assertNull(check(get("https://h/").header("x", "1").header("AuThOrIzAtIoN", v20)));
        assertRefused(AuthError.REQUEST_HEADER_SECTION_TOO_LARGE,
                "The Authorization header is 21 characters long; this server accepts at most 20",
                check(get("https://h/").header("x", "1").header("AuThOrIzAtIoN", v20 + "b")));
        assertNull(check(get("https://h/").header("authorizatioX", v20 + "b")));
        assertNull(check(get("https://h/").header("authorization-x", v20 + "b")));
    }

    /** Where the bad text is: the query's own index, the header's name and the index in its value. */
    @Test
    void malformedTextIsNamedWithItsPlaceAndIndex() {
        VerificationLimits d = VerificationLimits.defaults();
        assertRefused(AuthError.INVALID_URI, "The query string contains a lone UTF-16 surrogate at index 2",
                RequestBounds.check(get("https://h/p?a=\udc00").build(), d));
        assertRefused(AuthError.INVALID_ARGUMENT, "'x-b' contains a lone UTF-16 surrogate at index 3",
                RequestBounds.check(get("https://h/").header("x-a", "fine").header("x-b", "caf\ud83d").build(), d));
        assertRefused(AuthError.INVALID_URI, "The query string contains a lone UTF-16 surrogate at index 0",
                RequestBounds.check(get("https://h/p?\udc00=1").build(), d));
        assertRefused(AuthError.INVALID_ARGUMENT, "'x-c' contains a lone UTF-16 surrogate at index 0",
                RequestBounds.check(get("https://h/").header("x-c", "\ud83d!").build(), d));
        assertRefused(AuthError.INVALID_URI, "The request path", RequestBounds.check(get("https://h/a%zz").build(), d));
        assertRefused(AuthError.INVALID_URI, "The query string", RequestBounds.check(get("https://h/?a=%zz").build(), d));
        assertRefused(AuthError.INVALID_URI, "not UTF-8", RequestBounds.check(get("https://h/?a=%FF").build(), d));
        assertNull(RequestBounds.check(get("https://h/%C3%A9?a=%C3%A9").header("x-a", "\u00e9").build(), d));
    }
}
