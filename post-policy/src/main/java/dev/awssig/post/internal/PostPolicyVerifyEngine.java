package dev.awssig.post.internal;

import dev.awssig.Algorithms;
import dev.awssig.AuthError;
import dev.awssig.SecretLookup;
import dev.awssig.VerificationLimits;
import dev.awssig.VerificationResult;
import dev.awssig.internal.Checks;
import dev.awssig.internal.Secrets;
import dev.awssig.internal.SigningKeys;
import dev.awssig.internal.Timestamps;
import dev.awssig.post.PolicyCondition;
import dev.awssig.post.PostPolicy;
import dev.awssig.post.PostSubmission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The engine of {@link dev.awssig.post.PostPolicyEnforcer}: decides on a browser upload as S3
 * does, as that class documents. Immutable and thread-safe.
 */
public final class PostPolicyVerifyEngine {
    private static final String POLICY_FAILED = "Invalid according to Policy: ";
    private static final String FILENAME = "${filename}";
    /** S3's largest single upload, 5 GiB. */
    private static final long MAX_UPLOAD = 5L * 1024 * 1024 * 1024;
    private static final String TOO_LARGE = "Your proposed upload exceeds the maximum allowed size";
    private static final String TOO_SMALL = "Your proposed upload is smaller than the minimum allowed size";
    private static final String MISMATCH = "The request signature we calculated does not match the signature you"
            + " provided. Check your key and signing method.";
    private static final String MALFORMED = "The body of your POST request is not well-formed multipart/form-data.";

    private static final String[] REQUIRED_V4 = {FormFields.X_AMZ_ALGORITHM, FormFields.X_AMZ_CREDENTIAL,
        FormFields.X_AMZ_DATE, FormFields.X_AMZ_SIGNATURE};
    private static final String[] REQUIRED_V2 = {FormFields.AWS_ACCESS_KEY_ID, FormFields.SIGNATURE};
    private static final String[] REQUIRED_V2_LOWER = {FormFields.asciiLower(FormFields.AWS_ACCESS_KEY_ID),
        FormFields.SIGNATURE};

    private final String region;
    private final String service;
    private final int maxPolicyLength;
    private final VerificationLimits limits;
    private final SigningKeys keys;

    /**
     * An engine for the settings of a {@link dev.awssig.post.PostPolicyEnforcer.Builder}.
     *
     * @param region the region SigV4 forms must be scoped to, or null for any
     * @param service the service SigV4 forms must be scoped to
     * @param maxPolicyLength the longest accepted Base64 policy
     * @param limits the limits before the signature check
     */
    public PostPolicyVerifyEngine(String region, String service, int maxPolicyLength, VerificationLimits limits) {
        this.region = region;
        this.service = service;
        this.maxPolicyLength = maxPolicyLength;
        this.limits = limits;
        this.keys = SigningKeys.shared();
    }

    /**
     * Decides on a submission (see {@link dev.awssig.post.PostPolicyEnforcer#verify(PostSubmission,
     * SecretLookup, Instant)}).
     *
     * @param s the received form, not null
     * @param secretLookup finds the secret of an access key id, not null
     * @param now the server's time, not null
     * @return the outcome
     */
    public VerificationResult decide(PostSubmission s, SecretLookup secretLookup, Instant now) {
        int count = s.fields().size();
        Map<String, String> form = new HashMap<>(Math.max(16, 2 * count));
        List<String> names = new ArrayList<>(count);
        List<String> lowers = new ArrayList<>(count);
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
            lowers.add(lower);
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
        String[] required = v4 ? REQUIRED_V4 : REQUIRED_V2;
        String[] requiredLower = v4 ? REQUIRED_V4 : REQUIRED_V2_LOWER;
        for (int i = 0; i < required.length; i++) {
            if (!form.containsKey(requiredLower[i])) {
                return missing(required[i]);
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
            String[] scope = splitCredential(form.get(FormFields.X_AMZ_CREDENTIAL));
            if (scope == null || scope[0].isEmpty() || scope[1].length() != 8 || scope[2].isEmpty()
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
                if (!PolicyJson.isAmzDate(amzDate)) {
                    Timestamps.parseAmzDate(amzDate, FormFields.X_AMZ_DATE); // throws, with the message
                }
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
        String given = form.get(v4 ? FormFields.X_AMZ_SIGNATURE : FormFields.SIGNATURE);
        boolean matches = v4
                ? PostSignatures.v4Matches(keys, secret, dateStamp, scopeRegion, scopeService, policyB64, given)
                : PostSignatures.v2Matches(secret, policyB64, given);
        if (!matches) {
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
        Set<String> covered = new HashSet<>(Math.max(16, 2 * policy.conditions().size()));
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

        List<String> extra = null;
        for (int i = 0; i < names.size(); i++) {
            String lower = lowers.get(i);
            if (!FormFields.isExempt(lower) && !covered.contains(lower)) {
                if (extra == null) {
                    extra = new ArrayList<>();
                }
                extra.add(Checks.printable(names.get(i)));
            }
        }
        if (extra != null) {
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

    /** {@code credential.split("/", -1)} when that gives five parts, else null. */
    private static String[] splitCredential(String credential) {
        String[] parts = new String[5];
        int from = 0;
        for (int i = 0; i < 4; i++) {
            int slash = credential.indexOf('/', from);
            if (slash < 0) {
                return null;
            }
            parts[i] = credential.substring(from, slash);
            from = slash + 1;
        }
        if (credential.indexOf('/', from) >= 0) {
            return null;
        }
        parts[4] = credential.substring(from);
        return parts;
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
     * Region, service and limits, for the public class's description; never secrets.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "region=" + (region == null ? "any" : region) + ", service=" + service
                + ", maxPolicyLength=" + maxPolicyLength + ", maxPostFieldsBytes=" + limits.maxPostFieldsBytes();
    }
}
