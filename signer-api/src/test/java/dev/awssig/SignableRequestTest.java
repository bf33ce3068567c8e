package dev.awssig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SignableRequestTest {
    private static SignableRequest get(String uri) {
        return SignableRequest.builder().method("GET").uri(uri).build();
    }

    /** Raw path and query are kept byte-exact, as in the aws-c-auth request.txt files. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "https://example.amazonaws.com/example space/ | /example space/ | ",
        "https://example.amazonaws.com/\u1234 | /\u1234 | ",
        "https://example.amazonaws.com/ሴ?ሴ=bar | /ሴ | ሴ=bar",
        "https://example.amazonaws.com//example// | //example// | ",
        "https://example.amazonaws.com/example1/example2/../.. | /example1/example2/../.. | ",
        "https://example.amazonaws.com/./ | /./ | ",
        "https://example.amazonaws.com/a%2Fb%2fc | /a%2Fb%2fc | ",
        "https://example.amazonaws.com/a%20b+c?x=a%20b+c | /a%20b+c | x=a%20b+c",
        "https://example.amazonaws.com/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz | "
            + "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz | ",
        "https://example.amazonaws.com/?Param2=value2&Param1=value1 | / | Param2=value2&Param1=value1",
        "https://example.amazonaws.com/?Param1=value2&Param1=Value1 | / | Param1=value2&Param1=Value1",
        "https://example.amazonaws.com/?Param1 | / | Param1",
        "https://example.amazonaws.com/?Param1= | / | Param1=",
        "https://example.amazonaws.com/p?a=b?c=d | /p | a=b?c=d",
        "https://example.amazonaws.com/p?a=1&&b=2& | /p | a=1&&b=2&",
        "https://example.amazonaws.com/weird%zz%/ | /weird%zz%/ | ",
        "https://example.amazonaws.com/?k=v w | / | k=v w",
    })
    void rawPathAndQueryAreKeptExactly(String uri, String path, String query) {
        SignableRequest r = get(uri);
        assertEquals(path, r.rawPath());
        assertEquals(Optional.ofNullable(query), r.rawQuery());
        assertEquals(uri, r.uri(), "the URI round-trips");
    }

    @Test
    void emptyPathBecomesSlash() {
        assertEquals("/", get("https://example.com").rawPath());
        SignableRequest q = get("https://example.com?a=b");
        assertEquals("/", q.rawPath());
        assertEquals(Optional.of("a=b"), q.rawQuery());
        assertEquals("https://example.com/?a=b", q.uri());
    }

    @Test
    void emptyQueryIsPresentButEmpty() {
        assertEquals(Optional.of(""), get("https://example.com/p?").rawQuery());
        assertEquals(Optional.empty(), get("https://example.com/p").rawQuery());
    }

    @Test
    void schemeIsLowerCasedHostKept() {
        SignableRequest r = get("HTTPS://Example.COM/Path");
        assertEquals("https", r.scheme());
        assertEquals("Example.COM", r.host());
        assertEquals("/Path", r.rawPath());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "https://example.com/ | example.com | -1 | example.com",
        "https://example.com:443/ | example.com | 443 | example.com",
        "http://example.com:80/ | example.com | 80 | example.com",
        "https://example.com:80/ | example.com | 80 | example.com:80",
        "http://example.com:443/ | example.com | 443 | example.com:443",
        "http://127.0.0.1:9000/b | 127.0.0.1 | 9000 | 127.0.0.1:9000",
        "http://[::1]:9000/b | [::1] | 9000 | [::1]:9000",
        "http://[::1]/b | [::1] | -1 | [::1]",
        "http://h:1 | h | 1 | h:1",
        "http://h:65535?x | h | 65535 | h:65535",
    })
    void ports(String uri, String host, int port, String hostHeader) {
        SignableRequest r = get(uri);
        assertEquals(host, r.host());
        assertEquals(port, r.port());
        assertEquals(hostHeader, r.hostHeaderValue());
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "/relative/path | uri: must be absolute",
        "example.com/path | uri: must be absolute",
        "://example.com/ | uri: must be absolute",
        "https:/example.com/ | uri: must be absolute",
        "ftp://example.com/ | uri: scheme must be http or https, was 'ftp'",
        "file://host/etc/passwd | uri: scheme must be http or https, was 'file'",
        "https:///path | uri: host is missing",
        "https://:443/path | uri: host is missing",
        "https://example.com/p#frag | uri: must not contain a fragment",
        "https://example.com/p?a=b#frag | uri: must not contain a fragment",
        "https://example.com:abc/ | uri: port is not a number: 'abc'",
        "https://example.com:/ | uri: port is not a number: ''",
        "https://example.com:0/ | uri: port must be 1..65535, was 0",
        "https://example.com:65536/ | uri: port must be 1..65535, was 65536",
        "https://example.com:-1/ | uri: port is not a number: '-1'",
        // ASCII digits only: Integer.parseInt would read these as 443
        "https://example.com:+443/ | uri: port is not a number: '+443'",
        "https://example.com:\u0664\u0664\u0663/ | uri: port is not a number",
        "https://example.com:\uff14\uff14\uff13/ | uri: port is not a number",
        "https://user:pw@example.com/ | uri: must not contain user info",
        "https://exa mple.com/ | uri: host contains an invalid character at index 3",
        "https://ex\u00e4mple.com/ | uri: host contains an invalid character at index 2",
        "'' | uri: must not be blank",
    })
    void badUris(String uri, String messageStart) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SignableRequest.builder().uri(uri));
        assertTrue(e.getMessage().startsWith(messageStart), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://example.com/a\nb", "https://example.com/a\rb", "https://example.com/\u0000",
        "https://example.com/?a=\u007f"})
    void controlCharactersInUriAreRejected(String uri) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SignableRequest.builder().uri(uri));
        assertTrue(e.getMessage().startsWith("uri: contains a control character"), e.getMessage());
    }

    @Test
    void nullUri() {
        assertThrows(NullPointerException.class, () -> SignableRequest.builder().uri((String) null));
        assertThrows(NullPointerException.class, () -> SignableRequest.builder().uri((URI) null));
    }

    @Test
    void errorMessageDoesNotLeakAPresignedSignature() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SignableRequest.builder().uri("/p?X-Amz-Signature=abcdef0123456789&X-Amz-Security-Token=tok123"));
        assertFalse(e.getMessage().contains("abcdef0123456789"), e.getMessage());
        assertFalse(e.getMessage().contains("tok123"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "GE T", "GET\r\n", "G(ET)", "GÉT", "GET/"})
    void badMethodNamesTheField(String method) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SignableRequest.builder().method(method));
        assertTrue(e.getMessage().startsWith("method"), e.getMessage());
    }

    @Test
    void methodsAreKeptAsGiven() {
        for (String m : List.of("GET", "PUT", "POST", "DELETE", "HEAD", "OPTIONS", "PATCH", "get", "MKCOL")) {
            assertEquals(m, SignableRequest.builder().method(m).uri("https://h/").build().method());
        }
    }

    @Test
    void methodAndUriAreRequired() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SignableRequest.builder().uri("https://h/").build());
        assertEquals("method: is required", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SignableRequest.builder().method("GET").build());
        assertEquals("uri: is required", e.getMessage());
        assertThrows(NullPointerException.class, () -> SignableRequest.builder().method(null));
    }

    @Test
    void fromJavaNetUriUsesRawParts() {
        SignableRequest r = SignableRequest.builder().method("GET")
                .uri(URI.create("https://example.com:8443/a%20b/%E1%88%B4?x=%2F&y")).build();
        assertEquals("/a%20b/%E1%88%B4", r.rawPath());
        assertEquals(Optional.of("x=%2F&y"), r.rawQuery());
        assertEquals(8443, r.port());
    }

    @Test
    void rawPathAndQuerySetters() {
        SignableRequest r = SignableRequest.builder().method("GET").uri("https://h/a?b=c").rawPath("//x/../y")
                .rawQuery("z=1").build();
        assertEquals("//x/../y", r.rawPath());
        assertEquals(Optional.of("z=1"), r.rawQuery());
        assertEquals(Optional.empty(), r.toBuilder().rawQuery(null).build().rawQuery());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SignableRequest.builder().rawPath("relative"));
        assertEquals("rawPath: must start with '/'", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SignableRequest.builder().rawPath(""));
    }

    @Test
    void appendQueryParameter() {
        SignableRequest r = SignableRequest.builder().method("GET").uri("https://h/p")
                .appendQueryParameter("a", "1").appendQueryParameter("flag", null).appendQueryParameter("b%20c", "")
                .build();
        assertEquals(Optional.of("a=1&flag&b%20c="), r.rawQuery());
        SignableRequest r2 = SignableRequest.builder().method("GET").uri("https://h/p?").appendQueryParameter("a", "1")
                .build();
        assertEquals(Optional.of("a=1"), r2.rawQuery());
        assertThrows(IllegalArgumentException.class, () -> SignableRequest.builder().appendQueryParameter("", "x"));
    }

    @Test
    void headersAndPayload() {
        SignableRequest r = SignableRequest.builder().method("PUT").uri("https://h/k").header("A", "1")
                .header("a", "2").setHeader("B", "3").setHeader("b", "4").header("C", "5").removeHeader("c")
                .payload(Payload.ofBytes(new byte[] {1})).build();
        assertEquals(List.of("1", "2"), r.headers().values("a"));
        assertEquals(List.of("4"), r.headers().values("B"));
        assertFalse(r.headers().contains("c"));
        assertEquals(Payload.ofBytes(new byte[] {1}), r.payload());
        assertEquals(Payload.empty(), get("https://h/").payload());
        SignableRequest replaced = r.toBuilder().headers(Headers.builder().add("x", "y").build()).build();
        assertEquals(1, replaced.headers().size());
        assertThrows(NullPointerException.class, () -> SignableRequest.builder().payload(null));
        assertThrows(NullPointerException.class, () -> SignableRequest.builder().headers(null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SignableRequest.builder().header("X-Evil", "a\r\nInjected: 1"));
        assertTrue(e.getMessage().startsWith("header 'X-Evil'"), e.getMessage());
    }

    @Test
    void toBuilderEqualityAndHash() {
        SignableRequest r = SignableRequest.builder().method("GET").uri("https://h:8443/a b?c=d").header("x", "1")
                .build();
        SignableRequest copy = r.toBuilder().build();
        assertEquals(r, copy);
        assertEquals(r.hashCode(), copy.hashCode());
        assertNotEquals(r, r.toBuilder().method("PUT").build());
        assertNotEquals(r, r.toBuilder().rawQuery(null).build());
        assertNotEquals(r, r.toBuilder().header("y", "2").build());
        assertNotEquals(r, "GET https://h:8443/a b?c=d");
    }

    @Test
    void toStringRedactsSignaturesAndTokens() {
        SignableRequest r = SignableRequest.builder().method("GET")
                .uri("https://b.s3.amazonaws.com/k?X-Amz-Credential=AKID%2F20130524&X-Amz-Signature=aeeed9bbccd4d02ee5c0"
                        + "&X-Amz-Security-Token=tokenvalue&x-amz-signature=lowercasesig")
                .header("Authorization", "AWS AKID:frJIUN8DYpKDtOLCwo//yllqDzg=").build();
        String s = r.toString();
        assertFalse(s.contains("aeeed9bbccd4d02ee5c0"), s);
        assertFalse(s.contains("tokenvalue"), s);
        assertFalse(s.contains("lowercasesig"), s);
        assertFalse(s.contains("frJIUN8DYpKDtOLCwo"), s);
        assertTrue(s.startsWith("GET https://b.s3.amazonaws.com/k?X-Amz-Credential=AKID%2F20130524&X-Amz-Signature=****"),
                s);
    }
}
