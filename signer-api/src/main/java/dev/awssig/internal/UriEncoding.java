package dev.awssig.internal;

import java.nio.charset.StandardCharsets;

/**
 * RFC 3986 percent-encoding as AWS signatures use it: the unreserved characters
 * ({@code A-Z a-z 0-9 - _ . ~}) stay, every other byte of the UTF-8 form becomes {@code %XX}
 * with uppercase hex; the S3 path variant also keeps {@code /}. Table-driven with a no-escape
 * fast path. Internal: exported only to the sibling modules of this project.
 */
public final class UriEncoding {
    /** The trusted path into the request model (see {@link ApiAccess}), obtained once. */
    private static final ApiAccess.Bridge BRIDGE = ApiAccess.bridge();
    private static final boolean[] UNRESERVED = new boolean[128];
    /** Characters legal as they are in an RFC 3986 path or query: unreserved, sub-delims, ':', '@', '/', '?'. */
    private static final boolean[] URI_LEGAL = new boolean[128];
    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();

    static {
        for (char c = '0'; c <= '9'; c++) {
            UNRESERVED[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            UNRESERVED[c] = true;
            UNRESERVED[c - 32] = true;
        }
        UNRESERVED['-'] = true;
        UNRESERVED['_'] = true;
        UNRESERVED['.'] = true;
        UNRESERVED['~'] = true;
        System.arraycopy(UNRESERVED, 0, URI_LEGAL, 0, 128);
        for (char c : "!$&'()*+,;=:@/?".toCharArray()) {
            URI_LEGAL[c] = true;
        }
    }

    private UriEncoding() {
    }

    /**
     * Whether a character is RFC 3986 unreserved.
     *
     * @param c the character
     * @return true for {@code A-Z a-z 0-9 - _ . ~}
     */
    public static boolean isUnreserved(char c) {
        return c < 128 && UNRESERVED[c];
    }

    /**
     * Percent-encodes a string.
     *
     * @param s the string
     * @param keepSlash whether {@code /} stays as is (S3 object keys in paths)
     * @return the encoded string (the same instance when nothing needs escaping)
     * @throws MalformedTextException if the string has a lone UTF-16 surrogate
     */
    public static String encode(String s, boolean keepSlash) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (!(c < 128 && (UNRESERVED[c] || (keepSlash && c == '/')))) {
                break;
            }
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder sb = new StringBuilder(n + 16);
        sb.append(s, 0, i);
        appendEncoded(sb, s, i, keepSlash);
        return sb.toString();
    }

    /**
     * Appends the percent-encoded form of a string.
     *
     * @param sb the builder
     * @param s the string
     * @param keepSlash whether {@code /} stays as is
     * @return the builder
     * @throws MalformedTextException if the string has a lone UTF-16 surrogate
     */
    public static StringBuilder appendEncoded(StringBuilder sb, String s, boolean keepSlash) {
        return appendEncoded(sb, s, 0, keepSlash);
    }

