package dev.awssig.cli.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.SignableRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small parsers: expiry, s3:// targets, AWS host names, raw HTTP requests, shell quoting. */
class ParsingTest {
    @ParameterizedTest(name = "{0} = {1}s")
    @CsvSource({"900,900", "15m,900", "12h,43200", "7d,604800", "30s,30", "1H,3600"})
    void expiresAcceptsSecondsAndUnits(String text, long seconds) {
        assertEquals(Duration.ofSeconds(seconds), Durations.parse(text, "--expires"));
    }

    @ParameterizedTest(name = "''{0}'' is rejected")
    @CsvSource({"''", "m", "-5", "1.5h", "2w", "0", "0h"})
    void expiresRejectsNonsense(String text) {
        assertThrows(UserException.class, () -> Durations.parse(text, "--expires"));
    }

    @ParameterizedTest(name = "{0} -> {4}")
    @CsvSource(delimiter = '|', value = {
        "s3://examplebucket/test.txt|us-east-1||false|https://examplebucket.s3.amazonaws.com/test.txt",
        "s3://examplebucket/test.txt||  |false|https://examplebucket.s3.amazonaws.com/test.txt",
        "s3://examplebucket/photos/my photo+1.jpg|eu-west-1||false|https://examplebucket.s3.eu-west-1.amazonaws.com/photos/my%20photo%2B1.jpg",
        "s3://examplebucket/test$file.text|us-east-1||false|https://examplebucket.s3.amazonaws.com/test%24file.text",
        "s3://my.dotted.bucket/k|us-west-2||false|https://s3.us-west-2.amazonaws.com/my.dotted.bucket/k",
        "s3://examplebucket/k|us-west-2||true|https://s3.us-west-2.amazonaws.com/examplebucket/k",
        "s3://examplebucket/k|cn-north-1||false|https://examplebucket.s3.cn-north-1.amazonaws.com.cn/k",
        "s3://bucket/a/b|us-east-1|http://127.0.0.1:9000|false|http://127.0.0.1:9000/bucket/a/b",
        "s3://bucket/a/b|us-east-1|https://minio.example.com|false|https://bucket.minio.example.com/a/b",
        "s3://bucket/a/b|us-east-1|https://minio.example.com/base/|true|https://minio.example.com/base/bucket/a/b",
        "s3://bucket|us-east-1||false|https://bucket.s3.amazonaws.com/",
        "s3://examplebucket/q?x=1#f [0]//\u00e9|us-east-1||false|https://examplebucket.s3.amazonaws.com/q%3Fx%3D1%23f%20%5B0%5D//%C3%A9",
        "s3://Upper_Case/k|eu-west-1||false|https://s3.eu-west-1.amazonaws.com/Upper_Case/k",
        "s3://bucket/k|us-east-1|http://localhost:9000|false|http://localhost:9000/bucket/k",
        "https://host.example/x?y=1|us-east-1||false|https://host.example/x?y=1"})
    void targetsBecomeUrls(String target, String region, String endpoint, boolean pathStyle, String expected) {
        String ep = endpoint == null || endpoint.isBlank() ? null : endpoint;
        assertEquals(expected, Targets.url(target, region, ep, pathStyle, "target"));
    }

    @ParameterizedTest(name = "{0} -> {1}/{2}")
    @CsvSource({
        "examplebucket.s3.amazonaws.com,us-east-1,s3",
        "examplebucket.s3.eu-west-1.amazonaws.com,eu-west-1,s3",
        "s3.us-west-2.amazonaws.com,us-west-2,s3",
        "examplebucket.s3-us-west-2.amazonaws.com,us-west-2,s3",
        "s3.dualstack.ap-south-1.amazonaws.com,ap-south-1,s3",
        "iam.amazonaws.com,us-east-1,iam",
        "ec2.eu-central-1.amazonaws.com,eu-central-1,ec2",
        "sts.us-east-2.amazonaws.com,us-east-2,sts",
        "elasticmapreduce.amazonaws.com,us-east-1,elasticmapreduce"})
    void regionAndServiceFromAwsHosts(String host, String region, String service) {
        assertArrayEquals(new String[] {region, service}, HostNames.regionAndService(host));
    }

    @Test
    void otherHostsHaveNoInference() {
        assertNull(HostNames.regionAndService("127.0.0.1"));
        assertNull(HostNames.regionAndService("minio.example.com"));
    }

    @Test
    void rawRequestWithCrlfContinuationAndContentLength() {
        String raw = "PUT /test%24file.text HTTP/1.1\r\nHost: examplebucket.s3.amazonaws.com\r\n"
                + "X-Long: a\r\n  b\r\nContent-Length: 5\r\n\r\nhello-trailing";
        RawHttp.Parsed p = RawHttp.parse(raw.getBytes(StandardCharsets.UTF_8), "req");
        SignableRequest r = p.toRequest("https", "req");
        assertEquals("PUT", r.method());
        assertEquals("https://examplebucket.s3.amazonaws.com/test%24file.text", r.uri());
        assertEquals("a b", r.headers().firstValue("X-Long").orElseThrow());
        assertArrayEquals("hello".getBytes(StandardCharsets.UTF_8), r.payload().bytes());
    }

    @Test
    void rawRequestWithLfAndTrailingNewlineHasEmptyBody() {
        String raw = "GET /a?b=c HTTP/1.1\nHost: h.example:8080\n\n\n";
        SignableRequest r = RawHttp.parse(raw.getBytes(StandardCharsets.UTF_8), "req").toRequest("http", "req");
        assertEquals("http://h.example:8080/a?b=c", r.uri());
        assertEquals(0, r.payload().bytes().length);
    }

    @Test
    void rawRequestMistakesAreNamed() {
        UserException noHost = assertThrows(UserException.class, () -> RawHttp.parse(
                "GET / HTTP/1.1\n\n".getBytes(StandardCharsets.UTF_8), "req").toRequest("https", "req"));
        assertTrue(noHost.getMessage().contains("Host"), noHost::getMessage);
        UserException badLine = assertThrows(UserException.class, () -> RawHttp.parse(
                "hello\n".getBytes(StandardCharsets.UTF_8), "req"));
        assertTrue(badLine.getMessage().contains("METHOD TARGET"), badLine::getMessage);
        UserException shortBody = assertThrows(UserException.class, () -> RawHttp.parse(
                "PUT / HTTP/1.1\nHost: h\nContent-Length: 9\n\nab".getBytes(StandardCharsets.UTF_8), "req"));
        assertTrue(shortBody.getMessage().contains("Content-Length"), shortBody::getMessage);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {"abc|abc", "a b|'a b'", "it's|'it'\\''s'",
        "\"\"|''", "x;rm|'x;rm'"})
    void shellQuoting(String in, String expected) {
        assertEquals(expected, Curl.quote(in == null ? "" : in));
    }
}
