package dev.awssig.post.internal;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.awssig.internal.Checks;
import dev.awssig.internal.Redaction;
import dev.awssig.post.PolicyCondition;

/**
 * Text forms of policy conditions for messages and descriptions, in the shape S3 quotes them
 * ({@code ["starts-with", "$key", "user/eric/"]}). Internal.
 */
public final class PolicyText {
    private PolicyText() {
    }

    /**
     * A condition as S3 quotes it in {@code Policy Condition failed: ...}.
     *
     * @param c the condition
     * @param redact whether to hide the value of a token or signature condition
     * @return the description
     */
    public static String describe(PolicyCondition c, boolean redact) {
        StringBuilder sb = new StringBuilder(48);
        switch (c.operator()) {
            case CONTENT_LENGTH_RANGE:
                return sb.append("[\"content-length-range\", ").append(c.min()).append(", ").append(c.max())
                        .append(']').toString();
            case STARTS_WITH:
                sb.append("[\"starts-with\", ");
                break;
            default:
                sb.append("[\"eq\", ");
                break;
        }
        sb.append('"').append('$');
        quoteInto(c.field(), sb);
        sb.append("\", \"");
        if (redact && isSensitiveField(c.field())) {
            sb.append("****");
        } else {
            quoteInto(c.value(), sb);
        }
        return sb.append("\"]").toString();
    }

    /**
     * Whether a form field or condition carries a token or a signature: descriptions show
     * {@code ****} instead of its value.
     *
     * @param field the field name
     * @return true for {@code x-amz-security-token}, {@code x-amz-signature}, {@code signature},
     *     and {@code policy}, whose Base64 holds the {@code x-amz-security-token} condition of a
     *     form signed with session credentials
     */
    public static boolean isSensitiveField(String field) {
        return Redaction.isSensitiveParameter(field) || FormFields.POLICY.equals(FormFields.asciiLower(field));
    }

    /**
     * Appends JSON string escaping of a value (without the quotes).
     *
     * @param s the value
     * @param sb the builder
     */
    public static void quoteInto(String s, StringBuilder sb) {
        JsonStringEncoder.getInstance().quoteAsString(s, sb);
    }

    /**
     * A value safe for a message: control characters escaped, long values cut.
     *
     * @param s the value
     * @return the printable form
     */
    public static String printable(String s) {
        return Checks.printable(s);
    }
}
