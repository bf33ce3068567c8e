package dev.awssig.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * UTC timestamp formats of AWS signatures, formatted by arithmetic (no formatter per call):
 * {@code yyyyMMdd'T'HHmmss'Z'} (SigV4 {@code X-Amz-Date}), {@code yyyyMMdd} (credential scope),
 * RFC 1123 ({@code Date}) and ISO 8601 ({@code Timestamp} of the query API).
 * Internal: exported only to the sibling modules of this project.
 */
public final class Timestamps {
    private static final String[] DAYS = {"Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep",
        "Oct", "Nov", "Dec"};

    /** 0000-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the instants these formats can write. */
    private static final long MIN_SECOND = -62167219200L;
    private static final long MAX_SECOND = 253402300799L;

    private Timestamps() {
    }

    /**
     * Whether an instant can be written in these formats: its UTC year is 0000 to 9999. Every
     * {@code parse} method here returns only such instants, so what a verifier parsed it can also
     * format (in a message, or as the {@code X-Amz-Date} of a {@code Date}-dated request).
     *
     * @param t the instant
     * @return true when {@link #amzDate(Instant)} and the others can format it
     */
    public static boolean isFormattable(Instant t) {
        long s = t.getEpochSecond();
        return s >= MIN_SECOND && s <= MAX_SECOND;
    }

    /**
     * {@link #amzDate(Instant)} for a message: an instant out of its range is written by
     * {@link Instant#toString()} instead of failing.
     *
     * @param t the instant
     * @return the text
     */
    public static String describe(Instant t) {
        return isFormattable(t) ? amzDate(t) : t.toString();
    }

    private static Instant representable(Instant t, String field, String s) {
        if (!isFormattable(t)) {
            throw new IllegalArgumentException(field + ": '" + Checks.printable(s) + "' is outside the years 0000"
                    + " to 9999 (UTC)");
        }
        return t;
    }

    /**
     * Formats {@code yyyyMMdd'T'HHmmss'Z'}.
     *
     * @param t the instant
     * @return for example {@code 20130524T000000Z}
     */
    public static String amzDate(Instant t) {
        char[] c = new char[16];
        long secs = t.getEpochSecond();
        long days = Math.floorDiv(secs, 86400);
        int sod = Math.floorMod(secs, 86400);
        writeDate(c, 0, days);
        c[8] = 'T';
        two(c, 9, sod / 3600);
        two(c, 11, (sod / 60) % 60);
        two(c, 13, sod % 60);
        c[15] = 'Z';
        return new String(c);
    }

    /**
     * Formats {@code yyyyMMdd}.
     *
     * @param t the instant
     * @return for example {@code 20130524}
     */
    public static String dateStamp(Instant t) {
        char[] c = new char[8];
        writeDate(c, 0, Math.floorDiv(t.getEpochSecond(), 86400));
        return new String(c);
    }

    /**
     * Formats RFC 1123 in GMT, as the IMF-fixdate of RFC 7231 (two-digit day, four-digit year).
     *
     * @param t the instant
     * @return for example {@code Tue, 27 Mar 2007 19:36:42 GMT}
     * @throws IllegalArgumentException if the year is outside 0000..9999
     */
    public static String rfc1123(Instant t) {
        long secs = t.getEpochSecond();
        long days = Math.floorDiv(secs, 86400);
        int sod = Math.floorMod(secs, 86400);
        int[] ymd = civil(days);
        char[] year = new char[8];
        writeDate(year, 0, days);
        StringBuilder sb = new StringBuilder(29);
        sb.append(DAYS[Math.floorMod(days, 7)]).append(", ");
        char[] c = new char[2];
        two(c, 0, ymd[2]);
        sb.append(c).append(' ').append(MONTHS[ymd[1] - 1]).append(' ').append(year, 0, 4).append(' ');
        two(c, 0, sod / 3600);
        sb.append(c).append(':');
        two(c, 0, (sod / 60) % 60);
        sb.append(c).append(':');
        two(c, 0, sod % 60);
        return sb.append(c).append(" GMT").toString();
    }

    /**
     * Formats ISO 8601 with seconds, {@code yyyy-MM-dd'T'HH:mm:ss'Z'}.
     *
     * @param t the instant
     * @return for example {@code 2011-10-03T15:19:30Z}
     */
    public static String iso8601(Instant t) {
        String a = amzDate(t);
        return a.substring(0, 4) + '-' + a.substring(4, 6) + '-' + a.substring(6, 11) + ':' + a.substring(11, 13)
                + ':' + a.substring(13);
    }

