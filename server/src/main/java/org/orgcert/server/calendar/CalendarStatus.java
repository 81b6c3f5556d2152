package org.orgcert.server.calendar;

import java.time.LocalDate;
import java.time.Year;
import java.time.temporal.ChronoUnit;

/**
 * Whether the calendar reaches far enough ahead (R-CH-8 interpretation: each new year's notice, usually
 * published in November, is loaded by an administrator; before that the service warns).
 *
 * @param level          {@code OK}, or {@code WARN} within {@value #WARN_DAYS} days of the end of the data
 * @param today          today in Kunming
 * @param coveredThrough the last year of the unbroken run of years with data starting at today's year;
 *                       null when today's year itself has none
 * @param daysLeft       days from today until the first day without data (0 when today has none)
 * @param message        a sentence for the administrator
 */
public record CalendarStatus(Level level, LocalDate today, Year coveredThrough, long daysLeft, String message) {
    /** The warning starts this many days before the data ends: early November for a year ending Dec 31. */
    public static final int WARN_DAYS = 60;

    /** How urgent the status is. */
    public enum Level {
        OK, WARN
    }

    /** The status of {@code calendar} on {@code today}. */
    public static CalendarStatus of(WorkingDayCalendar calendar, LocalDate today) {
        Year year = Year.of(today.getYear());
        if (!calendar.covers(year)) {
            return new CalendarStatus(Level.WARN, today, null, 0, "No working-day calendar for " + year
                    + ": due dates cannot be computed until an administrator loads the State Council notice.");
        }
        // A gap (say 2027 missing but 2028 loaded) ends the coverage as much as the last year does.
        while (calendar.covers(year.plusYears(1))) {
            year = year.plusYears(1);
        }
        long daysLeft = ChronoUnit.DAYS.between(today, year.plusYears(1).atDay(1));
        if (daysLeft <= WARN_DAYS) {
            return new CalendarStatus(Level.WARN, today, year, daysLeft, "The working-day calendar ends with " + year
                    + " (" + daysLeft + " days left): load the State Council notice for " + year.plusYears(1)
                    + " (usually published in November).");
        }
        return new CalendarStatus(Level.OK, today, year, daysLeft, "The working-day calendar covers " + today
                + " to the end of " + year + ".");
    }
}
