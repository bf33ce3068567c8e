package dev.awssig.post;

import dev.awssig.Algorithms;
import dev.awssig.AuthError;
import dev.awssig.SecretLookup;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationLimits;
import dev.awssig.VerificationResult;
import dev.awssig.internal.Secrets;
import dev.awssig.internal.Checks;
import dev.awssig.internal.Crypto;
import dev.awssig.internal.SigningKeys;
import dev.awssig.internal.Timestamps;
import dev.awssig.post.internal.FormFields;
import dev.awssig.post.internal.PostSignatures;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides, as S3 does, whether a browser-based upload may proceed: detects SigV2 or SigV4 from
 * the form fields, checks the signature in constant time, the expiration, every condition (field
 * names case-insensitive, {@code ${filename}} replaced by the file's name), that every field except
 * {@code x-amz-signature}, {@code signature}, {@code AWSAccessKeyId}, {@code file}, {@code policy}
 * and {@code x-ignore-*} is covered by a condition, and the {@code content-length-range}.
 *
 * <p>Failures carry S3's error codes and messages: {@code MaxPostPreDataLengthExceededError}
 * when the fields before the file (names and values, the policy among them) exceed
 * {@link VerificationLimits#maxPostFieldsBytes()} (checked first, as the fields are read);
 * {@code AccessDenied} with {@code "Invalid according to Policy: Policy Condition failed: [...]"},
 * {@code "... Policy expired."} or {@code "... Extra input fields: ..."};
 * {@code SignatureDoesNotMatch}, {@code InvalidAccessKeyId}, {@code EntityTooLarge},
 * {@code EntityTooSmall}, {@code InvalidPolicyDocument}, {@code InvalidArgument} for a missing
 * field, and {@code MalformedPOSTRequest} for a field sent twice (names compared without case:
 * two parsers would read two different values), a field without a name, or a name or value that
 * is not text (a lone UTF-16 surrogate). Field names are compared in ASCII case only, so no
 * other character (such as the Kelvin sign, which {@code toLowerCase} turns into {@code k})
 * stands for a letter of a field name. Every step is linear in the size of the form, or
 * O(n log n) at worst.
 *
 * <pre>{@code
 * PostPolicyEnforcer enforcer = PostPolicyEnforcer.builder()
 *         .secretLookup(SecretLookup.of(Map.of("AKID", secret)))
 *         .clock(Clock.systemUTC())
 *         .region("us-east-1")
 *         .build();
 * VerificationResult r = enforcer.verify(submission);
 * }</pre>
 *
 * <p>Immutable and thread-safe. Messages never contain secrets, tokens or expected signatures.
 *
 * @since 0.1.0
 */
public final class PostPolicyEnforcer {
    private static final Logger LOG = LoggerFactory.getLogger(PostPolicyEnforcer.class);
    private static final String POLICY_FAILED = "Invalid according to Policy: ";
    private static final String FILENAME = "${filename}";
    /** S3's largest single upload, 5 GiB. */
    private static final long MAX_UPLOAD = 5L * 1024 * 1024 * 1024;
    private static final String TOO_LARGE = "Your proposed upload exceeds the maximum allowed size";
    private static final String TOO_SMALL = "Your proposed upload is smaller than the minimum allowed size";
    private static final String MISMATCH = "The request signature we calculated does not match the signature you"
            + " provided. Check your key and signing method.";
    private static final String MALFORMED = "The body of your POST request is not well-formed multipart/form-data.";

    private final SecretLookup secrets;
    private final Clock clock;
    private final String region;
    private final String service;
    private final int maxPolicyLength;
    private final VerificationLimits limits;
    private final SigningKeys keys;

    private PostPolicyEnforcer(Builder b) {
        this.secrets = b.secrets;
        this.clock = b.clock;
        this.region = b.region;
        this.service = b.service;
        this.maxPolicyLength = b.maxPolicyLength;
        this.limits = b.limits;
        this.keys = SigningKeys.shared();
    }

    /**
     * A new builder.
     *
     * @return a builder
     * @since 0.1.0
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * An enforcer with a secret lookup and a clock, accepting any region.
     *
     * @param secrets finds the secret of an access key id
     * @param clock the server's clock
     * @return the enforcer
     * @since 0.1.0
     */
    public static PostPolicyEnforcer create(SecretLookup secrets, Clock clock) {
        return builder().secretLookup(secrets).clock(clock).build();
    }

    /**
     * Verifies a submission with the configured secret lookup and clock.
     *
     * @param submission the received form
     * @return the outcome; never throws for a bad form
     * @throws IllegalStateException if no secret lookup or clock was configured
     * @since 0.1.0
     */
    public VerificationResult verify(PostSubmission submission) {
        if (secrets == null || clock == null) {
            throw new IllegalStateException("secretLookup and clock must be configured to verify without arguments");
        }
        return verify(submission, secrets, clock.instant());
    }

    /**
     * Verifies a submission.
     *
     * @param submission the received form
     * @param secretLookup finds the secret of an access key id
     * @param now the server's current time
     * @return the outcome; never throws for a bad form
     * @since 0.1.0
     */
    public VerificationResult verify(PostSubmission submission, SecretLookup secretLookup, Instant now) {
        Objects.requireNonNull(submission, "submission");
        Objects.requireNonNull(secretLookup, "secretLookup");
        Objects.requireNonNull(now, "now");
        VerificationResult r = decide(submission, secretLookup, now);
        if (LOG.isDebugEnabled()) {
            LOG.debug("POST to bucket {}: {}", submission.bucket(), r);
        }
        return r;
    }

    private VerificationResult decide(PostSubmission s, SecretLookup secretLookup, Instant now) {
        Map<String, String> form = new HashMap<>();
        List<String> names = new ArrayList<>();
        long preData = 0;
        int maxPreData = limits.maxPostFieldsBytes();
        for (Map.Entry<String, String> e : s.fields()) {
            String name = e.getKey();
            String lower = FormFields.asciiLower(name);
            if (lower.equals(FormFields.FILE)) {
                break;
            }
            long nameBytes = FormFields.utf8Length(name);
            long valueBytes = FormFields.utf8Length(e.getValue());
            if (nameBytes < 0 || valueBytes < 0) {
                return VerificationResult.failure(AuthError.MALFORMED_POST_REQUEST, MALFORMED + " (the "
                        + (nameBytes < 0 ? "name of a field" : "value of field '" + Checks.printable(name) + "'")
                        + " is not text: it has a lone UTF-16 surrogate)");
            }
            preData += nameBytes + valueBytes;
            if (preData > maxPreData) {
                // counted as it arrives: a huge form costs no more than the limit
                return VerificationResult.failure(AuthError.MAX_POST_PRE_DATA_LENGTH_EXCEEDED, "Your POST request"
                        + " fields preceding the upload file were too large (more than " + maxPreData
                        + " bytes of field names and values; VerificationLimits.maxPostFieldsBytes).");
            }
            if (name.isEmpty()) {
                return VerificationResult.failure(AuthError.MALFORMED_POST_REQUEST, MALFORMED
                        + " (a field has no name)");
            }
            if (form.put(lower, e.getValue()) != null) {
                return VerificationResult.failure(AuthError.MALFORMED_POST_REQUEST, MALFORMED + " (field '"
                        + Checks.printable(name) + "' appears more than once)");
            }
            names.add(name);
        }
        boolean v4 = form.containsKey(FormFields.X_AMZ_ALGORITHM) || form.containsKey(FormFields.X_AMZ_CREDENTIAL)
                || form.containsKey(FormFields.X_AMZ_SIGNATURE);
        boolean v2 = form.containsKey("awsaccesskeyid") || form.containsKey(FormFields.SIGNATURE);
        if (v4 && v2) {
            return VerificationResult.failure(AuthError.INVALID_ARGUMENT,
                    "Only one auth mechanism allowed; the form has both AWSAccessKeyId/Signature and x-amz-* fields");
        }
        if (!v4 && !v2) {
            if (form.containsKey(FormFields.POLICY)) {
                return missing(FormFields.AWS_ACCESS_KEY_ID);
            }
            return VerificationResult.failure(AuthError.ACCESS_DENIED,
                    "Access Denied (the form is not signed: anonymous uploads are not accepted here)");
        }
        String policyB64 = form.get(FormFields.POLICY);
        if (policyB64 == null) {
            return missing("policy");
        }
        String[] required = v4
                ? new String[] {FormFields.X_AMZ_ALGORITHM, FormFields.X_AMZ_CREDENTIAL, FormFields.X_AMZ_DATE,
                    FormFields.X_AMZ_SIGNATURE}
                : new String[] {FormFields.AWS_ACCESS_KEY_ID, FormFields.SIGNATURE};
        for (String f : required) {
            if (!form.containsKey(FormFields.asciiLower(f))) {
                return missing(f);
            }
        }
        if (!form.containsKey("key")) {
            return missing("key");
        }
        if (policyB64.length() > maxPolicyLength) {
            return VerificationResult.failure(AuthError.INVALID_POLICY_DOCUMENT, "Invalid Policy: the policy field is "
                    + policyB64.length() + " characters, more than the " + maxPolicyLength + " allowed.");
        }

        String accessKeyId;
        String dateStamp = null;
        String scopeRegion = null;
        String scopeService = null;
        if (v4) {
            String algorithm = form.get(FormFields.X_AMZ_ALGORITHM);
            if (!Algorithms.SIGV4.equals(algorithm)) {
                return VerificationResult.failure(AuthError.INVALID_ARGUMENT, "Unsupported x-amz-algorithm '"
                        + Checks.printable(algorithm) + "'; only " + Algorithms.SIGV4 + " is supported for POST.");
            }
            String[] scope = form.get(FormFields.X_AMZ_CREDENTIAL).split("/", -1);
            if (scope.length != 5 || scope[0].isEmpty() || scope[1].length() != 8 || scope[2].isEmpty()
                    || !"aws4_request".equals(scope[4])) {
                return VerificationResult.failure(AuthError.INVALID_ARGUMENT, "Invalid x-amz-credential: must be"
                        + " <access-key-id>/<yyyyMMdd>/<region>/<service>/aws4_request, was '"
                        + Checks.printable(form.get(FormFields.X_AMZ_CREDENTIAL)) + "'");
            }
            accessKeyId = scope[0];
            dateStamp = scope[1];
            scopeRegion = scope[2];
            scopeService = scope[3];
            String amzDate = form.get(FormFields.X_AMZ_DATE);
            try {
                Timestamps.parseAmzDate(amzDate, FormFields.X_AMZ_DATE);
            } catch (IllegalArgumentException e) {
                return VerificationResult.failure(AuthError.INVALID_ARGUMENT, "Invalid x-amz-date: " + e.getMessage(),
                        accessKeyId, null, null);
            }
            if (!amzDate.startsWith(dateStamp)) {
                return VerificationResult.failure(AuthError.INVALID_ARGUMENT,
                        "Invalid credential date. Date is not the same as X-Amz-Date.", accessKeyId, null, null);
            }
            if (region != null && !region.equals(scopeRegion)) {
                return VerificationResult.failure(AuthError.AUTHORIZATION_HEADER_MALFORMED,
                        "Error parsing the X-Amz-Credential parameter; the region '" + Checks.printable(scopeRegion)
                                + "' is wrong; expecting '" + region + "'", accessKeyId, null, null);
            }
            if (!service.equals(scopeService)) {
                return VerificationResult.failure(AuthError.AUTHORIZATION_HEADER_MALFORMED,
                        "Error parsing the X-Amz-Credential parameter; incorrect service '"
                                + Checks.printable(scopeService) + "'. This endpoint belongs to '" + service + "'.",
                        accessKeyId, null, null);
            }
        } else {
            accessKeyId = form.get("awsaccesskeyid");
        }

        String secret = accessKeyId.isEmpty() ? null : Secrets.find(secretLookup, accessKeyId);
        if (secret == null) {
            return VerificationResult.failure(AuthError.INVALID_ACCESS_KEY_ID,
                    "The AWS Access Key Id you provided does not exist in our records.", accessKeyId, null, null);
        }
        String expected = v4
                ? PostSignatures.v4(keys, secret, dateStamp, scopeRegion, scopeService, policyB64)
                : PostSignatures.v2(secret, policyB64);
        String given = form.get(v4 ? FormFields.X_AMZ_SIGNATURE : FormFields.SIGNATURE);
        if (!Crypto.constantTimeEquals(expected, given)) {
            return VerificationResult.failure(AuthError.SIGNATURE_DOES_NOT_MATCH, MISMATCH, accessKeyId, null, policyB64);
        }

        PostPolicy policy;
        try {
            policy = PostPolicy.fromBase64(policyB64);
        } catch (IllegalArgumentException e) {
            return VerificationResult.failure(AuthError.INVALID_POLICY_DOCUMENT, e.getMessage(), accessKeyId, null, policyB64);
        }
        if (now.isAfter(policy.expiration())) {
            return VerificationResult.failure(AuthError.ACCESS_DENIED, POLICY_FAILED + "Policy expired.",
                    accessKeyId, null, policyB64);
        }

        String fileName = baseName(s.fileName().orElse(null));
        if (fileName != null) {
            // ${filename} replaced once per field, not once per condition on it
            for (Map.Entry<String, String> e : form.entrySet()) {
                if (e.getValue().contains(FILENAME)) {
                    e.setValue(e.getValue().replace(FILENAME, fileName));
                }
            }
        }
        Set<String> covered = new HashSet<>();
        for (PolicyCondition c : policy.conditions()) {
            if (c.operator() == PolicyCondition.Operator.CONTENT_LENGTH_RANGE) {
                continue;
            }
            String lower = FormFields.asciiLower(c.field());
            covered.add(lower);
            String value = lower.equals("bucket") ? s.bucket() : form.getOrDefault(lower, "");
            if (!c.matches(value)) {
                return VerificationResult.failure(AuthError.ACCESS_DENIED,
                        POLICY_FAILED + "Policy Condition failed: " + c.describe(), accessKeyId, null, policyB64);
            }
        }

        List<String> extra = new ArrayList<>();
        for (String name : names) {
            if (!FormFields.isExempt(name) && !covered.contains(FormFields.asciiLower(name))) {
                extra.add(Checks.printable(name));
            }
        }
        if (!extra.isEmpty()) {
            return VerificationResult.failure(AuthError.ACCESS_DENIED,
                    POLICY_FAILED + "Extra input fields: " + String.join(", ", extra), accessKeyId, null, policyB64);
        }

        long size = s.fileSize();
        if (size > MAX_UPLOAD) {
            return VerificationResult.failure(AuthError.ENTITY_TOO_LARGE, TOO_LARGE, accessKeyId, null, policyB64);
        }
        for (PolicyCondition c : policy.conditions()) {
            if (c.operator() != PolicyCondition.Operator.CONTENT_LENGTH_RANGE) {
                continue;
            }
            if (size > c.max()) {
                return VerificationResult.failure(AuthError.ENTITY_TOO_LARGE, TOO_LARGE, accessKeyId, null, policyB64);
            }
            if (size < c.min()) {
                return VerificationResult.failure(AuthError.ENTITY_TOO_SMALL, TOO_SMALL, accessKeyId, null, policyB64);
            }
        }
        return VerificationResult.success(accessKeyId, null, policyB64);
    }

    private static VerificationResult missing(String field) {
        return VerificationResult.failure(AuthError.INVALID_ARGUMENT, "Bucket POST must contain a field named '"
                + field + "'.  If it is specified, please check the order of the fields.");
    }

    private static String baseName(String fileName) {
        if (fileName == null) {
            return null;
        }
        int cut = Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\'));
        return fileName.substring(cut + 1);
    }

    /**
     * Region, service and limits; never secrets.
     *
     * @return a description
     * @since 0.1.0
     */
    @Override
    public String toString() {
        return "PostPolicyEnforcer[region=" + (region == null ? "any" : region) + ", service=" + service
                + ", maxPolicyLength=" + maxPolicyLength + ", maxPostFieldsBytes=" + limits.maxPostFieldsBytes()
                + ", clock=" + clock + "]";
    }

    /**
     * Builds a {@link PostPolicyEnforcer}. Not thread-safe.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private SecretLookup secrets;
        private Clock clock;
        private String region;
        private String service = "s3";
        private int maxPolicyLength = 64 * 1024;
        private VerificationLimits limits = VerificationLimits.defaults();

        private Builder() {
        }

        /**
         * Sets the limits on what a form may cost before its signature is checked; of these the
         * enforcer applies {@link VerificationLimits#maxPostFieldsBytes()}, the total of the
         * names and values (UTF-8 bytes) of the fields before the file, the policy among them
         * (default 20480, S3's): a larger form is answered
         * {@link AuthError#MAX_POST_PRE_DATA_LENGTH_EXCEEDED} before anything else is read. The
         * same value a server gives its other verifiers through {@link VerificationLimits#OPTION}.
         *
         * @param limits the limits
         * @return this builder
         * @since 0.2.0
         */
        public Builder limits(VerificationLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Sets the limits a {@link SigningConfig} carries ({@link VerificationLimits#of}), so that a
         * server configures the enforcer as it configures its verifiers.
         *
         * @param config the configuration whose {@link VerificationLimits#OPTION} to use (the
         *     defaults when it has none)
         * @return this builder
         * @since 0.2.0
         */
        public Builder limits(SigningConfig config) {
            return limits(VerificationLimits.of(config));
        }

        /**
         * Sets the secret lookup used by {@link #verify(PostSubmission)}.
         *
         * @param secrets the lookup
         * @return this builder
         * @since 0.1.0
         */
        public Builder secretLookup(SecretLookup secrets) {
            this.secrets = Objects.requireNonNull(secrets, "secrets");
            return this;
        }

        /**
         * Sets the clock used by {@link #verify(PostSubmission)}.
         *
         * @param clock the clock
         * @return this builder
         * @since 0.1.0
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Requires SigV4 forms to be scoped to this region (by default any region is accepted).
         *
         * @param region for example {@code us-east-1}
         * @return this builder
         * @since 0.1.0
         */
        public Builder region(String region) {
            this.region = Checks.requireScopePart(region, "region");
            return this;
        }

        /**
         * Sets the service SigV4 forms must be scoped to (default {@code s3}).
         *
         * @param service the service
         * @return this builder
         * @since 0.1.0
         */
        public Builder service(String service) {
            this.service = Checks.requireScopePart(service, "service");
            return this;
        }

        /**
         * Sets the largest accepted {@code policy} field, in characters (default 65536).
         *
         * @param chars the limit, at least 64
         * @return this builder
         * @since 0.1.0
         */
        public Builder maxPolicyLength(int chars) {
            if (chars < 64) {
                throw new IllegalArgumentException("maxPolicyLength: must be >= 64, was " + chars);
            }
            this.maxPolicyLength = chars;
            return this;
        }

        /**
         * Builds the enforcer.
         *
         * @return the immutable enforcer
         * @since 0.1.0
         */
        public PostPolicyEnforcer build() {
            return new PostPolicyEnforcer(this);
        }
    }
}
