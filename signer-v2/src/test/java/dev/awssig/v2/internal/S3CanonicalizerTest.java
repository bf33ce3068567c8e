package dev.awssig.v2.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.awssig.SignableRequest;
import dev.awssig.SigningConfig;
import dev.awssig.v2.V2Options;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * S3's SigV2 string to sign, piece by piece, with expected texts written out by hand following
 * the S3 documentation ("Signing and authenticating REST requests": {@code Verb \n Content-MD5 \n
 * Content-Type \n Date \n CanonicalizedAmzHeaders CanonicalizedResource}), and the bucket each Host
 * names (virtual-hosted, legacy region endpoints, path style, CNAME, configured suffixes).
 */
class S3CanonicalizerTest {
    private static S3Canonicalizer canonicalizer(SigningConfig.Builder config) {
        return new S3Canonicalizer(new Settings(config.build()));
    }

    private static final S3Canonicalizer DEFAULT = canonicalizer(SigningConfig.builder());

    private static String stringToSign(SignableRequest.Builder request, String expires) {
        SignableRequest r = request.build();
        return DEFAULT.stringToSign(r.method(), r.headers(), null, r.rawPath(),
                Params.parse(r.rawQuery().orElse(null)), expires);
    }

    private static SignableRequest.Builder put() {
        return SignableRequest.builder().method("PUT").uri("https://s3.amazonaws.com/b/k");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "examplebucket.s3.amazonaws.com | examplebucket",
        "examplebucket.s3.amazonaws.com:443 | examplebucket",
        "ExampleBucket.S3.AmazonAWS.com | examplebucket",
        "examplebucket.s3.amazonaws.com. | examplebucket",
        "my.bucket.s3-us-west-2.amazonaws.com | my.bucket",
        "bucket.s3.us-west-2.amazonaws.com | bucket",
        "bucket.s3.dualstack.us-east-1.amazonaws.com | bucket",
        "bucket.s3-accelerate.amazonaws.com | bucket",
        "bucket.s3-external-1.amazonaws.com | bucket",
        "bucket.s3.cn-north-1.amazonaws.com.cn | bucket",
        "bucket.us-west-2.s3.amazonaws.com | bucket",
        "a.b.us-gov-west-1.s3.amazonaws.com | a.b",
        "a.b.za-west-12.s3.amazonaws.com | a.b",
        "a.b.us-w-1.s3.amazonaws.com | a.b",
        "a.ab-1.s3.amazonaws.com | a.ab-1",
        "a.us-west-x.s3.amazonaws.com | a.us-west-x",
        "a.us-west-.s3.amazonaws.com | a.us-west-",
        "a.us--1.s3.amazonaws.com | a.us--1",
        "a.us-west--1.s3.amazonaws.com | a.us-west--1",
        "a.us-west1-1.s3.amazonaws.com | a.us-west1-1",
        "a.usw-west-1.s3.amazonaws.com | a.usw-west-1",
        "a.u1-west-1.s3.amazonaws.com | a.u1-west-1",
        "a.1s-west-1.s3.amazonaws.com | a.1s-west-1",
        "a.`s-west-1.s3.amazonaws.com | a.`s-west-1",
        "a.{s-west-1.s3.amazonaws.com | a.{s-west-1",
        "a.u{-west-1.s3.amazonaws.com | a.u{-west-1",
        "a.us-we{t-1.s3.amazonaws.com | a.us-we{t-1",
        "a.us-west-1/.s3.amazonaws.com | a.us-west-1/",
        "a.us-west-/1.s3.amazonaws.com | a.us-west-/1",
        "a.us-west-1-.s3.amazonaws.com | a.us-west-1-",
        "a.us-west-1z.s3.amazonaws.com | a.us-west-1z",
        "a.us-z-9.s3.amazonaws.com | a",
        "a.b.us-west-10.s3.amazonaws.com | a.b",
        "a.usxa-west-1.s3.amazonaws.com | a.usxa-west-1",
        "a.us--west-1.s3.amazonaws.com | a.us--west-1",
        "us-west-2.s3.amazonaws.com | us-west-2",
        "s3.amazonaws.com | -",
        "s3.amazonaws.com. | -",
        "S3.AMAZONAWS.COM:443 | -",
        "s3-us-west-2.amazonaws.com | -",
        "s3.us-west-2.amazonaws.com | -",
        "bucket.ec2.amazonaws.com | -",
        "bucket.s3x.amazonaws.com | -",
        "bucket.s3-.amazonaws.com | -",
        "bucket.s3ab.amazonaws.com | -",
        "bucket.sx-us.amazonaws.com | -",
        "bucket.x3-us.amazonaws.com | -",
        "bucket.s.amazonaws.com | -",
        "127.0.0.1 | -",
        "127.0.0.1:9000 | -",
        "[::1] | -",
        "[::1]:9000 | -",
        "[::1 | -",
        "[::ffff:127.0.0.1]:9000 | -",
        "192.168.0.9 | -",
        "localhost | -",
        "localhost:8080 | -",
        "'' | -",
        ". | -",
        "images.johnsmith.net | images.johnsmith.net",
        "images.johnsmith.net:8080 | images.johnsmith.net",
        "1.2.3.a | 1.2.3.a",
        "1.2/3.4 | 1.2/3.4",
        "a.1.2.3 | a.1.2.3",
    })
    void theBucketIsReadFromTheHost(String host, String bucket) {
        assertEquals(bucket, DEFAULT.bucket(host));
        assertEquals(bucket, DEFAULT.bucket(host), "the second time (the last host is remembered)");
    }

    @Test
    void aNullHostNamesNoBucketAndOtherHostsAreNotTakenForTheLastOne() {
        S3Canonicalizer c = canonicalizer(SigningConfig.builder());
        assertEquals(null, c.bucket(null));
        assertEquals("a", c.bucket("a.s3.amazonaws.com"));
        assertEquals("b", c.bucket("b.s3.amazonaws.com"));
        assertEquals("a", c.bucket("a.s3.amazonaws.com"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "bucket.minio.local | bucket",
        "a.b.minio.local:9000 | a.b",
        "minio.local | -",
        "MINIO.LOCAL:9000 | -",
        "xminio.local | -",
        "abxminio.local | -",
        ".minio.local | -",
        "bucket.example.net | -",
        "bucket.example.com | bucket",
        "example.com | -",
        "images.johnsmith.net | -",
        "bucket.s3.amazonaws.com | bucket",
    })
    void configuredSuffixesNameTheBucketBeforeThemAndNoCnameBuckets(String host, String bucket) {
        S3Canonicalizer c = canonicalizer(SigningConfig.builder()
                .option(V2Options.VIRTUAL_HOST_SUFFIXES, "minio.local, Example.com")
                .option(V2Options.CNAME_BUCKETS, false));
        assertEquals(bucket, c.bucket(host));
    }

    @Test
    void headerValuesAreTrimmedOfSpacesAndTabsAndRepeatedAmzHeadersJoined() {
        String sts = stringToSign(put().header("Content-MD5", "\t md5 \t").header("Content-Type", " \ttext/plain\t ")
                .header("Date", "\tTue, 27 Mar 2007 19:36:42 +0000 ").header("X-Amz-Meta-A", " \t1\t ")
                .header("x-amz-meta-a", "\t2").header("x-amz-meta-b", "\t \t"), null);
        assertEquals("PUT\nmd5\ntext/plain\nTue, 27 Mar 2007 19:36:42 +0000\nx-amz-meta-a:1,2\nx-amz-meta-b:\n/b/k", sts);
    }

    @Test
    void nineAndMoreAmzHeadersAreAllSignedInOrder() {
        SignableRequest.Builder b = put();
        StringBuilder want = new StringBuilder("PUT\n\n\n\n");
        for (int i = 0; i < 20; i++) {
            b.header(String.format("x-amz-meta-%02d", 19 - i), Integer.toString(19 - i));
        }
        for (int i = 0; i < 20; i++) {
            want.append(String.format("x-amz-meta-%02d:%d\n", i, i));
        }
        assertEquals(want + "/b/k", stringToSign(b, null));
    }

    @Test
    void theDateLineIsEmptyWhenXAmzDateIsSentAndOnlyThen() {
        String date = "Tue, 27 Mar 2007 19:36:42 +0000";
        assertEquals("PUT\n\n\n\nx-amz-date:" + date + "\n/b/k",
                stringToSign(put().header("Date", "x").header("X-Amz-Date", date), null));
        assertEquals("PUT\n\n\n" + date + "\nx-amz-meta:1\n/b/k",
                stringToSign(put().header("Date", date).header("X-Amz-Meta", "1"), null));
        assertEquals("PUT\n\n\n\n/b/k", stringToSign(put(), null));
    }

    @Test
    void headersOfTheSameLengthAsTheNamedOnesAreNotTakenForThem() {
        // 11 like content-md5, 12 like content-type, 4 like date
        assertEquals("PUT\n\n\n\n/b/k", stringToSign(put().header("x-forwarded", "1").header("accept-range", "2")
                .header("From", "3"), null));
    }

    @Test
    void xAmzItselfIsAnAmzHeaderAndShorterNamesAreNot() {
        assertEquals("PUT\n\n\n\nx-amz-:1\n/b/k", stringToSign(put().header("X-Amz-", "1").header("x-amz", "2"), null));
    }

    @Test
    void presignedAmzQueryParametersAreSignedAsHeadersButNotUnderHeaderAuth() {
        SignableRequest.Builder r = SignableRequest.builder().method("GET")
                .uri("https://s3.amazonaws.com/b/k?x-amz-meta-flag&X-Amz-Acl=private&AWSAccessKeyId=id");
        assertEquals("GET\n\n\n1175139620\nx-amz-acl:private\nx-amz-meta-flag:\n/b/k", stringToSign(r, "1175139620"));
        assertEquals("GET\n\n\n\n/b/k", stringToSign(r, null));
    }

    @Test
    void subResourcesAreSortedWithTheirValuesAndOtherParametersLeftOut() {
        SignableRequest.Builder r = SignableRequest.builder().method("GET")
                .uri("https://s3.amazonaws.com/b/k?versionId=2&prefix=p&acl&uploadId=u%20v");
        assertEquals("GET\n\n\n\n/b/k?acl&uploadId=u v&versionId=2", stringToSign(r, null));
        SignableRequest.Builder none = SignableRequest.builder().method("GET").uri("https://s3.amazonaws.com/b/k?prefix=p");
        assertEquals("GET\n\n\n\n/b/k", stringToSign(none, null));
    }
}
