package dev.awssig.v4.internal;

import dev.awssig.internal.Timestamps;
import java.time.Instant;

/** The SigV4 date strings of an instant, cached for the last second seen. */
final class Dates {
    private static volatile Dates last = new Dates(Long.MIN_VALUE, null, null);

    final long epochSecond;
    final String amzDate;
    final String dateStamp;

    private Dates(long epochSecond, String amzDate, String dateStamp) {
        this.epochSecond = epochSecond;
        this.amzDate = amzDate;
        this.dateStamp = dateStamp;
    }

    static Dates of(Instant t) {
        long sec = t.getEpochSecond();
        Dates d = last;
        if (d.epochSecond == sec) {
            return d;
        }
        String amz = Timestamps.amzDate(t);
        d = new Dates(sec, amz, amz.substring(0, 8));
        last = d;
        return d;
    }
}
