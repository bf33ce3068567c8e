package dev.awssig.post;

import dev.awssig.internal.Ascii;
import dev.awssig.post.internal.PolicyJson;
import dev.awssig.post.internal.PolicyText;
import java.util.Locale;
import java.util.Objects;

/**
 * One condition of a POST policy: an exact match (in the object form {@code {"acl": "public-read"}}
 * or the array form {@code ["eq", "$acl", "public-read"]}), a prefix match
 * {@code ["starts-with", "$key", "user/"]} (an empty prefix allows any value), or the size range
 * {@code ["content-length-range", min, max]} of the uploaded file.
 *
 * <p>Field names are kept as written (S3 compares them case-insensitively); values are compared
 * exactly. Immutable and thread-safe. {@link #toString()} hides the value of an
 * {@code x-amz-security-token} condition.
 *
 * @since 0.1.0
 */
public final class PolicyCondition {
    /** The name S3 gives the size-range condition. */
    static final String CONTENT_LENGTH_RANGE = "content-length-range";

    /**
     * The kinds of condition S3 knows.
     *
     * @since 0.1.0
     */
    public enum Operator {
        /** The field must equal the value exactly ({@code {"f": v}} or {@code ["eq", "$f", v]}). */
        EQ,
        /** The field must start with the value ({@code ["starts-with", "$f", prefix]}). */
        STARTS_WITH,
        /** The file size must lie in {@code [min, max]} ({@code ["content-length-range", min, max]}). */
        CONTENT_LENGTH_RANGE
    }

    private final Operator operator;
    private final String field;
    private final String value;
    private final long min;
    private final long max;
    private final boolean objectForm;

    private PolicyCondition(Operator operator, String field, String value, long min, long max, boolean objectForm) {
        this.operator = operator;
        this.field = field;
        this.value = value;
        this.min = min;
        this.max = max;
        this.objectForm = objectForm;
    }

    /**
     * An exact match in the object form, {@code {"field": "value"}}.
     *
     * @param field the form field name, without {@code $}, for example {@code acl}
     * @param value the required value
     * @return the condition
     * @throws IllegalArgumentException if the name or value is not valid
     * @since 0.1.0
     */
    public static PolicyCondition exact(String field, String value) {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
        return new PolicyCondition(Operator.EQ, requireField(field), requireValue(value, field), 0, 0, true);
    }

    /**
     * An exact match in the array form, {@code ["eq", "$field", "value"]}.
     *
     * @param field the form field name, with or without a leading {@code $}
     * @param value the required value
     * @return the condition
     * @throws IllegalArgumentException if the name or value is not valid
     * @since 0.1.0
     */
    public static PolicyCondition eq(String field, String value) {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
        String f = requireField(stripDollar(field));
        return new PolicyCondition(Operator.EQ, f, requireValue(value, f), 0, 0, false);
    }

    /**
     * A prefix match, {@code ["starts-with", "$field", "prefix"]}; an empty prefix allows any value.
     *
     * @param field the form field name, with or without a leading {@code $}
     * @param prefix the required prefix (may be empty)
     * @return the condition
     * @throws IllegalArgumentException if the name or prefix is not valid
     * @since 0.1.0
     */
    public static PolicyCondition startsWith(String field, String prefix) {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(prefix, "prefix");
        String f = requireField(stripDollar(field));
        return new PolicyCondition(Operator.STARTS_WITH, f, requireValue(prefix, f), 0, 0, false);
    }

    /**
     * The size range of the uploaded file, inclusive at both ends.
     *
     * @param min the smallest allowed size in bytes, at least 0
     * @param max the largest allowed size in bytes, at least {@code min}
     * @return the condition
     * @throws IllegalArgumentException if the range is negative or empty
     * @since 0.1.0
     */
    public static PolicyCondition contentLengthRange(long min, long max) {
        if (min < 0) {
            throw new IllegalArgumentException("content-length-range: min must be >= 0, was " + min);
        }
        if (max < min) {
            throw new IllegalArgumentException("content-length-range: max (" + max + ") must be >= min (" + min + ")");
        }
        return new PolicyCondition(Operator.CONTENT_LENGTH_RANGE, CONTENT_LENGTH_RANGE, null, min, max, false);
    }

    /**
     * Parses one condition as written in a policy: {@code {"acl": "private"}},
     * {@code ["eq", "$acl", "private"]}, {@code ["starts-with", "$key", "uploads/"]} or
     * {@code ["content-length-range", 1, 1048576]}.
     *
     * @param json the JSON text of one condition
     * @return the condition
     * @throws IllegalArgumentException if it is not a valid condition (the message starts with
     *     {@code "Invalid Policy: "})
     * @since 0.1.0
     */
    public static PolicyCondition parse(String json) {
        Objects.requireNonNull(json, "json");
        return PolicyJson.parseCondition(json);
    }

