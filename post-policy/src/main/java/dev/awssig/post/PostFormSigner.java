package dev.awssig.post;

import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.SigningConfig;
import dev.awssig.internal.SigningKeys;
import dev.awssig.internal.Timestamps;
import dev.awssig.post.internal.FormFields;
import dev.awssig.post.internal.PolicyText;
import dev.awssig.post.internal.PostSignatures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs browser-based upload forms with Signature Version 2 or 4.
 *
 * <p>SigV4 adds the {@code x-amz-algorithm}, {@code x-amz-credential}, {@code x-amz-date} (and
 * {@code x-amz-security-token}) conditions and fields, and signs the Base64 policy with the SigV4
 * signing key of the clock's date: {@code x-amz-signature = hex(HMAC-SHA256(key, policy))}.
 * SigV2 sends {@code AWSAccessKeyId}, {@code policy} and
 * {@code signature = Base64(HMAC-SHA1(secret, policy))}. A security token (from session
 * credentials, or given with {@link PostFormRequest.Builder#securityToken(String)}, which wins) is
 * sent both as a field and as a policy condition, as S3 and DevPay require.
 *
 * <pre>{@code
 * PostFormSigner signer = PostFormSigner.v4(SigningConfig.builder()
 *         .credentialsProvider(provider).region("us-east-1").clock(Clock.systemUTC()).build());
 * PostForm form = signer.sign(request);
 * String page = form.toHtml();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class PostFormSigner {
    private static final Logger LOG = LoggerFactory.getLogger(PostFormSigner.class);
    private static final String FILENAME = "${filename}";

    /**
     * The signature version of a form.
     *
     * @since 0.1.0
     */
    public enum Version {
        /** Signature Version 2 ({@code AWSAccessKeyId}, {@code signature}). */
        V2,
        /** Signature Version 4 ({@code x-amz-credential}, {@code x-amz-signature}). */
        V4
    }

    private final Version version;
    private final SigningConfig config;
    private final String region;
    private final String service;
    private final SigningKeys keys;

    private PostFormSigner(Version version, SigningConfig config) {
        this.version = version;
        this.config = Objects.requireNonNull(config, "config");
        config.requireCredentialsProvider();
        this.region = config.region().orElse(null);
        this.service = config.service().orElse("s3");
        if (version == Version.V4 && region == null) {
            throw new IllegalArgumentException("region: a SigV4 form signer needs a region in its SigningConfig");
        }
        this.keys = SigningKeys.shared();
    }

    /**
     * A SigV4 form signer: credentials provider, region (required), clock and service
     * (default {@code s3}) from the config.
     *
     * @param config the config
     * @return the signer
     * @throws IllegalArgumentException if the config has no credentials provider or region
     * @since 0.1.0
     */
    public static PostFormSigner v4(SigningConfig config) {
        Objects.requireNonNull(config, "config");
        return new PostFormSigner(Version.V4, config);
    }

    /**
     * A SigV2 form signer: credentials provider and clock from the config (the region, if set,
     * picks the default endpoint).
     *
     * @param config the config
     * @return the signer
     * @throws IllegalArgumentException if the config has no credentials provider
     * @since 0.1.0
     */
    public static PostFormSigner v2(SigningConfig config) {
        Objects.requireNonNull(config, "config");
        return new PostFormSigner(Version.V2, config);
    }

    /**
     * The signature version.
     *
     * @return V2 or V4
     * @since 0.1.0
     */
    public Version version() {
        return version;
    }

    /**
     * The algorithm name: {@link Algorithms#SIGV4} or {@link Algorithms#SIGV2_S3}.
     *
     * @return the name
     * @since 0.1.0
     */
    public String algorithm() {
        return version == Version.V4 ? Algorithms.SIGV4 : Algorithms.SIGV2_S3;
    }

    /**
     * Signs a form: completes the policy, encodes it, signs it and lays out the fields.
     *
     * @param request what to sign
     * @return the form
     * @throws IllegalArgumentException if the form could not pass its own policy (a field no
     *     condition covers, a value a condition rejects, no key, an expiration not after the
     *     clock's time), or a verbatim policy document
     *     lacks the conditions the signer's fields need
     * @since 0.1.0
     */
    public PostForm sign(PostFormRequest request) {
        Objects.requireNonNull(request, "request");
        Credentials creds = config.requireCredentialsProvider().resolveCredentials();
        String token = request.securityToken().orElse(creds.sessionToken().orElse(null));
        Instant now = config.clock().instant();
        String amzDate = Timestamps.amzDate(now);
        String credential = creds.accessKeyId() + "/" + amzDate.substring(0, 8) + "/" + region + "/" + service
                + "/aws4_request";

        Map<String, String> auth = new LinkedHashMap<>();
        if (version == Version.V4) {
            auth.put(FormFields.X_AMZ_ALGORITHM, Algorithms.SIGV4);
            auth.put(FormFields.X_AMZ_CREDENTIAL, credential);
        }
        if (token != null) {
            auth.put(FormFields.X_AMZ_SECURITY_TOKEN, token);
        }
        if (version == Version.V4) {
            auth.put(FormFields.X_AMZ_DATE, amzDate);
        }

        String bucket = request.bucket();
        String key = request.key().orElse(null);
        PostPolicy policy;
        String policyJson;
        if (request.policy().isPresent()) {
            policy = complete(request.policy().get(), bucket, key, auth);
            policyJson = policy.toJson();
        } else {
            policyJson = request.policyDocument().orElseThrow();
            policy = PostPolicy.parse(policyJson);
            checkVerbatim(policy, bucket, key, auth);
        }
        if (!policy.expiration().isAfter(now)) {
            throw new IllegalArgumentException("expiration: the policy expires at " + policy.expiration()
                    + ", not after the signing time " + now + "; S3 would reject the form");
        }
        String policyBase64 = Base64.getEncoder().encodeToString(policyJson.getBytes(StandardCharsets.UTF_8));
        String signature = version == Version.V4
                ? PostSignatures.v4(keys, creds.secretAccessKey(), amzDate.substring(0, 8), region, service, policyBase64)
                : PostSignatures.v2(creds.secretAccessKey(), policyBase64);

        List<PostForm.Field> fields = layout(policy, key, request.fields());
        if (version == Version.V2) {
            fields.add(new PostForm.Field(FormFields.AWS_ACCESS_KEY_ID, creds.accessKeyId(), false));
            if (token != null) {
                fields.add(new PostForm.Field(FormFields.X_AMZ_SECURITY_TOKEN, token, false));
            }
            fields.add(new PostForm.Field(FormFields.POLICY, policyBase64, false));
            fields.add(new PostForm.Field(FormFields.SIGNATURE, signature, false));
        } else {
            for (Map.Entry<String, String> e : auth.entrySet()) {
                fields.add(new PostForm.Field(e.getKey(), e.getValue(), false));
            }
            fields.add(new PostForm.Field(FormFields.POLICY, policyBase64, false));
            fields.add(new PostForm.Field(FormFields.X_AMZ_SIGNATURE, signature, false));
        }
        java.net.URI action = FormFields.actionUrl(bucket, request.endpoint().orElse(null), region,
                request.pathStyle().orElse(null));
        if (LOG.isDebugEnabled()) {
            LOG.debug("signed {} POST form for bucket {} (access key {}): {}", version, bucket, creds.accessKeyId(), policy);
        }
        return new PostForm(action, bucket, fields, policy);
    }

    /**
     * Signs a Base64 policy as it is, with the configured credentials and the clock's date (for
     * SigV4): the value of the {@code x-amz-signature} or {@code signature} field.
     *
     * @param policyBase64 the {@code policy} field value
     * @return hex (SigV4) or Base64 (SigV2) signature
     * @since 0.1.0
     */
    public String signature(String policyBase64) {
        Objects.requireNonNull(policyBase64, "policyBase64");
        Credentials creds = config.requireCredentialsProvider().resolveCredentials();
        if (version == Version.V2) {
            return PostSignatures.v2(creds.secretAccessKey(), policyBase64);
        }
        String date = Timestamps.dateStamp(config.clock().instant());
        return PostSignatures.v4(keys, creds.secretAccessKey(), date, region, service, policyBase64);
    }

    /**
     * Region, service, clock and version; never credentials.
     *
     * @return a description
     * @since 0.1.0
     */
    @Override
    public String toString() {
        return "PostFormSigner[" + version + ", region=" + region + ", service=" + service + ", clock="
                + config.clock() + "]";
    }

    private static PostPolicy complete(PostPolicy policy, String bucket, String key, Map<String, String> auth) {
        List<PolicyCondition> added = new ArrayList<>(2);
        List<PolicyCondition> onBucket = policy.conditionsOn("bucket");
        if (onBucket.isEmpty()) {
            added.add(PolicyCondition.exact("bucket", bucket));
        } else {
            requireAllMatch(onBucket, "bucket", bucket);
        }
        if (key != null) {
            List<PolicyCondition> onKey = policy.conditionsOn("key");
            if (onKey.isEmpty()) {
                added.add(key.endsWith(FILENAME)
                        ? PolicyCondition.startsWith("key", key.substring(0, key.length() - FILENAME.length()))
                        : PolicyCondition.exact("key", key));
            } else {
                requireAllMatch(onKey, "key", key);
            }
        }
        PostPolicy.Builder b = PostPolicy.builder().expiration(policy.expiration()).conditions(added)
                .conditions(policy.conditions());
        for (Map.Entry<String, String> e : auth.entrySet()) {
            List<PolicyCondition> existing = policy.conditionsOn(e.getKey());
            if (existing.isEmpty()) {
                b.exact(e.getKey(), e.getValue());
            } else {
                requireAllMatch(existing, e.getKey(), e.getValue());
            }
        }
        return b.build();
    }

    private static void checkVerbatim(PostPolicy policy, String bucket, String key, Map<String, String> auth) {
        requireAllMatch(policy.conditionsOn("bucket"), "bucket", bucket);
        if (key != null) {
            requireAllMatch(policy.conditionsOn("key"), "key", key);
        }
        for (Map.Entry<String, String> e : auth.entrySet()) {
            List<PolicyCondition> existing = policy.conditionsOn(e.getKey());
            if (existing.isEmpty()) {
                throw new IllegalArgumentException("policy document: has no condition on '" + e.getKey()
                        + "', which the signed form must send; S3 would reject the form");
            }
            requireAllMatch(existing, e.getKey(), e.getValue());
        }
    }

    private static void requireAllMatch(List<PolicyCondition> conditions, String field, String value) {
        for (PolicyCondition c : conditions) {
            if (!couldMatch(c, value)) {
                throw new IllegalArgumentException("policy: condition " + c.describe() + " does not accept the "
                        + field + " the form sends"
                        + (PolicyText.isSensitiveField(field) ? "" : " ('" + PolicyText.printable(value) + "')"));
            }
        }
    }

    /** The user fields: key, the caller's fields, then one per remaining condition field. */
    private static List<PostForm.Field> layout(PostPolicy policy, String key, List<PostForm.Field> extra) {
        Map<String, PostForm.Field> out = new LinkedHashMap<>();
        if (key != null) {
            out.put("key", new PostForm.Field("key", key, onlyStartsWith(policy.conditionsOn("key"))));
        }
        for (PostForm.Field f : extra) {
            List<PolicyCondition> on = policy.conditionsOn(f.name());
            if (on.isEmpty() && !FormFields.isExempt(f.name())) {
                throw new IllegalArgumentException("field '" + f.name() + "': no policy condition covers it;"
                        + " S3 would reject the form (add a condition on $" + f.name() + ")");
            }
            requireAllMatch(on, f.name(), f.value());
            out.put(f.name().toLowerCase(Locale.ROOT), new PostForm.Field(f.name(), f.value(), onlyStartsWith(on)));
        }
        for (PolicyCondition c : policy.conditions()) {
            if (c.operator() == PolicyCondition.Operator.CONTENT_LENGTH_RANGE) {
                continue;
            }
            String lower = c.field().toLowerCase(Locale.ROOT);
            if (out.containsKey(lower) || lower.equals("bucket")
                    || (FormFields.isSignerField(lower) && !lower.equals("key"))) {
                continue;
            }
            List<PolicyCondition> on = policy.conditionsOn(c.field());
            String value = null;
            for (PolicyCondition o : on) {
                if (o.operator() == PolicyCondition.Operator.EQ) {
                    value = o.value();
                    break;
                }
            }
            boolean editable = value == null;
            if (value == null) {
                value = c.value();
                if (lower.equals("key")) {
                    value = value + FILENAME;
                }
            }
            requireAllMatch(on, c.field(), value);
            out.put(lower, new PostForm.Field(c.field(), value, editable));
        }
        if (!out.containsKey("key")) {
            throw new IllegalArgumentException("key: S3 requires a key field; give key(...) or a condition on $key");
        }
        return new ArrayList<>(out.values());
    }

    /**
     * Whether a form value can satisfy a condition once S3 replaces {@code ${filename}} in it by
     * the (unknown) name of the chosen file.
     */
    private static boolean couldMatch(PolicyCondition c, String value) {
        int at = value.indexOf(FILENAME);
        if (at < 0) {
            return c.matches(value);
        }
        String literal = value.substring(0, at);
        if (c.operator() == PolicyCondition.Operator.STARTS_WITH) {
            return value.startsWith(c.value()) || c.value().startsWith(literal);
        }
        return c.value().startsWith(literal);
    }

    private static boolean onlyStartsWith(List<PolicyCondition> on) {
        if (on.isEmpty()) {
            return false;
        }
        for (PolicyCondition c : on) {
            if (c.operator() != PolicyCondition.Operator.STARTS_WITH) {
                return false;
            }
        }
        return true;
    }
}
