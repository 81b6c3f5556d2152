package org.orgcert.server.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.orgcert.server.domain.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The error dispatch ({@code /error}): what Tomcat answers when a request ends in an error outside any
 * controller's own answer — a form larger than Tomcat reads, a refused address, an exception no handler
 * took. Programs ({@link Problems#forPrograms}) get problem+json with a stable type, people the portal's page
 * ({@link ErrorPages}); Spring Boot's own answer was a JSON of its own shape or a "Whitelabel" page.
 */
@Controller
class ErrorAnswers implements ErrorController {
    /** A request attribute with the refusal to show, set by whoever sent the error (e.g. the firewall's). */
    static final String REFUSAL = ErrorAnswers.class.getName() + ".refusal";
    private static final Logger LOG = LoggerFactory.getLogger(ErrorAnswers.class);

    private final ObjectProvider<ErrorPages> pages;

    ErrorAnswers(ObjectProvider<ErrorPages> pages) {
        this.pages = pages;
    }

    @RequestMapping("${server.error.path:/error}")
    ModelAndView error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code ? code : 500;
        String path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri ? uri
                : request.getRequestURI();
        Refusal refusal = request.getAttribute(REFUSAL) instanceof Refusal set ? set : refusal(status, request);
        ErrorPages portal = pages.getIfAvailable();
        if (portal != null && !Problems.forPrograms(path)) {
            return portal.page(request, status, refusal);
        }
        ProblemDetail problem = Problems.of(refusal);
        problem.setStatus(status);
        problem.setInstance(URI.create(path.replaceAll("[^!-~]", "?")));
        Problems.write(response, problem);
        return null;
    }

    private static Refusal refusal(int status, HttpServletRequest request) {
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        String said = message instanceof String text && !text.isBlank() ? ": " + text : "";
        if (status >= 500) {
            // The exception is logged by Tomcat; the caller gets no stack trace, only that nothing was done.
            LOG.debug("error {} answered as internal-error", status);
            return WebRefusal.FAILED.refuse("The service failed to answer this request; nothing was done. Try again,"
                    + " or tell the service desk if it keeps failing.");
        }
        return switch (status) {
            case 404 -> WebRefusal.NOT_FOUND.refuse("No such address" + said);
            case 413, 431 -> WebRefusal.REQUEST_TOO_LARGE.refuse("The request is larger than the server reads"
                    + said + "; nothing was done.");
            default -> WebRefusal.BAD_REQUEST.refuse("The request cannot be read" + said + "; nothing was done.");
        };
    }
}
