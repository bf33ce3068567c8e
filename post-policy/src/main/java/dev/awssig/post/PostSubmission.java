package dev.awssig.post;

import dev.awssig.internal.Checks;
import dev.awssig.post.internal.PolicyText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A received browser-based upload, as the receiving side sees it once the multipart body is
 * parsed: the bucket the request was addressed to, the form fields that came before the file (in
 * order; S3 ignores fields after the file), the file's name and its size. The file bytes are not
 * needed.
 *
 * <p>Immutable and thread-safe. {@link #toString()} hides signatures, tokens and the policy
 * (whose Base64 carries the token of a form signed with session credentials).
 *
 * @since 0.1.0
 */
public final class PostSubmission {
    private final String bucket;
    private final List<Map.Entry<String, String>> fields;
    private final String fileName;
    private final long fileSize;

    private PostSubmission(Builder b) {
        this.bucket = b.bucket;
        this.fields = Collections.unmodifiableList(new ArrayList<>(b.fields));
        this.fileName = b.fileName;
        this.fileSize = b.fileSize;
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
     * The submission a browser makes from a signed form: its bucket and fields, with a file.
     *
     * @param form the form
     * @param fileName the name of the chosen file
     * @param fileSize its size in bytes
     * @return the submission
     * @since 0.1.0
     */
    public static PostSubmission of(PostForm form, String fileName, long fileSize) {
        Objects.requireNonNull(form, "form");
        Objects.requireNonNull(fileName, "fileName");
        Builder b = builder().bucket(form.bucket()).fileName(fileName).fileSize(fileSize);
        for (PostForm.Field f : form.fields()) {
            b.field(f.name(), f.value());
        }
        return b.build();
    }

    /**
     * The bucket the POST was addressed to (from the host or the path).
     *
     * @return the bucket name
     * @since 0.1.0
     */
    public String bucket() {
        return bucket;
    }

    /**
     * The form fields before the file, in order, names as sent.
     *
     * @return an unmodifiable list of name-value pairs
     * @since 0.1.0
     */
    public List<Map.Entry<String, String>> fields() {
        return fields;
    }

    /**
     * The file name the client sent (may include a path; S3 keeps what follows the last
     * {@code /} or {@code \}).
     *
     * @return the file name, or empty
     * @since 0.1.0
     */
    public Optional<String> fileName() {
        return Optional.ofNullable(fileName);
    }

    /**
     * The size of the file in bytes.
     *
     * @return the size
     * @since 0.1.0
     */
    public long fileSize() {
        return fileSize;
    }

    /**
     * Bucket, field names and values (signatures, tokens and the policy hidden), file name and size.
     *
     * @return a redacted description
     * @since 0.1.0
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("PostSubmission[bucket=").append(bucket).append(", fields=[");
        for (int i = 0; i < fields.size(); i++) {
            Map.Entry<String, String> e = fields.get(i);
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(e.getKey()).append('=')
                    .append(PolicyText.isSensitiveField(e.getKey()) ? "****" : PolicyText.printable(e.getValue()));
        }
        return sb.append("], fileName=").append(fileName == null ? "" : PolicyText.printable(fileName))
                .append(", fileSize=").append(fileSize).append(']').toString();
    }

    /**
     * Builds a {@link PostSubmission}. Not thread-safe.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private String bucket;
        private final List<Map.Entry<String, String>> fields = new ArrayList<>();
        private String fileName;
        private long fileSize = -1;

        private Builder() {
        }

        /**
         * Sets the bucket (required).
         *
         * @param bucket the bucket name
         * @return this builder
         * @since 0.1.0
         */
        public Builder bucket(String bucket) {
            Objects.requireNonNull(bucket, "bucket");
            this.bucket = Checks.requireNonBlank(bucket, "bucket");
            return this;
        }

        /**
         * Adds a form field, in the order received.
         *
         * @param name the field name
         * @param value the value
         * @return this builder
         * @since 0.1.0
         */
        public Builder field(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            fields.add(Map.entry(name, value));
            return this;
        }

        /**
         * Adds form fields in the map's iteration order.
         *
         * @param map the fields
         * @return this builder
         * @since 0.1.0
         */
        public Builder fields(Map<String, String> map) {
            Objects.requireNonNull(map, "map");
            for (Map.Entry<String, String> e : map.entrySet()) {
                field(e.getKey(), e.getValue());
            }
            return this;
        }

        /**
         * Sets the file name the client sent.
         *
         * @param fileName the name, or null for none
         * @return this builder
         * @since 0.1.0
         */
        public Builder fileName(String fileName) {
            Objects.requireNonNull(fileName, "fileName");
            this.fileName = fileName;
            return this;
        }

        /**
         * Sets the file size (required).
         *
         * @param size bytes, at least 0
         * @return this builder
         * @since 0.1.0
         */
        public Builder fileSize(long size) {
            if (size < 0) {
                throw new IllegalArgumentException("fileSize: must be >= 0, was " + size);
            }
            this.fileSize = size;
            return this;
        }

        /**
         * Builds the submission.
         *
         * @return the immutable submission
         * @throws IllegalArgumentException if the bucket or the file size is missing
         * @since 0.1.0
         */
        public PostSubmission build() {
            if (bucket == null) {
                throw new IllegalArgumentException("bucket: is required");
            }
            if (fileSize < 0) {
                throw new IllegalArgumentException("fileSize: is required");
            }
            return new PostSubmission(this);
        }
    }
}
