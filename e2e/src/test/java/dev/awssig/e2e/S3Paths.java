package dev.awssig.e2e;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding for building test URLs, written here on purpose rather than borrowed from the
 * library, so that a round trip through the server checks the library against an independent
 * encoder: RFC 3986 unreserved characters stay, '/' stays in a key, every other byte of the
 * UTF-8 form becomes {@code %XX} (upper-case hex).
 */
final class S3Paths {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private S3Paths() {
    }

    /** Encodes an object key for a path, keeping '/'. */
    static String encodeKey(String key) {
        return encode(key, true);
    }

    /** Encodes a query parameter name or value ('/' encoded too). */
    static String encodeQuery(String value) {
        return encode(value, false);
    }

    /** The path of an object: {@code /bucket/<encoded key>}. */
    static String objectPath(String bucket, String key) {
        return "/" + bucket + "/" + encodeKey(key);
    }

    private static String encode(String s, boolean keepSlash) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder(bytes.length * 3);
        for (byte b : bytes) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || (keepSlash && c == '/')) {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return sb.toString();
    }
}
