package dev.awssig.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.AuthError;
import dev.awssig.Credentials;
import dev.awssig.SecretLookup;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Enforcement of received POST forms: every condition kind passing and failing, and every rejection. */
class PostPolicyEnforcerTest {
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String TOKEN = "FQoGZXIvYXdzEXAMPLETOKENVALUE+/=";
    private static final Credentials CREDS = Credentials.of("AKIAIOSFODNN7EXAMPLE", SECRET);
    private static final Instant T0 = Instant.parse("2030-06-01T12:00:00Z");
    private static final Instant EXPIRES = T0.plusSeconds(3600);
    private static final SecretLookup LOOKUP = SecretLookup.of(CREDS);
    private static final PostPolicyEnforcer ENFORCER = PostPolicyEnforcer.builder().secretLookup(LOOKUP)
            .clock(Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC)).region("us-east-1").build();

    private static PostFormSigner v4(Credentials c) {
        return PostFormSigner.v4(SigningConfig.builder().credentials(c).region("us-east-1")
                .clock(Clock.fixed(T0, ZoneOffset.UTC)).build());
    }

    private static PostFormSigner v2(Credentials c) {
        return PostFormSigner.v2(SigningConfig.builder().credentials(c).clock(Clock.fixed(T0, ZoneOffset.UTC)).build());
    }

    /** A form with one condition of every kind. */
    private static PostForm richForm(PostFormSigner signer) {
        PostPolicy policy = PostPolicy.builder().expiration(EXPIRES)
                .acl("public-read")                                   // exact, object form
                .eq("x-amz-meta-color", "red")                        // exact, array form
                .contentTypeStartsWith("image/")                      // starts-with
                .metaStartsWith("tag", "")                            // starts-with "" (anything)
                .successActionStatus(201)
                .contentLengthRange(10, 1000)
                .build();
        return signer.sign(PostFormRequest.builder().bucket("examplebucket").key("user/eric/${filename}")
                .policy(policy).field("Content-Type", "image/png").build());
    }

    private static PostSubmission submission(PostForm form, UnaryOperator<Map<String, String>> edit, long size) {
        Map<String, String> fields = new LinkedHashMap<>(form.fieldMap());
        fields = edit.apply(fields);
        return PostSubmission.builder().bucket(form.bucket()).fields(fields).fileName("photo.png").fileSize(size).build();
    }

    private static VerificationResult verify(PostForm form, Consumer<Map<String, String>> edit, long size) {
        return ENFORCER.verify(submission(form, m -> {
            edit.accept(m);
            return m;
        }, size));
    }

    private static void assertRejected(VerificationResult r, AuthError error, String message) {
        assertFalse(r.isValid(), "expected a rejection");
        assertEquals(error, r.error().orElseThrow(), r::toString);
        assertEquals(message, r.message());
    }

    private static String policyFailed(String condition) {
        return "Invalid according to Policy: Policy Condition failed: " + condition;
    }

    @Test
    void aSignedV4FormPasses() {
        VerificationResult r = verify(richForm(v4(CREDS)), m -> { }, 100);
        assertTrue(r.isValid(), r::toString);
        assertEquals("AKIAIOSFODNN7EXAMPLE", r.accessKeyId().orElseThrow());
    }

    @Test
    void aSignedV2FormPasses() {
        VerificationResult r = verify(richForm(v2(CREDS)), m -> { }, 100);
        assertTrue(r.isValid(), r::toString);
    }

    @Test
    void exactMatchInObjectFormFails() {
        assertRejected(verify(richForm(v4(CREDS)), m -> m.put("acl", "private"), 100), AuthError.ACCESS_DENIED,
                policyFailed("[\"eq\", \"$acl\", \"public-read\"]"));
    }

    @Test
    void exactMatchInArrayFormFails() {
        assertRejected(verify(richForm(v4(CREDS)), m -> m.put("x-amz-meta-color", "Red"), 100), AuthError.ACCESS_DENIED,
                policyFailed("[\"eq\", \"$x-amz-meta-color\", \"red\"]"));
    }

    @Test
    void exactMatchOfAMissingFieldFails() {
        assertRejected(verify(richForm(v4(CREDS)), m -> m.remove("success_action_status"), 100),
                AuthError.ACCESS_DENIED, policyFailed("[\"eq\", \"$success_action_status\", \"201\"]"));
    }

    @Test
    void startsWithFails() {
        assertRejected(verify(richForm(v4(CREDS)), m -> m.put("key", "user/bob/x"), 100), AuthError.ACCESS_DENIED,
                policyFailed("[\"starts-with\", \"$key\", \"user/eric/\"]"));
        assertRejected(verify(richForm(v4(CREDS)), m -> m.put("Content-Type", "text/html"), 100),
                AuthError.ACCESS_DENIED, policyFailed("[\"starts-with\", \"$Content-Type\", \"image/\"]"));
    }

    @Test
    void startsWithAnEmptyPrefixAllowsAnyValueOrNone() {
        assertTrue(verify(richForm(v4(CREDS)), m -> m.put("x-amz-meta-tag", "anything at all \u00e9"), 100).isValid());
        assertTrue(verify(richForm(v4(CREDS)), m -> m.remove("x-amz-meta-tag"), 100).isValid());
    }

    @Test
    void fieldNamesAreComparedCaseInsensitively() {
        VerificationResult ok = verify(richForm(v4(CREDS)), m -> {
            String v = m.remove("Content-Type");
            m.put("content-TYPE", v);
        }, 100);
        assertTrue(ok.isValid(), ok::toString);
        assertRejected(verify(richForm(v4(CREDS)), m -> {
            m.remove("Content-Type");
            m.put("CONTENT-TYPE", "text/plain");
        }, 100), AuthError.ACCESS_DENIED, policyFailed("[\"starts-with\", \"$Content-Type\", \"image/\"]"));
    }

    @Test
    void filenameVariableIsReplacedByTheBaseNameOfTheFile() {
        PostPolicy policy = PostPolicy.builder().expiration(EXPIRES).key("user/eric/photo.png").build();
        PostForm form = v4(CREDS).sign(PostFormRequest.builder().bucket("examplebucket").policy(policy).build());
        // the key condition is exact, the form's key field uses ${filename}
        PostSubmission.Builder b = PostSubmission.builder().bucket("examplebucket").fileSize(5);
        for (Map.Entry<String, String> e : form.fieldMap().entrySet()) {
            b.field(e.getKey(), e.getKey().equals("key") ? "user/eric/${filename}" : e.getValue());
        }
        assertTrue(ENFORCER.verify(b.fileName("C:\\Users\\eric\\photo.png").build()).isValid());
        assertTrue(ENFORCER.verify(b.fileName("/home/eric/photo.png").build()).isValid());
        assertRejected(ENFORCER.verify(b.fileName("other.png").build()), AuthError.ACCESS_DENIED,
                policyFailed("[\"eq\", \"$key\", \"user/eric/photo.png\"]"));
    }

    @Test
    void bucketConditionIsCheckedAgainstTheRequestsBucket() {
        PostForm form = richForm(v4(CREDS));
        PostSubmission.Builder b = PostSubmission.builder().bucket("otherbucket").fields(form.fieldMap()).fileSize(100);
        assertRejected(ENFORCER.verify(b.build()), AuthError.ACCESS_DENIED,
                policyFailed("[\"eq\", \"$bucket\", \"examplebucket\"]"));
    }

    @Test
    void contentLengthRangeIsInclusive() {
        PostForm form = richForm(v4(CREDS));
        assertTrue(verify(form, m -> { }, 10).isValid());
        assertTrue(verify(form, m -> { }, 1000).isValid());
        assertRejected(verify(form, m -> { }, 1001), AuthError.ENTITY_TOO_LARGE,
                "Your proposed upload exceeds the maximum allowed size");
        assertRejected(verify(form, m -> { }, 9), AuthError.ENTITY_TOO_SMALL,
                "Your proposed upload is smaller than the minimum allowed size");
    }

    @Test
    void withoutARangeS3sFiveGigabyteLimitApplies() {
        PostForm form = v4(CREDS).sign(PostFormRequest.builder().bucket("b-1").key("k")
                .policy(PostPolicy.builder().expiration(EXPIRES).build()).build());
        assertTrue(verify(form, m -> { }, 5L << 30).isValid());
        assertRejected(verify(form, m -> { }, (5L << 30) + 1), AuthError.ENTITY_TOO_LARGE,
                "Your proposed upload exceeds the maximum allowed size");
    }

    @Test
    void fieldsNotCoveredByAConditionAreRejected() {
        assertRejected(verify(richForm(v4(CREDS)), m -> {
            m.put("x-amz-meta-extra", "1");
            m.put("Cache-Control", "no-cache");
        }, 100), AuthError.ACCESS_DENIED, "Invalid according to Policy: Extra input fields: x-amz-meta-extra, Cache-Control");
    }

    @Test
    void exemptFieldsNeedNoCondition() {
        VerificationResult r = verify(richForm(v4(CREDS)), m -> {
            m.put("x-ignore-tracking", "1");
            m.put("X-Ignore-Other", "2");
        }, 100);
        assertTrue(r.isValid(), r::toString);
    }

    @Test
    void fieldsAfterTheFileAreIgnoredAsS3Does() {
        VerificationResult r = verify(richForm(v4(CREDS)), m -> {
            m.put("file", "");
            m.put("submit", "Upload");
        }, 100);
        assertTrue(r.isValid(), r::toString);
    }

    @Test
    void anExpiredPolicyIsRejected() {
        PostForm form = richForm(v4(CREDS));
        PostSubmission s = submission(form, m -> m, 100);
        assertTrue(ENFORCER.verify(s, LOOKUP, EXPIRES).isValid(), "valid up to and including the expiration");
        assertRejected(ENFORCER.verify(s, LOOKUP, EXPIRES.plusMillis(1)), AuthError.ACCESS_DENIED,
                "Invalid according to Policy: Policy expired.");
    }

    @Test
    void anAlteredPolicyIsRejected() {
        PostForm form = richForm(v4(CREDS));
        PostPolicy wider = form.policy().toBuilder().removeConditions("content-length-range").build();
        String altered = wider.toBase64();
        VerificationResult r = verify(form, m -> m.put("policy", altered), 100);
        assertRejected(r, AuthError.SIGNATURE_DOES_NOT_MATCH, "The request signature we calculated does not match"
                + " the signature you provided. Check your key and signing method.");
        assertEquals(altered, r.stringToSign().orElseThrow());
        assertRejected(verify(richForm(v2(CREDS)), m -> m.put("policy", altered), 100), AuthError.SIGNATURE_DOES_NOT_MATCH,
                r.message());
    }

    @Test
    void anAlteredSignatureIsRejected() {
        PostForm form = richForm(v4(CREDS));
        String sig = form.field("x-amz-signature").orElseThrow();
        String flipped = (sig.charAt(0) == '0' ? '1' : '0') + sig.substring(1);
        VerificationResult r = verify(form, m -> m.put("x-amz-signature", flipped), 100);
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, r.error().orElseThrow());
        assertFalse(r.message().contains(sig), "the expected signature is never disclosed");
        assertFalse(r.toString().contains(sig));

        PostForm f2 = richForm(v2(CREDS));
        String sig2 = f2.field("signature").orElseThrow();
        String flipped2 = (sig2.charAt(0) == 'A' ? 'B' : 'A') + sig2.substring(1);
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH,
                verify(f2, m -> m.put("signature", flipped2), 100).error().orElseThrow());
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH,
                verify(form, m -> m.put("x-amz-signature", sig.toUpperCase(java.util.Locale.ROOT)), 100)
                        .error().orElseThrow());
    }

    @Test
    void aFormSignedWithAnotherSecretIsRejected() {
        PostForm form = richForm(v4(Credentials.of("AKIAIOSFODNN7EXAMPLE", "another-secret")));
        assertEquals(AuthError.SIGNATURE_DOES_NOT_MATCH, verify(form, m -> { }, 100).error().orElseThrow());
    }

    @Test
    void anUnknownAccessKeyIsRejected() {
        PostForm form = richForm(v4(Credentials.of("AKIDUNKNOWN", SECRET)));
        VerificationResult r = verify(form, m -> { }, 100);
        assertRejected(r, AuthError.INVALID_ACCESS_KEY_ID,
                "The AWS Access Key Id you provided does not exist in our records.");
        assertEquals("AKIDUNKNOWN", r.accessKeyId().orElseThrow());
        assertEquals(AuthError.INVALID_ACCESS_KEY_ID,
                verify(richForm(v2(Credentials.of("AKIDUNKNOWN", SECRET))), m -> { }, 100).error().orElseThrow());
    }

    @Test
    void missingRequiredFieldsAreNamed() {
        PostForm form = richForm(v4(CREDS));
        for (String f : new String[] {"policy", "x-amz-signature", "x-amz-credential", "x-amz-date", "x-amz-algorithm",
            "key"}) {
            VerificationResult r = verify(form, m -> m.remove(f), 100);
            assertRejected(r, AuthError.INVALID_ARGUMENT, "Bucket POST must contain a field named '" + f
                    + "'.  If it is specified, please check the order of the fields.");
        }
        PostForm f2 = richForm(v2(CREDS));
        assertRejected(verify(f2, m -> m.remove("signature"), 100), AuthError.INVALID_ARGUMENT,
                "Bucket POST must contain a field named 'signature'.  If it is specified, please check the order of"
                        + " the fields.");
        assertRejected(verify(f2, m -> m.remove("AWSAccessKeyId"), 100), AuthError.INVALID_ARGUMENT,
                "Bucket POST must contain a field named 'AWSAccessKeyId'.  If it is specified, please check the order"
                        + " of the fields.");
    }

    @Test
    void aFieldSentTwiceIsMalformed() {
        PostForm form = richForm(v4(CREDS));
        PostSubmission.Builder b = PostSubmission.builder().bucket(form.bucket()).fields(form.fieldMap()).fileSize(100)
                .field("ACL", "public-read");
        VerificationResult r = ENFORCER.verify(b.build());
        assertEquals(AuthError.MALFORMED_POST_REQUEST, r.error().orElseThrow());
        assertTrue(r.message().contains("'ACL' appears more than once"), r.message());
    }

    @Test
    void aCorrectlySignedPolicyThatIsNotValidJsonIsAnInvalidPolicyDocument() {
        PostFormSigner signer = v4(CREDS);
        PostForm form = richForm(signer);
        for (String doc : new String[] {"{\"conditions\":[]}", "{not json", "{\"expiration\":\"2030-06-01T13:00:00Z\","
                + "\"conditions\":[[\"matches\",\"$key\",\".*\"]]}"}) {
            String b64 = Base64.getEncoder().encodeToString(doc.getBytes(StandardCharsets.UTF_8));
            String sig = signer.signature(b64);
            VerificationResult r = verify(form, m -> {
                m.put("policy", b64);
                m.put("x-amz-signature", sig);
            }, 100);
            assertEquals(AuthError.INVALID_POLICY_DOCUMENT, r.error().orElseThrow(), doc);
            assertTrue(r.message().startsWith("Invalid Policy: "), r.message());
        }
    }

    @Test
    void aTooLargePolicyFieldIsRejectedBeforeAnyWork() {
        PostPolicyEnforcer small = PostPolicyEnforcer.builder().maxPolicyLength(64).build();
        VerificationResult r = small.verify(submission(richForm(v4(CREDS)), m -> m, 100), LOOKUP, T0);
        assertEquals(AuthError.INVALID_POLICY_DOCUMENT, r.error().orElseThrow());
    }

    @Test
    void aCredentialForAnotherRegionIsRejectedWhenTheRegionIsConfigured() {
        PostForm form = PostFormSigner.v4(SigningConfig.builder().credentials(CREDS).region("eu-west-1")
                .clock(Clock.fixed(T0, ZoneOffset.UTC)).build()).sign(PostFormRequest.builder().bucket("b-1").key("k")
                .policy(PostPolicy.builder().expiration(EXPIRES).build()).build());
        assertRejected(verify(form, m -> { }, 1), AuthError.AUTHORIZATION_HEADER_MALFORMED,
                "Error parsing the X-Amz-Credential parameter; the region 'eu-west-1' is wrong; expecting 'us-east-1'");
        assertTrue(PostPolicyEnforcer.create(LOOKUP, Clock.fixed(T0, ZoneOffset.UTC))
                .verify(submission(form, m -> m, 1)).isValid(), "any region when none is configured");
    }

    @Test
    void malformedSigV4FieldsAreInvalidArguments() {
        PostForm form = richForm(v4(CREDS));
        assertEquals(AuthError.INVALID_ARGUMENT, verify(form, m -> m.put("x-amz-algorithm", "AWS4-HMAC-SHA1"), 100)
                .error().orElseThrow());
        assertEquals(AuthError.INVALID_ARGUMENT, verify(form, m -> m.put("x-amz-credential", "AKID/20300601/us-east-1"), 100)
                .error().orElseThrow());
        assertEquals(AuthError.INVALID_ARGUMENT, verify(form, m -> m.put("x-amz-date", "2030-06-01"), 100)
                .error().orElseThrow());
        assertRejected(verify(form, m -> m.put("x-amz-date", "20300602T000000Z"), 100), AuthError.INVALID_ARGUMENT,
                "Invalid credential date. Date is not the same as X-Amz-Date.");
    }

    @Test
    void mixedOrMissingAuthenticationIsRejected() {
        PostForm form = richForm(v4(CREDS));
        assertEquals(AuthError.INVALID_ARGUMENT,
                verify(form, m -> m.put("AWSAccessKeyId", "AKIAIOSFODNN7EXAMPLE"), 100).error().orElseThrow());
        VerificationResult anon = ENFORCER.verify(PostSubmission.builder().bucket("b-1").field("key", "k")
                .fileSize(1).build());
        assertEquals(AuthError.ACCESS_DENIED, anon.error().orElseThrow());
    }

    @Test
    void theSecurityTokenIsAFieldAndAConditionAndNeverInAMessage() {
        PostForm form = richForm(v4(Credentials.of("AKIAIOSFODNN7EXAMPLE", SECRET, TOKEN)));
        assertEquals(TOKEN, form.field("x-amz-security-token").orElseThrow());
        assertEquals(1, form.policy().conditionsOn("x-amz-security-token").size());
        assertTrue(verify(form, m -> { }, 100).isValid());
        VerificationResult r = verify(form, m -> m.put("x-amz-security-token", "other"), 100);
        assertRejected(r, AuthError.ACCESS_DENIED, policyFailed("[\"eq\", \"$x-amz-security-token\", \"****\"]"));
        assertFalse(r.toString().contains(TOKEN));
        VerificationResult missing = verify(form, m -> m.remove("x-amz-security-token"), 100);
        assertEquals(AuthError.ACCESS_DENIED, missing.error().orElseThrow());
        assertFalse(missing.message().contains(TOKEN));
    }

    @Test
    void messagesAndDescriptionsNeverContainTheSecretOrSignature() {
        PostForm form = richForm(v4(Credentials.of("AKIAIOSFODNN7EXAMPLE", SECRET, TOKEN)));
        String sig = form.field("x-amz-signature").orElseThrow();
        PostSubmission s = submission(form, m -> m, 100);
        for (String text : new String[] {s.toString(), form.toString(), ENFORCER.toString(),
            verify(form, m -> m.put("x-amz-signature", "0" + sig.substring(1)), 100).toString()}) {
            assertFalse(text.contains(SECRET), text);
            assertFalse(text.contains(TOKEN), text);
            assertFalse(text.contains(sig.substring(1)), text);
        }
    }

    @Test
    void verifyWithoutConfiguredLookupOrClockIsAnError() {
        PostSubmission s = submission(richForm(v4(CREDS)), m -> m, 100);
        assertThrows(IllegalStateException.class, () -> PostPolicyEnforcer.builder().build().verify(s));
    }

    @Test
    void submissionBuilderRejectsBadInput() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PostSubmission.builder().fileSize(-1))
                .getMessage().startsWith("fileSize:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PostSubmission.builder().fileSize(1).build())
                .getMessage().startsWith("bucket:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PostSubmission.builder().bucket("b").build())
                .getMessage().startsWith("fileSize:"));
    }
}
