package dev.awssig.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.awssig.v2.internal.HttpDates;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The edges of the HTTP date forms SigV2 verifiers read: every calendar edge, every field at its
 * limits, every zone spelling, against {@code java.time} as the oracle. Dates ending in {@code UTC},
 * {@code UT} or {@code Z} are read by no JDK formatter, so they check awssig's own parser alone.
 */
class HttpDatesEdgesTest {
    private static final DateTimeFormatter FIELDS =
            DateTimeFormatter.ofPattern("EEE, dd MMM uuuu HH:mm:ss", Locale.US);
    private static final int[] YEARS = {0, 1, 4, 99, 100, 400, 1582, 1899, 1900, 1969, 1970, 1971, 1999, 2000,
        2023, 2024, 2100, 2400, 9999};
    private static final String[] ZONES = {"GMT", "UTC", "UT", "Z", "+0000", "-0000", "+0530", "-0930", "+1800",
        "-1800", "-0059", "+0100"};

    private static final Instant FIRST = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59Z");

    /** The instant a date-time written in a zone names, computed by java.time (offsets in seconds). */
    private static Instant expected(LocalDateTime local, String zone) {
        long offset = 0;
        if (zone.charAt(0) == '+' || zone.charAt(0) == '-') {
            int hours = Integer.parseInt(zone.substring(1, 3));
            int minutes = Integer.parseInt(zone.substring(3, 5));
            offset = (hours * 3600L + minutes * 60L) * (zone.charAt(0) == '-' ? -1 : 1);
        }
        return Instant.ofEpochSecond(local.toEpochSecond(ZoneOffset.UTC) - offset);
    }

