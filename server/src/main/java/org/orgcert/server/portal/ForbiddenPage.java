package org.orgcert.server.portal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The 403 page of the portal: where the security configuration sends a page request (not an API call) that
 * the signed-in account may not make, e.g. an employer's agent opening a staff page, so people see a page in
 * their language rather than problem+json.
 */
@Controller
class ForbiddenPage {
    static final String PATH = "/forbidden";
    private final MessageSource messages;

    ForbiddenPage(MessageSource messages) {
        this.messages = messages;
    }

    @RequestMapping(PATH)
    ModelAndView forbidden(HttpServletRequest request, Locale locale) {
        ModelAndView page = new ModelAndView("portal/error", PortalModel.attributes(request), HttpStatus.FORBIDDEN);
        page.addObject("message", messages.getMessage("error.forbidden", null, locale));
        return page;
    }
}
