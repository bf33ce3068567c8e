package dev.awssig.v2.internal;

import dev.awssig.internal.Redaction;

/**
 * Makes strings to sign safe for DEBUG logs: the session / DevPay token they may contain is
 * replaced by {@code ****}.
 */
public final class V2Logging {
    private static final String TOKEN_LINE = "x-amz-security-token:";

    private V2Logging() {
    }

    /**
     * An S3 string to sign with the value of its {@code x-amz-security-token} line redacted.
     *
     * @param sts the string to sign
     * @return the redacted form
     */
    public static String redactS3StringToSign(String sts) {
        int i = sts.indexOf('\n' + TOKEN_LINE);
        if (i < 0) {
            return sts;
        }
        int start = i + 1 + TOKEN_LINE.length();
        int end = sts.indexOf('\n', start);
        return sts.substring(0, start) + "****" + (end < 0 ? "" : sts.substring(end));
    }

    /**
     * A query-API string to sign with the {@code SecurityToken} (and any other sensitive
     * parameter) of its last line redacted.
     *
     * @param sts the string to sign
     * @return the redacted form
     */
    public static String redactQueryStringToSign(String sts) {
        int nl = sts.lastIndexOf('\n');
        return sts.substring(0, nl + 1) + Redaction.redactQuery(sts.substring(nl + 1));
    }
}
