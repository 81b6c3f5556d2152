package org.orgcert.server.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import org.orgcert.server.domain.Refusal;
import org.orgcert.server.web.ErrorPages;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;

/**
 * The portal's error page for an error outside any page's controller (a refused address, a form Tomcat would
 * not read, an unknown page): the code's text in the reader's language, in the portal's frame.
 */
@Component
class PortalErrorPages implements ErrorPages {
    private final RefusalTexts refusals;

    PortalErrorPages(RefusalTexts refusals) {
        this.refusals = refusals;
    }

    @Override
    public ModelAndView page(HttpServletRequest request, int status, Refusal refusal) {
        // Without the parameters: they may be what Tomcat would not read (a form over its size limit), and the
        // error page's language links need not keep them.
        ModelAndView page = new ModelAndView("portal/error", PortalModel.attributes(withoutParameters(request)),
                HttpStatusCode.valueOf(status));
        page.addObject("message", refusals.text(refusal, LanguageCookie.language(request).locale()));
        return page;
    }

    private static HttpServletRequest withoutParameters(HttpServletRequest request) {
        return new HttpServletRequestWrapper(request) {
            @Override
            public String getParameter(String name) {
                return null;
            }

            @Override
            public Map<String, String[]> getParameterMap() {
                return Map.of();
            }

            @Override
            public Enumeration<String> getParameterNames() {
                return Collections.emptyEnumeration();
            }

            @Override
            public String[] getParameterValues(String name) {
                return null;
            }
        };
    }
}
