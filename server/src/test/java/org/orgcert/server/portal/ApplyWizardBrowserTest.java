package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orgcert.server.BrowserTest;
import org.orgcert.server.EmployerAgents;
import org.orgcert.server.TestUscc;
import org.orgcert.server.notification.Notifications;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The apply wizard page by page (issue 6): employer → materials checklist → channel and delivery → window or
 * mailing address → review → submit. Forward and back with the draft kept, a wrong answer said next to its
 * field in either language, step 4 skipped for hall pick-up, deep links to a later step, the R-CH pairs only,
 * the final submission refused back to its step, and a double click making one application.
 */
class ApplyWizardBrowserTest extends BrowserTest {
    /** The R-CH table as the channel step offers it: where the papers go in, how the key comes out. */
    private static final List<String> R_CH_PAIRS = List.of("CA_HALL:ON_THE_SPOT", "CA_HALL:MAIL", "MAIL:MAIL",
            "WINDOW:MAIL", "WINDOW:WINDOW_PICKUP");

    @Autowired
    RestTestClient client;
    @Autowired
    Notifications notifications;
    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    private EmployerPages pages;

    @BeforeEach
    void signIn() {
        String mobile = EmployerAgents.nextMobile();
        new EmployerAgents(client, notifications).register(TestUscc.next(), "昆明市向导申请有限公司", mobile);
        pages = new EmployerPages(browser, this::url, notifications);
        pages.signIn(mobile);
    }

    @Test
    void everyStepForwardAndBackKeepsTheDraft_R_MAT_1_R_MAT_2_R_MAT_4_R_CH_4() {
        pages.startApplying();
        assertStep("EMPLOYER", "第 1 步，共 5 步");
        pages.select("#kind", "ADDITIONAL");
        pages.answerEmployer("李四");

        assertStep("MATERIALS", "第 2 步，共 5 步");
        // An enterprise through an agent (R-MAT-1 a, R-MAT-2); the delivery is not chosen yet, so the page says
        // the mailing form comes with mail (R-MAT-4).
        assertThat(items()).containsExactly("BUSINESS_LICENCE_COPY", "AGENT_ID_COPY", "APPLICATION_FORM");
        assertThat(find("#about-AGENT_ID_COPY").getText()).contains("经办人身份证", "R-MAT-2");
        assertThat(find("#materials-mail-later").getText()).contains("邮寄收件地址登记表");
        assertThat(find("#materials-staff-check").getText()).contains("工作人员核验");
        find("#ready-BUSINESS_LICENCE_COPY").click();
        pages.next();

        assertStep("CHANNEL", "第 3 步，共 5 步");
        pages.chooseRoute("WINDOW", "MAIL");

        assertStep("WINDOW_OR_ADDRESS", "第 4 步，共 5 步");
        pages.select("#windowId", "wuhua");
        Map.of("recipient", "王五", "phone", "13812345678", "district", "五华区", "street", "人民中路1号",
                "postalCode", "650000").forEach((field, value) -> pages.type("#" + field, value));
        pages.next();

        assertStep("REVIEW", "第 5 步，共 5 步");
        assertThat(find("#review-window").getText()).contains("五华区劳动就业服务局");
        assertThat(find("#review-mail").getText()).contains("王五", "云南省昆明市五华区人民中路1号", "650000");
        assertThat(items()).containsExactly("BUSINESS_LICENCE_COPY", "AGENT_ID_COPY", "APPLICATION_FORM",
                "MAILING_ADDRESS_FORM");
        assertThat(find("#materials li[data-item=BUSINESS_LICENCE_COPY]").getAttribute("data-ready")).isEqualTo("true");

        // Back, step by step: every answer is still there.
        pages.clickAndWait("back");
        assertStep("WINDOW_OR_ADDRESS", "第 4 步，共 5 步");
        assertThat(new Select(find("#windowId")).getFirstSelectedOption().getAttribute("value")).isEqualTo("wuhua");
        assertThat(find("#street").getAttribute("value")).isEqualTo("人民中路1号");
        pages.clickAndWait("back");
        assertStep("CHANNEL", "第 3 步，共 5 步");
        assertThat(find("#route-WINDOW-MAIL").isSelected()).isTrue();
        pages.clickAndWait("back");
        assertStep("MATERIALS", "第 2 步，共 5 步");
        assertThat(find("#ready-BUSINESS_LICENCE_COPY").isSelected()).isTrue();
        assertThat(find("#ready-AGENT_ID_COPY").isSelected()).isFalse();
        // The delivery is known now: the list is final (R-MAT-4).
        assertThat(items()).contains("MAILING_ADDRESS_FORM");
        assertThat(findAll("#materials-mail-later")).isEmpty();
        pages.clickAndWait("back");
        assertStep("EMPLOYER", "第 1 步，共 5 步");
        assertThat(find("#agentName").getAttribute("value")).isEqualTo("李四");
        assertThat(new Select(find("#kind")).getFirstSelectedOption().getAttribute("value")).isEqualTo("ADDITIONAL");
        // The steps done are links back; the current one is marked for assistive technology.
        assertThat(findAll("#wizard-steps li[data-step=CHANNEL] a")).hasSize(1);
        assertThat(findAll("#wizard-steps [aria-current=step]")).hasSize(1);

        // And forward again to the same review.
        pages.next();
        pages.next();
        pages.next();
        pages.next();
        assertStep("REVIEW", "第 5 步，共 5 步");
        assertThat(find("#review-agent").getText()).isEqualTo("李四");
        assertThat(find("main").getText()).contains("增办");
    }

