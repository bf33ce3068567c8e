package dev.awssig.v4a.internal;

/** Parsing of the hex DER signatures a client sends, without exceptions for hostile text. */
final class Signatures {
    /** The longest DER ECDSA P-256 signature: 72 bytes. */
    static final int MAX_DER_LENGTH = 72;

    private Signatures() {
    }

    /**
     * The bytes of a hex signature: ASCII hex digits only (either case), an even count, at most
     * {@link #MAX_DER_LENGTH} bytes.
     *
     * @param hex the text
     * @return the bytes, or null when the text is not such a signature
     */
    static byte[] decodeHex(String hex) {
        int n = hex.length();
        if (n == 0 || (n & 1) != 0 || n > 2 * MAX_DER_LENGTH) {
            return null;
        }
        byte[] out = new byte[n / 2];
        for (int i = 0; i < n; i += 2) {
            int hi = digit(hex.charAt(i));
            int lo = digit(hex.charAt(i + 1));
            if ((hi | lo) < 0) {
                return null;
            }
            out[i / 2] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    /** The value of an ASCII hex digit (either case), or -1. */
    static int digit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
