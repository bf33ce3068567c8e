package dev.awssig.post;

import dev.awssig.internal.Ascii;
import dev.awssig.internal.Checks;
import dev.awssig.post.internal.FormFields;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to sign into a browser-based upload form: the bucket, the policy (built, or a verbatim
 * document), an optional key, extra form fields, an optional security token, and where the form
 * posts to.
 *
 * <pre>{@code
 * PostFormRequest request = PostFormRequest.builder()
 *         .bucket("examplebucket")
 *         .key("uploads/${filename}")          // adds ["starts-with", "$key", "uploads/"]
 *         .policy(PostPolicy.builder().expiration(expiry).acl("private").build())
 *         .field("acl", "private")
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. {@link #toString()} hides the security token.
 *
 * @since 0.1.0
 */
public final class PostFormRequest {
    private final String bucket;
    private final PostPolicy policy;
    private final String policyDocument;
    private final String key;
    private final List<PostForm.Field> fields;
    private final String securityToken;
    private final URI endpoint;
    private final Boolean pathStyle;

    private PostFormRequest(Builder b) {
        this.bucket = b.bucket;
        this.policy = b.policy;
        this.policyDocument = b.policyDocument;
        this.key = b.key;
        this.fields = Collections.unmodifiableList(new ArrayList<>(b.fields));
        this.securityToken = b.securityToken;
        this.endpoint = b.endpoint;
        this.pathStyle = b.pathStyle;
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
     * The bucket.
     *
     * @return the bucket name
     * @since 0.1.0
     */
    public String bucket() {
        return bucket;
    }

    /**
     * The policy to complete and sign, when one was built.
     *
     * @return the policy, or empty when a verbatim document was given
     * @since 0.1.0
     */
    public Optional<PostPolicy> policy() {
        return Optional.ofNullable(policy);
    }

    /**
     * The verbatim policy document to sign byte for byte, when one was given.
     *
     * @return the JSON text, or empty when a built policy was given
     * @since 0.1.0
     */
    public Optional<String> policyDocument() {
        return Optional.ofNullable(policyDocument);
    }

    /**
     * The object key (may end with {@code ${filename}}).
     *
     * @return the key, or empty
     * @since 0.1.0
     */
    public Optional<String> key() {
        return Optional.ofNullable(key);
    }

    /**
     * The extra form fields, in order.
     *
     * @return an unmodifiable list
     * @since 0.1.0
     */
    public List<PostForm.Field> fields() {
        return fields;
    }

    /**
     * The security token given explicitly (a DevPay user token, for example); it takes precedence
     * over the session token of the credentials.
     *
     * @return the token, or empty
     * @since 0.1.0
     */
    public Optional<String> securityToken() {
        return Optional.ofNullable(securityToken);
    }

    /**
     * The custom endpoint, for example {@code http://127.0.0.1:9000}.
     *
     * @return the endpoint, or empty for AWS
     * @since 0.1.0
     */
    public Optional<URI> endpoint() {
        return Optional.ofNullable(endpoint);
    }

    /**
     * Whether the action URL is path-style ({@code https://host/bucket}); empty means chosen
     * automatically (path-style when the bucket name is not DNS-compatible, contains a dot, or the
     * endpoint host is an IP address or {@code localhost}; virtual-hosted otherwise).
     *
     * @return the choice, or empty for automatic
     * @since 0.1.0
     */
    public Optional<Boolean> pathStyle() {
        return Optional.ofNullable(pathStyle);
    }

    /**
     * The bucket, key, field names and endpoint; the token is hidden.
     *
     * @return a redacted description
     * @since 0.1.0
     */
    @Override
    public String toString() {
        return "PostFormRequest[bucket=" + bucket + ", key=" + (key == null ? "" : Checks.printable(key))
                + ", fields=" + fields + ", securityToken=" + (securityToken == null ? "none" : "****")
                + ", endpoint=" + endpoint + ", pathStyle=" + pathStyle + ", policy="
                + (policy != null ? policy : "verbatim document") + "]";
    }

    /**
     * Builds a {@link PostFormRequest}. Not thread-safe.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private String bucket;
        private PostPolicy policy;
        private String policyDocument;
        private String key;
        private final List<PostForm.Field> fields = new ArrayList<>();
        private String securityToken;
        private URI endpoint;
        private Boolean pathStyle;

        private Builder() {
        }

        /**
         * Sets the bucket (required). A built policy without a bucket condition gets
         * {@code {"bucket": name}}.
         *
         * @param bucket the bucket name
         * @return this builder
         * @since 0.1.0
         */
        public Builder bucket(String bucket) {
            Objects.requireNonNull(bucket, "bucket");
            this.bucket = FormFields.requireBucket(bucket);
            return this;
        }

        /**
         * Sets the policy to complete and sign: the signer adds the bucket and key conditions when
         * missing, and the authentication conditions ({@code x-amz-algorithm},
         * {@code x-amz-credential}, {@code x-amz-date}, {@code x-amz-security-token}).
         *
         * @param policy the policy
         * @return this builder
         * @since 0.1.0
         */
        public Builder policy(PostPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            this.policyDocument = null;
            return this;
        }

        /**
         * Sets a policy document to sign exactly as given (its Base64 is the {@code policy} field).
         * Nothing is added to it: it must already hold every condition the form needs, including
         * the authentication conditions of SigV4 and the token, with the values the signer will use.
         *
         * @param json the policy JSON text
         * @return this builder
         * @throws IllegalArgumentException if it is not a valid policy
         * @since 0.1.0
         */
        public Builder policyDocument(String json) {
            Objects.requireNonNull(json, "json");
            PostPolicy.parse(json);
            this.policyDocument = json;
            this.policy = null;
            return this;
        }

        /**
         * Sets the object key as a form field. When the policy has no condition on {@code key},
         * the signer adds {@code {"key": key}}, or {@code ["starts-with", "$key", prefix]} when the
         * key ends with {@code ${filename}}.
         *
         * @param key the key, for example {@code uploads/${filename}}
         * @return this builder
         * @since 0.1.0
         */
        public Builder key(String key) {
            Objects.requireNonNull(key, "key");
            this.key = FormFields.requireValue("key", key);
            return this;
        }

        /**
         * Adds a form field (for example {@code acl}, {@code Content-Type},
         * {@code success_action_status}, {@code x-amz-meta-*}). The policy must cover it.
         *
         * @param name the field name
         * @param value the value
         * @return this builder
         * @throws IllegalArgumentException for a name the signer sets itself or a repeated name
         * @since 0.1.0
         */
        public Builder field(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            FormFields.requireUserField(name);
            for (PostForm.Field f : fields) {
                if (Ascii.equalsIgnoreCase(f.name(), name)) {
                    throw new IllegalArgumentException("field '" + name + "': given more than once");
                }
            }
            fields.add(new PostForm.Field(name, FormFields.requireValue(name, value), false));
            return this;
        }

        /**
         * Sets a security token to send as the {@code x-amz-security-token} field and condition,
         * overriding the session token of the credentials (DevPay user tokens go here).
         *
         * @param token the token
         * @return this builder
         * @since 0.1.0
         */
        public Builder securityToken(String token) {
            Objects.requireNonNull(token, "token");
            this.securityToken = Checks.requireSecret(token, "securityToken");
            return this;
        }

        /**
         * Posts to a custom endpoint instead of AWS.
         *
         * @param endpoint an absolute {@code http} or {@code https} URI, for example
         *     {@code http://127.0.0.1:9000}; a path is kept as a prefix
         * @return this builder
         * @since 0.1.0
         */
        public Builder endpoint(URI endpoint) {
            Objects.requireNonNull(endpoint, "endpoint");
            this.endpoint = FormFields.requireEndpoint(endpoint);
            return this;
        }

        /**
         * Chooses path-style ({@code true}) or virtual-hosted ({@code false}) action URLs.
         *
         * @param pathStyle the choice
         * @return this builder
         * @since 0.1.0
         */
        public Builder pathStyle(boolean pathStyle) {
            this.pathStyle = pathStyle;
            return this;
        }

        /**
         * Builds the request.
         *
         * @return the immutable request
         * @throws IllegalArgumentException if the bucket or the policy is missing
         * @since 0.1.0
         */
        public PostFormRequest build() {
            if (bucket == null) {
                throw new IllegalArgumentException("bucket: is required");
            }
            if (policy == null && policyDocument == null) {
                throw new IllegalArgumentException("policy: a policy or a policy document is required");
            }
            return new PostFormRequest(this);
        }
    }
}
