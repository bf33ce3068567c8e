package dev.awssig.post;

import dev.awssig.internal.Ascii;
import dev.awssig.post.internal.Html;
import dev.awssig.post.internal.PolicyText;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A signed browser-based upload form: the action URL and the form fields, in the order they must
 * be sent (the {@code file} field goes after all of them).
 *
 * <p>{@link #toHtml()} renders a complete page that uploads from a browser; {@link #toJson()}
 * gives {@code {"url": ..., "fields": {...}}} for clients that build the multipart body
 * themselves. Both contain the signature (and the security token, if any): serve them only to
 * whom the form is meant for. {@link #toString()} hides the signature, the token and the policy
 * (whose Base64 carries the token).
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class PostForm {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final URI action;
    private final List<Field> fields;
    private final String bucket;
    private final PostPolicy policy;

    PostForm(URI action, String bucket, List<Field> fields, PostPolicy policy) {
        this.action = Objects.requireNonNull(action, "action");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
        this.fields = Collections.unmodifiableList(new ArrayList<>(fields));
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /**
     * The URL the form is posted to (virtual-hosted {@code https://bucket.s3.region.amazonaws.com/}
     * or path-style {@code https://host/bucket}).
     *
     * @return the action URL
     * @since 0.1.0
     */
    public URI actionUrl() {
        return action;
    }

    /**
     * The bucket the form uploads to.
     *
     * @return the bucket name
     * @since 0.1.0
     */
    public String bucket() {
        return bucket;
    }

    /**
     * The policy that was signed.
     *
     * @return the policy
     * @since 0.1.0
     */
    public PostPolicy policy() {
        return policy;
    }

    /**
     * When the policy expires.
     *
     * @return the expiration
     * @since 0.1.0
     */
    public Instant expiration() {
        return policy.expiration();
    }

    /**
     * The form fields in order (without the file).
     *
     * @return an unmodifiable list
     * @since 0.1.0
     */
    public List<Field> fields() {
        return fields;
    }

    /**
     * The form fields in order, as a name-to-value map.
     *
     * @return an unmodifiable, insertion-ordered map
     * @since 0.1.0
     */
    public Map<String, String> fieldMap() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Field f : fields) {
            m.put(f.name(), f.value());
        }
        return Collections.unmodifiableMap(m);
    }

    /**
     * The value of a field (names compare case-insensitively).
     *
     * @param name the field name
     * @return the value, or empty
     * @since 0.1.0
     */
    public Optional<String> field(String name) {
        Objects.requireNonNull(name, "name");
        for (Field f : fields) {
            if (Ascii.equalsIgnoreCase(f.name(), name)) {
                return Optional.of(f.value());
            }
        }
        return Optional.empty();
    }

    /**
     * A complete, self-contained HTML upload page with this form (inline CSS and JavaScript, no
     * other resource): the bucket, where the file is saved, the size range and the expiry in plain
     * words from the policy; a {@code method="post"} {@code enctype="multipart/form-data"} form
     * whose fields are hidden inputs (text inputs for fields the policy only constrains with
     * {@code starts-with}), then the {@code file} input as the last field and a submit button.
     * Without JavaScript it is a plain form; with JavaScript it uploads through
     * {@code XMLHttpRequest}, shows a progress bar and the server's answer (which needs a CORS rule
     * on the bucket allowing the page's origin; without one it falls back to the plain form).
     * Every value is HTML-escaped. The markup beyond the form's fields is not API.
     *
     * @return the page
     * @since 0.1.0
     */
    public String toHtml() {
        return Html.page(this, "Upload to " + bucket, "Upload");
    }

    /**
     * Like {@link #toHtml()} with a page title and a submit-button label of your choice.
     *
     * @param title the page title and heading (escaped)
     * @param submitLabel the label of the submit button (escaped)
     * @return the page
     * @since 0.1.0
     */
    public String toHtml(String title, String submitLabel) {
        return Html.page(this, Objects.requireNonNull(title, "title"), Objects.requireNonNull(submitLabel, "submitLabel"));
    }

    /**
     * {@code {"url": "<action>", "fields": {"key": "...", ...}}}, fields in order.
     *
     * @return the JSON text (contains the signature and any token)
     * @since 0.1.0
     */
    public String toJson() {
        StringWriter out = new StringWriter(256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("url", action.toString());
            g.writeObjectFieldStart("fields");
            for (Field f : fields) {
                g.writeStringField(f.name(), f.value());
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing a form to memory failed", e);
        }
        return out.toString();
    }

    /**
     * The action URL and the field names; the signature and token values are hidden.
     *
     * @return a redacted description
     * @since 0.1.0
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("PostForm[action=").append(action).append(", fields=[");
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(fields.get(i));
        }
        return sb.append("]]").toString();
    }

    /**
     * One form field.
     *
     * @since 0.1.0
     */
    public static final class Field {
        private final String name;
        private final String value;
        private final boolean editable;

        /**
         * A field.
         *
         * @param name the field name
         * @param value the value
         * @param editable whether a page should let the user edit it (a {@code starts-with} field)
         * @since 0.1.0
         */
        public Field(String name, String value, boolean editable) {
            this.name = Objects.requireNonNull(name, "name");
            this.value = Objects.requireNonNull(value, "value");
            this.editable = editable;
        }

        /**
         * The field name.
         *
         * @return the name
         * @since 0.1.0
         */
        public String name() {
            return name;
        }

        /**
         * The field value.
         *
         * @return the value
         * @since 0.1.0
         */
        public String value() {
            return value;
        }

        /**
         * Whether the policy lets the user choose the value (only {@code starts-with} conditions
         * apply to it), so a page renders it as a text input rather than a hidden one.
         *
         * @return true for a user-editable field
         * @since 0.1.0
         */
        public boolean isEditable() {
            return editable;
        }

        /**
         * Fields are equal when name, value and editability are.
         *
         * @param o the other object
         * @return whether equal
         * @since 0.1.0
         */
        @Override
        public boolean equals(Object o) {
            return o instanceof Field && ((Field) o).name.equals(name) && ((Field) o).value.equals(value)
                    && ((Field) o).editable == editable;
        }

        /**
         * A hash consistent with {@link #equals(Object)}.
         *
         * @return the hash code
         * @since 0.1.0
         */
        @Override
        public int hashCode() {
            return Objects.hash(name, value, editable);
        }

        /**
         * {@code name=value}, with the value of a signature or token hidden.
         *
         * @return the description
         * @since 0.1.0
         */
        @Override
        public String toString() {
            return name + "=" + (PolicyText.isSensitiveField(name) ? "****" : PolicyText.printable(value));
        }
    }
}
