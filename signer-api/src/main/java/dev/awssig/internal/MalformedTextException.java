package dev.awssig.internal;

/**
 * Text that is not well-formed UTF-16: a lone surrogate, which has no UTF-8 form, so there is no
 * byte sequence to sign or to compare; or percent-encoded text that does not decode strictly
 * ({@link UriEncoding#decodeStrict}). Thrown by {@link UriEncoding} and by the signers'
 * canonicalization with a generic field name; a caller that knows which field it was working on
 * renames it with {@link #in(String)}. The message shows the code unit and its index, never the
 * text. Internal: exported only to the sibling modules of this project.
 */
public final class MalformedTextException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** The index of the lone surrogate in the text. */
    private final int index;
    /** The lone surrogate. */
    private final char unit;

    /**
     * A lone surrogate found in a field.
     *
     * @param field what the text is, for the message ({@code "path"}, {@code "header 'x-amz-meta-a'"})
     * @param index where the lone surrogate is
     * @param unit the lone surrogate
     */
    public MalformedTextException(String field, int index, char unit) {
        super(field + ": contains a lone UTF-16 surrogate (\\u" + Integer.toHexString(unit).toUpperCase(
                java.util.Locale.ROOT) + ") at index " + index + "; text must be well-formed Unicode");
        this.index = index;
        this.unit = unit;
    }

    /**
     * Text that cannot be read for another reason: a {@code %} that is not followed by two ASCII
     * hex digits, escaped bytes that are not UTF-8.
     *
     * @param message what is wrong and where (never the text itself)
     */
    public MalformedTextException(String message) {
        super(message);
        this.index = -1;
        this.unit = 0;
    }

    /**
     * The same failure, naming another field.
     *
     * @param field the field
     * @return a new exception
     */
    public MalformedTextException in(String field) {
        return index < 0 ? this : new MalformedTextException(field, index, unit);
    }

    /**
     * The index of the lone surrogate.
     *
     * @return the index in the text that was checked, or -1 when the failure is not a lone surrogate
     */
    public int index() {
        return index;
    }

    /**
     * The index of the first lone surrogate in {@code s[from, to)}: a high surrogate not followed
     * by a low one, or a low surrogate not preceded by a high one.
     *
     * @param s the text
     * @param from the first index checked
     * @param to the end (exclusive)
     * @return the index, or -1 when the range is well-formed
     */
    public static int indexOfLoneSurrogate(CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            return i;
        }
        return -1;
    }

    /**
     * Requires well-formed text.
     *
     * @param s the text
     * @param field the field name for the message
     * @return the text
     * @throws MalformedTextException if it has a lone surrogate
     */
    public static String requireWellFormed(String s, String field) {
        int at = indexOfLoneSurrogate(s, 0, s.length());
        if (at >= 0) {
            throw new MalformedTextException(field, at, s.charAt(at));
        }
        return s;
    }
}
