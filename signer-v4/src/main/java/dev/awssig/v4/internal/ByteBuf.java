package dev.awssig.v4.internal;

import dev.awssig.internal.Hex;
import dev.awssig.internal.MalformedTextException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer for canonical text: ASCII appended as is, other text as UTF-8, with
 * table-driven percent-encoding. Not thread-safe; reused per thread by the signer.
 */
final class ByteBuf {
    private static final byte[] UPPER_HEX = "0123456789ABCDEF".getBytes(StandardCharsets.US_ASCII);
    /** Bit set of bytes kept as is by percent-encoding (RFC 3986 unreserved). */
    private static final boolean[] UNRESERVED = new boolean[128];

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
    }

    byte[] buf;
    int len;
    /** The most of {@link #buf} written since the last {@link #wipe()} (before a {@link #reset()}). */
    private int written;
    /** Reusable scratch for callers that index ranges of their input while writing here. */
    int[] ranges = new int[64];

    ByteBuf(int capacity) {
        buf = new byte[capacity];
    }

    void reset() {
        if (len > written) {
            written = len;
        }
        len = 0;
    }

    /**
     * Empties the buffer and zeroes every byte written into it since the last wipe: what a call
     * wrote (a session token, a key) does not stay in the thread's buffer. Only that prefix is
     * touched, not the whole capacity.
     */
    void wipe() {
        int n = Math.max(len, written);
        if (n > 0) {
            Arrays.fill(buf, 0, n, (byte) 0);
        }
        len = 0;
        written = 0;
    }

    void ensure(int extra) {
        if (len + extra > buf.length) {
            grow(extra);
        }
    }

    /** A larger array with the content; the old one, zeroed, is left to the collector. */
    private void grow(int extra) {
        long wanted = Math.max(buf.length * 2L, (long) len + extra);
        if (wanted > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("request: too large to canonicalize (" + wanted + " bytes)");
        }
        byte[] old = buf;
        buf = Arrays.copyOf(old, (int) wanted);
        Arrays.fill(old, 0, Math.max(len, written), (byte) 0);
    }

    ByteBuf append(char c) {
        ensure(1);
        buf[len++] = (byte) c;
        return this;
    }

    ByteBuf append(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, len, b.length);
        len += b.length;
        return this;
    }

    ByteBuf append(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    /** Appends a string known to be ASCII, or any string as UTF-8. */
    ByteBuf append(String s) {
        return append(s, 0, s.length());
    }

    ByteBuf append(String s, int from, int to) {
        ensure(to - from);
        byte[] b = buf;
        int p = len;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                len = p;
                return appendUtf8Slow(s, i, to);
            }
            b[p++] = (byte) c;
        }
        len = p;
        return this;
    }

    /**
     * Appends {@code s[from, to)} as UTF-8.
     *
     * @throws MalformedTextException at a lone surrogate (index into {@code s}): it has no UTF-8
     *     form, and writing {@code ?} for it would sign other text than was sent
     */
    private ByteBuf appendUtf8Slow(String s, int from, int to) {
        ensure(3 * (to - from));
        len = dev.awssig.internal.UriEncoding.encodeUtf8(s, from, to, buf, len);
        return this;
    }

    /**
     * Appends a header name with {@code A-Z} lower-cased (and nothing else: see
     * {@link dev.awssig.internal.Ascii}), as UTF-8.
     */
    ByteBuf appendLowerAscii(String s) {
        int n = s.length();
        ensure(n);
        byte[] b = buf;
        int p = len;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) { // not a token: a name only a signed-headers list can hold
                len = p;
                return append(dev.awssig.internal.Ascii.lower(s.substring(i)));
            }
            b[p++] = (byte) (c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        len = p;
        return this;
    }

    /** Appends lowercase hex of bytes. */
    ByteBuf appendHex(byte[] b, int n) {
        ensure(n * 2);
        len = Hex.encodeTo(b, n, buf, len);
        return this;
    }

    /**
     * Appends the percent-encoded UTF-8 form of a string: unreserved characters stay, and
     * {@code /} too when {@code keepSlash}; every other byte becomes {@code %XX}.
     *
     * @throws MalformedTextException at a lone surrogate (index into {@code s})
     */
    ByteBuf appendEncoded(String s, boolean keepSlash) {
        return appendEncoded(s, 0, s.length(), keepSlash);
    }

    /** {@link #appendEncoded(String, boolean)} of {@code s[from, to)}. */
    ByteBuf appendEncoded(String s, int from, int to, boolean keepSlash) {
        int n = to;
        ensure(n - from);
        int i = from;
        // the common run of characters kept as they are, with the buffer and length in locals
        byte[] b = buf;
        int p = len;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || !(UNRESERVED[c] || (keepSlash && c == '/'))) {
                break;
            }
            b[p++] = (byte) c;
        }
        len = p;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (UNRESERVED[c] || (keepSlash && c == '/')) {
                    ensure(1);
                    buf[len++] = (byte) c;
                } else {
                    pct(c);
                }
            } else if (c < 0x800) {
                pct(0xc0 | (c >> 6));
                pct(0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                pct(0xf0 | (cp >> 18));
                pct(0x80 | ((cp >> 12) & 0x3f));
                pct(0x80 | ((cp >> 6) & 0x3f));
                pct(0x80 | (cp & 0x3f));
            } else if (Character.isSurrogate(c)) {
                throw new MalformedTextException("text", i, c);
            } else {
                pct(0xe0 | (c >> 12));
                pct(0x80 | ((c >> 6) & 0x3f));
                pct(0x80 | (c & 0x3f));
            }
        }
        return this;
    }

    /**
     * Appends the canonical re-encoding of already percent-encoded text, byte by byte, without
     * building the decoded string: a valid {@code %XX} escape is decoded and encoded again
     * (so {@code %7e} becomes {@code ~} and {@code %2f} becomes {@code %2F}, or {@code /} when
     * {@code keepSlash}); other characters are encoded as by {@link #appendEncoded}; a {@code %}
     * without two ASCII hex digits (an Arabic-Indic or fullwidth digit is none) is kept as {@code %25}.
     */
    ByteBuf appendReencoded(String s, boolean keepSlash, boolean plusAsSpace) {
        if (!plusAsSpace && s.indexOf('%') < 0) {
            return appendEncoded(s, keepSlash); // no escape to decode: one pass
        }
        int n = s.length();
        int i = 0;
        int from = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < n) {
                int hi = Hex.digit(s.charAt(i + 1));
                int lo = Hex.digit(s.charAt(i + 2));
                if (hi >= 0 && lo >= 0) {
                    appendEncoded(s, from, i, keepSlash);
                    int b = (hi << 4) | lo;
                    if (b < 0x80 && (UNRESERVED[b] || (keepSlash && b == '/'))) {
                        ensure(1);
                        buf[len++] = (byte) b;
                    } else {
                        pct(b);
                    }
                    i += 3;
                    from = i;
                    continue;
                }
            } else if (plusAsSpace && c == '+') {
                appendEncoded(s, from, i, keepSlash);
                pct(' ');
                i++;
                from = i;
                continue;
            }
            i++;
        }
        return appendEncoded(s, from, n, keepSlash);
    }

    private void pct(int b) {
        ensure(3);
        buf[len++] = '%';
        buf[len++] = UPPER_HEX[(b >> 4) & 0xf];
        buf[len++] = UPPER_HEX[b & 0xf];
    }

    /** Whether an ASCII character is RFC 3986 unreserved. */
    static boolean isUnreserved(char c) {
        return c < 0x80 && UNRESERVED[c];
    }

    /** Whether a string needs no percent-encoding at all. */
    static boolean isUnreservedOnly(String s, int from, int to, boolean keepSlash) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 0x80 || !(UNRESERVED[c] || (keepSlash && c == '/'))) {
                return false;
            }
        }
        return true;
    }

    /** The content as a string (UTF-8). */
    String asString() {
        return new String(buf, 0, len, StandardCharsets.UTF_8);
    }
}