    private static List<LocalDateTime> calendarEdges() {
        List<LocalDateTime> out = new ArrayList<>();
        for (int y : YEARS) {
            for (int m = 1; m <= 12; m++) {
                int last = YearMonth.of(y, m).lengthOfMonth();
                out.add(LocalDateTime.of(y, m, 1, 0, 0, 0));
                out.add(LocalDateTime.of(y, m, last, 23, 59, 59));
                out.add(LocalDateTime.of(y, m, 10, 9, 9, 9));
            }
        }
        Random random = new Random(20261202L);
        for (int i = 0; i < 500; i++) {
            long second = Math.floorMod(random.nextLong(), 253402300800L) - 62167219200L; // years 0000 to 9999
            out.add(LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC));
        }
        return out;
    }

    @Test
    void everyCalendarEdgeReadsAsJavaTimeReadsItInEveryZoneSpelling() {
        List<String> failures = new ArrayList<>();
        for (LocalDateTime local : calendarEdges()) {
            for (String zone : ZONES) {
                String text = FIELDS.format(local) + " " + zone;
                Instant want = expected(local, zone);
                if (want.isBefore(FIRST) || want.isAfter(LAST)) {
                    continue; // an offset moved it out of the years 0000 to 9999
                }
                Instant got = HttpDates.parseHttpDate(text);
                if (!want.equals(got)) {
                    failures.add(text + " -> " + got + ", expected " + want);
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Tue, 27 Mar 2007 19:36:42 Z | 2007-03-27T19:36:42Z",
        "Tue, 27 Mar 2007 19:36:42 UT | 2007-03-27T19:36:42Z",
        "Tue, 27 Mar 2007 19:36:42 +0000 | 2007-03-27T19:36:42Z",
        "Tue, 29 Feb 2000 12:00:00 UTC | 2000-02-29T12:00:00Z",
        "Sat, 01 Jan 0000 00:00:00 UTC | 0000-01-01T00:00:00Z",
        "Fri, 31 Dec 9999 23:59:59 UTC | 9999-12-31T23:59:59Z",
    })
    void theShortZonesAndTheYearsAtTheEdgesAreRead(String text, String instant) {
        assertEquals(Instant.parse(instant), HttpDates.parseHttpDate(text));
        assertEquals(Instant.parse(instant), HttpDates.parseHttpDate(text + "   "), "with trailing spaces");
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {
        // each separator wrong in turn
        "Tue; 27 Mar 2007 19:36:42 UTC", "Tue,x27 Mar 2007 19:36:42 UTC", "Tue, 27xMar 2007 19:36:42 UTC",
        "Tue, 27 Marx2007 19:36:42 UTC", "Tue, 27 Mar 2007x19:36:42 UTC", "Tue, 27 Mar 2007 19x36:42 UTC",
        "Tue, 27 Mar 2007 19:36x42 UTC", "Tue, 27 Mar 2007 19:36:42xUTC",
        // each field just outside its range, or not digits
        "Tue, 00 Mar 2007 19:36:42 UTC", "Tue, 32 Mar 2007 19:36:42 UTC", "Tue, 2/ Mar 2007 19:36:42 UTC",
        "Tue, 2: Mar 2007 19:36:42 UTC", "Tue, 27 Mar 20x7 19:36:42 UTC", "Tue, 27 Mar 2007 24:00:00 UTC",
        "Tue, 27 Mar 2007 1x:36:42 UTC", "Tue, 27 Mar 2007 19:60:42 UTC", "Tue, 27 Mar 2007 19:x6:42 UTC",
        "Tue, 27 Mar 2007 19:36:60 UTC", "Tue, 27 Mar 2007 19:36:xx UTC", "Tue, 27 Mar 2007 19:36:4/ UTC",
        "Tue, 27 Mar -007 19:36:42 UTC", "Tue, 27 Mzr 2007 19:36:42 UTC", "Tue, 27 Dez 2007 19:36:42 UTC",
        // days past the end of their month, and 29 February of years that are not leap years
        "Tue, 31 Apr 2007 19:36:42 UTC", "Tue, 31 Jun 2007 19:36:42 UTC", "Tue, 31 Sep 2007 19:36:42 UTC",
        "Tue, 31 Nov 2007 19:36:42 UTC", "Tue, 29 Feb 2023 19:36:42 UTC", "Tue, 29 Feb 1900 19:36:42 UTC",
        "Tue, 29 Feb 2100 19:36:42 UTC", "Tue, 30 Feb 2024 19:36:42 UTC", "Tue, 32 Jan 2007 19:36:42 UTC",
        // zones that are not one of GMT, UTC, UT, Z, +hhmm, -hhmm
        "Tue, 27 Mar 2007 19:36:42 GMTX", "Tue, 27 Mar 2007 19:36:42 UTCX", "Tue, 27 Mar 2007 19:36:42 GM",
        "Tue, 27 Mar 2007 19:36:42 UX", "Tue, 27 Mar 2007 19:36:42 U", "Tue, 27 Mar 2007 19:36:42 ZZ",
        "Tue, 27 Mar 2007 19:36:42 Y", "Tue, 27 Mar 2007 19:36:42 UTX", "Tue, 27 Mar 2007 19:36:42 +010",
        "Tue, 27 Mar 2007 19:36:42 +01000", "Tue, 27 Mar 2007 19:36:42 *0100", "Tue, 27 Mar 2007 19:36:42 +1900",
        "Tue, 27 Mar 2007 19:36:42 -1900", "Tue, 27 Mar 2007 19:36:42 +1801", "Tue, 27 Mar 2007 19:36:42 -1859",
        "Tue, 27 Mar 2007 19:36:42 +0060", "Tue, 27 Mar 2007 19:36:42 -0060",
        "Tue, 27 Mar 2007 19:36:42 +x100", "Tue, 27 Mar 2007 19:36:42 +01x0", "Tue, 27 Mar 2007 19:36:42 +0x00",
        "Tue, 27 Mar 2007 19:36:42 +010x", "Tue, 27 Mar 2007 19:36:42     ", "Tue, 27 Mar 2007 19:36:42 ",
        "Tue, 27 Mar 2007 19:36:42", "",
    })
    void aDateWithOneFieldWrongIsNotADate(String text) {
        assertNull(HttpDates.parseHttpDate(text));
    }

    @Test
    void noDateIsNotADate() {
        assertNull(HttpDates.parseHttpDate(null));
        assertNull(HttpDates.parseIso8601(null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "2011-10-03T15:19:30z | 2011-10-03T15:19:30Z",
        "2011-10-03T10:19:30-05:00 | 2011-10-03T15:19:30Z",
        "2011-10-03T20:49:30+05:30 | 2011-10-03T15:19:30Z",
        "2011-10-03T10:19:30.5-05:00 | 2011-10-03T15:19:30.5Z",
        "2011-10-03T15:19:30.250 | 2011-10-03T15:19:30.25Z",
        "  2011-10-03T15:19:30  | 2011-10-03T15:19:30Z",
    })
    void queryApiTimestampsWithEveryZoneSpelling(String text, String instant) {
        assertEquals(Instant.parse(instant), HttpDates.parseIso8601(text));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"2011-10-03 15:19:30", "2011-10-03T15:19", "2011-10-03", "+10000-01-01T00:00:00",
        "2011-10-03T15:19:30ZZ", "2011-10-03T15:19:30+25:00", "x"})
    void whatIsNotAnIso8601TimestampIsNull(String text) {
        assertNull(HttpDates.parseIso8601(text));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "20130524T000000Z | 2013-05-24T00:00:00Z",
        "2013-05-24T01:00:00+01:00 | 2013-05-24T00:00:00Z",
        "2013-05-24T00:00:00 | 2013-05-24T00:00:00Z",
    })
    void xAmzDateMayBeBasicOrExtendedIso8601(String text, String instant) {
        assertEquals(Instant.parse(instant), HttpDates.parseHttpDate(text));
    }
}
