package org.orgcert.server.portal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.orgcert.server.web.ApiProblem;
import org.springframework.context.MessageSource;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * A refusal on a portal page is a readable page in the portal's frame, not problem+json: a person reads it.
 * Ordered first, so it wins over the service-wide problem+json handler for the portal's controllers only.
 */
@ControllerAdvice(basePackageClasses = PortalErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PortalErrors {
    private final MessageSource messages;

    PortalErrors(MessageSource messages) {
        this.messages = messages;
    }

    @ExceptionHandler(ApiProblem.class)
    ModelAndView problem(ApiProblem problem, HttpServletRequest request) {
        String detail = problem.getBody().getDetail();
        return page(problem.getStatusCode(), detail == null ? problem.getStatusCode().toString() : detail, request);
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
