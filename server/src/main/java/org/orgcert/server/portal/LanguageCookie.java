package org.orgcert.server.portal;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;
import org.springframework.http.ResponseCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.LocaleResolver;

/**
 * The service's {@link LocaleResolver}: the language chosen with {@code ?lang=} is remembered in the
 * {@value #NAME} cookie; without one, Chinese. The browser's {@code Accept-Language} is deliberately not
 * consulted: the bureau's pages are Chinese unless someone asks for English.
 */
final class LanguageCookie implements LocaleResolver {
    static final String NAME = "orgcert-lang";
    private static final Duration KEPT = Duration.ofDays(365);
    /** The language chosen during this request, before the cookie has come back from the browser. */
    private static final String CHOSEN = LanguageCookie.class.getName() + ".chosen";

    @Override
    public Locale resolveLocale(HttpServletRequest request) {
        return language(request).locale();
    }

    @Override
    public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
        Language language = Language.of(locale);
        request.setAttribute(CHOSEN, language);
        if (response != null) {
            // Not HttpOnly-sensitive (it holds a language tag), but no script needs it either; Secure over TLS
            // like the session's cookies.
            response.addHeader(HttpHeaders.SET_COOKIE, ResponseCookie.from(NAME, language.tag()).path("/")
                    .maxAge(KEPT).httpOnly(true).secure(request.isSecure()).sameSite("Lax").build().toString());
        }
    }

    /** The request's language: chosen in this request, else the cookie's, else the default. */
    static Language language(HttpServletRequest request) {
        if (request.getAttribute(CHOSEN) instanceof Language chosen) {
            return chosen;
        }
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (NAME.equals(cookie.getName())) {
                    return Language.ofTag(cookie.getValue()).orElse(Language.DEFAULT);
                }
            }
        }
        return Language.DEFAULT;
    }
}
