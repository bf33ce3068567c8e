package dev.awssig.cli.internal;

import dev.awssig.Algorithms;
import java.util.Locale;

/** The signing algorithms the command offers, with their names on the command line and in batch input. */
enum Algorithm {
    V4("v4", Algorithms.SIGV4),
    V4A("v4a", Algorithms.SIGV4A),
    V2("v2", Algorithms.SIGV2_S3),
    V2_QUERY("v2-query", Algorithms.SIGV2_QUERY);

    private final String cliName;
    private final String spiName;

    Algorithm(String cliName, String spiName) {
        this.cliName = cliName;
        this.spiName = spiName;
    }

    /** The SPI name, wrapped in the DevPay decorator when tokens are given. */
    String spiName(boolean devpay) {
        return devpay ? Algorithms.devpay(spiName) : spiName;
    }

    /** Whether the signature has a canonical request and the 7-day presign limit (SigV4 and SigV4a). */
    boolean isSigV4Family() {
        return this == V4 || this == V4A;
    }

    static Algorithm parse(String text, String field) {
        String t = text.toLowerCase(Locale.ROOT);
        for (Algorithm a : values()) {
            if (a.cliName.equals(t)) {
                return a;
            }
        }
        throw new UserException(field + ": must be v4, v4a, v2 or v2-query, was '" + text + "'");
    }
}