    private static StringBuilder appendEncoded(StringBuilder sb, String s, int from, boolean keepSlash) {
        int n = s.length();
        for (int i = from; i < n; i++) {
            char c = s.charAt(i);
            if (c < 128) {
                if (UNRESERVED[c] || (keepSlash && c == '/')) {
                    sb.append(c);
                } else {
                    appendByte(sb, c);
                }
            } else if (c < 0x800) {
                appendByte(sb, 0xc0 | (c >> 6));
                appendByte(sb, 0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                appendByte(sb, 0xf0 | (cp >> 18));
                appendByte(sb, 0x80 | ((cp >> 12) & 0x3f));
                appendByte(sb, 0x80 | ((cp >> 6) & 0x3f));
                appendByte(sb, 0x80 | (cp & 0x3f));
            } else if (Character.isSurrogate(c)) {
                // a lone surrogate has no UTF-8 form (encoders write '?' for it, which would sign
                // a different text than the one sent)
                throw new MalformedTextException("text", i, c);
            } else {
                appendByte(sb, 0xe0 | (c >> 12));
                appendByte(sb, 0x80 | ((c >> 6) & 0x3f));
                appendByte(sb, 0x80 | (c & 0x3f));
            }
        }
        return sb;
    }

    private static void appendByte(StringBuilder sb, int b) {
        sb.append('%').append(UPPER_HEX[(b >> 4) & 0xf]).append(UPPER_HEX[b & 0xf]);
    }

    /**
     * Percent-encodes, once, the characters that an RFC 3986 path or query cannot hold as they
     * are: a space, {@code " < > \\ ^ ` { | } [ ]}, control and non-ASCII characters (their UTF-8
     * bytes), and a {@code %} that does not start a {@code %XX} escape. Everything else,
     * existing escapes included, stays as given, so a legal path or query comes back unchanged
     * (the same instance).
     *
     * @param s a raw path or query
     * @return the legal form
     * @since 0.2.0
     */
    public static String encodeIllegal(String s) {
        int n = s.length();
        int i = 0;
        while (i < n && isLegalAt(s, i, n)) {
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder sb = new StringBuilder(n + 16);
        sb.append(s, 0, i);
        while (i < n) {
            int j = i;
            while (j < n && !isLegalAt(s, j, n)) {
                j++;
            }
            appendEncoded(sb, s.substring(i, j), false);
            i = j;
            while (i < n && isLegalAt(s, i, n)) {
                sb.append(s.charAt(i++));
            }
        }
        return sb.toString();
    }

    private static boolean isLegalAt(String s, int i, int n) {
        char c = s.charAt(i);
        if (c == '%') {
            return i + 2 < n && isAsciiHex(s.charAt(i + 1)) && isAsciiHex(s.charAt(i + 2));
        }
        return c < 128 && URI_LEGAL[c];
    }

    private static boolean isAsciiHex(char c) {
        return Hex.digit(c) >= 0;
    }

    /**
     * A request whose raw path and query hold only characters legal in a URI: the request itself
     * when they already do, else a copy with {@link #encodeIllegal(String)} applied to both.
     *
     * @param request the request
     * @return the request with a legal URI
     * @since 0.2.0
     */
    public static dev.awssig.SignableRequest withLegalUri(dev.awssig.SignableRequest request) {
        String path = request.rawPath();
        String query = request.rawQuery().orElse(null);
        MalformedTextException.requireWellFormed(path, "path");
        if (query != null) {
            MalformedTextException.requireWellFormed(query, "query");
        }
        String legalPath = encodeIllegal(path);
        String legalQuery = query == null ? null : encodeIllegal(query);
        if (legalPath == path && legalQuery == query) {
            return request;
        }
        return BRIDGE.withPathAndQuery(request, legalPath, legalQuery);
    }

    /**
     * Percent-decodes a string as UTF-8. A {@code %} not followed by two ASCII hex digits
     * ({@code 0-9 A-F a-f}; no other digit counts) is kept literally, as servers do; escaped bytes
     * that are not UTF-8 decode to U+FFFD.
     *
     * @param s the encoded string
     * @param plusAsSpace whether {@code +} means a space (form encoding)
     * @return the decoded string (the same instance when nothing is encoded)
     * @throws MalformedTextException if the string has a lone UTF-16 surrogate
     */
    public static String decode(String s, boolean plusAsSpace) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '%' || (plusAsSpace && c == '+') || Character.isSurrogate(c)) {
                break;
            }
            i++;
        }
        if (i == n) {
            return s;
        }
        byte[] out = new byte[n * 3];
        int o = encodeUtf8(s, 0, i, out, 0);
        while (i < n) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < n) {
                int hi = Hex.digit(s.charAt(i + 1));
                int lo = Hex.digit(s.charAt(i + 2));
                if (hi >= 0 && lo >= 0) {
                    out[o++] = (byte) ((hi << 4) | lo);
                    i += 3;
                    continue;
                }
            }
            if (c == '%') {
                out[o++] = '%';
                i++;
            } else if (plusAsSpace && c == '+') {
                out[o++] = ' ';
                i++;
            } else {
                int j = i + 1;
                while (j < n && s.charAt(j) != '%' && !(plusAsSpace && s.charAt(j) == '+')) {
                    j++;
                }
                o = encodeUtf8(s, i, j, out, o);
                i = j;
            }
        }
        return new String(out, 0, o, StandardCharsets.UTF_8);
    }

    /**
     * Percent-decodes text strictly, the one decoder for request text the verifiers read: an
     * escape is {@code %} and two ASCII hex digits ({@code 0-9 A-F a-f}; no other script's
     * digits), the bytes the escapes spell together with the text around them are UTF-8, and the
     * text has no lone UTF-16 surrogate. Anything else is refused, so that two different texts
     * never decode to one value ({@code %FF} and {@code %FE} would both be U+FFFD otherwise).
     *
     * @param s the raw text
     * @param from the start of the part to decode
     * @param to the end of the part (exclusive)
     * @param plusAsSpace whether {@code +} means a space (form encoding)
     * @param what what the whole text is, for the message (which gives indexes in the whole text)
     * @return the decoded text (a substring when nothing is escaped)
     * @throws MalformedTextException for a {@code %} not followed by two ASCII hex digits, escaped
     *     bytes that are not UTF-8, or a lone surrogate; the message names {@code what} and the
     *     index, never the text
     */
    public static String decodeStrict(String s, int from, int to, boolean plusAsSpace, String what) {
        int i = from;
        while (i < to) {
            char c = s.charAt(i);
            if (c == '%' || (plusAsSpace && c == '+') || Character.isSurrogate(c)) {
                break;
            }
            i++;
        }
        if (i == to) {
            return s.substring(from, to);
        }
        int bad = MalformedTextException.indexOfLoneSurrogate(s, i, to);
        if (bad >= 0) {
            throw new MalformedTextException(what, bad, s.charAt(bad));
        }
        if (s.indexOf('%', i) < 0 || s.indexOf('%', i) >= to) {
            return plusAsSpace ? s.substring(from, to).replace('+', ' ') : s.substring(from, to);
        }
        boolean ascii = isAscii(s, from, to); // then every byte is a char or an escape: no more bytes than chars
        byte[] out = new byte[ascii ? to - from : (to - from) * 3];
        int o = encodeUtf8(s, from, i, out, 0);
        int escaped = 0; // the bits of every escaped byte: 0x80 set when one is not ASCII
        while (i < to) {
            char c = s.charAt(i);
            if (c == '%') {
                int hi = i + 2 < to ? Hex.digit(s.charAt(i + 1)) : -1;
                int lo = hi >= 0 ? Hex.digit(s.charAt(i + 2)) : -1;
                if (lo < 0) {
                    throw new MalformedTextException(what + ": '%' at index " + i + " is not followed by two hex"
                            + " digits (0-9, A-F); a literal '%' is written %25");
                }
                escaped |= (hi << 4) | lo;
                out[o++] = (byte) ((hi << 4) | lo);
                i += 3;
            } else if (plusAsSpace && c == '+') {
                out[o++] = ' ';
                i++;
            } else {
                int j = i + 1;
                while (j < to && s.charAt(j) != '%' && !(plusAsSpace && s.charAt(j) == '+')) {
                    j++;
                }
                o = encodeUtf8(s, i, j, out, o);
                i = j;
            }
        }
        if (ascii && escaped < 0x80) {
            return new String(out, 0, o, StandardCharsets.ISO_8859_1); // ASCII: its UTF-8 and Latin-1 readings agree
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(out, 0, o)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new MalformedTextException(what + ": its percent-escapes are not UTF-8");
        }
    }

    private static boolean isAscii(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #decodeStrict(String, int, int, boolean, String)} over the whole text.
     *
     * @param s the raw text
     * @param plusAsSpace whether {@code +} means a space
     * @param what what the text is, for the message
     * @return the decoded text
     * @throws MalformedTextException if the text does not decode strictly
     */
    public static String decodeStrict(String s, boolean plusAsSpace, String what) {
        return decodeStrict(s, 0, s.length(), plusAsSpace, what);
    }

    /**
     * Checks that raw request text (a path, a query) decodes strictly
     * ({@link #decodeStrict(String, int, int, boolean, String)}) without building the decoded
     * text while it is ASCII with escapes of ASCII bytes ({@code %2F}, {@code %3D}: what signed
     * URLs hold), which decode whatever surrounds them. From the first character or escape that
     * is not such (outside ASCII, {@code %C3}, a {@code %} without two hex digits), the rest is
     * decoded to decide: nothing before it can be part of a UTF-8 sequence. O(n).
     *
     * @param s the raw text
     * @param what what the text is, for the message
     * @throws MalformedTextException if it does not decode strictly
     */
    public static void checkStrict(String s, String what) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '%') {
                int hi = i + 2 < n ? Hex.digit(s.charAt(i + 1)) : -1;
                int lo = hi >= 0 ? Hex.digit(s.charAt(i + 2)) : -1;
                if (lo < 0 || hi >= 8) {
                    decodeStrict(s, i, n, false, what);
                    return;
                }
                i += 2;
            } else if (c >= 0x80) {
                decodeStrict(s, i, n, false, what);
                return;
            }
        }
    }

    /**
     * Writes the UTF-8 form of {@code s[from, to)} into {@code out} (which has room for three
     * bytes per character), strictly: text with a lone surrogate is refused before anything is
     * written (an encoder that writes {@code ?} for it would sign other text than was sent).
     *
     * @param s the text
     * @param from the first index
     * @param to the end (exclusive)
     * @param out the buffer
     * @param offset where to write
     * @return the index after the last byte written
     * @throws MalformedTextException at the first lone surrogate (its index into {@code s})
     */
    public static int encodeUtf8(CharSequence s, int from, int to, byte[] out, int offset) {
        int bad = MalformedTextException.indexOfLoneSurrogate(s, from, to);
        if (bad >= 0) {
            throw new MalformedTextException("text", bad, s.charAt(bad));
        }
        int o = offset;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                out[o++] = (byte) c;
            } else if (c < 0x800) {
                out[o++] = (byte) (0xc0 | (c >> 6));
                out[o++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c)) {
                int cp = Character.toCodePoint(c, s.charAt(++i)); // a pair: checked above
                out[o++] = (byte) (0xf0 | (cp >> 18));
                out[o++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                out[o++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                out[o++] = (byte) (0x80 | (cp & 0x3f));
            } else {
                out[o++] = (byte) (0xe0 | (c >> 12));
                out[o++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                out[o++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        return o;
    }
}
