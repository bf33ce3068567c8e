package dev.awssig.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The comparison behind {@code awssig explain}, over the AWS documentation's GET /test.txt
 * canonical request and string to sign, with one thing changed on the "server" side at a time.
 */
class ExplainerTest {
    static final String CR = "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
            + "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
            + "x-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n"
            + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    static final String STS = "AWS4-HMAC-SHA256\n20130524T000000Z\n20130524/us-east-1/s3/aws4_request\n"
            + "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972";
    static final String OTHER_HASH_STS = STS.replace("7344ae5b", "00000000");

    private static String causes(List<String> list) {
        return String.join("\n", list);
    }

    @Test
    void identicalInputsPointAtTheSecret() {
        List<String> c = Explainer.sigV4Causes(CR, CR, STS, STS);
        assertEquals(1, c.size());
        assertTrue(c.get(0).contains("secret access key"), c::toString);
    }

    @Test
    void keyEncodedTwiceIsNamed() {
        String ours = CR.replace("/test.txt", "/my%2520file.txt");
        String server = CR.replace("/test.txt", "/my%20file.txt");
        String c = causes(Explainer.sigV4Causes(ours, server, STS, OTHER_HASH_STS));
        assertTrue(c.contains("encoded a different number of times"), c);
    }

    @Test
    void keyEncodedDifferentlyIsNamed() {
        String ours = CR.replace("/test.txt", "/test$file.text");
        String server = CR.replace("/test.txt", "/test%24file.text");
        String c = causes(Explainer.sigV4Causes(ours, server, STS, OTHER_HASH_STS));
        assertTrue(c.contains("percent-encoded differently"), c);
    }

    @Test
    void virtualHostedVersusPathStyleIsNamed() {
        String server = CR.replace("/test.txt", "/examplebucket/test.txt");
        String c = causes(Explainer.sigV4Causes(CR, server, STS, OTHER_HASH_STS));
        assertTrue(c.contains("virtual-hosted"), c);
    }

    @Test
    void hostWithPortIsNamed() {
        String server = CR.replace("host:examplebucket.s3.amazonaws.com", "host:examplebucket.s3.amazonaws.com:443");
        String c = causes(Explainer.sigV4Causes(CR, server, STS, OTHER_HASH_STS));
        assertTrue(c.contains("The Host header differs") && c.contains(":443"), c);
    }

    @Test
    void headerChangedByAProxyIsNamed() {
        String server = CR.replace("range:bytes=0-9", "range:bytes=0-99");
        String c = causes(Explainer.sigV4Causes(CR, server, STS, OTHER_HASH_STS));
        assertTrue(c.contains("'range' was changed in transit"), c);
    }

    @Test
    void whitespaceOnlyDifferenceIsNamed() {
        String server = CR.replace("range:bytes=0-9", "range:bytes=0-9  ");
        String c = causes(Explainer.sigV4Causes(CR, server, STS, OTHER_HASH_STS));
        assertTrue(c.contains("only in whitespace"), c);
    }

