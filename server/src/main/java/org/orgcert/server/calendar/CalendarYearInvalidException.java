package org.orgcert.server.calendar;

import java.time.Year;
import java.util.Map;

/** A calendar year document was refused; {@link #errors()} says what is wrong, per JSON location. */
public class CalendarYearInvalidException extends RuntimeException {
    private final transient Map<String, String> errors;

    public CalendarYearInvalidException(Year year, Map<String, String> errors) {
        super("The calendar document for " + year + " is not valid: " + errors);
        this.errors = Map.copyOf(errors);
    }

    /** JSON location (e.g. {@code days[3].isOffDay}) to what is wrong there. */
    public Map<String, String> errors() {
        return errors;
    }
}