    @Test
    void aWrongAnswerIsShownNextToItsFieldInChineseAndInEnglish_R_MAT_5() {
        pages.startApplying();
        pages.type("#agentName", " ");
        pages.next();
        assertRefusedAgentName("请填写经办人姓名；法定代表人本人办理时填写法定代表人姓名（R-MAT-5）。");
        assertThat(find("#error-summary").getText()).isEqualTo("请更正标出的项目。");
        screenshot("refused-zh");

        open("/my/apply/employer?lang=en");
        assertThat(find("#step-of").getText()).isEqualTo("Step 1 of 5");
        pages.type("#agentName", "");
        pages.next();
        assertRefusedAgentName("Enter the agent’s name; when the legal representative applies in person, it is"
                + " their name (R-MAT-5).");
        assertThat(browser.getTitle()).startsWith("Employer and agent (step 1 of 5)");
        screenshot("refused-en");

        // Nothing was stored.
        open("/my");
        assertThat(findAll("#applications li")).isEmpty();
    }

    @Test
    void pickUpAtTheCaHallSkipsTheWindowOrAddressStep_R_CH_3() {
        pages.startApplying();
        pages.answerEmployer("李四");
        pages.confirmMaterials();
        pages.chooseRoute("CA_HALL", "ON_THE_SPOT");

        waitFor(d -> d.getCurrentUrl().endsWith("/my/apply/review"));
        assertStep("REVIEW", "第 4 步，共 4 步");
        assertThat(findAll("#wizard-steps li[data-step=WINDOW_OR_ADDRESS]")).isEmpty();
        assertThat(findAll("#review-window")).isEmpty();
        assertThat(findAll("#review-mail")).isEmpty();
        assertThat(find("#review-delivery").getText()).isEqualTo("立等可取");
        assertThat(items()).doesNotContain("MAILING_ADDRESS_FORM");

        // Its page is not part of this application: a link to it leads on to the review.
        open("/my/apply/window-or-address");
        assertThat(browser.getCurrentUrl()).endsWith("/my/apply/review");
        pages.clickAndWait("back");
        assertStep("CHANNEL", "第 3 步，共 4 步");
        pages.next();
        pages.submit();
        assertThat(find("#state").getAttribute("data-state")).isEqualTo("SUBMITTED");
    }

    @Test
    void aDeepLinkToALaterStepLeadsToTheFirstIncompleteOne() {
        open("/my/apply/review");
        assertThat(browser.getCurrentUrl()).endsWith("/my/apply/employer");

        pages.answerEmployer("李四");
        open("/my/apply/review");
        assertThat(browser.getCurrentUrl()).endsWith("/my/apply/materials");
        open("/my/apply/window-or-address");
        assertThat(browser.getCurrentUrl()).endsWith("/my/apply/materials");

        pages.confirmMaterials();
        pages.chooseRoute("WINDOW", "WINDOW_PICKUP");
        open("/my/apply/review");
        assertThat(browser.getCurrentUrl()).endsWith("/my/apply/window-or-address");
        // Not a step at all: the wizard where it stands.
        open("/my/apply/nowhere");
        assertThat(browser.getCurrentUrl()).endsWith("/my/apply/window-or-address");
    }

