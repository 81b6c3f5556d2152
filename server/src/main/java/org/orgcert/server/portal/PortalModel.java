package org.orgcert.server.portal;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What every portal page's layout needs besides its own content: the current language, the path (for the
 * navigation's current entry) and a link to the same page in each other language (query kept, so a fee
 * quote survives the switch).
 */
@ControllerAdvice(basePackageClasses = PortalModel.class)
class PortalModel {

    /** The page's language, for {@code <html lang>}. */
    @ModelAttribute("language")
    Language language(HttpServletRequest request) {
        return LanguageCookie.language(request);
    }

    /** The page's path, for marking the current entry of the navigation. */
    @ModelAttribute("path")
    String path(HttpServletRequest request) {
        return request.getRequestURI();
    }

    /** Whether someone is signed in (an employer's agent or staff): the header then offers to sign out. */
    @ModelAttribute("signedIn")
    boolean signedIn() {
        org.springframework.security.core.Authentication authentication =
                org.springframework.security.core.context.SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof org.springframework.security.authentication.AnonymousAuthenticationToken);
    }

    /** Links to this page in the languages other than the current one. */
    @ModelAttribute("otherLanguages")
    List<LanguageLink> otherLanguages(HttpServletRequest request) {
        Language current = LanguageCookie.language(request);
        return Arrays.stream(Language.values()).filter(l -> l != current)
                .map(l -> new LanguageLink(l, sameWith(request, l))).toList();
    }

    /** The same attributes, for a view made outside the usual handler (an error page). */
    static Map<String, Object> attributes(HttpServletRequest request) {
        PortalModel model = new PortalModel();
        return Map.of("language", model.language(request), "path", model.path(request), "otherLanguages",
                model.otherLanguages(request), "signedIn", model.signedIn());
    }

    private static String sameWith(HttpServletRequest request, Language language) {
        // From the decoded parameters, encoded again: a malformed query cannot break the page. Only a GET's
        // parameters (its query) make the page's address: a posted form's fields, such as a one-time code or
        // the CSRF token, never go into a link (and from there into history, logs and Referer headers).
        UriComponentsBuilder link = UriComponentsBuilder.fromPath(request.getRequestURI());
        if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
            request.getParameterMap().forEach((name, values) -> {
                if (!name.equals(LanguageSwitch.PARAMETER) && !name.equals("_csrf")) {
                    link.queryParam(name, (Object[]) values);
                }
            });
        }
        return link.queryParam(LanguageSwitch.PARAMETER, language.tag()).build().encode().toUriString();
    }

    /**
     * A link to the current page in another language.
     *
     * @param language the language it switches to
     * @param href     the page's address with {@code ?lang=}
     */
    record LanguageLink(Language language, String href) {
    }
}
