package dev.awssig.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.awssig.Credentials;
import dev.awssig.SigningConfig;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Form signing: fields and their order, added conditions, tokens, URLs, self-checks, HTML and JSON. */
class PostFormSignerTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String TOKEN = "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN/+==";
    private static final String USER_TOKEN = "{UserToken}BA4PXRKlEXAMPLEKczg==";
    private static final Credentials CREDS = Credentials.of("AKIAIOSFODNN7EXAMPLE", SECRET);
    private static final Instant T0 = Instant.parse("2030-06-01T12:34:56Z");
    private static final Instant EXPIRES = Instant.parse("2030-06-01T13:00:00Z");

    private static SigningConfig config(Credentials c, String region) {
        SigningConfig.Builder b = SigningConfig.builder().credentials(c).clock(Clock.fixed(T0, ZoneOffset.UTC));
        if (region != null) {
            b.region(region);
        }
        return b.build();
    }

    private static PostPolicy policy() {
        return PostPolicy.builder().expiration(EXPIRES).acl("public-read").contentTypeStartsWith("image/")
                .meta("uuid", "14365123651274").build();
    }

    private static List<String> names(PostForm form) {
        List<String> out = new ArrayList<>();
        for (PostForm.Field f : form.fields()) {
            out.add(f.name());
        }
        return out;
    }

    @Test
    void v4FormHasKeyFirstThenUserFieldsThenAuthenticationFieldsThenPolicyAndSignature() {
        PostForm form = PostFormSigner.v4(config(CREDS, "us-east-1")).sign(PostFormRequest.builder()
                .bucket("examplebucket").key("uploads/${filename}").policy(policy())
                .field("Content-Type", "image/png").build());
        assertEquals(List.of("key", "Content-Type", "acl", "x-amz-meta-uuid", "x-amz-algorithm", "x-amz-credential",
                "x-amz-date", "policy", "x-amz-signature"), names(form));
        assertEquals("uploads/${filename}", form.field("key").orElseThrow());
        assertEquals("AWS4-HMAC-SHA256", form.field("x-amz-algorithm").orElseThrow());
        assertEquals("AKIAIOSFODNN7EXAMPLE/20300601/us-east-1/s3/aws4_request", form.field("x-amz-credential").orElseThrow());
        assertEquals("20300601T123456Z", form.field("x-amz-date").orElseThrow());
        assertTrue(form.fields().get(0).isEditable(), "key is constrained by starts-with only");
        assertTrue(form.fields().get(1).isEditable(), "Content-Type is constrained by starts-with only");
        assertFalse(form.fields().get(2).isEditable(), "acl is exact");
    }

    @Test
    void v4SignerAddsBucketKeyAndAuthenticationConditions() {
        PostForm form = PostFormSigner.v4(config(CREDS, "eu-west-1")).sign(PostFormRequest.builder()
                .bucket("examplebucket").key("uploads/${filename}").policy(policy()).build());
        List<PolicyCondition> expected = List.of(
                PolicyCondition.exact("bucket", "examplebucket"),
                PolicyCondition.startsWith("key", "uploads/"),
                PolicyCondition.exact("acl", "public-read"),
                PolicyCondition.startsWith("Content-Type", "image/"),
                PolicyCondition.exact("x-amz-meta-uuid", "14365123651274"),
                PolicyCondition.exact("x-amz-algorithm", "AWS4-HMAC-SHA256"),
                PolicyCondition.exact("x-amz-credential", "AKIAIOSFODNN7EXAMPLE/20300601/eu-west-1/s3/aws4_request"),
                PolicyCondition.exact("x-amz-date", "20300601T123456Z"));
        assertEquals(expected, form.policy().conditions());
        assertEquals(form.policy().toBase64(), form.field("policy").orElseThrow());
        assertEquals(PostPolicy.fromBase64(form.field("policy").orElseThrow()), form.policy());
    }

    @Test
    void anExactKeyBecomesAnExactCondition() {
        PostForm form = PostFormSigner.v4(config(CREDS, "us-east-1")).sign(PostFormRequest.builder()
                .bucket("examplebucket").key("exact/key.txt").policy(PostPolicy.builder().expiration(EXPIRES).build())
                .build());
        assertEquals(PolicyCondition.exact("key", "exact/key.txt"), form.policy().conditions().get(1));
        assertFalse(form.fields().get(0).isEditable());
    }

    @Test
    void aKeyWithFilenameIsAcceptedWhenSomeFileNameCanSatisfyTheKeyConditions() {
        PostFormSigner s = PostFormSigner.v4(config(CREDS, "us-east-1"));
        PostPolicy exact = PostPolicy.builder().expiration(EXPIRES).key("in/photo.jpg").build();
        assertEquals("in/${filename}", s.sign(PostFormRequest.builder().bucket("examplebucket").key("in/${filename}")
                .policy(exact).build()).field("key").orElseThrow());
        PostPolicy longPrefix = PostPolicy.builder().expiration(EXPIRES).keyStartsWith("in/photo").build();
        assertEquals("in/${filename}", s.sign(PostFormRequest.builder().bucket("examplebucket").key("in/${filename}")
                .policy(longPrefix).build()).field("key").orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> s.sign(PostFormRequest.builder().bucket("examplebucket")
                .key("out/${filename}").policy(exact).build()));
        assertThrows(IllegalArgumentException.class, () -> s.sign(PostFormRequest.builder().bucket("examplebucket")
                .key("out/${filename}").policy(longPrefix).build()));
    }

    @Test
    void aKeyPrefixConditionWithoutAKeyGivesAKeyFieldEndingWithFilename() {
        PostForm form = PostFormSigner.v4(config(CREDS, "us-east-1")).sign(PostFormRequest.builder()
                .bucket("examplebucket").policy(PostPolicy.builder().expiration(EXPIRES).keyStartsWith("in/").build())
                .build());
        assertEquals("in/${filename}", form.field("key").orElseThrow());
    }

    @Test
    void v4SignatureIsTheHmacOfTheBase64PolicyWithTheSigningKey() throws Exception {
        PostForm form = PostFormSigner.v4(config(CREDS, "us-east-1")).sign(PostFormRequest.builder()
                .bucket("examplebucket").key("k").policy(policy()).build());
        // independent computation with javax.crypto
        byte[] k = hmac("HmacSHA256", ("AWS4" + SECRET).getBytes(StandardCharsets.UTF_8), "20300601");
        k = hmac("HmacSHA256", k, "us-east-1");
        k = hmac("HmacSHA256", k, "s3");
        k = hmac("HmacSHA256", k, "aws4_request");
        byte[] sig = hmac("HmacSHA256", k, form.field("policy").orElseThrow());
        StringBuilder hex = new StringBuilder();
        for (byte b : sig) {
            hex.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        assertEquals(hex.toString(), form.field("x-amz-signature").orElseThrow());
    }

    @Test
    void v2FormSendsAccessKeyPolicyAndBase64HmacSha1Signature() throws Exception {
        PostForm form = PostFormSigner.v2(config(CREDS, null)).sign(PostFormRequest.builder()
                .bucket("examplebucket").key("k").policy(policy()).build());
        assertEquals(List.of("key", "acl", "Content-Type", "x-amz-meta-uuid", "AWSAccessKeyId", "policy", "signature"),
                names(form));
        assertEquals("AKIAIOSFODNN7EXAMPLE", form.field("AWSAccessKeyId").orElseThrow());
        String expected = Base64.getEncoder().encodeToString(hmac("HmacSHA1", SECRET.getBytes(StandardCharsets.UTF_8),
                form.field("policy").orElseThrow()));
        assertEquals(expected, form.field("signature").orElseThrow());
        assertTrue(form.policy().conditionsOn("x-amz-credential").isEmpty(), "no SigV4 conditions in a V2 policy");
        assertEquals("https://examplebucket.s3.amazonaws.com/", form.actionUrl().toString());
    }

    @Test
    void aSessionTokenIsSentAsFieldAndCondition() {
        PostForm v4 = PostFormSigner.v4(config(Credentials.of("ASIAEXAMPLE", SECRET, TOKEN), "us-east-1"))
                .sign(PostFormRequest.builder().bucket("examplebucket").key("k").policy(policy()).build());
        assertEquals(TOKEN, v4.field("x-amz-security-token").orElseThrow());
        assertEquals(List.of(PolicyCondition.exact("x-amz-security-token", TOKEN)),
                v4.policy().conditionsOn("x-amz-security-token"));
        PostForm v2 = PostFormSigner.v2(config(Credentials.of("ASIAEXAMPLE", SECRET, TOKEN), null))
                .sign(PostFormRequest.builder().bucket("examplebucket").key("k").policy(policy()).build());
        assertEquals(TOKEN, v2.field("x-amz-security-token").orElseThrow());
        assertEquals(1, v2.policy().conditionsOn("x-amz-security-token").size());
    }

    @Test
    void anExplicitTokenSuchAsADevPayUserTokenWinsOverTheSessionToken() {
        PostForm form = PostFormSigner.v2(config(Credentials.of("ASIAEXAMPLE", SECRET, TOKEN), null))
                .sign(PostFormRequest.builder().bucket("johnsmith").key("user/eric/${filename}").policy(policy())
                        .securityToken(USER_TOKEN).build());
        assertEquals(USER_TOKEN, form.field("x-amz-security-token").orElseThrow());
        assertEquals(List.of(PolicyCondition.exact("x-amz-security-token", USER_TOKEN)),
                form.policy().conditionsOn("x-amz-security-token"));
        for (String text : new String[] {form.toString(), form.policy().toString(), PostFormRequest.builder()
                .bucket("johnsmith").key("k").policy(policy()).securityToken(USER_TOKEN).build().toString()}) {
            assertFalse(text.contains(USER_TOKEN), text);
            assertFalse(text.contains(form.field("signature").orElseThrow()), text);
        }
    }

    @Test
    void signingIsDeterministicWithAFixedClock() {
        PostFormSigner s = PostFormSigner.v4(config(CREDS, "us-east-1"));
        PostFormRequest r = PostFormRequest.builder().bucket("examplebucket").key("k").policy(policy()).build();
        assertEquals(s.sign(r).fieldMap(), s.sign(r).fieldMap());
    }

    @Test
    void actionUrlsForAwsAndCustomEndpoints() {
        PostFormSigner s = PostFormSigner.v4(config(CREDS, "us-west-2"));
        assertEquals("https://examplebucket.s3.us-west-2.amazonaws.com/", url(s, "examplebucket", null, null));
        assertEquals("https://s3.us-west-2.amazonaws.com/examplebucket", url(s, "examplebucket", null, true));
        assertEquals("https://s3.us-west-2.amazonaws.com/my.dotted.bucket", url(s, "my.dotted.bucket", null, null));
        assertEquals("https://s3.us-west-2.amazonaws.com/Legacy_Bucket", url(s, "Legacy_Bucket", null, null));
        assertEquals("http://127.0.0.1:9000/examplebucket", url(s, "examplebucket", "http://127.0.0.1:9000", null));
        assertEquals("http://localhost:8080/examplebucket", url(s, "examplebucket", "http://localhost:8080/", null));
        assertEquals("http://examplebucket.minio.test:9000/", url(s, "examplebucket", "http://minio.test:9000", null));
        assertEquals("https://gw.example/s3/examplebucket", url(s, "examplebucket", "https://gw.example/s3/", true));
        PostFormSigner cn = PostFormSigner.v4(config(CREDS, "cn-north-1"));
        assertEquals("https://examplebucket.s3.cn-north-1.amazonaws.com.cn/", url(cn, "examplebucket", null, null));
    }

    private static String url(PostFormSigner s, String bucket, String endpoint, Boolean pathStyle) {
        PostFormRequest.Builder b = PostFormRequest.builder().bucket(bucket).key("k")
                .policy(PostPolicy.builder().expiration(EXPIRES).build());
        if (endpoint != null) {
            b.endpoint(URI.create(endpoint));
        }
        if (pathStyle != null) {
            b.pathStyle(pathStyle);
        }
        return s.sign(b.build()).actionUrl().toString();
    }

    @Test
    void theSignerRefusesFormsS3WouldReject() {
        PostFormSigner s = PostFormSigner.v4(config(CREDS, "us-east-1"));
        IllegalArgumentException uncovered = assertThrows(IllegalArgumentException.class, () -> s.sign(
                PostFormRequest.builder().bucket("b-1").key("k").policy(policy()).field("x-amz-meta-other", "1").build()));
        assertTrue(uncovered.getMessage().startsWith("field 'x-amz-meta-other': no policy condition covers it"),
                uncovered.getMessage());
        IllegalArgumentException violates = assertThrows(IllegalArgumentException.class, () -> s.sign(
                PostFormRequest.builder().bucket("b-1").key("k").policy(policy()).field("Content-Type", "text/html")
                        .build()));
        assertTrue(violates.getMessage().contains("[\"starts-with\", \"$Content-Type\", \"image/\"]"), violates.getMessage());
        IllegalArgumentException bucket = assertThrows(IllegalArgumentException.class, () -> s.sign(
                PostFormRequest.builder().bucket("b-1").key("k")
                        .policy(PostPolicy.builder().expiration(EXPIRES).bucket("b-2").build()).build()));
        assertTrue(bucket.getMessage().contains("$bucket"), bucket.getMessage());
        IllegalArgumentException noKey = assertThrows(IllegalArgumentException.class, () -> s.sign(
                PostFormRequest.builder().bucket("b-1").policy(policy()).build()));
        assertTrue(noKey.getMessage().startsWith("key:"), noKey.getMessage());
        IllegalArgumentException date = assertThrows(IllegalArgumentException.class, () -> s.sign(
                PostFormRequest.builder().bucket("b-1").key("k").policy(PostPolicy.builder().expiration(EXPIRES)
                        .exact("x-amz-date", "20200101T000000Z").build()).build()));
        assertTrue(date.getMessage().contains("x-amz-date"), date.getMessage());
        IllegalArgumentException expired = assertThrows(IllegalArgumentException.class, () -> s.sign(
                PostFormRequest.builder().bucket("b-1").key("k").policy(PostPolicy.builder().expiration(T0).build())
                        .build()));
        assertTrue(expired.getMessage().startsWith("expiration:"), expired.getMessage());
    }

    @Test
    void aVerbatimDocumentMustAlreadyHoldTheAuthenticationConditions() {
        PostFormSigner s = PostFormSigner.v4(config(CREDS, "us-east-1"));
        String doc = "{\"expiration\":\"2030-06-01T13:00:00Z\",\"conditions\":[{\"bucket\":\"b-1\"},{\"key\":\"k\"}]}";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.sign(PostFormRequest.builder().bucket("b-1").policyDocument(doc).build()));
        assertTrue(e.getMessage().startsWith("policy document: has no condition on 'x-amz-algorithm'"), e.getMessage());
        PostForm v2 = PostFormSigner.v2(config(CREDS, null)).sign(PostFormRequest.builder().bucket("b-1")
                .policyDocument(doc).build());
        assertEquals(Base64.getEncoder().encodeToString(doc.getBytes(StandardCharsets.UTF_8)),
                v2.field("policy").orElseThrow(), "signed byte for byte");
        assertEquals("k", v2.field("key").orElseThrow());
        assertThrows(IllegalArgumentException.class, () -> PostFormRequest.builder().policyDocument("{}"));
    }

    @Test
    void requestAndSignerBuildersRejectBadInputNamingTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PostFormSigner.v4(config(CREDS, null)))
                .getMessage().startsWith("region:"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PostFormSigner.v4(SigningConfig.builder().region("us-east-1").build()))
                .getMessage().startsWith("credentials:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PostFormRequest.builder().bucket("a/b"))
                .getMessage().startsWith("bucket:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PostFormRequest.builder().field("policy", "x"))
                .getMessage().startsWith("field 'policy'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PostFormRequest.builder().field("x-amz-security-token", "x")).getMessage()
                .startsWith("field 'x-amz-security-token'"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PostFormRequest.builder().field("acl", "a").field("ACL", "b")).getMessage()
                .contains("more than once"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PostFormRequest.builder().endpoint(URI.create("ftp://h"))).getMessage().startsWith("endpoint:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PostFormRequest.builder().bucket("b").build())
                .getMessage().startsWith("policy:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PostFormRequest.builder().securityToken("a\nb"))
                .getMessage().startsWith("securityToken:"));
    }

    @Test
    void htmlIsACompletePageWithEveryValueEscapedAndTheFileLast() {
        String tricky = "a\"b'c<d>e&f";
        PostPolicy p = PostPolicy.builder().expiration(EXPIRES).meta("note", tricky).contentTypeStartsWith("")
                .build();
        PostForm form = PostFormSigner.v4(config(Credentials.of("ASIAEXAMPLE", SECRET, TOKEN), "us-east-1"))
                .sign(PostFormRequest.builder().bucket("examplebucket").key("up/${filename}").policy(p).build());
        String html = form.toHtml();
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html"), html);
        assertTrue(html.contains("<meta charset=\"UTF-8\">"));
        assertTrue(html.contains("<form action=\"https://examplebucket.s3.us-east-1.amazonaws.com/\" method=\"post\""
                + " enctype=\"multipart/form-data\""), html);
        assertTrue(html.contains("<input type=\"hidden\" name=\"x-amz-meta-note\" value=\"a&quot;b&#39;c&lt;d&gt;e&amp;f\">"),
                html);
        assertFalse(html.contains(tricky));
        assertTrue(html.contains("name=\"key\" value=\"up/${filename}\""), "key is a text input");
        assertTrue(html.contains("<input type=\"text\" id=\"field-0\" name=\"key\""), html);
        // every field is present once, in order, and the file input is the last named control
        int at = 0;
        for (PostForm.Field f : form.fields()) {
            int i = html.indexOf("name=\"" + f.name() + "\"", at);
            assertTrue(i > at, "field " + f.name() + " in order");
            at = i;
        }
        String fileInput = "<input type=\"file\" id=\"file\" name=\"file\">";
        int file = html.indexOf(fileInput);
        assertTrue(file > at, "file after every field");
        assertEquals(-1, html.indexOf("name=", file + fileInput.length()), "no named control after the file");
        assertTrue(html.indexOf("<button type=\"submit\">Upload</button>") > file);
        assertTrue(html.trim().endsWith("</html>"));
        assertTrue(form.toHtml("<Title>", "Send & go").contains("<title>&lt;Title&gt;</title>"));
        assertTrue(form.toHtml("<Title>", "Send & go").contains(">Send &amp; go</button>"));
    }

    @Test
    void theInputsOfTheHtmlPageAreExactlyTheSignedFieldsAndPassTheEnforcer() {
        PostPolicy p = PostPolicy.builder().expiration(EXPIRES).meta("note", "a\"b'c<d>e&f \u00e9\ud83d\ude00")
                .successActionRedirect("https://example.com/done?a=1&b=2").contentLengthRange(1, 100).build();
        Credentials session = Credentials.of("ASIAEXAMPLE", SECRET, TOKEN);
        PostForm form = PostFormSigner.v4(config(session, "us-east-1")).sign(PostFormRequest.builder()
                .bucket("examplebucket").key("up/${filename}").policy(p).build());
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("<input type=\"(hidden|text)\"(?: id=\"[^\"]*\")? name=\"([^\"]*)\" value=\"([^\"]*)\">")
                .matcher(form.toHtml());
        PostSubmission.Builder b = PostSubmission.builder().bucket("examplebucket").fileName("cat.png").fileSize(10);
        Map<String, String> seen = new java.util.LinkedHashMap<>();
        while (m.find()) {
            seen.put(unescape(m.group(2)), unescape(m.group(3)));
            b.field(unescape(m.group(2)), unescape(m.group(3)));
        }
        assertEquals(form.fieldMap(), seen);
        assertTrue(PostPolicyEnforcer.create(dev.awssig.SecretLookup.of(session), Clock.fixed(T0, ZoneOffset.UTC))
                .verify(b.build()).isValid());
    }

    private static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&#13;", "\r").replace("&#10;", "\n").replace("&#9;", "\t").replace("&amp;", "&");
    }

    @Test
    void htmlKeepsLineBreaksOfHiddenValuesAsCharacterReferences() {
        PostForm form = PostFormSigner.v4(config(CREDS, "us-east-1")).sign(PostFormRequest.builder()
                .bucket("examplebucket").key("k").policy(PostPolicy.builder().expiration(EXPIRES)
                        .meta("lines", "a\r\nb\tc").build()).build());
        assertTrue(form.toHtml().contains("value=\"a&#13;&#10;b&#9;c\""), form.toHtml());
    }

    @Test
    void jsonHasTheUrlAndTheFieldsInOrder() throws Exception {
        PostForm form = PostFormSigner.v4(config(CREDS, "us-east-1")).sign(PostFormRequest.builder()
                .bucket("examplebucket").key("k\u00e9\"").policy(policy()).build());
        JsonNode tree = new ObjectMapper().readTree(form.toJson());
        assertEquals(form.actionUrl().toString(), tree.get("url").asText());
        Iterator<Map.Entry<String, JsonNode>> it = tree.get("fields").properties().iterator();
        for (PostForm.Field f : form.fields()) {
            Map.Entry<String, JsonNode> e = it.next();
            assertEquals(f.name(), e.getKey());
            assertEquals(f.value(), e.getValue().asText());
        }
        assertFalse(it.hasNext());
    }

    @Test
    void signatureOfAGivenPolicyUsesTheClocksDate() {
        PostFormSigner s = PostFormSigner.v4(config(CREDS, "us-east-1"));
        PostForm form = s.sign(PostFormRequest.builder().bucket("examplebucket").key("k").policy(policy()).build());
        assertEquals(form.field("x-amz-signature").orElseThrow(), s.signature(form.field("policy").orElseThrow()));
        assertEquals("AWS4-HMAC-SHA256", s.algorithm());
        assertEquals("AWS-S3-V2", PostFormSigner.v2(config(CREDS, null)).algorithm());
        assertEquals(PostFormSigner.Version.V4, s.version());
        assertFalse(s.toString().contains(SECRET));
    }

    private static byte[] hmac(String alg, byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance(alg);
        mac.init(new SecretKeySpec(key, alg));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }
}
