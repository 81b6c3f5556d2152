package org.orgcert.server.web;

import jakarta.servlet.http.HttpServletRequest;
import org.orgcert.server.domain.Refusal;
import org.springframework.web.servlet.ModelAndView;

/**
 * The page a person gets for an error outside any controller — a refused address, a form Tomcat would not
 * read, an unknown page — in their language. The portal provides it; without one, every error is problem+json.
 */
public interface ErrorPages {

    /** The page saying {@code refusal}, answered with {@code status}. */
    ModelAndView page(HttpServletRequest request, int status, Refusal refusal);
}
