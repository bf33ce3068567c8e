package dev.awssig.devpay;

import static dev.awssig.devpay.DevPayTokensTest.assertNoToken;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awssig.AuthError;
import dev.awssig.Credentials;
import dev.awssig.CredentialsProviders;
import dev.awssig.SecretLookup;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationResult;
import dev.awssig.devpay.internal.SecurityToken;
import dev.awssig.post.PolicyCondition;
import dev.awssig.post.PostForm;
import dev.awssig.post.PostFormRequest;
import dev.awssig.post.PostFormSigner;
import dev.awssig.post.PostPolicy;
import dev.awssig.post.PostPolicyEnforcer;
import dev.awssig.post.PostSubmission;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seed 003 (browser POST with DevPay) through post-policy's real form signer and enforcer, with
 * SigV2 and SigV4: the user token from {@link DevPayTokens#postFormSecurityToken()} goes into the
 * {@code x-amz-security-token} form field and into the policy as a condition, both.
 */
class DevPayPostFormTest {
    /** The access key id of the seed's form. */
    private static final Credentials PRODUCT_KEYS = Credentials.of("15B4D3461F1776EXAMPLE", "seed003/product+SECRET=example");
    private static final SecretLookup SECRETS = SecretLookup.of(PRODUCT_KEYS);
    /** The seed's example user token, shortened as in the seed. */
    private static final String SEED_USER_TOKEN = "{UserToken}BA4PXRKl...Kczg==";
    /** A day before the seed policy's expiration (2008-05-01T12:00:00.000Z). */
    private static final Instant NOW = Instant.parse("2008-04-30T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    enum Version {
        V2, V4;

        PostFormSigner signer() {
            SigningConfig config = SigningConfig.builder()
                    .credentialsProvider(DevPay.withoutSessionToken(CredentialsProviders.of(PRODUCT_KEYS)))
                    .region("us-east-1").clock(CLOCK).build();
            return this == V2 ? PostFormSigner.v2(config) : PostFormSigner.v4(config);
        }
    }

    private static PostPolicyEnforcer enforcer() {
        return PostPolicyEnforcer.builder().secretLookup(SECRETS).clock(CLOCK).region("us-east-1").build();
    }

    /** The policy and form of seed 003, with the DevPay user token as the form's security token. */
    private static PostForm seedForm(Version version, DevPayTokens tokens) {
        PostPolicy policy = PostPolicy.builder()
                .expiration(Instant.parse("2008-05-01T12:00:00.000Z"))
                .bucket("johnsmith")
                .keyStartsWith("user/eric/")
                .acl("public-read")
                .successActionRedirect("http://johnsmith.s3.amazonaws.com/successful_upload.html")
                .contentTypeStartsWith("image/")
                .meta("uuid", "14365123651274")
                .metaStartsWith("tag", "")
                .build();
        return version.signer().sign(PostFormRequest.builder()
                .bucket("johnsmith")
                .key("user/eric/")
                .policy(policy)
                .field("acl", "public-read")
                .field("success_action_redirect", "http://johnsmith.s3.amazonaws.com/successful_upload.html")
                .field("Content-Type", "image/jpeg")
                .field("x-amz-meta-uuid", "14365123651274")
                .field("x-amz-meta-tag", "")
                .securityToken(tokens.postFormSecurityToken())
                .build());
    }

    /** The browser's submission of a form, with the token field changed ({@code null}: left out). */
    private static PostSubmission submit(PostForm form, UnaryOperator<String> tokenField) {
        PostSubmission.Builder b = PostSubmission.builder().bucket(form.bucket()).fileName("puppy.jpg").fileSize(4096);
        for (PostForm.Field f : form.fields()) {
            String value = f.value();
            if (f.name().equalsIgnoreCase(SecurityToken.NAME)) {
                value = tokenField.apply(value);
                if (value == null) {
                    continue;
                }
            }
            b.field(f.name(), value);
        }
        return b.build();
    }

    /** Signs the seed form and enforces it as submitted and with the token altered. */
    static void roundTrip(Version version, DevPayTokens tokens) {
        PostForm form = seedForm(version, tokens);
        assertTrue(enforcer().verify(submit(form, v -> v)).isValid());
        assertFalse(enforcer().verify(submit(form, v -> v + "x")).isValid());
    }

    private static List<PolicyCondition> tokenConditions(PostPolicy policy) {
        return policy.conditionsOn(SecurityToken.NAME);
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void seedPolicyAndFormCarryTheUserTokenInTheFieldAndTheCondition(Version version) {
        PostForm form = seedForm(version, DevPayTokens.of(SEED_USER_TOKEN));
        assertEquals(Optional.of(SEED_USER_TOKEN), form.field(SecurityToken.NAME));
        // the signed policy (decoded from the policy field) has {"x-amz-security-token": user token}
        PostPolicy signed = PostPolicy.fromBase64(form.field("policy").or(() -> form.field("Policy")).orElseThrow());
        List<PolicyCondition> conditions = tokenConditions(signed);
        assertEquals(1, conditions.size(), conditions::toString);
        assertEquals(PolicyCondition.Operator.EQ, conditions.get(0).operator());
        assertEquals(SEED_USER_TOKEN, conditions.get(0).value());
        assertTrue(signed.toJson().contains("{\"x-amz-security-token\":\"{UserToken}BA4PXRKl...Kczg==\"}"),
                signed::toJson);
        // and the seed's other conditions are all there
        assertEquals(1, signed.conditionsOn("x-amz-meta-uuid").size());
        assertEquals(1, signed.conditionsOn("success_action_redirect").size());
        assertTrue(enforcer().verify(submit(form, v -> v)).isValid());
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void enforcerAcceptsTheFormWithATokenWithPlusSlashAndEquals(Version version) {
        PostForm form = seedForm(version, DevPayTokens.of(TestTokens.USER));
        VerificationResult r = enforcer().verify(submit(form, v -> v));
        assertTrue(r.isValid(), r::toString);
        assertEquals(Optional.of(PRODUCT_KEYS.accessKeyId()), r.accessKeyId());
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void enforcerRejectsAnAlteredTokenField(Version version) {
        PostForm form = seedForm(version, DevPayTokens.of(TestTokens.USER));
        VerificationResult r = enforcer().verify(submit(form, v -> v + "x"));
        assertEquals(Optional.of(AuthError.ACCESS_DENIED), r.error(), r::toString);
        assertTrue(r.message().contains("x-amz-security-token"), r.message());
        assertNoToken(r.message());
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void enforcerRejectsARemovedTokenField(Version version) {
        PostForm form = seedForm(version, DevPayTokens.of(TestTokens.USER));
        VerificationResult r = enforcer().verify(submit(form, v -> null));
        assertEquals(Optional.of(AuthError.ACCESS_DENIED), r.error(), r::toString);
        assertNoToken(r.message());
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void enforcerRejectsAPolicyWhoseTokenConditionWasAltered(Version version) {
        PostForm form = seedForm(version, DevPayTokens.of(TestTokens.USER));
        String policyField = form.field("policy").isPresent() ? "policy" : "Policy";
        String json = new String(Base64.getDecoder().decode(form.field(policyField).orElseThrow()), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"" + TestTokens.USER + "\""), json);
        String forged = Base64.getEncoder().encodeToString(
                json.replace(TestTokens.USER, DevPayRoundTripTest.ALTERED_USER).getBytes(StandardCharsets.UTF_8));
        assertFalse(forged.equals(form.field(policyField).orElseThrow()));
        PostSubmission.Builder b = PostSubmission.builder().bucket(form.bucket()).fileName("puppy.jpg").fileSize(10);
        for (PostForm.Field f : form.fields()) {
            String v = f.name().equals(policyField) ? forged
                    : f.name().equalsIgnoreCase(SecurityToken.NAME) ? DevPayRoundTripTest.ALTERED_USER : f.value();
            b.field(f.name(), v);
        }
        VerificationResult r = enforcer().verify(b.build());
        assertEquals(Optional.of(AuthError.SIGNATURE_DOES_NOT_MATCH), r.error(), r::toString);
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void tokenIsInTheTokenFieldAndThePolicyOnlyAndNeverTheProductToken(Version version) {
        PostForm form = seedForm(version, DevPayTokens.legacy(TestTokens.USER, TestTokens.PRODUCT));
        List<String> carrying = new ArrayList<>();
        for (PostForm.Field f : form.fields()) {
            if (f.value().contains(TestTokens.USER)) {
                carrying.add(f.name());
            }
            assertFalse(f.value().contains(TestTokens.PRODUCT), f.name());
        }
        assertEquals(List.of(SecurityToken.NAME), carrying);
        assertEquals(1, tokenConditions(form.policy()).size());
        assertEquals(TestTokens.USER, tokenConditions(form.policy()).get(0).value());
        assertFalse(form.policy().toJson().contains(TestTokens.PRODUCT));
        assertNoToken(form.actionUrl().toString());
        assertNoToken(form.toString());
    }
}
