package dev.awssig.post.internal;

import dev.awssig.Algorithms;
import dev.awssig.Credentials;
import dev.awssig.SigningConfig;
import dev.awssig.internal.SigningKeys;
import dev.awssig.internal.Timestamps;
import dev.awssig.post.PolicyCondition;
import dev.awssig.post.PostForm;
import dev.awssig.post.PostFormRequest;
import dev.awssig.post.PostFormSigner.Version;
import dev.awssig.post.PostPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of {@link dev.awssig.post.PostFormSigner}: completes, encodes and signs a form's
 * policy and lays out its fields, as that class documents. Immutable and thread-safe.
 */
public final class PostFormSigningEngine {
    private static final Logger LOG = LoggerFactory.getLogger(PostFormSigningEngine.class);
    private static final String FILENAME = "${filename}";

    private final Version version;
    private final SigningConfig config;
    private final String region;
    private final String service;
    private final SigningKeys keys;
    /** The last action URL built (a form's URL depends on bucket, endpoint and path style only). */
    private volatile Action lastAction;

    /**
     * An engine for a signature version and a config's credentials provider, region, service and
     * clock.
     *
     * @param version the signature version
     * @param config the config
     * @throws IllegalArgumentException if the config has no credentials provider, or no region for
     *     SigV4
     */
    public PostFormSigningEngine(Version version, SigningConfig config) {
        this.version = version;
        this.config = config;
        config.requireCredentialsProvider();
        this.region = config.region().orElse(null);
        this.service = config.service().orElse("s3");
        if (version == Version.V4 && region == null) {
            throw new IllegalArgumentException("region: a SigV4 form signer needs a region in its SigningConfig");
        }
        this.keys = SigningKeys.shared();
    }

    /**
     * What a signed form is made of: the public class builds the {@link PostForm} from it.
     */
    public static final class Signed {
        /** Where the form posts to. */
        public final java.net.URI action;
        /** The bucket. */
        public final String bucket;
        /** The fields, in order. */
        public final List<PostForm.Field> fields;
        /** The policy signed. */
        public final PostPolicy policy;

        Signed(java.net.URI action, String bucket, List<PostForm.Field> fields, PostPolicy policy) {
            this.action = action;
            this.bucket = bucket;
            this.fields = fields;
            this.policy = policy;
        }
    }

    /**
     * Signs a form (see {@link dev.awssig.post.PostFormSigner#sign}).
     *
     * @param request what to sign, not null
     * @return the parts of the form
     */
    public Signed sign(PostFormRequest request) {
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
        String policyBase64 = PolicyJson.base64(policyJson);
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
        java.net.URI action = actionUrl(bucket, request.endpoint().orElse(null), request.pathStyle().orElse(null));
        if (LOG.isDebugEnabled()) {
            LOG.debug("signed {} POST form for bucket {} (access key {}): {}", version, bucket, creds.accessKeyId(), policy);
        }
        return new Signed(action, bucket, fields, policy);
    }

    /**
     * Signs a Base64 policy as it is (see {@link dev.awssig.post.PostFormSigner#signature}).
     *
     * @param policyBase64 the {@code policy} field value, not null
     * @return hex (SigV4) or Base64 (SigV2) signature
     */
    public String signature(String policyBase64) {
        Credentials creds = config.requireCredentialsProvider().resolveCredentials();
        if (version == Version.V2) {
            return PostSignatures.v2(creds.secretAccessKey(), policyBase64);
        }
        String date = Timestamps.dateStamp(config.clock().instant());
        return PostSignatures.v4(keys, creds.secretAccessKey(), date, region, service, policyBase64);
    }

    /** An action URL and what it was built from. */
    private record Action(String bucket, java.net.URI endpoint, Boolean pathStyle, java.net.URI url) {
    }

