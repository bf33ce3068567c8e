package dev.awssig;

import java.util.Objects;

/**
 * The algorithm names under which the providers of this project register in the SPI.
 *
 * @since 0.1.0
 */
public final class Algorithms {
    /** Signature Version 4 ({@code AWS4-HMAC-SHA256}): header, presigned, streaming. */
    public static final String SIGV4 = "AWS4-HMAC-SHA256";
    /**
     * Signature Version 4a ({@code AWS4-ECDSA-P256-SHA256}): ECDSA P-256 over a region set,
     * header, presigned, streaming.
     *
     * @since 0.2.0
     */
    public static final String SIGV4A = "AWS4-ECDSA-P256-SHA256";
    /** S3 Signature Version 2: {@code Authorization: AWS id:sig} and query-string auth with {@code Expires}. */
    public static final String SIGV2_S3 = "AWS-S3-V2";
    /** The query API's {@code SignatureVersion=2} ({@code HmacSHA256} or {@code HmacSHA1}). */
    public static final String SIGV2_QUERY = "AWS-QUERY-V2";
    /** Prefix of the DevPay decorator: {@code DEVPAY+} followed by the inner algorithm. */
    public static final String DEVPAY_PREFIX = "DEVPAY+";

    private Algorithms() {
    }

    /**
     * The name of the DevPay decorator over an inner algorithm.
     *
     * @param inner the inner algorithm, for example {@link #SIGV4}
     * @return for example {@code DEVPAY+AWS4-HMAC-SHA256}
     * @since 0.1.0
     */
    public static String devpay(String inner) {
        Objects.requireNonNull(inner, "inner");
        return DEVPAY_PREFIX + inner;
    }
}
