package org.orgcert.server.portal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;

/**
 * {@code ?lang=en} or {@code ?lang=zh-CN} on a portal page switches the language for this page and the
 * following ones (through {@link LanguageCookie}). An unknown tag changes nothing.
 */
final class LanguageSwitch implements HandlerInterceptor {
    static final String PARAMETER = "lang";

    private final LocaleResolver resolver;

    LanguageSwitch(LocaleResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        Language.ofTag(request.getParameter(PARAMETER))
                .ifPresent(language -> resolver.setLocale(request, response, language.locale()));
        return true;
    }
}
