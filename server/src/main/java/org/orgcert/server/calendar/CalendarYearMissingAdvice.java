package org.orgcert.server.calendar;

import org.orgcert.server.web.Problems;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Any request whose answer needs a year without holiday data (a due date, a window's next opening) is
 * answered 409 {@code calendar-year-missing} with the exception's sentence, whichever capability asked.
 */
@RestControllerAdvice
class CalendarYearMissingAdvice {

    @ExceptionHandler(CalendarYearMissingException.class)
    ResponseEntity<ProblemDetail> missingYear(CalendarYearMissingException e) {
        return ResponseEntity.of(Problems.of(CalendarRefusal.CALENDAR_YEAR_MISSING.refuse(e.getMessage()))).build();
    }
}
