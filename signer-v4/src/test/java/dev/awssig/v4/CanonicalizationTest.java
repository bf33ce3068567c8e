package dev.awssig.v4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Credentials;
import dev.awssig.Payload;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import dev.awssig.internal.SigningKeys;
import dev.awssig.v4.internal.Canonical;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The canonical-request rules of the SigV4 specification, one rule per case: S3 and non-S3 URI
 * encoding, path normalisation, query encoding and ordering ({@code +}, {@code %20}, {@code ~},
 * repeated and valueless keys), header trimming; plus option validation and the bounded key cache.
 */
class CanonicalizationTest {
    private static final Credentials CREDS = Credentials.of("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static final Instant NOW = Instant.parse("2015-08-30T12:36:00Z");

    private static SigningConfig.Builder cfg(String service) {
        return SigningConfig.builder().credentials(CREDS).region("us-east-1").service(service)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static String[] lines(String service, String uri, String... headers) {
        SignableRequest.Builder b = SignableRequest.builder().method("GET").uri(uri);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return SigV4Signer.create(cfg(service).build()).sign(b.build()).canonicalRequest().split("\n", -1);
    }

    @ParameterizedTest(name = "s3 path {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "/test$file.text|/test%24file.text",
        "/my%20cat.jpg|/my%20cat.jpg",
        "/my cat.jpg|/my%20cat.jpg",
        "/a+b|/a%2Bb",
        "/%7e/%7E/~|/~/~/~",
        "/%e2%82%ac|/%E2%82%AC",
        "/€|/%E2%82%AC",
        "/a//b/../c/./|/a//b/../c/./",
        "/100%|/100%25"})
    void s3PathIsEncodedOnceAndNeverNormalised(String raw, String canonical) {
        assertEquals(canonical, lines("s3", "https://b.s3.amazonaws.com" + raw)[1]);
    }

    @ParameterizedTest(name = "other path {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "/my%20cat.jpg|/my%2520cat.jpg",
        "/my cat.jpg|/my%20cat.jpg",
        "/$|/%24",
        "/a//b/../c/./|/a/c/",
        "/a/b/..|/a",
        "/./|/",
        "//|/",
        "/a/.|/a",
        "/..|/"})
    void otherServicesNormaliseThePathAndEncodeItTwice(String raw, String canonical) {
        assertEquals(canonical, lines("iam", "https://iam.amazonaws.com" + raw)[1]);
        assertEquals(canonical, Canonical.canonicalUri(raw, true, true));
    }

    @Test
    void pathWhoseEscapesOutgrowTheBufferBeforeAPlainRunIsEncodedWhole() {
        // ten characters that each take three bytes, then a run kept as is: the buffer sized for
        // the raw length must grow for the plain run too
        String raw = "/" + "$".repeat(10) + "a".repeat(22);
        String expected = "/" + "%24".repeat(10) + "a".repeat(22);
        assertEquals(expected, Canonical.canonicalUri(raw, true, true));
        assertEquals(expected, Canonical.canonicalUri(raw, false, true));
        assertEquals(expected, lines("iam", "https://iam.amazonaws.com" + raw)[1]);
    }

