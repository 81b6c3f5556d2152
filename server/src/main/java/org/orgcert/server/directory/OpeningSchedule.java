package org.orgcert.server.directory;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.Predicate;
import org.orgcert.server.calendar.CalendarYearMissingException;
import org.orgcert.server.calendar.ShanghaiTime;

/**
 * When an office with given opening periods is open: on working days of the PRC calendar (closed on
 * statutory holidays, open on make-up working days), during its periods, in Kunming local time whatever
 * zone the question is asked in (R-CH-8). A plain class: the working-day rule is passed in.
 */
public final class OpeningSchedule {
    /** The longest run of days off (Spring Festival with its weekends) is far shorter than this. */
    private static final int SEARCH_DAYS = 60;

    private final Predicate<LocalDate> workingDay;

    /** @param workingDay the calendar, e.g. {@code calendarService::isWorkingDay} */
    public OpeningSchedule(Predicate<LocalDate> workingDay) {
        this.workingDay = workingDay;
    }

    /**
     * True iff the office is open at {@code time}.
     *
     * @throws CalendarYearMissingException if {@code time} falls in a year without calendar data
     */
    public boolean isOpen(List<OpeningHours> hours, ZonedDateTime time) {
        return currentPeriod(hours, local(time)) != null;
    }

    /**
     * The first moment at or after {@code time} when the office is open: {@code time} itself (in Kunming
     * time) while it is open, else the start of its next period on a working day.
     *
     * @throws CalendarYearMissingException if the answer depends on a year without calendar data
     */
    public ZonedDateTime nextOpening(List<OpeningHours> hours, ZonedDateTime time) {
        ZonedDateTime now = local(time);
        if (currentPeriod(hours, now) != null) {
            return now;
        }
        LocalDate day = now.toLocalDate();
        for (int i = 0; i < SEARCH_DAYS; i++, day = day.plusDays(1)) {
            if (!workingDay.test(day)) {
                continue;
            }
            for (OpeningHours period : hours) {
                ZonedDateTime start = day.atTime(period.opens()).atZone(ShanghaiTime.ZONE);
                if (!start.isBefore(now)) {
                    return start;
                }
            }
        }
        throw new IllegalStateException("no working day within " + SEARCH_DAYS + " days of " + now);
    }

    /**
     * Open or closed at {@code time}, with when that changes; {@link Opening.Unknown} instead of an
     * exception when the calendar lacks the year of {@code time}.
     */
    public Opening opening(List<OpeningHours> hours, ZonedDateTime time) {
        ZonedDateTime now = local(time);
        OpeningHours period;
        try {
            period = currentPeriod(hours, now);
        } catch (CalendarYearMissingException e) {
            return new Opening.Unknown(e.getMessage());
        }
        if (period != null) {
            return new Opening.Open(now.toLocalDate().atTime(period.closes()).atZone(ShanghaiTime.ZONE));
        }
        try {
            return new Opening.Closed(nextOpening(hours, now));
        } catch (CalendarYearMissingException e) {
            // Closed now is certain; only when it opens again waits for next year's notice.
            return new Opening.Closed(null);
        }
    }

    private OpeningHours currentPeriod(List<OpeningHours> hours, ZonedDateTime now) {
        if (!workingDay.test(now.toLocalDate())) {
            return null;
        }
        for (OpeningHours period : hours) {
            if (period.contains(now.toLocalTime())) {
                return period;
            }
        }
        return null;
    }

    private static ZonedDateTime local(ZonedDateTime time) {
        return time.withZoneSameInstant(ShanghaiTime.ZONE);
    }
}
