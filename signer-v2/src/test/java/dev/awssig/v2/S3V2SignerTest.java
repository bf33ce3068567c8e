package dev.awssig.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.Credentials;
import dev.awssig.PresignedUrl;
import dev.awssig.SignableRequest;
import dev.awssig.SignedRequest;
import dev.awssig.SigningConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The S3 SigV2 rules, one by one, with expected strings to sign written out by hand from the S3 documentation. */
class S3V2SignerTest {
    static final String ID = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    static final Instant NOW = Instant.parse("2007-03-27T19:36:42Z");
    static final String NOW_RFC1123 = "Tue, 27 Mar 2007 19:36:42 GMT";
    /** A DevPay-style token pair and a session token, with '+', '/' and '='. */
    static final String DEVPAY = "{UserToken}BA4PXRKl+/Kczg==,{ProductToken}AAsAAA/+vP==";
    static final String SESSION = "FQoGZXIvYXdzE+/bPx==";

    static S3V2Signer signer(Credentials c) {
        return S3V2Signer.create(SigningConfig.builder().credentials(c).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build());
    }

    static S3V2Signer signer() {
        return signer(Credentials.of(ID, SECRET));
    }

    static SignableRequest.Builder get(String uri) {
        return SignableRequest.builder().method("GET").uri(uri);
    }

    @Test
    void addsAnRfc1123DateFromTheClockWhenNeitherDateNorAmzDateIsPresent() {
        SignedRequest s = signer().sign(get("https://johnsmith.s3.amazonaws.com/photos/puppy.jpg").build());
        assertEquals(NOW_RFC1123, s.request().headers().firstValue("Date").orElseThrow());
        assertEquals("GET\n\n\n" + NOW_RFC1123 + "\n/johnsmith/photos/puppy.jpg", s.stringToSign());
        assertEquals("AWS " + ID + ":" + JdkHmac.base64("HmacSHA1", SECRET, s.stringToSign()),
                s.request().headers().firstValue("Authorization").orElseThrow());
        assertEquals(NOW, s.signingTime());
    }

    @Test
    void amzDateEmptiesTheDateLineAndIsSignedAsAnAmzHeader() {
        SignedRequest s = signer().sign(get("https://johnsmith.s3.amazonaws.com/a")
                .header("Date", "Tue, 27 Mar 2007 19:36:50 GMT")
                .header("X-Amz-Date", "Tue, 27 Mar 2007 19:36:42 +0000").build());
        assertEquals("GET\n\n\n\nx-amz-date:Tue, 27 Mar 2007 19:36:42 +0000\n/johnsmith/a", s.stringToSign());
        SignedRequest noDate = signer().sign(get("https://johnsmith.s3.amazonaws.com/a")
                .header("x-amz-date", "Tue, 27 Mar 2007 19:36:42 GMT").build());
        assertFalse(noDate.request().headers().contains("Date"), "no Date is added when x-amz-date is present");
    }

    @Test
    void amzHeadersAreLowerCasedSortedTrimmedAndRepeatedValuesJoinedWithComma() {
        SignedRequest s = signer().sign(SignableRequest.builder().method("PUT")
                .uri("https://b.s3.amazonaws.com/k")
                .header("Date", NOW_RFC1123)
                .header("X-Amz-Meta-Zeta", "  last ")
                .header("x-amz-meta-alpha", "one")
                .header("Content-Type", " text/plain ")
                .header("X-AMZ-META-ALPHA", "two  (unfolded)\tthree")
                .header("Content-MD5", "1B2M2Y8AsgTpgAmY7PhCfg==")
                .header("Content-Length", "0")
                .header("Cache-Control", "no-cache").build());
        assertEquals("PUT\n1B2M2Y8AsgTpgAmY7PhCfg==\ntext/plain\n" + NOW_RFC1123 + "\n"
                + "x-amz-meta-alpha:one,two  (unfolded)\tthree\nx-amz-meta-zeta:last\n/b/k", s.stringToSign());
    }

