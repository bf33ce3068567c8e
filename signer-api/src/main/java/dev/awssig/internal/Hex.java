package dev.awssig.internal;

/**
 * Table-driven lowercase hex. Internal: exported only to the sibling modules of this project.
 */
public final class Hex {
    private static final byte[] DIGITS = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final char[] CHARS = "0123456789abcdef".toCharArray();
    private static final java.lang.invoke.VarHandle INT_BE = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            int[].class, java.nio.ByteOrder.BIG_ENDIAN);
    private static final java.lang.invoke.VarHandle LONG_BE = java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
            long[].class, java.nio.ByteOrder.BIG_ENDIAN);
    /** The two hex digits of every byte value {@code b}, at {@code 2b} and {@code 2b + 1}. */
    private static final byte[] PAIRS = new byte[512];
    /**
     * The value of every ASCII character as a hex digit, -1 for those that are not one: a digit is
     * read with one load instead of a chain of comparisons, whose branches the random digits of a
     * hash or signature would mispredict.
     */
    private static final byte[] VALUES = new byte[128];

    static {
        for (int b = 0; b < 256; b++) {
            PAIRS[2 * b] = DIGITS[b >> 4];
            PAIRS[2 * b + 1] = DIGITS[b & 0xf];
        }
        java.util.Arrays.fill(VALUES, (byte) -1);
        for (int c = '0'; c <= '9'; c++) {
            VALUES[c] = (byte) (c - '0');
        }
        for (int c = 'a'; c <= 'f'; c++) {
            VALUES[c] = (byte) (c - 'a' + 10);
            VALUES[c - 'a' + 'A'] = (byte) (c - 'a' + 10);
        }
    }

    private Hex() {
    }

    /**
     * Lowercase hex of bytes.
     *
     * @param bytes the bytes
     * @return the hex string
     */
    public static String encode(byte[] bytes) {
        byte[] out = new byte[bytes.length * 2];
        encodeTo(bytes, out, 0);
        return new String(out, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes lowercase hex of bytes into an ASCII buffer.
     *
     * @param bytes the bytes
     * @param out the buffer
     * @param offset where to start writing
     * @return the offset after the last digit written
     */
    public static int encodeTo(byte[] bytes, byte[] out, int offset) {
        return encodeTo(bytes, bytes.length, out, offset);
    }

    /**
     * Writes the lower-case hex of the first {@code n} bytes into {@code out} at {@code offset}.
     *
     * @param bytes the bytes
     * @param n how many of them
     * @param out where to write ({@code 2 * n} bytes from {@code offset})
     * @param offset the first index written
     * @return the index after the last digit written
     * @since 0.1.0
     */
    public static int encodeTo(byte[] bytes, int n, byte[] out, int offset) {
        int o = offset;
        int i = 0;
        // four bytes at a time: their eight nibbles spread into the eight bytes of a long and
        // turned into ASCII digits with arithmetic, no table and no branch
        for (; i + 4 <= n; i += 4) {
            long v = (int) INT_BE.get(bytes, i) & 0xFFFFFFFFL;
            v = (v | (v << 16)) & 0x0000FFFF0000FFFFL;
            v = (v | (v << 8)) & 0x00FF00FF00FF00FFL;
            long nibbles = ((v >>> 4) & 0x000F000F000F000FL) << 8 | (v & 0x000F000F000F000FL);
            long letters = ((nibbles + 0x0606060606060606L) >>> 4) & 0x0101010101010101L; // 1 where > 9
            LONG_BE.set(out, o, nibbles + 0x3030303030303030L + letters * ('a' - '0' - 10));
            o += 8;
        }
        byte[] pairs = PAIRS;
        for (; i < n; i++) {
            int p = (bytes[i] & 0xff) << 1;
            out[o] = pairs[p];
            out[o + 1] = pairs[p + 1];
            o += 2;
        }
        return o;
    }

    /**
     * Appends lowercase hex of bytes to a builder.
     *
     * @param bytes the bytes
     * @param sb the builder
     * @return the builder
     */
    public static StringBuilder appendTo(byte[] bytes, StringBuilder sb) {
        for (byte b : bytes) {
            sb.append(CHARS[(b >> 4) & 0xf]).append(CHARS[b & 0xf]);
        }
        return sb;
    }

    /**
     * Decodes hex (either case).
     *
     * @param hex an even number of hex digits
     * @return the bytes
     * @throws IllegalArgumentException if the input is not hex
     */
    public static byte[] decode(CharSequence hex) {
        int n = hex.length();
        if ((n & 1) != 0) {
            throw new IllegalArgumentException("hex: odd number of digits (" + n + ")");
        }
        byte[] out = new byte[n / 2];
        for (int i = 0; i < n; i += 2) {
            int hi = digit(hex.charAt(i));
            int lo = digit(hex.charAt(i + 1));
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("hex: not a hex digit at index " + (hi < 0 ? i : i + 1));
            }
            out[i / 2] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    /**
     * Whether a string is all lowercase-or-uppercase hex of the given length.
     *
     * @param s the string
     * @param length the expected length
     * @return true when it is
     */
    public static boolean isHex(String s, int length) {
        if (s == null || s.length() != length) {
            return false;
        }
        int any = 0; // every digit is read, without a branch per digit: -1 (all bits) once one is not hex
        for (int i = 0; i < length; i++) {
            any |= digit(s.charAt(i));
        }
        return any >= 0;
    }

    /**
     * The value of an ASCII hex digit: {@code 0-9}, {@code a-f}, {@code A-F}. Unlike
     * {@link Character#digit(char, int)}, no other character counts: {@code '\u0666'} (ARABIC-INDIC
     * DIGIT SIX) and {@code '\uFF13'} (FULLWIDTH DIGIT THREE) are not digits of a percent-escape,
     * a chunk size or a signature.
     *
     * @param c the character (or byte value)
     * @return 0 to 15, or -1 when {@code c} is not an ASCII hex digit
     */
    public static int digit(int c) {
        return (c & ~0x7f) == 0 ? VALUES[c] : -1;
    }
}