    @Test
    void onlyThePairsOfTheChannelTableAreOfferedAndAccepted_R_CH() {
        pages.startApplying();
        pages.answerEmployer("李四");
        pages.confirmMaterials();
        assertThat(findAll("input[name=route]").stream().map(r -> r.getAttribute("value")).toList())
                .containsExactlyElementsOf(R_CH_PAIRS);
        assertThat(find("#route-WINDOW-WINDOW_PICKUP").isSelected()).isTrue();

        // A pair the table does not have, sent anyway (an edited page): refused next to the choice, focused.
        WebElement radio = find("#route-CA_HALL-ON_THE_SPOT");
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = 'MAIL:ON_THE_SPOT';", radio);
        radio.click();
        pages.next();
        assertThat(browser.getCurrentUrl()).endsWith("/my/apply/channel");
        screenshot("refused");
        assertThat(find("#route-error").getText()).startsWith("请从列出的方式中选择一种（R-CH）");
        assertThat(find("#route").getAttribute("aria-describedby")).isEqualTo("route-hint route-error");
        assertThat(activeElementId()).isEqualTo("route-CA_HALL-ON_THE_SPOT");
        open("/my/apply/review");
        assertThat(browser.getCurrentUrl()).endsWith("/my/apply/channel");
    }

    @Test
    void aSubmissionRefusedAtTheEndLeadsBackToTheStepOfItsField_R_MAT_4_R_MAT_5() {
        pages.fillByMail("李四", Map.of("recipient", "王五", "phone", "13812345678", "district", "五华区",
                "street", "人民中路1号", "postalCode", "650000"));
        waitFor(d -> d.getCurrentUrl().endsWith("/my/apply/review"));
        // Meanwhile, in another tab, the postal code was changed and left with "back" (saved, not checked).
        ((JavascriptExecutor) browser).executeAsyncScript("var done = arguments[arguments.length - 1];"
                + " var data = new URLSearchParams(new FormData(document.getElementById('submit-form')));"
                + " data.append('go', 'back'); data.append('postalCode', '6500');"
                + " fetch('/my/apply/window-or-address', {method: 'POST', body: data}).then(() => done());");
        pages.clickAndWait("submit");

        assertThat(browser.getCurrentUrl()).endsWith("/my/apply/window-or-address");
        assertThat(find("#postalCode-error").getText()).isEqualTo("请填写6位数字的邮政编码。");
        assertThat(find("#postalCode").getAttribute("value")).isEqualTo("6500");
        assertThat(activeElementId()).isEqualTo("postalCode");
        screenshot("refused");
        open("/my");
        assertThat(findAll("#applications li")).isEmpty();
    }

