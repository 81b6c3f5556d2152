package org.orgcert.server.calendar;

import java.time.Year;

/**
 * A date falls in a year for which the service has no State Council holiday notice. The service refuses
 * rather than guess (R-CH-8 interpretation): a due date computed as if the year had no holidays could be
 * a week early around the Spring Festival or National Day.
 */
public class CalendarYearMissingException extends RuntimeException {
    private final transient Year year;

    public CalendarYearMissingException(Year year) {
        super("No working-day calendar for " + year + ": an administrator must load the State Council notice"
                + " on the " + year + " holidays (POST /api/v1/calendar/years/" + year
                + ") before dates in " + year + " can be computed.");
        this.year = year;
    }

    /** The year that is missing. */
    public Year year() {
        return year;
    }
}
