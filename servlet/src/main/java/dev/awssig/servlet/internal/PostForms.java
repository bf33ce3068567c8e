package dev.awssig.servlet.internal;

import dev.awssig.AuthError;
import dev.awssig.SecretLookup;
import dev.awssig.VerificationLimits;
import dev.awssig.VerificationResult;
import dev.awssig.post.PolicyCondition;
import dev.awssig.post.PostPolicy;
import dev.awssig.post.PostPolicyEnforcer;
import dev.awssig.post.PostSubmission;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Browser POST uploads, through post-policy's {@link PostPolicyEnforcer} (an optional dependency:
 * this class is loaded only when the filter found post-policy's classes). The file's
 * size is not known before it has streamed through, so the form is verified with size 0 and the
 * policy's {@code content-length-range} is enforced as the file is read.
 */
public final class PostForms {
    private final PostPolicyEnforcer enforcer;

    /**
     * An enforcer.
     *
     * @param region the region to expect, or null
     * @param service the service
     * @param limits the limits
     */
    public PostForms(String region, String service, VerificationLimits limits) {
        PostPolicyEnforcer.Builder b = PostPolicyEnforcer.builder().secretLookup(id -> java.util.Optional.empty())
                .service(service).limits(limits);
        if (region != null) {
            b.region(region);
        }
        this.enforcer = b.build();
    }

    /** A verified form: the result, and the size range its policy allows (-1 for no bound). */
    public static final class Outcome {
        /** The verification (valid, or the failure to answer). */
        public final VerificationResult result;
        /** The least file size, or -1. */
        public final long min;
        /** The largest file size, or -1. */
        public final long max;

        Outcome(VerificationResult result, long min, long max) {
            this.result = result;
            this.min = min;
            this.max = max;
        }
    }

    /**
     * Verifies a form before its file is read.
     *
     * @param bucket the bucket
     * @param fields the fields before the file
     * @param fileName the file's name, or null
     * @param secrets the lookup for the form's token
     * @param now the server's time
     * @return the outcome
     */
    public Outcome verify(String bucket, List<Map.Entry<String, String>> fields, String fileName, SecretLookup secrets,
                          Instant now) {
        PostSubmission.Builder s = PostSubmission.builder().bucket(bucket).fileSize(0);
        for (Map.Entry<String, String> e : fields) {
            s.field(e.getKey(), e.getValue());
        }
        if (fileName != null) {
            s.fileName(fileName);
        }
        VerificationResult r = enforcer.verify(s.build(), secrets, now);
        if (!r.isValid() && r.error().get() != AuthError.ENTITY_TOO_SMALL) {
            return new Outcome(r, -1, -1);
        }
        long min = -1;
        long max = -1;
        for (Map.Entry<String, String> e : fields) {
            if (e.getKey().equalsIgnoreCase("policy")) {
                for (PolicyCondition c : PostPolicy.fromBase64(e.getValue()).conditions()) {
                    if (c.operator() == PolicyCondition.Operator.CONTENT_LENGTH_RANGE) {
                        min = Math.max(min, c.min());
                        max = max < 0 ? c.max() : Math.min(max, c.max());
                    }
                }
            }
        }
        if (max < 0) {
            max = 5L * 1024 * 1024 * 1024; // S3's largest single upload
        }
        String accessKeyId = r.accessKeyId().orElseThrow();
        return new Outcome(VerificationResult.success(accessKeyId, null, r.stringToSign().orElse(null)), min, max);
    }
}