    @ParameterizedTest(name = "query {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "a=b c|a=b%20c",
        "a=b+c|a=b%20c",
        "a=b%20c|a=b%20c",
        "a=b%2Bc|a=b%2Bc",
        "a=~|a=~",
        "a=%7E|a=~",
        "a=*|a=%2A",
        "acl|acl=",
        "acl=|acl=",
        "b=2&a=1|a=1&b=2",
        "a=2&a=10&a=1|a=1&a=10&a=2",
        "a-b=1&a%20b=2&A=3|A=3&a%20b=2&a-b=1",
        "x=1&&y=2|x=1&y=2",
        "x=1&y=2|x=1&y=2",
        "a=1&a=1|a=1&a=1",
        "a&b=1|a=&b=1",
        "b=1&a|a=&b=1",
        "x=1&|x=1",
        "&x=1|x=1",
        "ab=1&a=2|a=2&ab=1",
        "a=1&ab=2|a=1&ab=2",
        "%E1%88%B4=v&Z=1|%E1%88%B4=v&Z=1",
        "k=a%2fb|k=a%2Fb",
        // what only looks like an escape is a literal '%' (kept as servers read it), never copied as written
        "k=%0G|k=%250G",
        "k=%g0|k=%25g0",
        "k=%2:|k=%252%3A",
        "k=%4|k=%254",
        "k=%|k=%25",
        "k20=v20|k20=v20",
        // an escaped byte that is not UTF-8 reads as U+FFFD, written EF BF BD
        "k=%80|k=%EF%BF%BD"})
    void queryIsDecodedEncodedAndSortedByNameThenValue(String raw, String canonical) {
        assertEquals(canonical, lines("s3", "https://b.s3.amazonaws.com/?" + raw)[2]);
    }

    @Test
    void headerValuesAreTrimmedCollapsedAndJoined() {
        String[] l = lines("iam", "https://iam.amazonaws.com/", "My-Header", "  a   b\t\tc  ", "my-header", "second",
                "X-Amz-Meta-E", "");
        assertEquals("host:iam.amazonaws.com", l[3]);
        assertEquals("my-header:a b c,second", l[4]);
        assertEquals("x-amz-date:20150830T123600Z", l[5]);
        assertEquals("x-amz-meta-e:", l[6]);
        assertEquals("host;my-header;x-amz-date;x-amz-meta-e", l[8]);
    }

    @Test
    void defaultPolicyLeavesOutHeadersProxiesRewriteButAlwaysSignsHostAndXAmz() {
        SignedRequest s = SigV4Signer.create(cfg("s3").option(SigV4Options.SIGNED_HEADERS,
                SignedHeadersPolicy.only("content-type")).build()).sign(SignableRequest.builder().method("PUT")
                .uri("https://b.s3.amazonaws.com/k").header("Content-Type", "text/plain").header("Content-MD5", "x")
                .header("x-amz-meta-a", "1").header("User-Agent", "u").build());
        assertEquals(java.util.List.of("content-type", "host", "x-amz-content-sha256", "x-amz-date", "x-amz-meta-a"),
                s.signedHeaders());
        SignedRequest d = SigV4Signer.create(cfg("s3").build()).sign(SignableRequest.builder().method("PUT")
                .uri("https://b.s3.amazonaws.com/k").header("User-Agent", "u").header("Expect", "100-continue")
                .header("X-Amzn-Trace-Id", "Root=1").header("Connection", "keep-alive").header("Range", "bytes=0-1")
                .build());
        assertEquals(java.util.List.of("host", "range", "x-amz-content-sha256", "x-amz-date"), d.signedHeaders());
        assertTrue(SignedHeadersPolicy.defaults().signs("host"));
        assertTrue(SignedHeadersPolicy.excluding("host", "x-amz-date").signs("x-amz-date"));
        assertFalse(SignedHeadersPolicy.all().signs("authorization"));
    }

    @Test
    void signingASignedRequestAgainReplacesItsAuthenticationHeaders() {
        SigV4Signer signer = SigV4Signer.create(cfg("s3").build());
        SignedRequest once = signer.sign(SignableRequest.builder().method("GET").uri("https://b.s3.amazonaws.com/k")
                .header("X-Amz-Meta-A", "1").build());
        SignedRequest twice = signer.sign(once.request());
        assertEquals(once.request().headers().size(), twice.request().headers().size());
        assertEquals(1, twice.request().headers().values("authorization").size());
        assertEquals(1, twice.request().headers().values("x-amz-date").size());
        assertEquals(once.signature(), twice.signature());
        assertEquals(once.canonicalRequest(), twice.canonicalRequest());
    }

    @Test
    void s3AlwaysSendsContentSha256AndOtherServicesDoNotByDefault() {
        SignableRequest r = SignableRequest.builder().method("PUT").uri("https://h/k")
                .payload(Payload.ofBytes(new byte[] {1})).build();
        assertTrue(SigV4Signer.create(cfg("s3").build()).sign(r).request().headers().contains("x-amz-content-sha256"));
        assertFalse(SigV4Signer.create(cfg("iam").build()).sign(r).request().headers().contains("x-amz-content-sha256"));
    }

    @Test
    void badConfigurationAndInputNameTheField() {
        IllegalArgumentException region = assertThrows(IllegalArgumentException.class, () -> SigV4Signer.create(
                SigningConfig.builder().credentials(CREDS).service("s3").build()));
        assertTrue(region.getMessage().startsWith("region"), region.getMessage());
        IllegalArgumentException chunk = assertThrows(IllegalArgumentException.class, () -> SigV4Signer.create(
                cfg("s3").option(SigV4Options.CHUNK_SIZE, 0).build()));
        assertTrue(chunk.getMessage().startsWith("sigv4.chunkSize"), chunk.getMessage());
        SigV4Signer streaming = SigV4Signer.create(cfg("s3").option(SigV4Options.PAYLOAD_SIGNING,
                PayloadSigning.STREAMING_SIGNED).build());
        IllegalArgumentException payload = assertThrows(IllegalArgumentException.class, () -> streaming.sign(
                SignableRequest.builder().method("PUT").uri("https://h/k").payload(Payload.unsigned()).build()));
        assertTrue(payload.getMessage().startsWith("payload"), payload.getMessage());
        assertThrows(IllegalArgumentException.class, () -> streaming.presign(
                SignableRequest.builder().method("PUT").uri("https://h/k").build(), Duration.ofMinutes(1)));
        assertThrows(IllegalArgumentException.class, () -> SigV4Signer.create(cfg("s3").build()).presign(
                SignableRequest.builder().method("GET").uri("https://h/k?X-Amz-Signature=00").build(),
                Duration.ofMinutes(1)));
        assertFalse(SigV4Signer.create(cfg("s3").build()).toString().contains(CREDS.secretAccessKey()));
    }

    @Test
    void derivedKeyCacheStaysBoundedUnderAFloodOfRegions() {
        SignableRequest r = SignableRequest.builder().method("GET").uri("https://h/k").build();
        for (int i = 0; i < 3 * SigningKeys.DEFAULT_CAPACITY; i++) {
            SigV4Signer.create(cfg("s3").region("region-" + i).build()).sign(r);
        }
        assertTrue(SigningKeys.shared().size() <= SigningKeys.DEFAULT_CAPACITY, "size " + SigningKeys.shared().size());
    }

    @Test
    void encodedLengthMatchesTheEncoderForEveryMode() throws Exception {
        for (PayloadSigning mode : new PayloadSigning[] {PayloadSigning.STREAMING_SIGNED,
            PayloadSigning.STREAMING_SIGNED_TRAILER, PayloadSigning.STREAMING_UNSIGNED_TRAILER}) {
            for (int size : new int[] {0, 1, 15, 16, 17, 4096, 70000}) {
                SignedRequest s = SigV4Signer.create(cfg("s3").option(SigV4Options.PAYLOAD_SIGNING, mode)
                        .option(SigV4Options.CHUNK_SIZE, 16).option(SigV4Options.TRAILER_CHECKSUM,
                                ChecksumAlgorithm.SHA256).build())
                        .sign(SignableRequest.builder().method("PUT").uri("https://h/k")
                                .payload(Payload.ofBytes(new byte[size])).build());
                long declared = s.request().payload().contentLength().getAsLong();
                try (java.io.InputStream in = s.request().payload().openStream()) {
                    assertEquals(declared, in.readAllBytes().length, mode + " " + size);
                }
                assertEquals(declared, AwsChunked.encodedLength(size, 16, mode, ChecksumAlgorithm.SHA256));
            }
        }
    }
}