    @Test
    void theLastStepShowsTheServiceAgreementWhichMustBeTickedBeforeAnythingIsFiled_R_MAT_3() {
        pages.fillAtWindow("wuhua", "李四");
        assertThat(find("#agreement-text").getText()).contains("数字证书服务协议", "第一条", "第八条　争议解决");
        assertThat(find("#agreement-section").getText()).contains("2026-12版");
        assertThat(find("label[for=agreement]").getText()).isEqualTo("我已阅读并同意《数字证书服务协议》");

        // Not ticked: refused next to the box, in Chinese, without rule ids; nothing filed.
        pages.clickAndWait("submit");
        assertThat(browser.getCurrentUrl()).endsWith("/my/apply/submit");
        screenshot("refused");
        assertThat(find("#agreement-error").getText()).isEqualTo("请先阅读并勾选同意服务协议，再提交申请。");
        assertThat(find("#agreement").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(find("#agreement").getAttribute("aria-describedby")).isEqualTo("agreement-error");
        assertThat(findAll(".field-error")).hasSize(1);
        open("/my");
        assertThat(findAll("#applications li")).isEmpty();

        // Ticked: filed, and the submission's audit record keeps the version and the date.
        open("/my/apply/review");
        java.util.UUID id = pages.submit();
        assertThat(jdbc.queryForObject("SELECT detail FROM audit_record WHERE subject_id = ? AND action ="
                + " 'application.submitted'", String.class, id.toString()))
                .containsPattern("service agreement 2026-12 accepted on \\d{4}-\\d{2}-\\d{2}");
    }

    @Test
    void aSecondNewApplicationWhileOneIsPendingIsFiledOnlyOnceConfirmed_issue14() {
        java.util.UUID first = pages.applyAtWindow("wuhua", "李四");
        String firstNumber = jdbc.queryForObject("SELECT number FROM application WHERE id = ?", String.class, first);

        pages.fillAtWindow("wuhua", "李四");
        assertThat(find("#second-warning").getText()).contains("您单位已有一份新申请正在办理", firstNumber, "已提交");
        assertThat(find("#second-link").getAttribute("href")).endsWith("/my/applications/" + first);
        // Not confirmed: warned next to the box, the agreement stays ticked, nothing filed.
        pages.submitExpectingToStay();
        assertThat(find("#confirmSecond-error").getText()).startsWith("已有一份新申请正在办理。");
        assertThat(find("#confirmSecond").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(find("#agreement").isSelected()).isTrue();
        assertThat(find("#confirmSecond-error").getText()).doesNotContainPattern("R-[A-Z]+-\\d|NEW");
        screenshot("warned");
        open("/my");
        assertThat(findAll("#applications li")).hasSize(1);

        // Confirmed: filed, and the audit record says so.
        open("/my/apply/review");
        find("#confirmSecond").click();
        java.util.UUID second = pages.submit();
        assertThat(second).isNotEqualTo(first);
        assertThat(jdbc.queryForObject("SELECT detail FROM audit_record WHERE subject_id = ? AND action ="
                + " 'application.submitted'", String.class, second.toString()))
                .contains("confirmed while " + firstNumber + " is pending");
    }

    @Test
    void aDoubleSubmitMakesOneApplication_R_CH_4_R_CH_5() {
        pages.fillAtWindow("wuhua", "李四");
        pages.acceptAgreement();
        // Two submissions of the same review at once, as a double click sends them: the draft's idempotency key
        // makes them one application.
        ((JavascriptExecutor) browser).executeAsyncScript("var done = arguments[arguments.length - 1];"
                + " var f = document.getElementById('submit-form');"
                + " var send = () => fetch(f.action, {method: 'POST', body: new FormData(f)});"
                + " Promise.allSettled([send(), send()]).then(() => done());");
        open("/my");
        assertThat(findAll("#applications li")).hasSize(1);
        // The draft is gone with the submission: applying again starts afresh.
        pages.startApplying();
        assertThat(find("#agentName").getAttribute("value")).isEmpty();
    }

    /**
     * The page is {@code step}'s: its name in the indicator marked current, and "step n of m". Saved as a
     * screenshot too: the automatic one after a click may come before the posted form's next page.
     */
    private void assertStep(String step, String stepOf) {
        assertThat(find("#wizard-steps li[data-step=" + step + "] [aria-current=step]").isDisplayed()).isTrue();
        assertThat(find("#step-of").getText()).isEqualTo(stepOf);
        screenshot("step-" + step.toLowerCase(java.util.Locale.ROOT));
    }

    private void assertRefusedAgentName(String message) {
        assertThat(browser.getCurrentUrl()).endsWith("/my/apply/employer");
        assertThat(find("#agentName-error").getText()).isEqualTo(message);
        assertThat(find("#agentName").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(find("#agentName").getAttribute("aria-describedby")).isEqualTo("agentName-hint agentName-error");
        assertThat(findAll(".field-error")).hasSize(1);
        assertThat(activeElementId()).isEqualTo("agentName");
    }

    private List<String> items() {
        return findAll("#materials li").stream().map(li -> li.getAttribute("data-item")).toList();
    }

    private String activeElementId() {
        return (String) ((JavascriptExecutor) browser).executeScript("return document.activeElement.id;");
    }
}
