package org.orgcert.server.calendar;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One date a State Council notice lists because it differs from the ordinary Monday–Friday week.
 *
 * @param date   the date (an Asia/Shanghai local date)
 * @param name   the holiday it belongs to, e.g. {@code 国庆节、中秋节}; a make-up working day carries the name
 *               of the holiday it makes up for
 * @param offDay true for a statutory holiday (no work), false for a make-up working day (调休) on a weekend
 */
public record CalendarDay(LocalDate date, String name, boolean offDay) {
    public CalendarDay {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(name, "name");
    }
}
