package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.orgcert.server.web.ApiProblem;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.ModelAndView;

/** Refusals on portal pages are pages in the portal's frame, with their status. */
class PortalErrorsTest {
    private final StaticMessageSource messages = new StaticMessageSource();
    private final PortalErrors errors = new PortalErrors(messages);

    @Test
    void aProblemBecomesTheErrorPageWithItsStatusAndSentence() {
        ModelAndView page = errors.problem(ApiProblem.notFound("application-not-found", "no application 42"),
                new MockHttpServletRequest("GET", "/portal/applications/42/application-form.pdf"));
        assertThat(page.getViewName()).isEqualTo("portal/error");
        assertThat(page.getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(page.getModel()).containsEntry("message", "no application 42").containsKeys("language",
                "otherLanguages", "path");
    }

    @Test
    void aMissingFontIs503WithWhereElseToGetTheForms() {
        messages.addMessage("error.fontMissing", Locale.SIMPLIFIED_CHINESE, "未安装中文字体，请到窗口免费索取表格。");
        ModelAndView page = errors.fontMissing(new CjkFont.FontMissingException("no font"),
                new MockHttpServletRequest("GET", "/forms/application-form.pdf"), Locale.SIMPLIFIED_CHINESE);
        assertThat(page.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(page.getModel()).containsEntry("message", "未安装中文字体，请到窗口免费索取表格。");
    }
}
