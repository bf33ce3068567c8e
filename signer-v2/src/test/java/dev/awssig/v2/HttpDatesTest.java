package dev.awssig.v2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.awssig.v2.internal.HttpDates;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The date forms SigV2 requests carry, as the verifiers read them. */
class HttpDatesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "Tue, 27 Mar 2007 19:36:42 GMT | 2007-03-27T19:36:42Z",
        "Tue, 27 Mar 2007 19:36:42 +0000 | 2007-03-27T19:36:42Z",
        "Tue, 27 Mar 2007 21:36:42 +0200 | 2007-03-27T19:36:42Z",
        "Tue, 27 Mar 2007 14:36:42 -0500 | 2007-03-27T19:36:42Z",
        "Tue, 27 Mar 2007 19:36:42 UTC | 2007-03-27T19:36:42Z",
        "Thu, 29 Feb 2024 00:00:00 GMT | 2024-02-29T00:00:00Z",
        "Fri, 1 Dec 2023 10:00:00 GMT | 2023-12-01T10:00:00Z",
        "20130524T000000Z | 2013-05-24T00:00:00Z",
        "2013-05-24T00:00:00Z | 2013-05-24T00:00:00Z",
        "2013-05-24T00:00:00.123Z | 2013-05-24T00:00:00.123Z",
    })
    void parsesHttpDates(String text, String expected) {
        assertEquals(Instant.parse(expected), HttpDates.parseHttpDate(text));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "yesterday", "Tue, 30 Feb 2007 19:36:42 GMT", "Tue, 27 Foo 2007 19:36:42 GMT", "Tue, 27 Mar 2007 25:36:42 GMT",
        "Tue, 27 Mar 2007 19:36:42 XYZ", "Tue, 27 Mar 2007",
    })
    void rejectsWhatIsNotADate(String text) {
        assertNull(HttpDates.parseHttpDate(text));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "2011-10-03T15:19:30 | 2011-10-03T15:19:30Z",
        "2011-10-03T15:19:30Z | 2011-10-03T15:19:30Z",
        "2011-10-03T15:19:30.000Z | 2011-10-03T15:19:30Z",
        "2011-10-03T17:19:30+02:00 | 2011-10-03T15:19:30Z",
    })
    void parsesQueryApiTimestampsWithOrWithoutZone(String text, String expected) {
        assertEquals(Instant.parse(expected), HttpDates.parseIso8601(text));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "1175139620 | Thu, 29 Mar 2007 03:40:20 GMT",
        "0 | Thu, 01 Jan 1970 00:00:00 GMT",
    })
    void formatsRfc1123(long epochSecond, String expected) {
        // expected values from Python's email.utils.formatdate(epochSecond, usegmt=True); twice: the cached text
        assertEquals(expected, HttpDates.rfc1123(Instant.ofEpochSecond(epochSecond)));
        assertEquals(expected, HttpDates.rfc1123(Instant.ofEpochSecond(epochSecond)));
    }
}
