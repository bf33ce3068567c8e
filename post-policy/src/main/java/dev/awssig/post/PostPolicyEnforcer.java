package dev.awssig.post;

import dev.awssig.SecretLookup;
import dev.awssig.SigningConfig;
import dev.awssig.VerificationLimits;
import dev.awssig.VerificationResult;
import dev.awssig.internal.Checks;
import dev.awssig.post.internal.PostPolicyVerifyEngine;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
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

    private final SecretLookup secrets;
    private final Clock clock;
    private final PostPolicyVerifyEngine engine;

    private PostPolicyEnforcer(Builder b) {
        this.secrets = b.secrets;
        this.clock = b.clock;
        this.engine = new PostPolicyVerifyEngine(b.region, b.service, b.maxPolicyLength, b.limits);
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
        VerificationResult r = engine.decide(submission, secretLookup, now);
        if (LOG.isDebugEnabled()) {
            LOG.debug("POST to bucket {}: {}", submission.bucket(), r);
        }
        return r;
    }

    /**
     * Region, service and limits; never secrets.
     *
     * @return a description
     * @since 0.1.0
     */
    @Override
    public String toString() {
        return "PostPolicyEnforcer[" + engine + ", clock=" + clock + "]";
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