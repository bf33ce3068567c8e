package dev.awssig.post;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The policy's {@code expiration} is read by a fast path for S3's own shape; this checks it
 * against an independent reader, the JDK's {@code ISO_OFFSET_DATE_TIME}, over randomized texts
 * near that shape (days past the month's end, February 29 of common and leap years, hour 24,
 * minute and second 60, 0 to 10 fraction digits, lower-case {@code t}/{@code z}, offsets,
 * whitespace, non-ASCII digits, years before 1970). Each text is accepted with the same instant
 * (to the millisecond, as policies keep it) or refused with {@code Invalid 'expiration' value}.
 *
 * <p>The seed is logged; replay a run with {@code -Dawssig.seed=<seed>}.
 */
class ExpirationParseDifferentialTest {
    private static final int CASES = 5_000;
    private static long seed;

    @BeforeAll
    static void chooseSeed() {
        String given = System.getProperty("awssig.seed");
        seed = given != null ? Long.parseLong(given) : new Random().nextLong();
        System.out.println("ExpirationParseDifferentialTest seed = " + seed + " (replay with -Dawssig.seed=" + seed + ")");
    }

    @Test
    void randomizedExpirationsAgreeWithTheJdkIsoReader() {
        Random rnd = new Random(seed);
        int accepted = 0;
        for (int i = 0; i < CASES; i++) {
            String text = randomText(rnd);
            if (check("case " + i + " (seed " + seed + "): '" + text + "'", text)) {
                accepted++;
            }
        }
        assertTrue(accepted > CASES / 4, "too few accepted texts to mean anything: " + accepted);
    }

    @Test
    void edgesAgreeWithTheJdkIsoReader() {
        String[] texts = {"2015-12-30T12:00:00.000Z", "2015-12-30T12:00:00Z", "2016-02-29T00:00:00Z",
            "2015-02-29T00:00:00Z", "2000-02-29T23:59:59.999999999Z", "1900-02-29T00:00:00Z", "2015-04-31T00:00:00Z",
            "2015-12-30T24:00:00Z", "2015-12-30T23:60:00Z", "2015-12-30T23:59:60Z", "2015-12-30t12:00:00z",
            "2015-12-30T12:00:00.Z", "2015-12-30T12:00:00.1234567891Z", "2015-12-30T12:00:00+01:00",
            " 2015-12-30T12:00:00Z", "2015-12-30T12:00Z", "9999-12-31T23:59:59.999Z", "1969-12-31T23:59:59Z",
            "1970-01-01T00:00:00Z", "0000-01-01T00:00:00Z", "2015-00-10T00:00:00Z", "2015-13-10T00:00:00Z",
            "2015-12-00T00:00:00Z", "2015-12-3\u0661T00:00:00Z", "+2015-12-30T12:00:00Z", "2015-12-30T12:00:00.5Z",
            // too short for S3's shape, each separator wrong in turn, the fraction at each length and flawed
            "", "Z", "2015-12-30", "2015-12-30T12:00", "2015-12-30T12:00:00", "2015-12-30T12:00:0Z",
            "2015x12-30T12:00:00Z", "2015-12x30T12:00:00Z", "2015-12-30x12:00:00Z", "2015-12-30T12x00:00Z",
            "2015-12-30T12:00x00Z", "2015-12-30T12:00:00x", "2015-12-30T12:00:00x5Z", "2015-12-30T12:00:00.5x",
            "2015-12-30T12:00:00.x5Z", "2015-12-30T12:00:00.5xZ", "2015-12-30T12:00:00.1Z", "2015-12-30T12:00:00.12Z",
            "2015-12-30T12:00:00.123Z", "2015-12-30T12:00:00.1234Z", "2015-12-30T12:00:00.987654321Z",
            "2015-12-30T12:00:00.98765432Z", "2015-12-30T12:00:00.9876543210Z", "2015-12-30T12:00:00.999Z",
            "2015-12-30T12:00:00.0009Z", "2015-12-30T12:00:00.000000001Z", "2015-12-30T12:00:00.5+00:00"};
        for (String t : texts) {
            check("'" + t + "'", t);
        }
    }

    /**
     * A character just outside the ASCII digits ({@code /} below {@code 0}, {@code :} above
     * {@code 9}) in any digit's place of an expiration (year, month, day, time, fraction) or of an
     * x-amz-date is no date: the JDK's reader refuses each expiration, and no such x-amz-date is a
     * date (hand-derived: every place must hold a digit).
     */
    @Test
    void aCharacterJustOutsideTheDigitsInAnyDigitsPlaceIsNoDate() {
        String expiration = "2015-12-30T12:34:56.789Z";
        String amzDate = "20151230T123456Z";
        for (char flaw : new char[] {'/', ':'}) {
            for (int i = 0; i < expiration.length(); i++) {
                if (Character.isDigit(expiration.charAt(i))) {
                    String text = expiration.substring(0, i) + flaw + expiration.substring(i + 1);
                    assertFalse(check("'" + text + "'", text), text);
                }
            }
            for (int i = 0; i < amzDate.length(); i++) {
                if (Character.isDigit(amzDate.charAt(i))) {
                    String text = amzDate.substring(0, i) + flaw + amzDate.substring(i + 1);
                    assertFalse(dev.awssig.post.internal.PolicyJson.isAmzDate(text), text);
                }
            }
        }
        assertTrue(check("'" + expiration + "'", expiration));
        assertTrue(dev.awssig.post.internal.PolicyJson.isAmzDate(amzDate));
    }

