package dev.awssig.benchmarks;

import java.util.Base64;

/**
 * The correctness gate of every benchmark: before a benchmark is measured, its setup computes
 * the answer of every implementation in the class and compares them; a mismatch throws, so JMH
 * fails the benchmark (and, with {@code -foe true}, the run) instead of reporting the speed of a
 * wrong answer.
 */
public final class Check {
    private Check() {
    }

    /**
     * Fails unless two signatures are equal.
     *
     * @param what the implementation and scenario, for the message
     * @param expected the reference signature
     * @param actual the signature produced
     * @return the signature
     * @throws IllegalStateException if they differ
     */
    public static String same(String what, String expected, String actual) {
        if (expected == null || !expected.equals(actual)) {
            throw new IllegalStateException(what + ": signature " + actual + " differs from the reference "
                    + expected + "; refusing to benchmark a wrong answer");
        }
        return actual;
    }

    /**
     * The value of {@code Signature=} in an {@code Authorization} header.
     *
     * @param authorization the header value
     * @return the hex signature
     */
    public static String sigV4FromAuthorization(String authorization) {
        int i = authorization == null ? -1 : authorization.lastIndexOf("Signature=");
        if (i < 0) {
            throw new IllegalStateException("no Signature= in the Authorization header");
        }
        return authorization.substring(i + "Signature=".length()).trim();
    }

    /**
     * The signature of a SigV2 S3 {@code Authorization: AWS id:signature} header.
     *
     * @param authorization the header value
     * @return the base64 signature
     */
    public static String sigV2FromAuthorization(String authorization) {
        int i = authorization == null ? -1 : authorization.lastIndexOf(':');
        if (i < 0) {
            throw new IllegalStateException("no ':' in the SigV2 Authorization header");
        }
        return authorization.substring(i + 1).trim();
    }

    /**
     * The raw value of one query parameter of a URL, not decoded.
     *
     * @param url the URL
     * @param name the parameter name
     * @return the raw value
     */
    public static String queryParam(String url, String name) {
        int q = url.indexOf('?');
        if (q >= 0) {
            for (String part : url.substring(q + 1).split("&")) {
                int eq = part.indexOf('=');
                String n = eq < 0 ? part : part.substring(0, eq);
                if (n.equals(name)) {
                    return eq < 0 ? "" : part.substring(eq + 1);
                }
            }
        }
        throw new IllegalStateException("no query parameter " + name + " in the presigned URL");
    }

    /**
     * Lower-case hex.
     *
     * @param bytes the bytes
     * @return hex digits
     */
    public static String hex(byte[] bytes) {
        char[] out = new char[bytes.length * 2];
        for (int i = 0; i < bytes.length; i++) {
            out[2 * i] = Character.forDigit((bytes[i] >> 4) & 0xf, 16);
            out[2 * i + 1] = Character.forDigit(bytes[i] & 0xf, 16);
        }
        return new String(out);
    }

    /**
     * The bytes of lower- or upper-case hex.
     *
     * @param hex an even number of hex digits
     * @return the bytes
     */
    public static byte[] unhex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /**
     * Standard base64.
     *
     * @param bytes the bytes
     * @return base64 text
     */
    public static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
