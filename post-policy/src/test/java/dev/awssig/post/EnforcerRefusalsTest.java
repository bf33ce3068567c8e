package dev.awssig.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.AuthError;
import dev.awssig.Credentials;
import dev.awssig.SecretLookup;
import dev.awssig.VerificationLimits;
import dev.awssig.VerificationResult;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each refusal of {@link PostPolicyEnforcer} for the one reason it names, on forms signed by an
 * independent implementation of the AWS POST signatures written here with the JDK's {@code Mac}
 * (SigV4: HMAC-SHA256 of the Base64 policy under the derived signing key; SigV2: Base64 of
 * HMAC-SHA1 of the Base64 policy), so that only the one flaw under test is wrong; and the edges
 * that are accepted (a limit reached exactly, the expiration's own instant).
 */
class EnforcerRefusalsTest {
    private static final String ID = "AKIAIOSFODNN7EXAMPLE";
    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final Instant T0 = Instant.parse("2030-06-01T12:00:00Z");
    private static final String AMZ_DATE = "20300601T120000Z";
    private static final String SCOPE = ID + "/20300601/us-east-1/s3/aws4_request";
    private static final String EXPIRATION = "2030-06-01T13:00:00Z";
    private static final SecretLookup LOOKUP = SecretLookup.of(Credentials.of(ID, SECRET));

    // ---- the oracle: AWS POST signatures with the JDK only

    private static byte[] hmac(String algorithm, byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance(algorithm);
            mac.init(new SecretKeySpec(key, algorithm));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static String v4Signature(String stamp, String region, String service, String policyB64) {
        byte[] k = hmac("HmacSHA256", ("AWS4" + SECRET).getBytes(StandardCharsets.UTF_8), stamp);
        k = hmac("HmacSHA256", k, region);
        k = hmac("HmacSHA256", k, service);
        k = hmac("HmacSHA256", k, "aws4_request");
        return HexFormat.of().formatHex(hmac("HmacSHA256", k, policyB64));
    }

    private static String v2Signature(String policyB64) {
        return Base64.getEncoder().encodeToString(hmac("HmacSHA1", SECRET.getBytes(StandardCharsets.UTF_8), policyB64));
    }

    private static String b64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String policy(String expiration, String extraConditions) {
        return "{\"expiration\":\"" + expiration + "\",\"conditions\":[{\"bucket\":\"examplebucket\"},"
                + "[\"starts-with\",\"$key\",\"user/\"],{\"x-amz-algorithm\":\"AWS4-HMAC-SHA256\"},"
                + "[\"starts-with\",\"$x-amz-credential\",\"\"],[\"starts-with\",\"$x-amz-date\",\"\"]"
                + extraConditions + "]}";
    }

    /** A SigV4 form over the policy, signed for the scope the credential names. */
    private static Map<String, String> v4Form(String credential, String amzDate, String policyJson) {
        String p = b64(policyJson);
        String[] scope = (credential + "/x/x/x/x").split("/", -1);
        Map<String, String> f = new LinkedHashMap<>();
        f.put("key", "user/cat.png");
        f.put("x-amz-algorithm", "AWS4-HMAC-SHA256");
        f.put("x-amz-credential", credential);
        f.put("x-amz-date", amzDate);
        f.put("policy", p);
        f.put("x-amz-signature", v4Signature(scope[1], scope[2], scope[3], p));
        return f;
    }

    private static Map<String, String> v4Form() {
        return v4Form(SCOPE, AMZ_DATE, policy(EXPIRATION, ""));
    }

    /** A good SigV4 form with one more field sent before all of its own. */
    private static Map<String, String> v4FormPrecededBy(String name, String value) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put(name, value);
        f.putAll(v4Form());
        return f;
    }

    private static Map<String, String> v2Form(String accessKeyId) {
        String p = b64("{\"expiration\":\"" + EXPIRATION + "\",\"conditions\":[{\"bucket\":\"examplebucket\"},"
                + "[\"starts-with\",\"$key\",\"user/\"]]}");
        Map<String, String> f = new LinkedHashMap<>();
        f.put("key", "user/cat.png");
        f.put("AWSAccessKeyId", accessKeyId);
        f.put("policy", p);
        f.put("signature", v2Signature(p));
        return f;
    }

    private static PostPolicyEnforcer.Builder enforcer() {
        return PostPolicyEnforcer.builder().secretLookup(LOOKUP).clock(Clock.fixed(T0, ZoneOffset.UTC));
    }

    private static VerificationResult submit(PostPolicyEnforcer e, Map<String, String> fields, String fileName) {
        return e.verify(PostSubmission.builder().bucket("examplebucket").fields(fields).fileName(fileName)
                .fileSize(10).build());
    }

    private static VerificationResult submit(Map<String, String> fields) {
        return submit(enforcer().build(), fields, "cat.png");
    }

    private static void assertRefused(VerificationResult r, AuthError code, String inMessage) {
        assertEquals(code, r.error().orElse(null), r::toString);
        assertTrue(r.message().contains(inMessage), r.message());
    }

    // ---- the oracle agrees with the enforcer on good forms

    @Test
    void formsSignedByTheJdkOracleAreAccepted() {
        VerificationResult v4 = submit(v4Form());
        assertTrue(v4.isValid(), v4::toString);
        VerificationResult v2 = submit(v2Form(ID));
        assertTrue(v2.isValid(), v2::toString);
    }

    // ---- which kind of form, and the field it lacks

    @ParameterizedTest
    @CsvSource({
        "X-Amz-Algorithm,  x-amz-credential",
        "X-Amz-Credential, x-amz-algorithm",
        "X-Amz-Signature,  x-amz-algorithm",
        "X-Amz-Date,       AWSAccessKeyId",
        "AWSAccessKeyId,   signature",
        "Signature,        AWSAccessKeyId",
        "x-ignore-none,    AWSAccessKeyId",
    })
    void oneAuthFieldMakesTheFormThatKindAndTheFirstFieldItLacksIsNamed(String present, String missing) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("key", "user/cat.png");
        f.put(present, "v");
        f.put("policy", b64(policy(EXPIRATION, "")));
        assertRefused(submit(f), AuthError.INVALID_ARGUMENT, "must contain a field named '" + missing + "'");
    }

    @Test
    void aFormWithoutPolicyOrKeyIsRefusedNamingIt() {
        Map<String, String> noPolicy = v4Form();
        noPolicy.remove("policy");
        assertRefused(submit(noPolicy), AuthError.INVALID_ARGUMENT, "must contain a field named 'policy'");
        Map<String, String> noKey = v4Form();
        noKey.remove("key");
        assertRefused(submit(noKey), AuthError.INVALID_ARGUMENT, "must contain a field named 'key'");
        Map<String, String> noDate = v4Form();
        noDate.remove("x-amz-date");
        assertRefused(submit(noDate), AuthError.INVALID_ARGUMENT, "must contain a field named 'x-amz-date'");
    }

    @Test
    void aFormWithNeitherPolicyNorAuthFieldsIsAnAnonymousUploadAndDenied() {
        assertRefused(submit(Map.of("key", "user/cat.png")), AuthError.ACCESS_DENIED, "not signed");
    }

    /** A form with no field at all before the file (none, or the file first) is answered as unsigned, not thrown on. */
    @Test
    void aFormWithNoFieldBeforeTheFileIsAnAnonymousUploadAndDenied() {
        VerificationResult none = enforcer().build().verify(PostSubmission.builder().bucket("examplebucket")
                .fileSize(10).build());
        assertRefused(none, AuthError.ACCESS_DENIED, "not signed");
        Map<String, String> fileFirst = new LinkedHashMap<>();
        fileFirst.put("file", "");
        fileFirst.putAll(v4Form());
        assertRefused(submit(fileFirst), AuthError.ACCESS_DENIED, "not signed");
    }

    @Test
    void aFormWithBothSigV2AndSigV4FieldsIsRefused() {
        Map<String, String> f = v4Form();
        f.put("AWSAccessKeyId", ID);
        assertRefused(submit(f), AuthError.INVALID_ARGUMENT, "Only one auth mechanism allowed");
    }

    @Test
    void aSigV4FormWithAnExtraSignatureFieldIsRefusedAsTwoAuthMechanisms() {
        for (String v2Field : new String[] {"Signature", "AWSAccessKeyId"}) {
            Map<String, String> f = v4Form();
            f.put(v2Field, "anything");
            assertRefused(submit(f), AuthError.INVALID_ARGUMENT, "Only one auth mechanism allowed");
        }
    }

    // ---- the credential scope

    @ParameterizedTest
    @ValueSource(strings = {
        ID + "/20300601/us-east-1/s3",
        ID + "/20300601/us-east-1/s3/aws4_request/x",
        "/20300601/us-east-1/s3/aws4_request",
        ID + "/2030060/us-east-1/s3/aws4_request",
        ID + "/203006011/us-east-1/s3/aws4_request",
        ID + "/20300601//s3/aws4_request",
        ID + "/20300601/us-east-1/s3/aws4_requesT",
        ID + "/20300601/us-east-1/s3/",
    })
    void aMalformedCredentialScopeIsInvalidArgument(String credential) {
        assertRefused(submit(v4Form(credential, AMZ_DATE, policy(EXPIRATION, ""))), AuthError.INVALID_ARGUMENT,
                "Invalid x-amz-credential");
    }

    @Test
    void aScopeDateOtherThanTheDayOfXAmzDateIsInvalidArgument() {
        assertRefused(submit(v4Form(ID + "/20300602/us-east-1/s3/aws4_request", AMZ_DATE, policy(EXPIRATION, ""))),
                AuthError.INVALID_ARGUMENT, "Date is not the same as X-Amz-Date");
        assertRefused(submit(v4Form(SCOPE, "2030-06-01T12:00:00Z", policy(EXPIRATION, ""))),
                AuthError.INVALID_ARGUMENT, "Invalid x-amz-date");
    }

    @Test
    void aScopeForAnotherRegionIsRefusedOnlyWhenTheEnforcerIsScopedToARegion() {
        Map<String, String> eu = v4Form(ID + "/20300601/eu-west-1/s3/aws4_request", AMZ_DATE, policy(EXPIRATION, ""));
        VerificationResult any = submit(eu);
        assertTrue(any.isValid(), any::toString);
        assertRefused(submit(enforcer().region("us-east-1").build(), eu, "cat.png"),
                AuthError.AUTHORIZATION_HEADER_MALFORMED, "the region 'eu-west-1' is wrong; expecting 'us-east-1'");
        VerificationResult same = submit(enforcer().region("eu-west-1").build(), eu, "cat.png");
        assertTrue(same.isValid(), same::toString);
    }

    @Test
    void aScopeForAnotherServiceIsRefusedAndTheConfiguredServiceAccepted() {
        Map<String, String> sqs = v4Form(ID + "/20300601/us-east-1/sqs/aws4_request", AMZ_DATE, policy(EXPIRATION, ""));
        assertRefused(submit(sqs), AuthError.AUTHORIZATION_HEADER_MALFORMED, "incorrect service 'sqs'");
        VerificationResult ok = submit(enforcer().service("sqs").build(), sqs, "cat.png");
        assertTrue(ok.isValid(), ok::toString);
        assertRefused(submit(enforcer().service("sqs").build(), v4Form(), "cat.png"),
                AuthError.AUTHORIZATION_HEADER_MALFORMED, "incorrect service 's3'");
    }

    @Test
    void anEmptyOrUnknownAccessKeyIdIsInvalidAccessKeyId() {
        assertRefused(submit(v2Form("")), AuthError.INVALID_ACCESS_KEY_ID, "does not exist in our records");
        assertRefused(submit(v2Form("AKIDUNKNOWN")), AuthError.INVALID_ACCESS_KEY_ID, "does not exist in our records");
        // an empty id is not looked up at all, even by a lookup that would answer it
        SecretLookup answersEveryId = id -> Optional.of(SECRET);
        assertRefused(enforcer().build().verify(PostSubmission.builder().bucket("examplebucket").fields(v2Form(""))
                .fileSize(10).build(), answersEveryId, T0), AuthError.INVALID_ACCESS_KEY_ID, "does not exist in our records");
        assertTrue(enforcer().build().verify(PostSubmission.builder().bucket("examplebucket").fields(v2Form("AKIDOTHER"))
                .fileSize(10).build(), answersEveryId, T0).isValid());
    }

    // ---- limits, reached exactly and by one more

    @Test
    void aPolicyFieldOfExactlyMaxPolicyLengthIsAcceptedAndOneCharacterLongerRefused() {
        Map<String, String> f = v4Form();
        int length = f.get("policy").length();
        VerificationResult atLimit = submit(enforcer().maxPolicyLength(length).build(), f, "cat.png");
        assertTrue(atLimit.isValid(), atLimit::toString);
        assertRefused(submit(enforcer().maxPolicyLength(length - 1).build(), f, "cat.png"),
                AuthError.INVALID_POLICY_DOCUMENT, "the policy field is " + length + " characters, more than the "
                        + (length - 1) + " allowed");
    }

    @Test
    void maxPolicyLengthIsAtLeastSixtyFourCharacters() {
        PostPolicyEnforcer smallest = enforcer().maxPolicyLength(64).build();
        assertTrue(smallest.toString().contains("maxPolicyLength=64"), smallest::toString);
        assertThrows(IllegalArgumentException.class, () -> PostPolicyEnforcer.builder().maxPolicyLength(63));
    }

    @Test
    void fieldsBeforeTheFileAreCountedInUtf8BytesAndMayFillTheLimitExactly() {
        // one character at each edge of the UTF-8 lengths: 1, 2, 2, 3, 3 and 4 bytes
        String value = "\u007f\u0080\u07ff\u0800\uffff\uD83D\uDE00";
        Map<String, String> f = v4Form();
        f.put("x-ignore-\u00e9\u0800", value);
        int total = 0;
        for (Map.Entry<String, String> e : f.entrySet()) {
            total += e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().getBytes(StandardCharsets.UTF_8).length;
        }
        f.put("file", "ignored: the count stops at the file");
        VerificationResult exact = submit(enforcer().limits(VerificationLimits.builder().maxPostFieldsBytes(total)
                .build()).build(), f, "cat.png");
        assertTrue(exact.isValid(), exact::toString);
        assertRefused(submit(enforcer().limits(VerificationLimits.builder().maxPostFieldsBytes(total - 1).build())
                .build(), f, "cat.png"), AuthError.MAX_POST_PRE_DATA_LENGTH_EXCEEDED, "more than " + (total - 1));
    }

    // ---- fields that are not text

    @ParameterizedTest
    @ValueSource(strings = {"\uDE00\uDE00", "\uD83Dx", "x\uD83D", "\uDE00", "a\uD83D\uD83D"})
    void aLoneSurrogateInAFieldNameOrValueIsMalformedPostRequestSayingWhich(String text) {
        Map<String, String> inValue = v4FormPrecededBy("x-ignore-a", text);
        assertRefused(submit(inValue), AuthError.MALFORMED_POST_REQUEST,
                "(the value of field 'x-ignore-a' is not text: it has a lone UTF-16 surrogate)");
        Map<String, String> inName = v4FormPrecededBy("x-ignore-" + text, "v");
        assertRefused(submit(inName), AuthError.MALFORMED_POST_REQUEST,
                "(the name of a field is not text: it has a lone UTF-16 surrogate)");
    }

    @Test
    void aFieldWithAnEmptyNameAndALoneSurrogateValueIsRefusedForItsValue() {
        Map<String, String> f = v4FormPrecededBy("", "\uD800");
        assertRefused(submit(f), AuthError.MALFORMED_POST_REQUEST,
                "(the value of field '' is not text: it has a lone UTF-16 surrogate)");
    }

    @Test
    void aFieldWithAnEmptyNameIsMalformedPostRequestSayingItHasNoName() {
        Map<String, String> f = v4FormPrecededBy("", "v");
        assertRefused(submit(f), AuthError.MALFORMED_POST_REQUEST, "(a field has no name)");
    }

    // ---- ${filename}

    @Test
    void withoutAFileNameThePlaceholderIsLeftAsWritten() {
        Map<String, String> f = v4Form(SCOPE, AMZ_DATE, policy(EXPIRATION, ",{\"key\":\"user/${filename}\"}"));
        f.put("key", "user/${filename}");
        VerificationResult r = enforcer().build().verify(PostSubmission.builder().bucket("examplebucket").fields(f)
                .fileSize(10).build());
        assertTrue(r.isValid(), r::toString);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cat.png", "photos/2030/cat.png", "C:\\Users\\me\\cat.png", "a/b\\cat.png", "a\\b/cat.png"})
    void filenameInAFieldIsReplacedByTheBaseNameOfTheUploadedFile(String fileName) {
        Map<String, String> f = v4Form(SCOPE, AMZ_DATE, policy(EXPIRATION, ",{\"key\":\"user/cat.png\"}"));
        f.put("key", "user/${filename}");
        VerificationResult r = submit(enforcer().build(), f, fileName);
        assertTrue(r.isValid(), r::toString);
        assertRefused(submit(enforcer().build(), f, "dog.png"), AuthError.ACCESS_DENIED,
                "Policy Condition failed: [\"eq\", \"$key\", \"user/cat.png\"]");
    }

    /**
     * A policy field with a character outside ASCII (no Base64 holds one) is still signature-checked
     * over its UTF-8 bytes, as the AWS POST signatures are computed: signed so by the JDK oracle, it
     * passes the signature check and is refused as a policy that is not Base64; with any other
     * signature it is a mismatch.
     */
    @Test
    void aPolicyFieldOutsideAsciiIsSignedAsUtf8AndRefusedAsNotBase64() {
        String policy = "\u00e9" + b64(policy(EXPIRATION, ""));
        Map<String, String> v4 = v4Form();
        v4.put("policy", policy);
        v4.put("x-amz-signature", v4Signature("20300601", "us-east-1", "s3", policy));
        assertRefused(submit(v4), AuthError.INVALID_POLICY_DOCUMENT, "Invalid Base64 encoding of the policy");
        v4.put("x-amz-signature", v4Signature("20300601", "us-east-1", "s3", policy.substring(1)));
        assertRefused(submit(v4), AuthError.SIGNATURE_DOES_NOT_MATCH, "does not match");
        Map<String, String> v2 = v2Form(ID);
        v2.put("policy", policy);
        v2.put("signature", v2Signature(policy));
        assertRefused(submit(v2), AuthError.INVALID_POLICY_DOCUMENT, "Invalid Base64 encoding of the policy");
    }

    // ---- conditions

    /**
     * A signed policy with an empty list of conditions covers no field: every field that is not
     * exempt (all but the signature, the policy and, for SigV2, the access key id) is named as an
     * extra input field, in the form's order (the AWS POST documentation: each field of the form
     * must appear in the conditions).
     */
    @Test
    void aPolicyWithNoConditionsLeavesEveryFieldThatIsNotExemptExtra() {
        String empty = "{\"expiration\":\"" + EXPIRATION + "\",\"conditions\":[]}";
        assertRefused(submit(v4Form(SCOPE, AMZ_DATE, empty)), AuthError.ACCESS_DENIED,
                "Invalid according to Policy: Extra input fields: key, x-amz-algorithm, x-amz-credential, x-amz-date");
        String p = b64(empty);
        Map<String, String> v2 = new LinkedHashMap<>();
        v2.put("key", "user/cat.png");
        v2.put("AWSAccessKeyId", ID);
        v2.put("policy", p);
        v2.put("signature", v2Signature(p));
        VerificationResult r = submit(v2);
        assertEquals(AuthError.ACCESS_DENIED, r.error().orElse(null), r::toString);
        assertEquals("Invalid according to Policy: Extra input fields: key", r.message());
    }

    // ---- expiration

    @Test
    void aPolicyIsValidAtItsExpirationInstantAndExpiredOneMillisecondLater() {
        Map<String, String> f = v4Form();
        Instant expiration = Instant.parse(EXPIRATION);
        VerificationResult at = enforcer().build().verify(PostSubmission.builder().bucket("examplebucket").fields(f)
                .fileSize(10).build(), LOOKUP, expiration);
        assertTrue(at.isValid(), at::toString);
        VerificationResult after = enforcer().build().verify(PostSubmission.builder().bucket("examplebucket")
                .fields(f).fileSize(10).build(), LOOKUP, expiration.plusMillis(1));
        assertRefused(after, AuthError.ACCESS_DENIED, "Policy expired.");
    }

    // ---- the enforcer itself

    @Test
    void verifyWithoutArgumentsNeedsBothASecretLookupAndAClock() {
        PostSubmission s = PostSubmission.builder().bucket("examplebucket").fields(v4Form()).fileSize(10).build();
        assertThrows(IllegalStateException.class,
                () -> PostPolicyEnforcer.builder().secretLookup(LOOKUP).build().verify(s));
        assertThrows(IllegalStateException.class,
                () -> PostPolicyEnforcer.builder().clock(Clock.fixed(T0, ZoneOffset.UTC)).build().verify(s));
        assertTrue(enforcer().build().verify(s).isValid());
    }

    @Test
    void theDescriptionNamesTheRegionOrAny() {
        assertTrue(enforcer().build().toString().contains("region=any,"), enforcer().build()::toString);
        assertTrue(enforcer().region("eu-west-1").build().toString().contains("region=eu-west-1,"),
                enforcer().region("eu-west-1").build()::toString);
    }
}
