package dev.awssig.v2.internal;

import dev.awssig.internal.Timestamps;
import java.time.Instant;

/**
 * Parses the dates SigV2 requests carry: RFC 1123 ({@code Date}, {@code x-amz-date}) with a fast
 * path for the common {@code Tue, 27 Mar 2007 19:36:42 GMT} / {@code +0000} shape, and, for
 * {@code x-amz-date}, the ISO 8601 forms some clients send. Also the query API's
 * {@code Timestamp}, whose zone may be missing (UTC is meant).
 */
public final class HttpDates {
    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";
    /** Monday first, as {@code Math.floorMod(daysSinceEpoch + 3, 7)} counts them. */
    private static final String DAY_NAMES = "MonTueWedThuFriSatSun";
    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z, the instants the verifiers read. */
    private static final long FIRST_SECOND = -62167219200L;
    private static final long LAST_SECOND = 253402300799L;

    private static volatile Formatted lastRfc1123 = new Formatted(Long.MIN_VALUE, "");

    private HttpDates() {
    }

    /**
     * RFC 1123 in GMT, for a {@code Date} header; the text of the last second formatted is
     * reused (many requests are signed within one second).
     *
     * @param t the instant
     * @return for example {@code Tue, 27 Mar 2007 19:36:42 GMT}
     */
    public static String rfc1123(Instant t) {
        long sec = t.getEpochSecond();
        Formatted last = lastRfc1123;
        if (last.epochSecond == sec) {
            return last.text;
        }
        String text = Timestamps.rfc1123(t);
        lastRfc1123 = new Formatted(sec, text);
        return text;
    }

    private static final class Formatted {
        final long epochSecond;
        final String text;

        Formatted(long epochSecond, String text) {
            this.epochSecond = epochSecond;
            this.text = text;
        }
    }

    /**
     * Parses an HTTP date.
     *
     * @param s the header value
     * @return the instant, or null when the value is not a date this parser knows
     */
    public static Instant parseHttpDate(String s) {
        if (s == null) {
            return null;
        }
        Instant fast = fastRfc1123(s);
        if (fast != null) {
            return fast;
        }
        try {
            return Timestamps.parseRfc1123(s, "date");
        } catch (IllegalArgumentException e) {
            // not RFC 1123: try the ISO 8601 forms below
        }
        String t = s.trim();
        try {
            return Timestamps.parseAmzDate(t, "date");
        } catch (IllegalArgumentException e) {
            // not yyyyMMdd'T'HHmmss'Z'
        }
        return parseIso8601(t);
    }

    /**
     * Parses an ISO 8601 date-time; a value without a zone is taken as UTC.
     *
     * @param s the text
     * @return the instant, or null when the text is not ISO 8601
     */
    public static Instant parseIso8601(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        if (t.length() >= 19 && t.charAt(10) == 'T' && !hasZone(t)) {
            t = t + 'Z';
        }
        try {
            return Timestamps.parseIso8601(t, "timestamp");
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean hasZone(String t) {
        char last = t.charAt(t.length() - 1);
        if (last == 'Z' || last == 'z') {
            return true;
        }
        for (int i = 19; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '+' || c == '-') {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code EEE, dd MMM yyyy HH:mm:ss (GMT|UTC|UT|Z|+hhmm|-hhmm)}, the day name that of the date,
     * the offset at most 18:00 and the instant in the years 0000 to 9999 (UTC); null for anything
     * else. Where it answers, its answer is that of the slow path (java.time's RFC 1123 parser),
     * except that it also reads the zones {@code UTC}, {@code UT} and {@code Z}, as {@code GMT}.
     */
    static Instant fastRfc1123(String s) {
        int n = s.length();
        if (n < 27 || s.charAt(3) != ',' || s.charAt(4) != ' ' || s.charAt(7) != ' ' || s.charAt(11) != ' '
                || s.charAt(16) != ' ' || s.charAt(19) != ':' || s.charAt(22) != ':' || s.charAt(25) != ' ') {
            return null;
        }
        int day = num(s, 5, 2);
        int month = -1;
        for (int m = 0; m < 36; m += 3) {
            if (s.regionMatches(8, MONTHS, m, 3)) {
                month = m;
                break;
            }
        }
        int year = num(s, 12, 4);
        int hh = num(s, 17, 2);
        int mm = num(s, 20, 2);
        int ss = num(s, 23, 2);
        if (day < 1 || month < 0 || year < 0 || hh < 0 || hh > 23 || mm < 0
                || mm > 59 || ss < 0 || ss > 59) {
            return null;
        }
        month = month / 3 + 1;
        if (day > daysInMonth(year, month)) {
            return null;
        }
        int zoneEnd = n;
        while (zoneEnd > 26 && s.charAt(zoneEnd - 1) == ' ') {
            zoneEnd--;
        }
        int zoneLen = zoneEnd - 26;
        int offsetSeconds;
        char z0 = s.charAt(26);
        if ((zoneLen == 3 && (s.startsWith("GMT", 26) || s.startsWith("UTC", 26)))
                || (zoneLen == 2 && s.startsWith("UT", 26)) || (zoneLen == 1 && z0 == 'Z')) {
            offsetSeconds = 0;
        } else if (zoneLen == 5 && (z0 == '+' || z0 == '-')) {
            int oh = num(s, 27, 2);
            int om = num(s, 29, 2);
            // at most 18:00 either way, as java.time's ZoneOffset (the slow path) reads offsets
            if (oh < 0 || om < 0 || om > 59 || oh * 60 + om > 18 * 60) {
                return null;
            }
            offsetSeconds = (oh * 3600 + om * 60) * (z0 == '-' ? -1 : 1);
        } else {
            return null;
        }
        long days = daysFromCivil(year, month, day);
        // java.time's RFC_1123_DATE_TIME (the slow path) refuses a day name that is not the day of
        // the date (in any case; this path takes only the usual spelling and leaves others to it)
        if (!s.regionMatches(0, DAY_NAMES, 3 * (int) Math.floorMod(days + 3, 7L), 3)) { // 1970-01-01 was a Thursday
            return null;
        }
        long epochSecond = days * 86400L + hh * 3600L + mm * 60L + ss - offsetSeconds;
        // and, like it, an instant outside the years 0000 to 9999 (UTC)
        if (epochSecond < FIRST_SECOND || epochSecond > LAST_SECOND) {
            return null;
        }
        return Instant.ofEpochSecond(epochSecond);
    }

    private static int num(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static int daysInMonth(int y, int m) {
        switch (m) {
            case 2:
                return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
    private static long daysFromCivil(int y, int m, int d) {
        long yy = m <= 2 ? y - 1 : y;
        long era = Math.floorDiv(yy, 400);
        long yoe = yy - era * 400;
        long doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }
}
