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
}
