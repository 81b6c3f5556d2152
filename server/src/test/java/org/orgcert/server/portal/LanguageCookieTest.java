package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.Cookie;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The portal's language: Chinese unless English was chosen, the choice kept in a cookie, nothing else accepted. */
class LanguageCookieTest {
    private final LanguageCookie resolver = new LanguageCookie();

    @Test
    void chineseUnlessEnglishWasChosenWhateverTheBrowserPrefers() {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.addPreferredLocale(Locale.ENGLISH);
        assertThat(resolver.resolveLocale(request)).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        request.setCookies(new Cookie(LanguageCookie.NAME, "en"));
        assertThat(resolver.resolveLocale(request)).isEqualTo(Locale.ENGLISH);
        request.setCookies(new Cookie(LanguageCookie.NAME, "fr"));
        assertThat(resolver.resolveLocale(request)).isEqualTo(Locale.SIMPLIFIED_CHINESE);
    }

    @Test
    void theSwitchKeepsAKnownLanguageForAYearAndIgnoresOthers() throws Exception {
        LanguageSwitch languageSwitch = new LanguageSwitch(resolver);
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/fees");
        request.setParameter("lang", "en");
        MockHttpServletResponse response = new MockHttpServletResponse();
        languageSwitch.preHandle(request, response, new Object());
        // This very page is English already, before the cookie comes back.
        assertThat(resolver.resolveLocale(request)).isEqualTo(Locale.ENGLISH);
        assertThat(response.getHeader("Set-Cookie")).contains("orgcert-lang=en", "Path=/", "Max-Age=31536000",
                "SameSite=Lax", "HttpOnly");

        MockHttpServletRequest unknown = new MockHttpServletRequest("GET", "/fees");
        unknown.setParameter("lang", "de");
        MockHttpServletResponse untouched = new MockHttpServletResponse();
        languageSwitch.preHandle(unknown, untouched, new Object());
        assertThat(untouched.getHeader("Set-Cookie")).isNull();
        assertThat(resolver.resolveLocale(unknown)).isEqualTo(Locale.SIMPLIFIED_CHINESE);
    }

    @Test
    void tagsAreReadLeniently() {
        assertThat(Language.ofTag("EN")).contains(Language.EN);
        assertThat(Language.ofTag("zh")).contains(Language.ZH_CN);
        assertThat(Language.ofTag("zh-cn")).contains(Language.ZH_CN);
        assertThat(Language.ofTag("")).isEmpty();
        assertThat(Language.ofTag(null)).isEmpty();
        assertThat(Language.of(Locale.UK)).isEqualTo(Language.EN);
        assertThat(Language.of(Locale.JAPANESE)).isEqualTo(Language.ZH_CN);
    }
}