    /** {@link FormFields#actionUrl} for this engine's region, the last one kept: parsing a URI costs. */
    private java.net.URI actionUrl(String bucket, java.net.URI endpoint, Boolean pathStyle) {
        Action last = lastAction;
        // endpoints compared as text: URI.equals ignores the case of the host, which the URL keeps
        if (last != null && last.bucket.equals(bucket) && java.util.Objects.equals(last.pathStyle, pathStyle)
                && (last.endpoint == endpoint || (last.endpoint != null && endpoint != null
                        && last.endpoint.toString().equals(endpoint.toString())))) {
            return last.url;
        }
        java.net.URI url = FormFields.actionUrl(bucket, endpoint, region, pathStyle);
        lastAction = new Action(bucket, endpoint, pathStyle, url);
        return url;
    }

    /**
     * Region, service, clock and version, for the public class's description; never credentials.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return version + ", region=" + region + ", service=" + service + ", clock=" + config.clock();
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
        requireAllMatch(policy, "bucket", bucket);
        if (key != null) {
            requireAllMatch(policy, "key", key);
        }
        for (Map.Entry<String, String> e : auth.entrySet()) {
            if (!hasConditionOn(policy, e.getKey())) {
                throw new IllegalArgumentException("policy document: has no condition on '" + e.getKey()
                        + "', which the signed form must send; S3 would reject the form");
            }
            requireAllMatch(policy, e.getKey(), e.getValue());
        }
    }

    private static void requireAllMatch(List<PolicyCondition> conditions, String field, String value) {
        for (PolicyCondition c : conditions) {
            requireMatch(c, field, value);
        }
    }

    /** {@link #requireAllMatch(List, String, String)} over the policy's conditions on the field, without listing them. */
    private static void requireAllMatch(PostPolicy policy, String field, String value) {
        List<PolicyCondition> all = policy.conditions();
        for (int i = 0; i < all.size(); i++) { // indexed: no iterator per field
            PolicyCondition c = all.get(i);
            if (c.appliesTo(field)) {
                requireMatch(c, field, value);
            }
        }
    }

    private static boolean hasConditionOn(PostPolicy policy, String field) {
        List<PolicyCondition> all = policy.conditions();
        for (int i = 0; i < all.size(); i++) { // indexed: no iterator per field
            PolicyCondition c = all.get(i);
            if (c.appliesTo(field)) {
                return true;
            }
        }
        return false;
    }

    private static void requireMatch(PolicyCondition c, String field, String value) {
        if (!couldMatch(c, value)) {
            throw new IllegalArgumentException("policy: condition " + c.describe() + " does not accept the "
                    + field + " the form sends"
                    + (PolicyText.isSensitiveField(field) ? "" : " ('" + PolicyText.printable(value) + "')"));
        }
    }

    /** The user fields: key, the caller's fields, then one per remaining condition field. */
    private static List<PostForm.Field> layout(PostPolicy policy, String key, List<PostForm.Field> extra) {
        Map<String, PostForm.Field> out = new LinkedHashMap<>(2 * (extra.size() + policy.conditions().size()) + 2);
        if (key != null) {
            out.put("key", new PostForm.Field("key", key, onlyStartsWith(policy, "key")));
        }
        for (PostForm.Field f : extra) {
            if (!hasConditionOn(policy, f.name()) && !FormFields.isExempt(f.name())) {
                throw new IllegalArgumentException("field '" + f.name() + "': no policy condition covers it;"
                        + " S3 would reject the form (add a condition on $" + f.name() + ")");
            }
            requireAllMatch(policy, f.name(), f.value());
            out.put(f.name().toLowerCase(Locale.ROOT), new PostForm.Field(f.name(), f.value(),
                    onlyStartsWith(policy, f.name())));
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
            String value = null;
            for (PolicyCondition o : policy.conditions()) {
                if (o.operator() == PolicyCondition.Operator.EQ && o.appliesTo(c.field())) {
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
            requireAllMatch(policy, c.field(), value);
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

    /** Whether the policy has conditions on the field and all of them are starts-with. */
    private static boolean onlyStartsWith(PostPolicy policy, String field) {
        boolean any = false;
        List<PolicyCondition> all = policy.conditions();
        for (int i = 0; i < all.size(); i++) { // indexed: no iterator per field
            PolicyCondition c = all.get(i);
            if (c.appliesTo(field)) {
                if (c.operator() != PolicyCondition.Operator.STARTS_WITH) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }
}