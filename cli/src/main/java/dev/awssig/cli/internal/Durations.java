package dev.awssig.cli.internal;

import java.time.Duration;

/** Parses {@code --expires}: seconds, or a number with {@code s}, {@code m}, {@code h} or {@code d}. */
final class Durations {
    /** The longest a SigV4 presigned URL may live. */
    static final Duration SIGV4_MAX = Duration.ofDays(7);
    /** The default expiry of a presigned URL or POST form. */
    static final Duration DEFAULT = Duration.ofHours(1);

    private Durations() {
    }

    static Duration parse(String text, String field) {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            throw new UserException(field + ": must be seconds or a number with s, m, h or d (like 900, 15m, 12h, 7d)");
        }
        char unit = t.charAt(t.length() - 1);
        long multiplier;
        String digits;
        if (unit >= '0' && unit <= '9') {
            multiplier = 1;
            digits = t;
        } else {
            switch (Character.toLowerCase(unit)) {
                case 's':
                    multiplier = 1;
                    break;
                case 'm':
                    multiplier = 60;
                    break;
                case 'h':
                    multiplier = 3600;
                    break;
                case 'd':
                    multiplier = 86400;
                    break;
                default:
                    throw new UserException(field + ": unknown unit '" + unit + "' in '" + t
                            + "'; use seconds or s, m, h, d (like 900, 15m, 12h, 7d)");
            }
            digits = t.substring(0, t.length() - 1);
        }
        if (digits.isEmpty() || digits.length() > 12) {
            throw new UserException(field + ": expected a number of seconds or like 15m, 12h, 7d, was '" + t + "'");
        }
        long n = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw new UserException(field + ": expected a number of seconds or like 15m, 12h, 7d, was '" + t + "'");
            }
            n = n * 10 + (c - '0');
        }
        if (n == 0) {
            throw new UserException(field + ": must be at least 1 second, was '" + t + "'");
        }
        return Duration.ofSeconds(n * multiplier);
    }

    static Duration ofSeconds(long seconds, String field) {
        if (seconds < 1) {
            throw new UserException(field + ": must be at least 1 second, was " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    /** SigV4 presigned URLs live at most 7 days. */
    static void checkSigV4(Duration d, String field) {
        if (d.compareTo(SIGV4_MAX) > 0) {
            throw new UserException(field + ": a SigV4 presigned URL lives at most 7 days (604800 seconds), was "
                    + d.getSeconds() + " seconds");
        }
    }
}
