package dev.awssig.v2.internal;

import dev.awssig.Headers;
import dev.awssig.SignableRequest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Request text as SigV2 reads it, strictly: percent-escapes are {@code %} and two ASCII hex
 * digits ({@code 0-9 A-F a-f}, nothing else that {@link Character#digit(char, int)} would take),
 * the bytes they spell are UTF-8, and the text has no lone UTF-16 surrogate. Anything else is a
 * {@link MalformedTextException} naming where it is, so that two different texts never read
 * as the same signed value.
 */
public final class Text {
    private static final byte[] HEX = new byte[128];

    static {
        java.util.Arrays.fill(HEX, (byte) -1);
        for (int c = '0'; c <= '9'; c++) {
            HEX[c] = (byte) (c - '0');
        }
        for (int c = 'a'; c <= 'f'; c++) {
            HEX[c] = (byte) (c - 'a' + 10);
            HEX[c - 32] = (byte) (c - 'a' + 10);
        }
    }

    private Text() {
    }

    /**
     * The value of an ASCII hex digit.
     *
     * @param c a character
     * @return 0..15, or -1 when {@code c} is not one of {@code 0-9 A-F a-f}
     */
    static int hex(char c) {
        return c < 128 ? HEX[c] : -1;
    }

    /**
     * The index of the first lone UTF-16 surrogate (one not part of a high-low pair).
     *
     * @param s the text
     * @return the index, or -1 when the text is well-formed
     */
    public static int loneSurrogate(CharSequence s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0xD800 && c <= 0xDFFF) {
                if (c <= 0xDBFF && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    /**
     * Requires text without a lone surrogate.
     *
     * @param s the text
     * @param what what the text is, for the message ({@code path}, {@code header 'x-amz-meta-a'})
     * @return the text
     * @throws MalformedTextException naming {@code what} and the index
     */
    public static String requireWellFormed(String s, String what) {
        int at = loneSurrogate(s);
        if (at >= 0) {
            throw loneSurrogate(what, at);
        }
        return s;
    }

    static MalformedTextException loneSurrogate(String what, int at) {
        return new MalformedTextException(what + ": has a lone UTF-16 surrogate at index " + at
                + " (not valid text; only well-formed Unicode can be signed)");
    }

    /**
     * Percent-decodes part of a query string or form body.
     *
     * @param s the raw text
     * @param from the start of the part
     * @param to the end of the part (exclusive)
     * @param plusAsSpace whether {@code +} means a space (form encoding)
     * @param what what the whole text is, for the message (which gives indexes in the whole text)
     * @return the decoded text (a substring when nothing is escaped)
     * @throws MalformedTextException for a {@code %} not followed by two ASCII hex digits, bytes
     *     that are not UTF-8, or a lone surrogate
     */
    static String decode(String s, int from, int to, boolean plusAsSpace, String what) {
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (c == '%' || (plusAsSpace && c == '+') || (c >= 0xD800 && c <= 0xDFFF)) {
                break;
            }
            i++;
        }
        if (i == to) {
            return s.substring(from, to);
        }
        int escapes = 0;
        for (int k = i; k < to; k++) {
            if (s.charAt(k) == '%') {
                escapes++;
            }
        }
        if (escapes == 0) {
            int at = loneSurrogate(s.substring(i, to));
            if (at >= 0) {
                throw loneSurrogate(what, i + at);
            }
            return plusAsSpace ? s.substring(from, to).replace('+', ' ') : s.substring(from, to);
        }
        byte[] out = new byte[(to - from) * 3];
        int n = 0;
        for (int k = from; k < i; k++) {
            n = putUtf8(out, n, s, k, to, what); // no surrogate before i
        }
        while (i < to) {
            char c = s.charAt(i);
            if (c == '%') {
                int hi = i + 2 < to ? hex(s.charAt(i + 1)) : -1;
                int lo = hi >= 0 ? hex(s.charAt(i + 2)) : -1;
                if (lo < 0) {
                    throw new MalformedTextException(what + ": '%' at index " + i + " is not followed by"
                            + " two hex digits (0-9, A-F); a literal '%' is written %25");
                }
                out[n++] = (byte) ((hi << 4) | lo);
                i += 3;
            } else if (plusAsSpace && c == '+') {
                out[n++] = ' ';
                i++;
            } else {
                n = putUtf8(out, n, s, i, to, what);
                i += Character.isHighSurrogate(c) ? 2 : 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(out, 0, n)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedTextException(what + ": its percent-escapes are not UTF-8");
        }
    }

    /** Writes the UTF-8 form of the character (or surrogate pair) at {@code i}; a lone surrogate throws. */
    private static int putUtf8(byte[] out, int n, String s, int i, int to, String what) {
        char c = s.charAt(i);
        if (c < 0x80) {
            out[n++] = (byte) c;
        } else if (c < 0x800) {
            out[n++] = (byte) (0xC0 | (c >> 6));
            out[n++] = (byte) (0x80 | (c & 0x3F));
        } else if (c >= 0xD800 && c <= 0xDFFF) {
            if (c > 0xDBFF || i + 1 >= to || !Character.isLowSurrogate(s.charAt(i + 1))) {
                throw loneSurrogate(what, i);
            }
            int cp = Character.toCodePoint(c, s.charAt(i + 1));
            out[n++] = (byte) (0xF0 | (cp >> 18));
            out[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            out[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            out[n++] = (byte) (0x80 | (cp & 0x3F));
        } else {
            out[n++] = (byte) (0xE0 | (c >> 12));
            out[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            out[n++] = (byte) (0x80 | (c & 0x3F));
        }
        return n;
    }

    /**
     * Decodes a form body as UTF-8, refusing bytes that are not.
     *
     * @param body the bytes
     * @param what what the bytes are, for the message
     * @return the text
     * @throws MalformedTextException when the bytes are not UTF-8
     */
    public static String utf8(byte[] body, String what) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedTextException(what + ": is not UTF-8 text");
        }
    }

    /**
     * Where in a request a lone surrogate is: its path, its query, or the value of a header.
     * For the message of a signer that found one in its string to sign (the fast path checks
     * the string to sign only, and only when it has non-ASCII text).
     *
     * @param request the request
     * @return the field and index, or null when none of those has one
     */
    public static String whereLoneSurrogate(SignableRequest request) {
        int at = loneSurrogate(request.rawPath());
        if (at >= 0) {
            return "path: index " + at;
        }
        String query = request.rawQuery().orElse("");
        at = loneSurrogate(query);
        if (at >= 0) {
            return "query: index " + at;
        }
        List<Headers.Header> headers = request.headers().entries();
        for (int i = 0; i < headers.size(); i++) {
            at = loneSurrogate(headers.get(i).value());
            if (at >= 0) {
                return "header '" + headers.get(i).name() + "': index " + at;
            }
        }
        return null;
    }
}