    /**
     * Parses {@code yyyyMMdd'T'HHmmss'Z'}.
     *
     * @param s the text
     * @param field the field name for the message
     * @return the instant
     * @throws IllegalArgumentException if the text is not in that form
     */
    public static Instant parseAmzDate(String s, String field) {
        if (s == null || s.length() != 16 || s.charAt(8) != 'T' || s.charAt(15) != 'Z') {
            throw new IllegalArgumentException(field + ": must be yyyyMMdd'T'HHmmss'Z', was '"
                    + (s == null ? "null" : Checks.printable(s)) + "'");
        }
        try {
            int y = digits(s, 0, 4);
            int mo = digits(s, 4, 2);
            int d = digits(s, 6, 2);
            int h = digits(s, 9, 2);
            int mi = digits(s, 11, 2);
            int se = digits(s, 13, 2);
            if (h > 23 || mi > 59 || se > 59) {
                throw new DateTimeException("time of day out of range");
            }
            // the date checked by LocalDate (month, day of month, leap years), the time added as
            // seconds: the instant ZonedDateTime.of(..., UTC) gives, without building it
            return Instant.ofEpochSecond(LocalDate.of(y, mo, d).toEpochDay() * 86_400L + h * 3_600L + mi * 60L + se);
        } catch (DateTimeException | NumberFormatException e) {
            throw new IllegalArgumentException(field + ": not a valid date-time: '" + Checks.printable(s) + "'");
        }
    }

    /**
     * Parses an RFC 1123 date ({@code Date} header).
     *
     * @param s the text
     * @param field the field name for the message
     * @return the instant, in the years 0000 to 9999 (UTC)
     * @throws IllegalArgumentException if the text is not an RFC 1123 date, or its instant is
     *     outside those years (such as {@code 01 Jan 0000 00:30:00 +0100})
     */
    public static Instant parseRfc1123(String s, String field) {
        if (s == null) {
            throw new IllegalArgumentException(field + ": is required (was null)");
        }
        try {
            return representable(ZonedDateTime.parse(s.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant(),
                    field, s);
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException(field + ": not an RFC 1123 date: '" + Checks.printable(s) + "'");
        }
    }

    /**
     * Parses an ISO 8601 instant such as {@code 2011-10-03T15:19:30Z} or with fractional seconds
     * or an offset.
     *
     * @param s the text
     * @param field the field name for the message
     * @return the instant, in the years 0000 to 9999 (UTC)
     * @throws IllegalArgumentException if the text is not ISO 8601, or its instant is outside
     *     those years
     */
    public static Instant parseIso8601(String s, String field) {
        if (s == null) {
            throw new IllegalArgumentException(field + ": is required (was null)");
        }
        try {
            return representable(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(s.trim(), Instant::from), field, s);
        } catch (DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException(field + ": not an ISO 8601 date-time: '" + Checks.printable(s) + "'");
        }
    }

    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException();
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static void writeDate(char[] c, int off, long epochDay) {
        int[] ymd = civil(epochDay);
        int y = ymd[0];
        if (y < 0 || y > 9999) {
            throw new IllegalArgumentException("time: year " + y + " cannot be formatted with 4 digits");
        }
        c[off] = (char) ('0' + y / 1000);
        c[off + 1] = (char) ('0' + (y / 100) % 10);
        c[off + 2] = (char) ('0' + (y / 10) % 10);
        c[off + 3] = (char) ('0' + y % 10);
        two(c, off + 4, ymd[1]);
        two(c, off + 6, ymd[2]);
    }

    private static void two(char[] c, int off, int v) {
        c[off] = (char) ('0' + v / 10);
        c[off + 1] = (char) ('0' + v % 10);
    }

    /** Days since 1970-01-01 to {year, month, day} (proleptic Gregorian; H. Hinnant's algorithm). */
    private static int[] civil(long z) {
        z += 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long y = yoe + era * 400;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long d = doy - (153 * mp + 2) / 5 + 1;
        long m = mp < 10 ? mp + 3 : mp - 9;
        return new int[] {(int) (m <= 2 ? y + 1 : y), (int) m, (int) d};
    }
}
