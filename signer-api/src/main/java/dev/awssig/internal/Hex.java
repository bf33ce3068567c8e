package dev.awssig.internal;

/**
 * Table-driven lowercase hex. Internal: exported only to the sibling modules of this project.
 */
public final class Hex {
    private static final byte[] DIGITS = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final char[] CHARS = "0123456789abcdef".toCharArray();

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
        for (byte b : bytes) {
            out[offset++] = DIGITS[(b >> 4) & 0xf];
            out[offset++] = DIGITS[b & 0xf];
        }
        return offset;
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
            int hi = Character.digit(hex.charAt(i), 16);
            int lo = Character.digit(hex.charAt(i + 1), 16);
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
        for (int i = 0; i < length; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