    /** The enforcer's check of x-amz-date against the JDK building the date-time. */
    @Test
    void amzDateCheckAgreesWithTheJdk() {
        Random rnd = new Random(seed);
        for (int i = 0; i < CASES; i++) {
            String iso = randomText(rnd);
            String text = iso.replace("-", "").replace(":", "");
            if (rnd.nextInt(5) == 0 && text.length() > 16) {
                text = text.substring(0, 15) + "Z";
            }
            boolean jdk;
            try {
                int y = Integer.parseInt(text.substring(0, 4));
                java.time.ZonedDateTime.of(y, Integer.parseInt(text.substring(4, 6)), Integer.parseInt(text.substring(6, 8)),
                        Integer.parseInt(text.substring(9, 11)), Integer.parseInt(text.substring(11, 13)),
                        Integer.parseInt(text.substring(13, 15)), 0, java.time.ZoneOffset.UTC);
                jdk = text.length() == 16 && text.charAt(8) == 'T' && text.charAt(15) == 'Z'
                        && text.chars().filter(Character::isDigit).allMatch(c -> c < 128)
                        && text.substring(0, 8).chars().allMatch(c -> c >= '0' && c <= '9')
                        && text.substring(9, 15).chars().allMatch(c -> c >= '0' && c <= '9');
            } catch (RuntimeException e) {
                jdk = false;
            }
            assertEquals(jdk, dev.awssig.post.internal.PolicyJson.isAmzDate(text), "case " + i + " (seed " + seed
                    + "): '" + text + "'");
        }
    }

    /** Returns whether the text was accepted. */
    private static boolean check(String where, String text) {
        Instant oracle;
        try {
            oracle = DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text.trim(), Instant::from);
        } catch (DateTimeException e) {
            oracle = null;
        }
        String json = "{\"expiration\": \"" + text + "\", \"conditions\": [{\"bucket\": \"b\"}]}";
        boolean inRange = oracle != null && oracle.getEpochSecond() >= 0 && oracle.getEpochSecond() <= 253402300799L;
        if (inRange) {
            assertEquals(oracle.truncatedTo(ChronoUnit.MILLIS), PostPolicy.parse(json).expiration(), where);
            return true;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PostPolicy.parse(json), where);
        assertTrue(e.getMessage().startsWith("Invalid Policy: Invalid 'expiration' value"), where + ": " + e.getMessage());
        return false;
    }

    private static String randomText(Random rnd) {
        StringBuilder sb = new StringBuilder(32);
        if (rnd.nextInt(40) == 0) {
            sb.append(' ');
        }
        int year = rnd.nextInt(10) == 0 ? rnd.nextInt(10_000) : 1960 + rnd.nextInt(120);
        pad(sb, year, 4).append('-');
        pad(sb, rnd.nextInt(20) == 0 ? rnd.nextInt(14) : 1 + rnd.nextInt(12), 2).append('-');
        pad(sb, rnd.nextInt(4) == 0 ? 28 + rnd.nextInt(4) : rnd.nextInt(30) == 0 ? rnd.nextInt(33) : 1 + rnd.nextInt(28), 2);
        sb.append(rnd.nextInt(30) == 0 ? 't' : 'T');
        pad(sb, rnd.nextInt(20) == 0 ? 24 : rnd.nextInt(24), 2).append(':');
        pad(sb, rnd.nextInt(20) == 0 ? 60 : rnd.nextInt(60), 2);
        if (rnd.nextInt(30) != 0) {
            sb.append(':');
            pad(sb, rnd.nextInt(20) == 0 ? 60 : rnd.nextInt(60), 2);
        }
        int fraction = rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(11);
        if (fraction > 0 || rnd.nextInt(20) == 0) {
            sb.append('.');
            for (int i = 0; i < fraction; i++) {
                sb.append((char) ('0' + rnd.nextInt(10)));
            }
        }
        switch (rnd.nextInt(12)) {
            case 0:
                sb.append('z');
                break;
            case 1:
                sb.append("+00:00");
                break;
            case 2:
                sb.append("-05:30");
                break;
            default:
                sb.append('Z');
        }
        if (rnd.nextInt(50) == 0) {
            int at = rnd.nextInt(sb.length());
            sb.setCharAt(at, rnd.nextBoolean() ? '\u0661' : (char) ('0' + rnd.nextInt(10)));
        }
        return sb.toString();
    }

    private static StringBuilder pad(StringBuilder sb, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }
}
