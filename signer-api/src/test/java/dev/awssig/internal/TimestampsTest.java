package dev.awssig.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The arithmetic formatters against java.time's formatters, as an independent oracle. */
class TimestampsTest {
    private static final DateTimeFormatter AMZ = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter IMF = DateTimeFormatter.ofPattern("EEE, dd MMM uuuu HH:mm:ss 'GMT'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final long MIN = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    private static final long MAX = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

    private static void assertAllFormats(Instant t, String context) {
        assertEquals(AMZ.format(t), Timestamps.amzDate(t), context);
        assertEquals(DATE.format(t), Timestamps.dateStamp(t), context);
        assertEquals(IMF.format(t), Timestamps.rfc1123(t), context);
        assertEquals(ISO.format(t), Timestamps.iso8601(t), context);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "1969-12-31T23:59:59.999999999Z",
        "2000-02-29T12:00:00Z", "2000-03-01T00:00:00Z", "1900-02-28T23:59:59Z", "1900-03-01T00:00:00Z",
        "2024-02-29T23:59:59Z", "2100-02-28T00:00:00Z", "2100-03-01T00:00:00Z", "1600-02-29T00:00:00Z",
        "0000-01-01T00:00:00Z", "0001-01-01T00:00:00Z", "0999-12-31T23:59:59Z", "9999-12-31T23:59:59Z",
        "1601-01-01T00:00:00Z", "2038-01-19T03:14:08Z", "2013-05-24T00:00:00Z", "2015-08-30T12:36:00Z",
        "2007-03-27T19:36:42Z", "1583-10-15T06:07:08Z"})
    void edgeInstantsMatchJavaTime(String iso) {
        assertAllFormats(Instant.parse(iso), iso);
    }