    @Test
    void droppedBodyIsNamed() {
        String ours = CR.replace("GET", "PUT").replaceAll("e3b0c442[0-9a-f]{56}$", "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
        String server = CR.replace("GET", "PUT");
        String c = causes(Explainer.sigV4Causes(ours, server, STS, OTHER_HASH_STS));
        assertTrue(c.contains("empty body"), c);
    }

    @Test
    void clockDifferenceIsNamed() {
        String server = STS.replace("20130524T000000Z", "20130524T001500Z");
        String c = causes(Explainer.sigV4Causes(CR, CR, STS, server));
        assertTrue(c.contains("request time differs") && c.contains("clock"), c);
    }

    @Test
    void regionDifferenceSuggestsTheRegion() {
        String server = STS.replace("/us-east-1/", "/eu-west-1/");
        String c = causes(Explainer.sigV4Causes(CR, CR, STS, server));
        assertTrue(c.contains("--region eu-west-1"), c);
    }

    @Test
    void invisibleDifferenceIsNamed() {
        String c = causes(Explainer.sigV4Causes(CR, CR, STS, OTHER_HASH_STS));
        assertTrue(c.contains("do not print"), c);
    }

    @Test
    void queryEncodingIsNamed() {
        String ours = CR.replace("/test.txt\n\n", "/test.txt\nprefix=a+b\n");
        String server = CR.replace("/test.txt\n\n", "/test.txt\nprefix=a%20b\n");
        String c = causes(Explainer.sigV4Causes(ours, server, STS, OTHER_HASH_STS));
        assertTrue(c.contains("query string is encoded differently"), c);
    }

    @Test
    void sigV2ContentTypeIsNamed() {
        String ours = "PUT\n\n\nTue, 27 Mar 2007 21:15:45 +0000\n/johnsmith/photos/puppy.jpg";
        String server = "PUT\n\napplication/x-www-form-urlencoded\nTue, 27 Mar 2007 21:15:45 +0000\n"
                + "/johnsmith/photos/puppy.jpg";
        String c = causes(Explainer.sigV2Causes(ours, server));
        assertTrue(c.contains("Content-Type differs") && c.contains("curl"), c);
    }

    @Test
    void sigV2MissingBucketInResourceIsNamed() {
        String ours = "GET\n\n\nTue, 27 Mar 2007 19:36:42 +0000\n/photos/puppy.jpg";
        String server = "GET\n\n\nTue, 27 Mar 2007 19:36:42 +0000\n/johnsmith/photos/puppy.jpg";
        String c = causes(Explainer.sigV2Causes(ours, server));
        assertTrue(c.contains("/bucket/key"), c);
    }

    @Test
    void diffMarksOnlyTheChangedLines() {
        String server = CR.replace("range:bytes=0-9", "range:bytes=0-99");
        List<String> d = Explainer.diff(CR, server);
        long minus = d.stream().filter(l -> l.startsWith("- ")).count();
        long plus = d.stream().filter(l -> l.startsWith("+ ")).count();
        assertEquals(1, minus, d::toString);
        assertEquals(1, plus, d::toString);
        assertTrue(d.contains("- range:bytes=0-9") && d.contains("+ range:bytes=0-99"), d::toString);
    }

    @Test
    void diffShowsCarriageReturnsAndTrailingSpaces() {
        List<String> d = Explainer.diff("a\nb", "a\r\nb ");
        assertTrue(d.contains("+ a\\r") && d.contains("+ b\u00b7"), d::toString);
    }

    @Test
    void errorXmlBytesFormIsPreferred() {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SignatureDoesNotMatch</Code>"
                + "<Message>The request signature we calculated does not match the signature you provided.</Message>"
                + "<AWSAccessKeyId>AKIAIOSFODNN7EXAMPLE</AWSAccessKeyId>"
                + "<StringToSign>ignored</StringToSign><StringToSignBytes>41 0d 0a 42</StringToSignBytes>"
                + "<CanonicalRequest>GET\n/\n</CanonicalRequest></Error>";
        ErrorXml e = ErrorXml.parse(xml.getBytes(StandardCharsets.UTF_8), "xml");
        assertEquals("SignatureDoesNotMatch", e.code());
        assertEquals("A\r\nB", e.stringToSign());
        assertEquals("GET\n/\n", e.canonicalRequest());
        assertEquals("AKIAIOSFODNN7EXAMPLE", e.get("AWSAccessKeyId"));
    }

    @Test
    void errorXmlAfterResponseHeadersIsFound() {
        String saved = "HTTP/1.1 403 Forbidden\r\nContent-Type: application/xml\r\n\r\n"
                + "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>AccessDenied</Code>"
                + "<Message>Request has expired</Message></Error>";
        assertEquals("AccessDenied", ErrorXml.parse(saved.getBytes(StandardCharsets.UTF_8), "xml").code());
    }

    @Test
    void errorXmlWithDoctypeIsRefused() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<Error><Code>&x;</Code></Error>";
        UserException e = org.junit.jupiter.api.Assertions.assertThrows(UserException.class,
                () -> ErrorXml.parse(xml.getBytes(StandardCharsets.UTF_8), "xml"));
        assertTrue(e.getMessage().contains("not an S3 error XML"), e::getMessage);
    }
}
