package dev.awssig.internal;

/**
 * Comparisons of request text in ASCII case, the one way every module compares names from a
 * request (header and parameter names, form fields, trailer names, policy operators). Unlike
 * {@link String#equalsIgnoreCase} and {@link String#toLowerCase}, nothing outside A-Z folds:
 * {@code "\u017f"} (LATIN SMALL LETTER LONG S) is not {@code "s"} and the Kelvin sign
 * {@code "\u212a"} is not {@code "K"}, so a name no other parser reads as {@code AWSAccessKeyId}
 * or {@code X-Amz-Signature} never matches it here. Likewise only {@code 0-9} are digits.
 * Internal: exported only to the sibling modules of this project.
 */
public final class Ascii {
    private Ascii() {
    }

    /**
     * Equality ignoring the case of ASCII letters only.
     *
     * @param a a string
     * @param b another
     * @return whether they are equal up to ASCII case
     */
    public static boolean equalsIgnoreCase(String a, String b) {
        int n = a.length();
        if (n != b.length()) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y && lower(x) != lower(y)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code s} starts with {@code prefix}, ignoring the case of ASCII letters only.
     *
     * @param s the text
     * @param prefix the prefix
     * @return whether it starts so
     */
    public static boolean startsWithIgnoreCase(String s, String prefix) {
        int n = prefix.length();
        if (s.length() < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char x = s.charAt(i);
            char y = prefix.charAt(i);
            if (x != y && lower(x) != lower(y)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Lower-cases ASCII letters; every other character is kept.
     *
     * @param s the text
     * @return the lower-case text (the same instance when already lower case)
     */
    public static String lower(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] out = s.toCharArray();
                for (int j = i; j < n; j++) {
                    out[j] = lower(out[j]);
                }
                return new String(out);
            }
        }
        return s;
    }

    /**
     * Lower-cases an ASCII letter.
     *
     * @param c a character
     * @return its lower case when it is {@code A-Z}, else itself
     */
    public static char lower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    /**
     * Whether a character is an ASCII digit. {@link Character#isDigit} also takes other scripts'
     * digits ({@code "\u0661"}, {@code "\uff11"}).
     *
     * @param c a character
     * @return whether it is {@code 0-9}
     */
    public static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * Whether a text is one or more ASCII digits.
     *
     * @param s the text
     * @return whether it is non-empty and all {@code 0-9}
     */
    public static boolean isDigits(CharSequence s) {
        int n = s.length();
        if (n == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