    @Test
    void foldedHeaderValuesUnfoldToOneSpaceAndAreSignedSo() {
        assertEquals("joe@example.com, jane@example.com",
                S3V2Signer.unfoldHeaderValue("joe@example.com,\r\n jane@example.com"));
        assertEquals("a b", S3V2Signer.unfoldHeaderValue("a  \r\n\t  b"));
        assertEquals("a  b", S3V2Signer.unfoldHeaderValue(" a  b\t"));
        assertEquals("one two three", S3V2Signer.unfoldHeaderValue("one\n two\r\n three\r\n"));
        SignedRequest s = signer().sign(get("https://b.s3.amazonaws.com/k").header("Date", NOW_RFC1123)
                .header("x-amz-meta-reviewedby", S3V2Signer.unfoldHeaderValue("joe,\r\n  jane")).build());
        assertEquals("GET\n\n\n" + NOW_RFC1123 + "\nx-amz-meta-reviewedby:joe, jane\n/b/k", s.stringToSign());
    }

    @Test
    void subResourcesAreSortedWithDecodedValuesAndOtherParametersAreNotSigned() {
        SignedRequest s = signer().sign(get("https://b.s3.amazonaws.com/k?versions&prefix=a&uploadId=x%2By%20z"
                + "&acl&response-content-disposition=attachment%3B%20filename%3D%22a%2Bb.txt%22&max-keys=5&torrent=")
                .header("Date", NOW_RFC1123).build());
        assertEquals("GET\n\n\n" + NOW_RFC1123 + "\n/b/k?acl&response-content-disposition=attachment; filename=\"a+b.txt\""
                + "&torrent=&uploadId=x+y z&versions", s.stringToSign());
    }