    @Test
    void randomInstantsMatchJavaTime() {
        long seed = TestSeeds.seed("TimestampsTest.randomInstantsMatchJavaTime");
        Random rnd = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            long secs;
            switch (i % 4) {
                case 0:
                    secs = MIN + Math.floorMod(rnd.nextLong(), MAX - MIN + 1);
                    break;
                case 1: // around the epoch, before and after
                    secs = rnd.nextInt() * 4L;
                    break;
                case 2: // around 29 February of a random leap year or century
                    int year = 4 * (rnd.nextInt(2499) + 1);
                    secs = Instant.parse(String.format(Locale.ROOT, "%04d-02-28T00:00:00Z", year)).getEpochSecond()
                            + rnd.nextInt(3 * 86400);
                    break;
                default: // the last second of a random day
                    secs = (Math.floorMod(rnd.nextLong(), (MAX - MIN) / 86400) + MIN / 86400) * 86400 + 86399;
            }
            Instant t = Instant.ofEpochSecond(secs, rnd.nextInt(1_000_000_000));
            assertAllFormats(t, "seed=" + seed + " instant=" + t);
        }
    }

    @Test
    void examplesFromTheAwsDocs() {
        assertEquals("20130524T000000Z", Timestamps.amzDate(Instant.parse("2013-05-24T00:00:00Z")));
        assertEquals("20130524", Timestamps.dateStamp(Instant.parse("2013-05-24T23:59:59Z")));
        assertEquals("Tue, 27 Mar 2007 19:36:42 GMT", Timestamps.rfc1123(Instant.parse("2007-03-27T19:36:42Z")));
        assertEquals("2011-10-03T15:19:30Z", Timestamps.iso8601(Instant.parse("2011-10-03T15:19:30Z")));
        assertEquals("Wed, 02 Jan 2008 09:05:07 GMT", Timestamps.rfc1123(Instant.parse("2008-01-02T09:05:07Z")),
                "two-digit day as in the IMF-fixdate");
    }

    @Test
    void yearsOutsideFourDigitsAreRejected() {
        Instant before = Instant.parse("0000-01-01T00:00:00Z").minusSeconds(1);
        Instant after = Instant.parse("9999-12-31T23:59:59Z").plusSeconds(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Timestamps.amzDate(before));
        assertTrue(e.getMessage().contains("year -1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Timestamps.amzDate(after));
        assertThrows(IllegalArgumentException.class, () -> Timestamps.dateStamp(after));
        assertThrows(IllegalArgumentException.class, () -> Timestamps.rfc1123(before));
    }

    @Test
    void parseAmzDateRoundTripsRandomInstants() {
        long seed = TestSeeds.seed("TimestampsTest.parseAmzDateRoundTripsRandomInstants");
        Random rnd = new Random(seed);
        for (int i = 0; i < 5_000; i++) {
            Instant t = Instant.ofEpochSecond(MIN + Math.floorMod(rnd.nextLong(), MAX - MIN + 1));
            assertEquals(t, Timestamps.parseAmzDate(Timestamps.amzDate(t), "x-amz-date"), "seed=" + seed);
            assertEquals(t, Timestamps.parseRfc1123(Timestamps.rfc1123(t), "date"), "seed=" + seed);
            assertEquals(t, Timestamps.parseIso8601(Timestamps.iso8601(t), "Timestamp"), "seed=" + seed);
        }
    }

    /**
     * Every field at and beyond its edges (year 0000 and 9999, month 0 and 13, day 0 and one past
     * the month's last, 24 h, 60 min, 60 s), each combination against java.time's strict parser of
     * the same pattern: accepted with the same instant, or refused.
     */
    @Test
    void amzDatesAgreeWithJavaTimeAtEveryFieldEdge() {
        DateTimeFormatter strict = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT)
                .withResolverStyle(java.time.format.ResolverStyle.STRICT);
        int accepted = 0;
        int refused = 0;
        for (String y : new String[] {"0000", "1970", "2000", "2023", "2024", "9999"}) {
            for (String mo : new String[] {"00", "01", "02", "04", "12", "13", "99"}) {
                for (String d : new String[] {"00", "01", "28", "29", "30", "31", "32"}) {
                    for (String h : new String[] {"00", "23", "24"}) {
                        for (String mi : new String[] {"00", "59", "60"}) {
                            for (String se : new String[] {"00", "59", "60"}) {
                                String text = y + mo + d + "T" + h + mi + se + "Z";
                                Instant expected;
                                try {
                                    expected = java.time.LocalDateTime.parse(text, strict).toInstant(ZoneOffset.UTC);
                                } catch (java.time.DateTimeException e) {
                                    expected = null;
                                }
                                if (expected == null) {
                                    refused++;
                                    assertThrows(IllegalArgumentException.class,
                                            () -> Timestamps.parseAmzDate(text, "x-amz-date"), text);
                                } else {
                                    accepted++;
                                    assertEquals(expected, Timestamps.parseAmzDate(text, "x-amz-date"), text);
                                }
                            }
                        }
                    }
                }
            }
        }
        assertTrue(accepted > 500 && refused > 500, accepted + " accepted, " + refused + " refused");
    }

    @ParameterizedTest
    @CsvSource(quoteCharacter = '\'', value = {
        "'', must be", "20130524T000000, must be", "20130524T000000z, must be", "20130524 000000Z, must be",
        "2013-05-24T00:00:00Z, must be", "20130230T000000Z, not a valid", "20131324T000000Z, not a valid",
        "20130524T250000Z, not a valid", "2013052xT000000Z, not a valid", "20130524T00006 Z, not a valid",
        "+0130524T000000Z, not a valid"})
    void badAmzDatesNameTheField(String text, String what) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Timestamps.parseAmzDate(text, "X-Amz-Date"));
        assertTrue(e.getMessage().startsWith("X-Amz-Date: " + what), e.getMessage());
    }

    /**
     * A character just outside the ASCII digits ({@code /} below {@code 0}, {@code :} above
     * {@code 9}) in any digit's place of an x-amz-date is refused, as java.time's strict reader
     * refuses it; and a refused x-amz-date, of the wrong shape or not a date, is quoted in the
     * message, so that the client sees what it sent.
     */
    @Test
    void aCharacterJustOutsideTheDigitsInAnyDigitsPlaceIsRefusedAndQuoted() {
        DateTimeFormatter strict = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss'Z'", Locale.ROOT)
                .withResolverStyle(java.time.format.ResolverStyle.STRICT);
        String good = "20151230T123456Z";
        assertEquals(java.time.LocalDateTime.parse(good, strict).toInstant(ZoneOffset.UTC),
                Timestamps.parseAmzDate(good, "X-Amz-Date"));
        for (char flaw : new char[] {'/', ':'}) {
            for (int i = 0; i < good.length(); i++) {
                if (!Character.isDigit(good.charAt(i))) {
                    continue;
                }
                String text = good.substring(0, i) + flaw + good.substring(i + 1);
                assertThrows(java.time.DateTimeException.class, () -> java.time.LocalDateTime.parse(text, strict), text);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> Timestamps.parseAmzDate(text, "X-Amz-Date"), text);
                assertTrue(e.getMessage().startsWith("X-Amz-Date: not a valid") && e.getMessage().endsWith("'" + text + "'"),
                        e.getMessage());
            }
        }
        for (String text : new String[] {"20151230T123456", "20151230X123456Z", "20151230T123456z"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Timestamps.parseAmzDate(text, "X-Amz-Date"), text);
            assertTrue(e.getMessage().startsWith("X-Amz-Date: must be") && e.getMessage().endsWith("'" + text + "'"),
                    e.getMessage());
        }
    }

    @Test
    void nullAmzDate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Timestamps.parseAmzDate(null, "X-Amz-Date"));
        assertTrue(e.getMessage().contains("was 'null'"), e.getMessage());
    }

    @Test
    void parseRfc1123AcceptsOneDigitDaysAndRejectsGarbage() {
        assertEquals(Instant.parse("2008-06-03T11:05:30Z"), Timestamps.parseRfc1123("Tue, 3 Jun 2008 11:05:30 GMT",
                "Date"));
        assertEquals(Instant.parse("2008-06-03T11:05:30Z"), Timestamps.parseRfc1123(" Tue, 03 Jun 2008 11:05:30 GMT ",
                "Date"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Timestamps.parseRfc1123("yesterday", "Date"));
        assertEquals("Date: not an RFC 1123 date: 'yesterday'", e.getMessage());
    }

    @Test
    void parseIso8601AcceptsFractionsAndOffsets() {
        assertEquals(Instant.parse("2011-10-03T15:19:30.123Z"), Timestamps.parseIso8601("2011-10-03T15:19:30.123Z",
                "Timestamp"));
        assertEquals(Instant.parse("2011-10-03T13:19:30Z"), Timestamps.parseIso8601("2011-10-03T15:19:30+02:00",
                "Timestamp"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Timestamps.parseIso8601("2011-10-03", "Timestamp"));
        assertTrue(e.getMessage().startsWith("Timestamp: not an ISO 8601 date-time"), e.getMessage());
    }

    /**
     * A Date header whose offset carries it out of the years 0000..9999 (the attack that made the
     * SigV4 verifier throw "year -1 cannot be formatted") is refused by the parser, with the
     * field named, so what a verifier parses it can always format.
     */
    @ParameterizedTest
    @ValueSource(strings = {"Sat, 01 Jan 0000 00:30:00 +0100", "01 Jan 0000 00:30:00 +0100",
        "Fri, 31 Dec 9999 23:30:00 -0100", "31 Dec 9999 23:30:00 -0100"})
    void rfc1123DateOutsideFourDigitYearsIsRefused(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Timestamps.parseRfc1123(text, "date"));
        assertTrue(e.getMessage().startsWith("date: "), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"0000-01-01T00:30:00+01:00", "9999-12-31T23:30:00-01:00", "+10000-01-01T00:00:00Z",
        "-0001-12-31T23:59:59Z", "+999999999-12-31T23:59:59Z"})
    void iso8601DateOutsideFourDigitYearsIsRefused(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Timestamps.parseIso8601(text, "Timestamp"));
        assertTrue(e.getMessage().startsWith("Timestamp: "), e.getMessage());
    }

    @Test
    void theEdgesOfTheRangeStillParseAndFormat() {
        Instant first = Timestamps.parseRfc1123("Sat, 01 Jan 0000 01:00:00 +0100", "date");
        assertEquals(MIN, first.getEpochSecond());
        assertEquals("00000101T000000Z", Timestamps.amzDate(first));
        Instant last = Timestamps.parseIso8601("9999-12-31T22:59:59-01:00", "t");
        assertEquals(MAX, last.getEpochSecond());
        assertEquals("99991231T235959Z", Timestamps.amzDate(last));
        assertTrue(Timestamps.isFormattable(first) && Timestamps.isFormattable(last));
        assertEquals(false, Timestamps.isFormattable(first.minusSeconds(1)));
        assertEquals(false, Timestamps.isFormattable(last.plusSeconds(1)));
        assertEquals(Instant.MAX.toString(), Timestamps.describe(Instant.MAX));
        assertEquals("99991231T235959Z", Timestamps.describe(last));
        assertThrows(IllegalArgumentException.class, () -> Timestamps.parseRfc1123(null, "date"));
        assertThrows(IllegalArgumentException.class, () -> Timestamps.parseIso8601(null, "t"));
    }
}
