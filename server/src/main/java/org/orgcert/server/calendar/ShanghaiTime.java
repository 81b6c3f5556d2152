package org.orgcert.server.calendar;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The service keeps UTC instants, but days, deadlines and opening hours are Kunming's: every date the
 * calendar is asked about is an {@code Asia/Shanghai} local date taken from these helpers, so an event at
 * 23:30 UTC counts on the next Chinese day.
 */
public final class ShanghaiTime {
    /** China Standard Time (UTC+8, no daylight saving). */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private ShanghaiTime() {
    }

    /** Today in Kunming according to {@code clock}. */
    public static LocalDate today(Clock clock) {
        return dateOf(clock.instant());
    }

    /** The Kunming date on which {@code instant} falls. */
    public static LocalDate dateOf(Instant instant) {
        return LocalDate.ofInstant(instant, ZONE);
    }

    /** {@code instant} as Kunming wall-clock time. */
    public static ZonedDateTime at(Instant instant) {
        return instant.atZone(ZONE);
    }
}