    /**
     * The kind of condition.
     *
     * @return the operator
     * @since 0.1.0
     */
    public Operator operator() {
        return operator;
    }

    /**
     * The form field name as written, without {@code $} ({@code content-length-range} for a range).
     *
     * @return the field name
     * @since 0.1.0
     */
    public String field() {
        return field;
    }

    /**
     * Whether this condition names the given form field; names compare case-insensitively.
     *
     * @param name a form field name
     * @return true when this is an exact or prefix condition on that field
     * @since 0.1.0
     */
    public boolean appliesTo(String name) {
        Objects.requireNonNull(name, "name");
        return operator != Operator.CONTENT_LENGTH_RANGE && Ascii.equalsIgnoreCase(field, name);
    }

    /**
     * The required value of an exact match or the prefix of a starts-with condition.
     *
     * @return the value; empty string for a range
     * @since 0.1.0
     */
    public String value() {
        return value == null ? "" : value;
    }

    /**
     * The smallest allowed size of a range condition.
     *
     * @return the minimum in bytes, 0 for other kinds
     * @since 0.1.0
     */
    public long min() {
        return min;
    }

    /**
     * The largest allowed size of a range condition.
     *
     * @return the maximum in bytes, 0 for other kinds
     * @since 0.1.0
     */
    public long max() {
        return max;
    }

    /**
     * Whether an exact match is written in the object form {@code {"field": "value"}} rather than
     * {@code ["eq", "$field", "value"]}.
     *
     * @return true for the object form
     * @since 0.1.0
     */
    public boolean isObjectForm() {
        return objectForm;
    }

    /**
     * Whether a value satisfies this exact or prefix condition.
     *
     * @param actual the field value (after {@code ${filename}} substitution)
     * @return true when it matches; always false for a range condition
     * @since 0.1.0
     */
    public boolean matches(String actual) {
        Objects.requireNonNull(actual, "actual");
        switch (operator) {
            case EQ:
                return value.equals(actual);
            case STARTS_WITH:
                return actual.startsWith(value);
            default:
                return false;
        }
    }

    /**
     * The condition as S3 quotes it in an error message, for example
     * {@code ["starts-with", "$key", "user/eric/"]}; the value of a security-token condition is hidden.
     *
     * @return the description
     * @since 0.1.0
     */
    public String describe() {
        return PolicyText.describe(this, true);
    }

    /**
     * Conditions are equal when kind, field name (case-insensitively), value, range and form are.
     *
     * @param o the other object
     * @return whether equal
     * @since 0.1.0
     */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof PolicyCondition)) {
            return false;
        }
        PolicyCondition c = (PolicyCondition) o;
        return operator == c.operator && Ascii.equalsIgnoreCase(field, c.field) && Objects.equals(value, c.value)
                && min == c.min && max == c.max && objectForm == c.objectForm;
    }

    /**
     * A hash consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     * @since 0.1.0
     */
    @Override
    public int hashCode() {
        return Objects.hash(operator, Ascii.lower(field), value, min, max, objectForm);
    }

    /**
     * Same as {@link #describe()}.
     *
     * @return the description, without a security token
     * @since 0.1.0
     */
    @Override
    public String toString() {
        return describe();
    }

    private static String stripDollar(String field) {
        if (field.startsWith("$")) {
            return field.substring(1);
        }
        return field;
    }

    static String requireField(String field) {
        if (field.isEmpty()) {
            throw new IllegalArgumentException("condition field: must not be empty");
        }
        if (field.startsWith("$")) {
            throw new IllegalArgumentException("condition field '" + PolicyText.printable(field)
                    + "': the object form takes the name without '$'");
        }
        if (Ascii.equalsIgnoreCase(field, CONTENT_LENGTH_RANGE)) {
            throw new IllegalArgumentException("condition field: 'content-length-range' is a range, use contentLengthRange(min, max)");
        }
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '"' || c >= 0x80) {
                throw new IllegalArgumentException("condition field '" + PolicyText.printable(field)
                        + "': must be printable ASCII without spaces or quotes (bad character at index " + i + ")");
            }
        }
        return field;
    }

    private static String requireValue(String value, String field) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                throw new IllegalArgumentException("condition '" + field + "': value has an unpaired surrogate at index " + i);
            }
            if (Character.isLowSurrogate(c)) {
                throw new IllegalArgumentException("condition '" + field + "': value has an unpaired surrogate at index " + i);
            }
        }
        return value;
    }
}
