package dev.awssig.post;

import dev.awssig.internal.Ascii;
import dev.awssig.post.internal.PolicyJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A POST policy document: an expiration and the conditions a browser-based upload form must meet.
 *
 * <p>Built with {@link #builder()} or read with {@link #parse(String)}. {@link #toJson()} writes
 * compact, deterministic JSON (the same policy always gives the same bytes): {@code expiration}
 * first, then the conditions in the order they were added; quotes, backslashes and control
 * characters are escaped and every non-ASCII character is written as a {@code \\uXXXX} escape.
 * {@link #toBase64()} is the Base64 of its UTF-8 bytes, the {@code policy} form field.
 *
 * <pre>{@code
 * PostPolicy policy = PostPolicy.builder()
 *         .expiration(Instant.parse("2030-01-01T00:00:00Z"))
 *         .bucket("examplebucket")
 *         .keyStartsWith("user/eric/")
 *         .acl("public-read")
 *         .contentTypeStartsWith("image/")
 *         .contentLengthRange(1, 10 * 1024 * 1024)
 *         .build();
 * String json = policy.toJson();
 * }</pre>
 *
 * <p>Immutable and thread-safe. {@link #toString()} hides security tokens.
 *
 * @since 0.1.0
 */
public final class PostPolicy {
    private final Instant expiration;
    private final List<PolicyCondition> conditions;

    private PostPolicy(Builder b) {
        this.expiration = b.expiration;
        this.conditions = Collections.unmodifiableList(new ArrayList<>(b.conditions));
    }

    /**
     * A new builder.
     *
     * @return an empty builder
     * @since 0.1.0
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Parses a policy document (JSON text, as decoded from the {@code policy} field).
     *
     * <p>Accepts exact matches in both forms, {@code starts-with} and {@code content-length-range}
     * (bounds as numbers or numeric strings); tolerates a trailing comma and {@code \$} as in S3's
     * documentation; rejects duplicate keys, unknown top-level keys and unknown operations.
     *
     * @param json the policy JSON
     * @return the policy
     * @throws IllegalArgumentException if the document is not a valid policy; the message starts
     *     with {@code "Invalid Policy: "} as S3's {@code InvalidPolicyDocument} messages do
     * @since 0.1.0
     */
    public static PostPolicy parse(String json) {
        Objects.requireNonNull(json, "json");
        return PolicyJson.parse(json);
    }

    /**
     * Parses the Base64 text of a {@code policy} form field.
     *
     * @param base64 the Base64 of the UTF-8 policy JSON (line breaks and spaces are ignored)
     * @return the policy
     * @throws IllegalArgumentException if it is not Base64 of UTF-8 JSON of a valid policy
     * @since 0.1.0
     */
    public static PostPolicy fromBase64(String base64) {
        Objects.requireNonNull(base64, "base64");
        return parse(decodeBase64(base64));
    }

    /**
     * Decodes the Base64 text of a {@code policy} field to the JSON text.
     *
     * @param base64 the field value (line breaks and spaces are ignored)
     * @return the JSON text
     * @throws IllegalArgumentException if it is not valid Base64 of UTF-8 text
     * @since 0.1.0
     */
    public static String decodeBase64(String base64) {
        Objects.requireNonNull(base64, "base64");
        if (base64 == null) {
            throw new IllegalArgumentException("policy: is required (was null)");
        }
        String compact = base64;
        for (int i = 0; i < base64.length(); i++) {
            char c = base64.charAt(i);
            if (c == '\r' || c == '\n' || c == ' ' || c == '\t') {
                compact = withoutWhitespace(base64, i);
                break;
            }
        }
        String ascii = PolicyJson.asciiFromBase64(compact);
        if (ascii != null) {
            return ascii;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PolicyJson.INVALID_POLICY + "Invalid Base64 encoding of the policy.");
        }
        if (isAscii(bytes)) {
            // ASCII is UTF-8 as it is: no decoder needed
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        java.nio.charset.CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder();
        try {
            return dec.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new IllegalArgumentException(PolicyJson.INVALID_POLICY + "the policy is not UTF-8 text.");
        }
    }

    private static String withoutWhitespace(String base64, int from) {
        StringBuilder sb = new StringBuilder(base64.length());
        sb.append(base64, 0, from);
        for (int i = from; i < base64.length(); i++) {
            char c = base64.charAt(i);
            if (c != '\r' && c != '\n' && c != ' ' && c != '\t') {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * When the policy stops being valid (S3 rejects forms after this instant).
     *
     * @return the expiration, at millisecond precision
     * @since 0.1.0
     */
    public Instant expiration() {
        return expiration;
    }

    /**
     * The conditions in document order.
     *
     * @return an unmodifiable list
     * @since 0.1.0
     */
    public List<PolicyCondition> conditions() {
        return conditions;
    }

    /**
     * The exact and prefix conditions on one form field (names compare case-insensitively).
     *
     * @param field the field name, without {@code $}
     * @return the conditions, in document order (empty when none)
     * @since 0.1.0
     */
    public List<PolicyCondition> conditionsOn(String field) {
        Objects.requireNonNull(field, "field");
        List<PolicyCondition> out = new ArrayList<>(2);
        for (PolicyCondition c : conditions) {
            if (c.appliesTo(field)) {
                out.add(c);
            }
        }
        return out;
    }

    /**
     * The compact, deterministic JSON of this policy.
     *
     * @return the JSON text (ASCII only)
     * @since 0.1.0
     */
    public String toJson() {
        return PolicyJson.write(this);
    }

    /**
     * The Base64 of the UTF-8 bytes of {@link #toJson()}: the {@code policy} form field and the
     * string that is signed.
     *
     * @return standard Base64 with padding
     * @since 0.1.0
     */
    public String toBase64() {
        return Base64.getEncoder().encodeToString(toJson().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A builder initialised with this policy.
     *
     * @return a builder
     * @since 0.1.0
     */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.expiration = expiration;
        b.conditions.addAll(conditions);
        return b;
    }

    /**
     * Policies are equal when their expirations and condition lists are.
     *
     * @param o the other object
     * @return whether equal
     * @since 0.1.0
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof PostPolicy && ((PostPolicy) o).expiration.equals(expiration)
                && ((PostPolicy) o).conditions.equals(conditions);
    }

    /**
     * A hash consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     * @since 0.1.0
     */
    @Override
    public int hashCode() {
        return Objects.hash(expiration, conditions);
    }

    /**
     * The expiration and conditions, with security tokens hidden.
     *
     * @return a redacted description
     * @since 0.1.0
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("PostPolicy[expiration=").append(PolicyJson.formatExpiration(expiration))
                .append(", conditions=[");
        for (int i = 0; i < conditions.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(conditions.get(i).describe());
        }
        return sb.append("]]").toString();
    }

    /**
     * Builds a {@link PostPolicy}. Not thread-safe. The named methods add the conditions S3
     * documents for browser-based uploads; {@link #exact}, {@link #eq}, {@link #startsWith} and
     * {@link #condition} add any other.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private static final String[] CHECKSUM_ALGORITHMS = {"crc32", "crc32c", "crc64nvme", "sha1", "sha256"};

        private Instant expiration;
        private final ArrayList<PolicyCondition> conditions = new ArrayList<>();

        private Builder() {
        }

        /**
         * Sets the expiration (required); sub-millisecond precision is dropped.
         *
         * @param expiration the instant after which the policy is no longer valid
         * @return this builder
         * @since 0.1.0
         */
        public Builder expiration(Instant expiration) {
            Objects.requireNonNull(expiration, "expiration");
            if (expiration.getEpochSecond() < 0 || expiration.getEpochSecond() > 253402300799L) {
                throw new IllegalArgumentException("expiration: must be between 1970 and 9999, was " + expiration);
            }
            this.expiration = expiration.truncatedTo(ChronoUnit.MILLIS);
            return this;
        }

        /**
         * Adds a condition.
         *
         * @param condition the condition
         * @return this builder
         * @since 0.1.0
         */
        public Builder condition(PolicyCondition condition) {
            conditions.add(Objects.requireNonNull(condition, "condition"));
            return this;
        }

        /**
         * Adds conditions in order.
         *
         * @param list the conditions
         * @return this builder
         * @since 0.1.0
         */
        public Builder conditions(List<PolicyCondition> list) {
            conditions.ensureCapacity(conditions.size() + Objects.requireNonNull(list, "list").size());
            for (PolicyCondition c : list) {
                condition(c);
            }
            return this;
        }

        /**
         * Removes every condition on a field (case-insensitively), or every range condition for
         * {@code content-length-range}.
         *
         * @param field the field name
         * @return this builder
         * @since 0.1.0
         */
        public Builder removeConditions(String field) {
            Objects.requireNonNull(field, "field");
            conditions.removeIf(c -> Ascii.equalsIgnoreCase(c.field(), field));
            return this;
        }

        /**
         * Adds an exact match in the object form, {@code {"field": "value"}}.
         *
         * @param field the field name
         * @param value the value
         * @return this builder
         * @since 0.1.0
         */
        public Builder exact(String field, String value) {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(value, "value");
            return condition(PolicyCondition.exact(field, value));
        }

        /**
         * Adds an exact match in the array form, {@code ["eq", "$field", "value"]}.
         *
         * @param field the field name
         * @param value the value
         * @return this builder
         * @since 0.1.0
         */
        public Builder eq(String field, String value) {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(value, "value");
            return condition(PolicyCondition.eq(field, value));
        }

        /**
         * Adds {@code ["starts-with", "$field", "prefix"]}; an empty prefix allows any value.
         *
         * @param field the field name
         * @param prefix the prefix
         * @return this builder
         * @since 0.1.0
         */
        public Builder startsWith(String field, String prefix) {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(prefix, "prefix");
            return condition(PolicyCondition.startsWith(field, prefix));
        }

        /**
         * Adds {@code ["content-length-range", min, max]}.
         *
         * @param min the smallest allowed file size in bytes
         * @param max the largest allowed file size in bytes
         * @return this builder
         * @since 0.1.0
         */
        public Builder contentLengthRange(long min, long max) {
            return condition(PolicyCondition.contentLengthRange(min, max));
        }

        /**
         * Adds {@code {"bucket": name}}.
         *
         * @param bucket the bucket name
         * @return this builder
         * @since 0.1.0
         */
        public Builder bucket(String bucket) {
            Objects.requireNonNull(bucket, "bucket");
            return exact("bucket", bucket);
        }

        /**
         * Adds {@code {"key": key}}.
         *
         * @param key the exact object key
         * @return this builder
         * @since 0.1.0
         */
        public Builder key(String key) {
            Objects.requireNonNull(key, "key");
            return exact("key", key);
        }

        /**
         * Adds {@code ["starts-with", "$key", prefix]} (use with a {@code key} field such as
         * {@code prefix + "${filename}"}).
         *
         * @param prefix the key prefix, may be empty
         * @return this builder
         * @since 0.1.0
         */
        public Builder keyStartsWith(String prefix) {
            Objects.requireNonNull(prefix, "prefix");
            return startsWith("key", prefix);
        }

        /**
         * Adds {@code {"acl": acl}}, for example {@code public-read}.
         *
         * @param acl the canned ACL
         * @return this builder
         * @since 0.1.0
         */
        public Builder acl(String acl) {
            Objects.requireNonNull(acl, "acl");
            return exact("acl", acl);
        }

        /**
         * Adds {@code {"success_action_redirect": url}}.
         *
         * @param url the URL the browser is redirected to after a successful upload
         * @return this builder
         * @since 0.1.0
         */
        public Builder successActionRedirect(String url) {
            Objects.requireNonNull(url, "url");
            return exact("success_action_redirect", url);
        }

        /**
         * Adds {@code {"success_action_status": "201"}} (S3 accepts 200, 201 or 204).
         *
         * @param status 200, 201 or 204
         * @return this builder
         * @throws IllegalArgumentException for another status
         * @since 0.1.0
         */
        public Builder successActionStatus(int status) {
            if (status != 200 && status != 201 && status != 204) {
                throw new IllegalArgumentException("success_action_status: must be 200, 201 or 204, was " + status);
            }
            return exact("success_action_status", Integer.toString(status));
        }

        /**
         * Adds {@code {"Content-Type": type}}.
         *
         * @param contentType the exact content type
         * @return this builder
         * @since 0.1.0
         */
        public Builder contentType(String contentType) {
            Objects.requireNonNull(contentType, "contentType");
            return exact("Content-Type", contentType);
        }

        /**
         * Adds {@code ["starts-with", "$Content-Type", prefix]}, for example {@code image/}.
         *
         * @param prefix the content-type prefix
         * @return this builder
         * @since 0.1.0
         */
        public Builder contentTypeStartsWith(String prefix) {
            Objects.requireNonNull(prefix, "prefix");
            return startsWith("Content-Type", prefix);
        }

        /**
         * Adds an exact match on a REST header field such as {@code Cache-Control},
         * {@code Content-Disposition}, {@code Content-Encoding} or {@code Expires}.
         *
         * @param name the header name
         * @param value the value
         * @return this builder
         * @since 0.1.0
         */
        public Builder header(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            return exact(name, value);
        }

        /**
         * Adds {@code {"x-amz-meta-<name>": value}}.
         *
         * @param name the metadata name without the {@code x-amz-meta-} prefix
         * @param value the value
         * @return this builder
         * @since 0.1.0
         */
        public Builder meta(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            return exact(metaField(name), value);
        }

        /**
         * Adds {@code ["starts-with", "$x-amz-meta-<name>", prefix]}.
         *
         * @param name the metadata name without the {@code x-amz-meta-} prefix
         * @param prefix the prefix, may be empty to allow any value
         * @return this builder
         * @since 0.1.0
         */
        public Builder metaStartsWith(String name, String prefix) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(prefix, "prefix");
            return startsWith(metaField(name), prefix);
        }

        /**
         * Adds {@code {"x-amz-security-token": token}} (session or DevPay token). Form signers add
         * it themselves when they are given a token.
         *
         * @param token the token
         * @return this builder
         * @since 0.1.0
         */
        public Builder securityToken(String token) {
            Objects.requireNonNull(token, "token");
            dev.awssig.internal.Checks.requireSecret(token, "securityToken");
            return exact("x-amz-security-token", token);
        }

        /**
         * Adds {@code {"x-amz-checksum-algorithm": algorithm}}.
         *
         * @param algorithm {@code CRC32}, {@code CRC32C}, {@code CRC64NVME}, {@code SHA1} or {@code SHA256}
         * @return this builder
         * @since 0.1.0
         */
        public Builder checksumAlgorithm(String algorithm) {
            Objects.requireNonNull(algorithm, "algorithm");
            return exact("x-amz-checksum-algorithm", checksumName(algorithm).toUpperCase(Locale.ROOT));
        }

        /**
         * Adds {@code {"x-amz-checksum-<algorithm>": value}}, for example
         * {@code x-amz-checksum-sha256} with the Base64 digest of the file.
         *
         * @param algorithm {@code CRC32}, {@code CRC32C}, {@code CRC64NVME}, {@code SHA1} or {@code SHA256}
         * @param base64Value the Base64 checksum
         * @return this builder
         * @since 0.1.0
         */
        public Builder checksum(String algorithm, String base64Value) {
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(base64Value, "base64Value");
            return exact("x-amz-checksum-" + checksumName(algorithm), base64Value);
        }

        /**
         * Builds the policy.
         *
         * @return the immutable policy
         * @throws IllegalArgumentException if no expiration was set
         * @since 0.1.0
         */
        public PostPolicy build() {
            if (expiration == null) {
                throw new IllegalArgumentException("expiration: is required (a policy must expire)");
            }
            return new PostPolicy(this);
        }

        private static String metaField(String name) {
            if (name == null || name.isEmpty()) {
                throw new IllegalArgumentException("meta name: must not be empty");
            }
            return "x-amz-meta-" + name;
        }

        private static String checksumName(String algorithm) {
            if (algorithm == null) {
                throw new IllegalArgumentException("checksum algorithm: is required (was null)");
            }
            String a = algorithm.toLowerCase(Locale.ROOT);
            for (String known : CHECKSUM_ALGORITHMS) {
                if (known.equals(a)) {
                    return a;
                }
            }
            throw new IllegalArgumentException("checksum algorithm: '" + dev.awssig.internal.Checks.printable(algorithm)
                    + "' is not one of CRC32, CRC32C, CRC64NVME, SHA1, SHA256");
        }
    }
}