    @Test
    void extraSubResourcesOptionSignsMoreParameters() {
        S3V2Signer signer = S3V2Signer.create(SigningConfig.builder().credentials(Credentials.of(ID, SECRET))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .option(V2Options.EXTRA_SUB_RESOURCES, "select, select-type").build());
        SignedRequest s = signer.sign(SignableRequest.builder().method("POST")
                .uri("https://b.s3.amazonaws.com/k?select&select-type=2&foo=bar").header("Date", NOW_RFC1123).build());
        assertTrue(s.stringToSign().endsWith("/b/k?select&select-type=2"), s.stringToSign());
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "https://johnsmith.s3.amazonaws.com/photos/puppy.jpg | | /johnsmith/photos/puppy.jpg",
        "https://johnsmith.s3.amazonaws.com | | /johnsmith/",
        "https://my.bucket.name.s3.us-west-2.amazonaws.com/k | | /my.bucket.name/k",
        "https://bucket.s3-external-1.amazonaws.com/k | | /bucket/k",
        "https://bucket.s3-us-west-2.amazonaws.com/k | | /bucket/k",
        "https://bucket.s3.dualstack.us-east-1.amazonaws.com/k | | /bucket/k",
        "https://bucket.s3-accelerate.amazonaws.com/k | | /bucket/k",
        "https://johnsmith.us-west-1.s3.amazonaws.com/k | | /johnsmith/k",
        "https://bucket.s3.cn-north-1.amazonaws.com.cn/k | | /bucket/k",
        "https://s3.amazonaws.com/johnsmith/photos/puppy.jpg | | /johnsmith/photos/puppy.jpg",
        "https://s3.us-west-1.amazonaws.com/ | | /",
        "https://S3.Amazonaws.COM/bucket/k | | /bucket/k",
        "https://JohnSmith.S3.amazonaws.com/k | | /johnsmith/k",
        "http://static.johnsmith.net:8080/db-backup.dat.gz | | /static.johnsmith.net/db-backup.dat.gz",
        "http://localhost:9000/bucket/k | | /bucket/k",
        "http://127.0.0.1:9000/bucket/k | | /bucket/k",
        "http://[::1]:9000/bucket/k | | /bucket/k",
        "https://ec2.amazonaws.com/k | | /k",
        "http://127.0.0.1:9000/k | photos.s3.amazonaws.com | /photos/k",
        "https://s3.amazonaws.com/k | cname.example.org:443 | /cname.example.org/k",
    })
    void bucketIsTakenFromVirtualHostedOrCnameHostOrElseThePath(String uri, String hostHeader, String resource) {
        SignableRequest.Builder b = get(uri).header("Date", NOW_RFC1123);
        if (hostHeader != null) {
            b.header("Host", hostHeader);
        }
        assertEquals("GET\n\n\n" + NOW_RFC1123 + "\n" + resource, signer().sign(b.build()).stringToSign());
    }

    @Test
    void configuredVirtualHostSuffixesAndCnameSwitch() {
        SigningConfig.Builder cfg = SigningConfig.builder().credentials(Credentials.of(ID, SECRET))
                .clock(Clock.fixed(NOW, ZoneOffset.UTC));
        S3V2Signer minio = S3V2Signer.create(cfg.option(V2Options.VIRTUAL_HOST_SUFFIXES, "S3.Example.com, other.test")
                .build());
        assertTrue(minio.sign(get("https://photos.s3.example.com/k").build()).stringToSign().endsWith("\n/photos/k"));
        assertTrue(minio.sign(get("https://s3.example.com/photos/k").build()).stringToSign().endsWith("\n/photos/k"));
        S3V2Signer noCname = S3V2Signer.create(cfg.option(V2Options.VIRTUAL_HOST_SUFFIXES, null)
                .option(V2Options.CNAME_BUCKETS, false).build());
        assertTrue(noCname.sign(get("https://storage.example.org/b/k").build()).stringToSign().endsWith("\n/b/k"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> S3V2Signer.create(
                cfg.option(V2Options.VIRTUAL_HOST_SUFFIXES, "a b").build()));
        assertTrue(e.getMessage().startsWith("sigv2.virtualHostSuffixes:"), e.getMessage());
    }

    @Test
    void pathIsSignedExactlyAsSent() {
        SignedRequest s = signer().sign(get("https://b.s3.amazonaws.com/a%2fb/c%20d+e/%E6%97%A5!*'()")
                .header("Date", NOW_RFC1123).build());
        assertTrue(s.stringToSign().endsWith("\n/b/a%2fb/c%20d+e/%E6%97%A5!*'()"), s.stringToSign());
    }

    @Test
    void sessionTokenIsAddedAsAHeaderAndSigned() {
        SignedRequest s = signer(Credentials.of(ID, SECRET, SESSION)).sign(get("https://b.s3.amazonaws.com/k")
                .header("Date", NOW_RFC1123).build());
        assertEquals(SESSION, s.request().headers().firstValue("x-amz-security-token").orElseThrow());
        assertEquals("GET\n\n\n" + NOW_RFC1123 + "\nx-amz-security-token:" + SESSION + "\n/b/k", s.stringToSign());
    }

    @Test
    void devpayTokenHeaderAlreadyPresentIsSignedAsItIsAndNotReplaced() {
        SignedRequest s = signer(Credentials.of(ID, SECRET, SESSION)).sign(get("https://b.s3.amazonaws.com/k")
                .header("Date", NOW_RFC1123).header("x-amz-security-token", DEVPAY).build());
        assertEquals(java.util.List.of(DEVPAY), s.request().headers().values("x-amz-security-token"));
        assertEquals("GET\n\n\n" + NOW_RFC1123 + "\nx-amz-security-token:" + DEVPAY + "\n/b/k", s.stringToSign());
    }

    @Test
    void presignPutsSessionTokenInTheQueryUrlEncodedAndSignsItDecoded() {
        PresignedUrl url = signer(Credentials.of(ID, SECRET, SESSION)).presign(
                get("https://b.s3.amazonaws.com/k").build(), Duration.ofMinutes(10));
        long expires = NOW.getEpochSecond() + 600;
        assertEquals("GET\n\n\n" + expires + "\nx-amz-security-token:" + SESSION + "\n/b/k", url.stringToSign());
        assertEquals("https://b.s3.amazonaws.com/k?x-amz-security-token=FQoGZXIvYXdzE%2B%2FbPx%3D%3D"
                + "&AWSAccessKeyId=" + ID + "&Expires=" + expires + "&Signature="
                + dev.awssig.internal.UriEncoding.encode(url.signature(), false), url.url());
    }

    @Test
    void presignSignsADevpayTokenAlreadyInTheQueryDecoded() {
        String encoded = dev.awssig.internal.UriEncoding.encode(DEVPAY, false);
        PresignedUrl url = signer().presign(get("https://b.s3.amazonaws.com/k?x-amz-security-token=" + encoded).build(),
                Duration.ofSeconds(60));
        assertEquals("GET\n\n\n" + (NOW.getEpochSecond() + 60) + "\nx-amz-security-token:" + DEVPAY + "\n/b/k",
                url.stringToSign());
        assertTrue(url.url().startsWith("https://b.s3.amazonaws.com/k?x-amz-security-token=" + encoded + "&AWSAccessKeyId="));
    }

    @Test
    void presignSignsContentTypeMd5AndAmzHeadersAndReportsThemAsHeadersToSend() {
        PresignedUrl url = signer().presign(SignableRequest.builder().method("PUT").uri("https://b.s3.amazonaws.com/k")
                .header("Content-Type", "image/png").header("x-amz-acl", "private").header("User-Agent", "x").build(),
                Duration.ofSeconds(1));
        assertEquals("PUT\n\nimage/png\n" + (NOW.getEpochSecond() + 1) + "\nx-amz-acl:private\n/b/k", url.stringToSign());
        assertEquals(2, url.signedHeaders().size());
        assertEquals(NOW.plusSeconds(1), url.expiration());
    }

    @Test
    void presignRoundsAFractionalExpiryUpToAWholeSecond() {
        PresignedUrl url = signer().presign(get("https://b.s3.amazonaws.com/k").build(), Duration.ofMillis(1500));
        assertEquals(NOW.plusSeconds(2), url.expiration());
    }

    @Test
    void badInputIsRejectedNamingTheField() {
        SignableRequest r = get("https://b.s3.amazonaws.com/k").build();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> signer().presign(r, Duration.ZERO))
                .getMessage().startsWith("expiresIn:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> signer().presign(r, Duration.ofSeconds(-5)))
                .getMessage().startsWith("expiresIn:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> signer().presign(
                get("https://b.s3.amazonaws.com/k?Signature=x").build(), Duration.ofSeconds(5)))
                .getMessage().contains("'Signature'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> signer().sign(
                get("https://b.s3.amazonaws.com/k?AWSAccessKeyId=a&Signature=x").build()))
                .getMessage().startsWith("request:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> S3V2Signer.create(
                SigningConfig.builder().build())).getMessage().startsWith("credentials:"));
    }

    @Test
    void descriptionsNeverShowTheSecretTheTokenOrTheSignature() {
        S3V2Signer signer = signer(Credentials.of(ID, SECRET, SESSION));
        SignedRequest s = signer.sign(get("https://b.s3.amazonaws.com/k").build());
        PresignedUrl url = signer.presign(get("https://b.s3.amazonaws.com/k").build(), Duration.ofMinutes(1));
        for (String text : new String[] {signer.toString(), s.toString(), url.toString(), s.request().toString()}) {
            assertFalse(text.contains(SECRET), text);
            assertFalse(text.contains(SESSION), text);
            assertFalse(text.contains(s.signature()), text);
            assertFalse(text.contains(url.signature()), text);
        }
    }
}
