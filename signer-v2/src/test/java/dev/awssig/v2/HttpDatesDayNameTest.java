package dev.awssig.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.awssig.v2.internal.HttpDates;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The day name of an RFC 1123 date must be the day of its date, as java.time's
 * {@link DateTimeFormatter#RFC_1123_DATE_TIME} (the reference the slow path uses) requires: a
 * {@code Date} of {@code Mon, 24 May 2013} (a Friday) is no date, on the fast path as on the slow.
 * Before the fix, the fast path did not look at the day name and read such a date; it also read
 * offsets up to 18:59 (java.time stops at 18:00) and instants an offset moved outside the years
 * 0000 to 9999, which the slow path refuses.
 */
class HttpDatesDayNameTest {
    private static final String[] DAY_NAMES = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final DateTimeFormatter REST = DateTimeFormatter.ofPattern("dd MMM uuuu HH:mm:ss", Locale.US);
    private static final Instant FIRST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59Z");

    /** java.time's reading, held to the years 0000 to 9999 (UTC) as the verifiers are; null when it refuses. */
    private static Instant oracle(String text) {
        try {
            Instant t = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return t.isBefore(FIRST) || t.isAfter(LAST) ? null : t;
        } catch (DateTimeException e) {
            return null;
        }
    }

    @Test
    void aDayNameThatIsNotTheDayOfTheDateIsRefused() {
        assertNull(HttpDates.parseHttpDate("Mon, 24 May 2013 00:00:00 GMT"), "24 May 2013 is a Friday");
        assertEquals(Instant.parse("2013-05-24T00:00:00Z"), HttpDates.parseHttpDate("Fri, 24 May 2013 00:00:00 GMT"));
        assertNull(HttpDates.parseHttpDate("Xyz, 24 May 2013 00:00:00 GMT"), "not a day name");
        assertNull(HttpDates.parseHttpDate("Mon, 24 May 2013 00:00:00 +0000"));
        assertNull(HttpDates.parseHttpDate("Mon, 24 May 2013 00:00:00 UTC"), "the zones only awssig reads too");
        assertNull(HttpDates.parseHttpDate("Mon, 24 May 2013 00:00:00 Z"));
        assertEquals(Instant.parse("2013-05-24T00:00:00Z"), HttpDates.parseHttpDate("Fri, 24 May 2013 00:00:00 UT"));
        // java.time reads the day name in any case, and so does the slow path
        assertEquals(Instant.parse("2013-05-24T00:00:00Z"), HttpDates.parseHttpDate("fri, 24 May 2013 00:00:00 GMT"));
        assertNull(HttpDates.parseHttpDate("mon, 24 May 2013 00:00:00 GMT"));
    }

    /** The day name is that of the local date written, not of the UTC date the offset leads to. */
    @Test
    void theDayNameIsOfTheDateAsWritten() {
        // Sat 25 May 2013 01:00 at +0200 is Fri 24 May 23:00 UTC
        assertEquals(Instant.parse("2013-05-24T23:00:00Z"), HttpDates.parseHttpDate("Sat, 25 May 2013 01:00:00 +0200"));
        assertNull(HttpDates.parseHttpDate("Fri, 25 May 2013 01:00:00 +0200"));
    }

    /** An offset past 18:00 either way (java.time's limit) is refused; 18:00 is read. */
    @Test
    void anOffsetPastEighteenHoursIsRefused() {
        assertEquals(Instant.parse("2013-05-24T18:00:00Z"), HttpDates.parseHttpDate("Fri, 24 May 2013 00:00:00 -1800"));
        assertEquals(Instant.parse("2013-05-23T06:00:00Z"), HttpDates.parseHttpDate("Fri, 24 May 2013 00:00:00 +1800"));
        assertNull(HttpDates.parseHttpDate("Fri, 24 May 2013 00:00:00 +1801"));
        assertNull(HttpDates.parseHttpDate("Fri, 24 May 2013 00:00:00 -1859"));
        assertNull(HttpDates.parseHttpDate("Fri, 24 May 2013 00:00:00 +1900"));
    }

    /** An offset that moves the instant out of the years 0000 to 9999 (UTC) is refused, as the slow path does. */
    @Test
    void anInstantOutsideTheYearsTheVerifiersReadIsRefused() {
        assertNull(HttpDates.parseHttpDate("Sat, 01 Jan 0000 00:30:00 +0100"));
        assertNull(HttpDates.parseHttpDate("Fri, 31 Dec 9999 23:59:59 -0001"));
        assertEquals(Instant.parse("0000-01-01T00:00:00Z"), HttpDates.parseHttpDate("Sat, 01 Jan 0000 01:00:00 +0100"));
        assertEquals(LAST, HttpDates.parseHttpDate("Fri, 31 Dec 9999 22:59:59 -0100"));
    }

    /**
     * Random instants (years 0000 to 9999, and around now) written with each of the seven day
     * names, in GMT and random offsets, in three cases of the day name: awssig's answer is
     * java.time's. The zones java.time does not read (UTC, UT, Z) get the answer of GMT.
     */
    @Test
    void everyDayNameOfRandomInstantsReadsAsJavaTimeReadsIt() {
        Random random = new Random(Long.getLong("awssig.seed", 20261202L));
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            long second = i % 2 == 0
                    ? Math.floorMod(random.nextLong(), 253402300800L) - 62167219200L
                    : 1_700_000_000L + random.nextInt(400_000_000);
            int offsetMinutes = random.nextInt(4) == 0 ? 0 : random.nextInt(2 * (18 * 60 + 59) + 1) - (18 * 60 + 59);
            String zone = offsetMinutes == 0 && random.nextBoolean() ? "GMT"
                    : String.format("%s%02d%02d", offsetMinutes < 0 ? "-" : "+", Math.abs(offsetMinutes) / 60,
                            Math.abs(offsetMinutes) % 60);
            LocalDateTime local = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
            String rest = REST.format(local);
            for (String name : DAY_NAMES) {
                for (String spelled : new String[] {name, name.toUpperCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)}) {
                    String text = spelled + ", " + rest + " " + zone;
                    Instant want = oracle(text);
                    Instant got = HttpDates.parseHttpDate(text);
                    if (want == null ? got != null : !want.equals(got)) {
                        failures.add(text + " -> " + got + ", java.time: " + want);
                    }
                }
                String gmt = name + ", " + rest + " GMT";
                for (String other : new String[] {"UTC", "UT", "Z"}) {
                    Instant want = oracle(gmt);
                    Instant got = HttpDates.parseHttpDate(name + ", " + rest + " " + other);
                    if (want == null ? got != null : !want.equals(got)) {
                        failures.add(name + ", " + rest + " " + other + " -> " + got + ", as GMT: " + want);
                    }
                }
            }
        }
        assertEquals(List.of(), failures.subList(0, Math.min(10, failures.size())), failures.size() + " failures");
    }

    /**
     * Dates with one field wrong or just outside its range, each with all seven day names (so that
     * the day of whatever date a lax reading would make of it is among them), in several zones:
     * the answer is java.time's (which refuses most, and reads 24:00:00 and 31 April as it
     * reads them); with UTC, UT or Z, either none or GMT's (java.time reads those zones in no
     * spelling, so its lenient readings of 24:00:00, 31 April or "mar" are not made for them).
     */
    @Test
    void flawedFieldsWithEveryDayNameReadAsJavaTimeReadsThem() {
        String[] rests = {"00 Mar 2007 19:36:42", "x1 Mar 2007 19:36:42", "/1 Mar 2007 19:36:42", "2/ Mar 2007 19:36:42",
            "2: Mar 2007 19:36:42", "27 Xyz 2007 19:36:42", "27 mar 2007 19:36:42", "27 Mar 20x7 19:36:42",
            "27 Mar -007 19:36:42", "27 Mar 2007 1x:36:42", "27 Mar 2007 19:x6:42", "27 Mar 2007 19:36:x2",
            "27 Mar 2007 19:36:4/", "27 Mar 2007 24:00:00", "27 Mar 2007 23:60:00", "27 Mar 2007 23:59:60",
            "29 Feb 2023 19:36:42", "29 Feb 1900 19:36:42", "29 Feb 2100 19:36:42", "29 Feb 2000 19:36:42",
            "29 Feb 2024 19:36:42", "30 Feb 2024 19:36:42", "31 Apr 2007 19:36:42", "31 Jun 2007 19:36:42",
            "31 Sep 2007 19:36:42", "31 Nov 2007 19:36:42", "32 Jan 2007 19:36:42", "01 Jan 0000 00:00:00",
            "31 Dec 9999 23:59:59", "01 Jan 1970 00:00:00", "31 Dec 20x7 23:59:59"};
        String[] zones = {"GMT", "+0000", "-0130", "+1800", "-1800", "+1801", "+0/00", "+00/0", "-0:00"};
        List<String> failures = new ArrayList<>();
        for (String rest : rests) {
            for (String name : DAY_NAMES) {
                for (String zone : zones) {
                    String text = name + ", " + rest + " " + zone;
                    Instant want = oracle(text);
                    Instant got = HttpDates.parseHttpDate(text);
                    if (want == null ? got != null : !want.equals(got)) {
                        failures.add(text + " -> " + got + ", java.time: " + want);
                    }
                }
                Instant asGmt = oracle(name + ", " + rest + " GMT");
                for (String other : new String[] {"UTC", "UT", "Z"}) {
                    Instant got = HttpDates.parseHttpDate(name + ", " + rest + " " + other);
                    if (got != null && !got.equals(asGmt)) { // java.time's lenient readings are GMT's only
                        failures.add(name + ", " + rest + " " + other + " -> " + got + ", as GMT: " + asGmt);
                    }
                }
            }
        }
        assertEquals(List.of(), failures);
    }
}
