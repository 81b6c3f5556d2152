package org.orgcert.server.portal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.orgcert.server.calendar.CalendarYearMissingException;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.web.Problems;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * A refusal on a portal page is a readable page in the portal's frame, not problem+json: a person reads it,
 * in the page's language ({@link RefusalTexts}), never the service's English detail. Ordered first, so it wins
 * over the service-wide problem+json handlers for the portal's controllers only.
 */
@ControllerAdvice(basePackageClasses = PortalErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PortalErrors {
    private final MessageSource messages;
    private final RefusalTexts refusals;

    PortalErrors(MessageSource messages, RefusalTexts refusals) {
        this.messages = messages;
        this.refusals = refusals;
    }

    @ExceptionHandler(Refusal.class)
    ModelAndView problem(Refusal problem, HttpServletRequest request, Locale locale) {
        return page(Problems.status(problem.kind()), refusals.text(problem, locale), request);
    }

    /** A date that needs a year without holiday data (the calendar's own advice would answer problem+json). */
    @ExceptionHandler(CalendarYearMissingException.class)
    ModelAndView calendarYearMissing(CalendarYearMissingException e, HttpServletRequest request, Locale locale) {
        return problem(PortalRefusal.CALENDAR_YEAR_MISSING.refuse(e.getMessage()), request, locale);
    }

    @ExceptionHandler(CjkFont.FontMissingException.class)
    ModelAndView fontMissing(CjkFont.FontMissingException e, HttpServletRequest request, Locale locale) {
        return page(HttpStatus.SERVICE_UNAVAILABLE, messages.getMessage("error.fontMissing", null, locale), request);
    }

    private static ModelAndView page(HttpStatusCode status, String message, HttpServletRequest request) {
        ModelAndView page = new ModelAndView("portal/error", PortalModel.attributes(request), status);
        page.addObject("message", message);
        return page;
    }
}
