package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.orgcert.server.calendar.CalendarYearMissingException;
import org.orgcert.server.domain.Refusal;
import org.springframework.context.support.StaticMessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.servlet.ModelAndView;

/** Refusals on portal pages are pages in the portal's frame, with their status, in the reader's language. */
class PortalErrorsTest {
    private final StaticMessageSource messages = new StaticMessageSource();
    private final PortalErrors errors = new PortalErrors(messages,
            new RefusalTexts(RefusalTextsTest.portalMessages()));

    @Test
    void aProblemBecomesTheErrorPageWithItsStatusAndItsTypesSentence() {
        ModelAndView page = errors.problem(org.orgcert.server.application.ApplicationRefusal.APPLICATION_NOT_FOUND.refuse("no application 42"),
                new MockHttpServletRequest("GET", "/portal/applications/42/application-form.pdf"),
                Locale.SIMPLIFIED_CHINESE);
        assertThat(page.getViewName()).isEqualTo("portal/error");
        assertThat(page.getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(page.getModel()).containsEntry("message", "未找到该申请。").containsKeys("language",
                "otherLanguages", "path");
    }

    @Test
    void aYearWithoutCalendarDataIsAPageToo() {
        ModelAndView page = errors.calendarYearMissing(new CalendarYearMissingException(java.time.Year.of(2031)),
                new MockHttpServletRequest("GET", "/windows"), Locale.ENGLISH);
        assertThat(page.getStatus()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(page.getModel().get("message").toString()).startsWith("The working-day calendar of that year");
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
