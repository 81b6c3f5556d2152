package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.ApplicationApi;
import org.orgcert.server.BrowserTest;
import org.orgcert.server.TestStaff;
import org.orgcert.server.EmployerAgents;
import org.orgcert.server.TestUscc;
import org.orgcert.server.application.MaterialItem;
import org.orgcert.server.calendar.ShanghaiTime;
import org.orgcert.server.delivery.PickupDeadlines;
import org.orgcert.server.notification.Notifications;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The employer's own pages in a real browser: sign-in with the code from the outbox, the apply wizard (R-CH,
 * R-MAT), scans typed by their content, the status page with its timeline (R-CH-5..7), another employer's
 * application refused, and a phone-sized screen.
 */
class EmployerPagesBrowserTest extends BrowserTest {
    @Autowired
    RestTestClient client;
    @Autowired
    Notifications notifications;

    private EmployerPages pages;
    private EmployerAgents agents;

    @BeforeEach
    void pages() {
        pages = new EmployerPages(browser, this::url, notifications);
        agents = new EmployerAgents(client, notifications);
    }

    @Test
    void anAgentSignsInAppliesAtAWindowUploadsAScanAndFollowsTheApplication_R_CH_4_R_CH_5_R_MAT_1() throws IOException {
        Uscc uscc = TestUscc.next();
        String mobile = EmployerAgents.nextMobile();
        agents.register(uscc, "昆明市窗口申请有限公司", mobile);

        pages.signIn(mobile);
        assertThat(pageLanguage()).isEqualTo("zh-CN");
        assertThat(find("#employers").getText()).contains("昆明市窗口申请有限公司", uscc.value());
        assertThat(find("#applications").getText()).isEmpty();

        pages.fillAtWindow("wuhua", "李四");
        assertThat(find("#review-delivery").getText()).isEqualTo("到提交申请资料的窗口领取");
        // The first certificate of an employer in Kunming costs it nothing (R-FEE-1 a).
        assertThat(find("#review-employer-pays").getAttribute("data-yuan")).isEqualTo("0.00");
        assertThat(find("#review-window").getText()).contains("五华区劳动就业服务局");
        // R-MAT-1 a (enterprise), the agent's ID (not in person), the form; no mailing form for pick-up.
        assertThat(findAll("#materials li").stream().map(li -> li.getAttribute("data-item")).toList())
                .containsExactly("BUSINESS_LICENCE_COPY", "AGENT_ID_COPY", "APPLICATION_FORM");
        UUID id = pages.submit();
        assertThat(find("#submitted").isDisplayed()).isTrue();
        assertThat(find("#state").getAttribute("data-state")).isEqualTo("SUBMITTED");
        assertThat(find("#state").getText()).isEqualTo("已提交");
        assertThat(find("#bring-to").getText()).contains("五华区");
        assertThat(findAll("#steps li").stream().map(li -> li.getAttribute("data-action")).toList())
                .containsExactly("application.submitted");
        // Window pick-up: phoned on days 5 to 15 after submission, else call or come on days 16 to 45 (R-CH-5, R-CH-6).
        PickupDeadlines pickup = new PickupDeadlines(ShanghaiTime.today(clock));
        assertThat(find("#collect").getText()).isEqualTo("窗口将在" + pickup.noticeFrom() + "至" + pickup.noticeUntil()
                + "之间电话通知您领取USB Key；如未接到电话，请在" + pickup.selfServiceFrom() + "至" + pickup.collectBy()
                + "之间致电或到窗口领取，逾期USB Key将退回CA并注销证书。");
        assertThat(find("#application-form").getAttribute("href")).endsWith("/portal/applications/" + id
                + "/application-form.pdf");
        // The progress: every step of a window pick-up, at the window's forwarding now, the phone call expected on
        // days 5 to 15 and the last day 45 (R-CH-4..7), in Chinese dates.
        assertThat(findAll("#progress li").stream().map(li -> li.getAttribute("data-stage")).toList()).containsExactly(
                "SUBMIT", "FORWARD", "RECEIVE", "REVIEW", "PRODUCE", "ARRIVE", "NOTIFY", "COLLECT");
        assertThat(find("#progress li[aria-current=step]").getAttribute("data-stage")).isEqualTo("FORWARD");
        assertThat(find("#progress li[data-stage=SUBMIT]").getText()).contains("已完成", chinese(ShanghaiTime.today(clock)) + "完成");
        assertThat(find("#progress li[data-stage=NOTIFY]").getText()).contains("待办理", "预计" + chinese(pickup.noticeFrom())
                + "至" + chinese(pickup.noticeUntil()) + "之间来电通知");
        assertThat(find("#progress li[data-stage=COLLECT]").getText()).contains("请于" + chinese(pickup.collectBy()) + "前领取；");
        assertThat(find("#progress li[data-stage=PRODUCE]").getText()).contains("审核通过（需缴费的，缴清费用）后3个工作日内完成");
        assertThat(find("#progress-section").getText()).doesNotContain("R-CH").doesNotContain("null");
        assertThat(findAll("#waybill")).isEmpty();

        // A text file named .pdf is refused by its content, with the reason next to the field; nothing stored.
        Path disguised = Files.writeString(downloads.resolve("licence.pdf"), "not a scan at all",
                StandardCharsets.UTF_8);
        pages.upload(id, MaterialItem.BUSINESS_LICENCE_COPY, disguised);
        assertThat(find("#file-error").getText()).contains("只接受PDF、JPEG和PNG扫描件");
        assertThat(find("#file").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(findAll(".document")).isEmpty();

        Path scan = Files.write(downloads.resolve("licence-scan.pdf"),
                "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII));
        pages.upload(id, MaterialItem.BUSINESS_LICENCE_COPY, scan);
        assertThat(find("#uploaded").isDisplayed()).isTrue();
        assertThat(find("#materials li[data-item=BUSINESS_LICENCE_COPY]").getText()).contains("licence-scan.pdf", "PDF");

        assertThat(pages.statusOf(id)).isEqualTo("SUBMITTED");
        open("/my");
        assertThat(find("#applications li").getAttribute("data-id")).isEqualTo(id.toString());
        open("/my?lang=en");
        assertThat(find("#applications li .status").getText()).isEqualTo("Submitted");
    }

    private static String chinese(java.time.LocalDate day) {
        return day.getYear() + "年" + day.getMonthValue() + "月" + day.getDayOfMonth() + "日";
    }

    @Test
    void anEmployerFollowsAMailedApplicationStepByStepWithTheExpectedDatesAndTheWaybill_R_CH_1_R_CH_2() {
        ApplicationApi api = new ApplicationApi(client);
        Map<String, Object> form = ApplicationApi.form("MAIL", "MAIL", null, true);
        String mobile = EmployerAgents.nextMobile();
        agents.register(Uscc.parse(form.get("uscc").toString()), ApplicationApi.NAME, mobile);
        Object id = api.submit(form, 201).get("id");
        api.event(id, "RECEIVE", 200);
        api.event(id, "START_REVIEW", 200);
        api.tickAll(id);
        api.registry(form.get("uscc"), ApplicationApi.NAME, ApplicationApi.LEGAL_REP);
        api.check(id, 200);
        api.event(id, "APPROVE", 200);

        pages.signIn(mobile);
        open("/my/applications/" + id);
        assertThat(findAll("#progress li").stream().map(li -> li.getAttribute("data-stage")).toList())
                .containsExactly("SUBMIT", "RECEIVE", "REVIEW", "PRODUCE", "SHIP", "DELIVER");
        assertThat(findAll("#progress li").stream().map(li -> li.getAttribute("data-status")).toList())
                .containsExactly("DONE", "DONE", "DONE", "CURRENT", "TO_COME", "TO_COME");
        // Approved Monday 2026-06-15: produced, and mailed, within 3 working days: Thursday 2026-06-18 (R-CH-2).
        assertThat(find("#progress li[data-stage=REVIEW]").getText()).contains("2026年6月15日完成");
        assertThat(find("#progress li[aria-current=step]").getText()).contains("制作证书和USB Key", "当前步骤",
                "预计2026年6月18日前完成");
        assertThat(find("#progress li[data-stage=SHIP]").getText()).contains("预计2026年6月18日前完成");

        client.post().uri("/api/v1/applications/{id}/produce", id).headers(TestStaff.as(TestStaff.OPERATOR)).exchange()
                .expectStatus().isOk();
        client.post().uri("/api/v1/applications/{id}/ship", id).headers(TestStaff.as(TestStaff.OPERATOR))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(Map.of("waybill", "EA123456789CN"))
                .exchange().expectStatus().isOk();
        Dimension desktop = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(375, 812));
        try {
            open("/my/applications/" + id);
            assertThat(find("#progress li[data-stage=SHIP]").getText()).contains("已完成", "2026年6月15日完成",
                    "EMS运单号：EA123456789CN");
            assertThat(find("#progress li[aria-current=step]").getAttribute("data-stage")).isEqualTo("DELIVER");
            assertThat(find("#waybill").getText()).isEqualTo("EMS运单号：EA123456789CN");
            assertThat(find("#waybill").isDisplayed()).isTrue();
            ((JavascriptExecutor) browser).executeScript("document.getElementById('progress-section').scrollIntoView();");
            assertFits("/my/applications/" + id + " shipped");
        } finally {
            browser.manage().window().setSize(desktop);
        }
    }

    @Test
    void mailDeliveryNeedsEveryFieldOfTheAddressAndSavesNothingUntilComplete_R_MAT_4_R_MAT_5() {
        Uscc uscc = TestUscc.next();
        String mobile = EmployerAgents.nextMobile();
        agents.register(uscc, "昆明市邮寄申请有限公司", mobile);
        pages.signIn(mobile);

        Map<String, String> address = new LinkedHashMap<>(Map.of("recipient", "王五", "phone", "13812345678",
                "district", "五华区", "street", "人民中路1号", "postalCode", ""));
        pages.fillByMail("李四", address);
        assertThat(browser.getCurrentUrl()).endsWith("/my/apply/window-or-address");
        screenshot("refused");
        WebElement postal = find("#postalCode");
        assertThat(postal.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(find("#postalCode-error").getText()).isEqualTo("请填写6位数字的邮政编码。");
        assertThat(postal.getAttribute("aria-describedby")).isEqualTo("postalCode-error");
        assertThat(findAll(".field-error")).hasSize(1);
        // What was typed is kept.
        assertThat(find("#street").getAttribute("value")).isEqualTo("人民中路1号");
        open("/my");
        assertThat(findAll("#applications li")).isEmpty();

        address.put("postalCode", "650000");
        pages.fillByMail("李四", address);
        assertThat(find("#review-mail").getText()).contains("王五", "云南省昆明市五华区人民中路1号", "650000");
        assertThat(findAll("#materials li").stream().map(li -> li.getAttribute("data-item")).toList())
                .contains("MAILING_ADDRESS_FORM");
        UUID id = pages.submit();
        assertThat(find("#mailing-form").getAttribute("href")).endsWith("/portal/applications/" + id
                + "/mailing-form.pdf");
    }

    @Test
    void anAgentOpeningAnotherEmployersApplicationGetsTheNotFoundPage() {
        String owner = EmployerAgents.nextMobile();
        agents.register(TestUscc.next(), "昆明市甲有限公司", owner);
        pages.signIn(owner);
        UUID id = pages.applyAtWindow("wuhua", "李四");

        browser.manage().deleteAllCookies();
        String other = EmployerAgents.nextMobile();
        agents.register(TestUscc.next(), "昆明市乙有限公司", other);
        pages.signIn(other);
        open("/my/applications/" + id);
        assertThat(findAll("#state")).isEmpty();
        assertThat(find("#error-message").getText()).isEqualTo("未找到该申请。");
        assertThat(find("h1").getText()).isNotBlank();
    }

    @Test
    void withoutSigningInTheEmployerPagesLeadToTheEmployerSignIn() {
        open("/my/apply");
        assertThat(browser.getCurrentUrl()).endsWith("/my/login");
        assertThat(find("label[for=mobile]").getText()).isEqualTo("手机号码");
    }

    @Test
    void theEmployerPagesFitAPhoneScreenWithoutSidewaysScrolling() {
        String mobile = EmployerAgents.nextMobile();
        agents.register(TestUscc.next(), "昆明市手机屏幕测试用长名称有限责任公司", mobile);
        Dimension desktop = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(375, 812));
        try {
            open("/my/login");
            assertFits("/my/login");
            pages.signIn(mobile);
            assertFits("/my");
            pages.fillAtWindow("wuhua", "李四");
            assertFits("/my/apply/review");
            for (String step : new String[] {"employer", "materials", "channel", "window-or-address"}) {
                open("/my/apply/" + step);
                assertFits("/my/apply/" + step);
            }
            open("/my/apply/review");
            UUID id = pages.submit();
            assertFits("/my/applications/" + id);
            // Every page offers to sign out, also on a phone (issue 14): the session ends, the sign-in page says so.
            find("#sign-out").click();
            waitFor(d -> d.getCurrentUrl().endsWith("/my/login?signed-out"));
            assertThat(find("#signed-out").getText()).isEqualTo("您已退出登录。");
            assertThat(findAll("#sign-out")).isEmpty();
            open("/my");
            assertThat(browser.getCurrentUrl()).endsWith("/my/login");
        } finally {
            browser.manage().window().setSize(desktop);
        }
    }

    private void assertFits(String page) {
        Number overflow = (Number) ((JavascriptExecutor) browser).executeScript(
                "return document.documentElement.scrollWidth - window.innerWidth;");
        assertThat(overflow.intValue()).as(page).isLessThanOrEqualTo(0);
        screenshot("375px");
    }
}
