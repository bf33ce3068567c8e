package dev.awssig.v2;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Small random edits of request text for the mutation tests: one character replaced, inserted
 * or deleted, a piece repeated or cut, a case flipped, or the whole value replaced by something
 * hostile (non-ASCII "hex digits", lone surrogates, huge numbers, edge-of-time dates). Also the
 * independent views the tests compare when a mutated request still verifies: they use the JDK's
 * {@link URLDecoder}, trimming and ASCII lower-casing, never the code under test.
 */
final class Mutations {
    /** Characters an edit puts in: ASCII, separators, escapes' pieces, non-ASCII digits, a lone surrogate. */
    private static final String[] CHARS = {"a", "Z", "0", "9", "-", "_", ".", "~", "%", "+", "&", "=", " ", "\t", ":",
        ",", "/", "?", ";", "é", "\u0666", "\uff13", "\uD800", "\uDC00", "\u212A", "😀", "\u0000", "\"", "\\", "$"};
    private static final String[] HOSTILE = {"", "%", "%zz", "%4", "%\u0666\u0661", "%\uff13\uff13", "%C3", "%FF",
        "%ED%A0%80", "\uD800", "999999999999999999999999", "9223372036854775808", "-1", "0",
        "01 Jan 0000 00:30:00 +0100", "31 Dec 9999 23:30:00 -0100", "+999999999-12-31T23:59:59Z", "AWS ",
        "AWS :", "AWS a:b:c", "x".repeat(300), "a=b&c=d", "\u0661\u0662\u0663"};

    private Mutations() {
    }

    /** A random edit of {@code s} (possibly the same text, which callers treat as equivalent). */
    static String edit(Random r, String s) {
        int n = s.length();
        int at = n == 0 ? 0 : r.nextInt(n);
        String c = CHARS[r.nextInt(CHARS.length)];
        switch (r.nextInt(8)) {
            case 0: // replace
                return n == 0 ? c : s.substring(0, at) + c + s.substring(at + 1);
            case 1: // insert
                return s.substring(0, at) + c + s.substring(at);
            case 2: // delete
                return n == 0 ? s : s.substring(0, at) + s.substring(at + 1);
            case 3: // repeat a piece
                return s.substring(0, at) + s.substring(at, Math.min(n, at + 1 + r.nextInt(8))) + s.substring(at);
            case 4: // cut
                return s.substring(0, at);
            case 5: // flip the case of one character
                if (n == 0) {
                    return s;
                }
                char ch = s.charAt(at);
                char flipped = Character.isUpperCase(ch) ? Character.toLowerCase(ch) : Character.toUpperCase(ch);
                return s.substring(0, at) + flipped + s.substring(at + 1);
            case 6: // a hostile value
                return HOSTILE[r.nextInt(HOSTILE.length)];
            default: // a hostile value inserted
                return s.substring(0, at) + HOSTILE[r.nextInt(HOSTILE.length)] + s.substring(at);
        }
    }

    /** Trims spaces and tabs at both ends, as HTTP and SigV2 do with header values. */
    static String trimOws(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && (s.charAt(a) == ' ' || s.charAt(a) == '\t')) {
            a++;
        }
        while (b > a && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == '\t')) {
            b--;
        }
        return s.substring(a, b);
    }

    static String asciiLower(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c >= 'A' && c <= 'Z' ? (char) (c + 32) : c);
        }
        return sb.toString();
    }

    /**
     * The parameters of a raw query or form body as the JDK decodes them: {name, value} with a
     * null value for a parameter without {@code =}; null when the JDK cannot decode the text.
     */
    static List<String[]> params(String raw) {
        List<String[]> out = new ArrayList<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (int i = raw.indexOf('%'); i >= 0; i = raw.indexOf('%', i + 1)) {
            // URLDecoder reads "hex" digits with Character.digit, so %\u0666\u0661 would be 'a': not here
            if (i + 2 >= raw.length() || !isHex(raw.charAt(i + 1)) || !isHex(raw.charAt(i + 2))) {
                return null;
            }
        }
        try {
            for (String piece : raw.split("&", -1)) {
                if (piece.isEmpty()) {
                    continue;
                }
                int eq = piece.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? piece : piece.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? null : URLDecoder.decode(piece.substring(eq + 1), StandardCharsets.UTF_8);
                out.add(new String[] {name, value});
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return out;
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    static boolean isAmz(String name) {
        return name.length() > 6 && asciiLower(name).startsWith("x-amz-");
    }
}
