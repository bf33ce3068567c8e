package dev.awssig.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.AuthError;
import dev.awssig.Credentials;
import dev.awssig.SecretLookup;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The DevPay POST example of the seed text {@code 003_838f5eb27e5af68b.txt} (Amazon DevPay guide,
 * "Using Amazon S3 POST"): the user token is both the {@code x-amz-security-token} field and a
 * policy condition. The seed's policy and form are reproduced here; the seed gives no signature.
 */
class DevPaySeedFormTest {
    /** The seed's example policy, as printed (the token is shortened there). */
    private static final String SEED_POLICY = "{\n"
            + "\"expiration\": \"2008-05-01T12:00:00.000Z\",\n"
            + "\"conditions\": [\n"
            + "{\"bucket\": \"johnsmith\"},\n"
            + "[\"starts-with\", \"$key\", \"user/eric/\"],\n"
            + "{\"acl\": \"public-read\"},\n"
            + "{\"success_action_redirect\": \"http://johnsmith.s3.amazonaws.com/successful_upload.html\"},\n"
            + "{\"x-amz-security-token\": \"{UserToken}BA4PXRKl...Kczg==\"},\n"
            + "[\"starts-with\", \"$Content-Type\", \"image/\"],\n"
            + "{\"x-amz-meta-uuid\": \"14365123651274\"},\n"
            + "[\"starts-with\", \"$x-amz-meta-tag\", \"\"]\n"
            + "]\n"
            + "}";
    private static final String USER_TOKEN = "{UserToken}BA4PXRKl...Kczg==";
    /** The names of the seed form's inputs before the file. */
    private static final Set<String> SEED_FIELDS = Set.of("key", "acl", "success_action_redirect", "content-type",
            "x-amz-meta-uuid", "x-amz-meta-tag", "awsaccesskeyid", "policy", "signature", "x-amz-security-token");
    private static final Credentials DEVELOPER = Credentials.of("15B4D3461F1776EXAMPLE", "developer-secret-example");
    private static final Instant SIGNED_AT = Instant.parse("2008-04-30T12:00:00Z");

    private static PostFormSigner signer() {
        return PostFormSigner.v2(SigningConfig.builder().credentials(DEVELOPER)
                .clock(Clock.fixed(SIGNED_AT, ZoneOffset.UTC)).build());
    }

    @Test
    void theSeedPolicySignedVerbatimGivesTheSeedFormsFields() {
        PostForm form = signer().sign(PostFormRequest.builder().bucket("johnsmith").policyDocument(SEED_POLICY)
                .key("user/eric/").field("Content-Type", "image/jpeg").securityToken(USER_TOKEN).build());
        Set<String> names = new TreeSet<>();
        for (PostForm.Field f : form.fields()) {
            names.add(f.name().toLowerCase(Locale.ROOT));
        }
        assertEquals(new TreeSet<>(SEED_FIELDS), names);
        assertEquals(USER_TOKEN, form.field("x-amz-security-token").orElseThrow());
        assertEquals("image/jpeg", form.field("Content-Type").orElseThrow());
        VerificationResult r = PostPolicyEnforcer.create(SecretLookup.of(DEVELOPER), Clock.fixed(SIGNED_AT, ZoneOffset.UTC))
                .verify(PostSubmission.of(form, "eric.jpg", 2048));
        assertTrue(r.isValid(), r::toString);
    }

    @Test
    void aBuiltPolicyWithAUserTokenGetsTheTokenAsFieldAndCondition() {
        PostPolicy built = PostPolicy.builder().expiration(Instant.parse("2008-05-01T12:00:00Z"))
                .bucket("johnsmith").keyStartsWith("user/eric/").acl("public-read")
                .successActionRedirect("http://johnsmith.s3.amazonaws.com/successful_upload.html")
                .contentTypeStartsWith("image/").meta("uuid", "14365123651274").metaStartsWith("tag", "").build();
        PostForm form = signer().sign(PostFormRequest.builder().bucket("johnsmith").policy(built)
                .securityToken(USER_TOKEN).build());
        assertEquals(PostPolicy.parse(SEED_POLICY).conditionsOn("x-amz-security-token"),
                form.policy().conditionsOn("x-amz-security-token"));
        assertEquals(USER_TOKEN, form.field("x-amz-security-token").orElseThrow());
        assertEquals("user/eric/${filename}", form.field("key").orElseThrow());
    }

    @Test
    void aVerbatimPolicyWithoutTheUserTokenConditionIsRefusedAndAFormWithoutTheFieldIsRejected() {
        String noToken = SEED_POLICY.replace("{\"x-amz-security-token\": \"{UserToken}BA4PXRKl...Kczg==\"},\n", "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> signer().sign(
                PostFormRequest.builder().bucket("johnsmith").policyDocument(noToken).key("user/eric/x")
                        .securityToken(USER_TOKEN).build()));
        assertTrue(e.getMessage().contains("x-amz-security-token"), e.getMessage());
        assertTrue(!e.getMessage().contains(USER_TOKEN), "the token is not echoed");

        PostForm form = signer().sign(PostFormRequest.builder().bucket("johnsmith").policyDocument(SEED_POLICY)
                .key("user/eric/x").securityToken(USER_TOKEN).build());
        PostSubmission.Builder b = PostSubmission.builder().bucket("johnsmith").fileSize(1);
        for (PostForm.Field f : form.fields()) {
            if (!f.name().equals("x-amz-security-token")) {
                b.field(f.name(), f.value());
            }
        }
        VerificationResult r = PostPolicyEnforcer.create(SecretLookup.of(DEVELOPER), Clock.fixed(SIGNED_AT, ZoneOffset.UTC))
                .verify(b.build());
        assertEquals(AuthError.ACCESS_DENIED, r.error().orElseThrow());
        assertEquals("Invalid according to Policy: Policy Condition failed: [\"eq\", \"$x-amz-security-token\", \"****\"]",
                r.message());
    }
}
