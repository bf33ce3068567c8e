package dev.awssig.internal;

/**
 * Argument checks with messages that name the field and never echo secret values.
 * Internal: exported only to the sibling modules of this project.
 */
public final class Checks {
    private static final boolean[] TCHAR = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TCHAR[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TCHAR[c] = true;
            TCHAR[c - 32] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TCHAR[c] = true;
        }
    }

    private Checks() {
    }

    /**
     * Requires a non-null, non-blank value: the API's rule is {@link NullPointerException} naming
     * the parameter for null, {@link IllegalArgumentException} for a present but invalid value.
     *
     * @param value the value
     * @param field the field (parameter) name for the message
     * @return the value
     * @throws NullPointerException with message {@code field} if the value is null
     */
    public static String requireNonBlank(String value, String field) {
        if (value == null) {
            throw new NullPointerException(field);
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + ": must not be blank");
        }
        return value;
    }

    /**
     * Whether a string is an RFC 7230 token.
     *
     * @param s the string
     * @return true for a non-empty token
     */
    public static boolean isToken(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 128 || !TCHAR[c]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Requires an RFC 7230 token (methods, header names, access key ids).
     *
     * @param value the value
     * @param field the field name
     * @return the value
     */
    public static String requireToken(String value, String field) {
        requireNonBlank(value, field);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 128 || !TCHAR[c]) {
                throw new IllegalArgumentException(field + ": '" + printable(value) + "' has a character that is not"
                        + " allowed in an HTTP token at index " + i);
            }
        }
        return value;
    }

    /**
     * Requires a header name (RFC 7230 token).
     *
     * @param name the header name
     * @return the name
     */
    public static String requireHeaderName(String name) {
        if (name == null) {
            throw new NullPointerException("name");
        }
        return requireToken(name, "header name");
    }

    /**
     * Requires a header value without CR, LF or NUL (the value itself is not echoed).
     *
     * @param name the header name, for the message
     * @param value the value
     * @return the value
     */
    public static String requireHeaderValue(String name, String value) {
        if (value == null) {
            throw new NullPointerException("value");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("header '" + name + "': value must not contain CR, LF or NUL"
                        + " (found at index " + i + ")");
            }
        }
        return value;
    }

    /**
     * Requires text without control characters (U+0000..U+001F, U+007F), such as a URI or one of
     * its parts: a CR or LF there would end the request line.
     *
     * @param value the value, not null
     * @param field the field name for the message
     * @return the value
     * @throws IllegalArgumentException naming the field and the index of the first control character
     */
    public static String requireNoControl(String value, String field) {
        int i = indexOfControl(value, false);
        if (i >= 0) {
            throw new IllegalArgumentException(field + ": contains a control character at index " + i);
        }
        return value;
    }

    /**
     * Where the first control character (U+0000..U+001F, U+007F) of a text is.
     *
     * @param value the text, not null
     * @param tabAllowed whether a horizontal tab (optional whitespace in HTTP fields) is not counted
     * @return its index, or -1 when there is none
     */
    public static int indexOfControl(CharSequence value, boolean tabAllowed) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && !(tabAllowed && c == '\t')) || c == 0x7f) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Requires a secret: non-blank, without control characters; the value is never echoed.
     *
     * @param value the secret
     * @param field the field name
     * @return the value
     */
    public static String requireSecret(String value, String field) {
        if (value == null) {
            throw new NullPointerException(field);
        }
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + ": must not be blank");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException(field + ": must not contain control characters (CR, LF, ...)");
            }
        }
        return value;
    }

    /**
     * Requires a credential-scope part (region, service): non-blank, no {@code /}, no whitespace.
     *
     * @param value the value
     * @param field the field name
     * @return the value
     */
    public static String requireScopePart(String value, String field) {
        requireNonBlank(value, field);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == '/' || c >= 0x7f) {
                throw new IllegalArgumentException(field + ": '" + printable(value)
                        + "' must not contain '/', whitespace or non-ASCII characters");
            }
        }
        return value;
    }

    /**
     * Requires 64 hex digits (lower-cased on return).
     *
     * @param value the value
     * @param field the field name
     * @return the lower-cased value
     */
    public static String requireSha256Hex(String value, String field) {
        requireNonBlank(value, field);
        if (value.length() != 64) {
            throw new IllegalArgumentException(field + ": must be 64 hex digits (a SHA-256), was "
                    + value.length() + " characters");
        }
        for (int i = 0; i < 64; i++) {
            if (Hex.digit(value.charAt(i)) < 0) {
                throw new IllegalArgumentException(field + ": must be hex digits only, found '"
                        + printable(String.valueOf(value.charAt(i))) + "' at index " + i);
            }
        }
        return value.toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Reads a non-negative decimal number written with ASCII digits only: no sign, no
     * whitespace, no digits of other scripts ({@link Long#parseLong(String)} takes {@code +5} and
     * {@code \u0665}), at most 18 digits (so it cannot overflow).
     *
     * @param s the text
     * @return the value, or -1 when the text is not such a number
     */
    public static long parseDecimal(CharSequence s) {
        return s == null ? -1 : parseDecimal(s, 0, s.length());
    }

    /**
     * {@link #parseDecimal(CharSequence)} of {@code s[from, to)}, read in place.
     *
     * @param s the text
     * @param from where the number starts
     * @param to where it ends (exclusive)
     * @return the value, or -1 when the text is not such a number
     */
    public static long parseDecimal(CharSequence s, int from, int to) {
        int n = to - from;
        if (n <= 0 || n > 18) {
            return -1;
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /**
     * A value made safe for a message: control characters escaped, long values cut.
     *
     * @param s the value
     * @return a printable form
     */
    public static String printable(String s) {
        StringBuilder sb = new StringBuilder(Math.min(s.length(), 80) + 8);
        for (int i = 0; i < s.length() && i < 80; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (s.length() > 80) {
            sb.append("...");
        }
        return sb.toString();
    }
}
