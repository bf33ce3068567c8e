package dev.awssig.servlet;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A verified browser POST upload, as the filter hands it to the application in the request
 * attribute {@link VerifyingFilter#POST_UPLOAD_ATTRIBUTE}: the form fields that came before the
 * file (with {@code ${filename}} replaced by the file's base name, as S3 does), the file's name
 * and content type. The file itself is the request's body ({@code getInputStream()}), streamed,
 * never held in memory.
 *
 * <p>Immutable and thread-safe. {@link #toString()} hides the policy, signature and session
 * token fields.
 *
 * @since 0.2.0
 */
public final class PostUpload {
    private final String bucket;
    private final List<Map.Entry<String, String>> fields;
    private final String fileName;
    private final String fileContentType;

    private PostUpload(String bucket, List<Map.Entry<String, String>> fields, String fileName, String fileContentType) {
        this.bucket = bucket;
        this.fields = fields;
        this.fileName = fileName;
        this.fileContentType = fileContentType;
    }

    /**
     * An upload.
     *
     * @param bucket the bucket the form was posted to
     * @param fields the fields before the file, in order ({@code ${filename}} already replaced)
     * @param fileName the file's name as the browser sent it, or null when it sent none
     * @param fileContentType the {@code Content-Type} of the file part, or null when it had none
     * @return the upload
     * @since 0.2.0
     */
    public static PostUpload of(String bucket, List<Map.Entry<String, String>> fields, String fileName,
                                String fileContentType) {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(fields, "fields");
        List<Map.Entry<String, String>> copy = new ArrayList<>(fields.size());
        for (Map.Entry<String, String> e : fields) {
            Objects.requireNonNull(e, "fields");
            copy.add(new AbstractMap.SimpleImmutableEntry<>(Objects.requireNonNull(e.getKey(), "fields"),
                    Objects.requireNonNull(e.getValue(), "fields")));
        }
        return new PostUpload(bucket, List.copyOf(copy), fileName, fileContentType);
    }

    /**
     * The bucket the form was posted to.
     *
     * @return the bucket name
     * @since 0.2.0
     */
    public String bucket() {
        return bucket;
    }

    /**
     * The fields before the file, in the order received.
     *
     * @return an unmodifiable list of name-value pairs
     * @since 0.2.0
     */
    public List<Map.Entry<String, String>> fields() {
        return fields;
    }

    /**
     * The value of a field, its name compared in ASCII case.
     *
     * @param name the field name, for example {@code Content-Type}
     * @return the value, or empty when the form has no such field
     * @since 0.2.0
     */
    public Optional<String> field(String name) {
        Objects.requireNonNull(name, "name");
        for (Map.Entry<String, String> e : fields) {
            if (lower(e.getKey()).equals(lower(name))) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /**
     * The object key: the {@code key} field, {@code ${filename}} replaced.
     *
     * @return the key
     * @since 0.2.0
     */
    public String key() {
        return field("key").orElse("");
    }

    /**
     * The file's name as the browser sent it.
     *
     * @return the name, or empty
     * @since 0.2.0
     */
    public Optional<String> fileName() {
        return Optional.ofNullable(fileName);
    }

    /**
     * The {@code Content-Type} of the file part (S3 stores the {@code Content-Type} field, when
     * the form has one, rather than this).
     *
     * @return the content type, or empty
     * @since 0.2.0
     */
    public Optional<String> fileContentType() {
        return Optional.ofNullable(fileContentType);
    }

    private static String lower(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                if (b == null) {
                    b = new StringBuilder(s);
                }
                b.setCharAt(i, (char) (c + 32));
            }
        }
        return b == null ? s : b.toString();
    }

    /**
     * A description without the policy, signature or token.
     *
     * @return the description
     * @since 0.2.0
     */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("PostUpload[bucket=").append(bucket).append(", fields={");
        for (int i = 0; i < fields.size(); i++) {
            String name = fields.get(i).getKey();
            String l = lower(name);
            boolean hidden = l.equals("policy") || l.equals("signature") || l.equals("x-amz-signature")
                    || l.equals("x-amz-security-token");
            b.append(i == 0 ? "" : ", ").append(name).append('=')
                    .append(hidden ? "<redacted>" : fields.get(i).getValue());
        }
        return b.append("}, fileName=").append(fileName).append(']').toString();
    }
}
