package dev.awssig.v2.internal;

/** Unfolds header values received with obs-fold line continuations (see {@link dev.awssig.v2.S3V2Signer#unfoldHeaderValue}). */
public final class HeaderFolding {
    private HeaderFolding() {
    }

    /**
     * The value with each run of whitespace that contains a line break replaced by one space, and
     * leading and trailing whitespace removed.
     *
     * @param rawValue the value as read from the wire
     * @return the unfolded value (the same instance when there is nothing to change)
     */
    public static String unfold(String rawValue) {
        int n = rawValue.length();
        boolean fold = false;
        for (int i = 0; i < n && !fold; i++) {
            char c = rawValue.charAt(i);
            fold = c == '\r' || c == '\n';
        }
        if (!fold) {
            return trimOws(rawValue);
        }
        StringBuilder sb = new StringBuilder(n);
        int i = 0;
        while (i < n) {
            char c = rawValue.charAt(i);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                int j = i;
                boolean lineBreak = false;
                while (j < n) {
                    char d = rawValue.charAt(j);
                    if (d == '\r' || d == '\n') {
                        lineBreak = true;
                    } else if (d != ' ' && d != '\t') {
                        break;
                    }
                    j++;
                }
                if (lineBreak) {
                    sb.append(' ');
                } else {
                    sb.append(rawValue, i, j);
                }
                i = j;
            } else {
                sb.append(c);
                i++;
            }
        }
        return trimOws(sb.toString());
    }

    private static String trimOws(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && (s.charAt(a) == ' ' || s.charAt(a) == '\t')) {
            a++;
        }
        while (b > a && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == '\t')) {
            b--;
        }
        return a == 0 && b == s.length() ? s : s.substring(a, b);
    }
}
