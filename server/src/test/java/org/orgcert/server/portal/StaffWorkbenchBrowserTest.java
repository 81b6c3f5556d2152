package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.orgcert.server.ApplicationApi;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.BrowserTest;
import org.orgcert.server.EmployerAgents;
import org.orgcert.server.PageWaits;
import org.orgcert.server.StaffPages;
import org.orgcert.server.TestStaff;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.notification.Notifications;
import org.orgcert.server.calendar.ShanghaiTime;
import org.orgcert.server.delivery.PickupDeadlines;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The staff workbench in a real browser: each role signs in on the portal's page and takes its steps by
 * the buttons its role is given, from a window's batch to the key collected at the window.
 */
class StaffWorkbenchBrowserTest extends BrowserTest {
    @Autowired
    RestTestClient client;
    @Autowired
    AuditLog audit;
    @Autowired
    Notifications notifications;

    private ApplicationApi api;
    private StaffPages staff;

    @BeforeEach
    void pages() {
        api = new ApplicationApi(client);
        staff = new StaffPages(browser, this::url);
    }

    private Map<String, Object> submittedAt(String window) {
        return api.submit(ApplicationApi.form("WINDOW", "WINDOW_PICKUP", window, false), 201);
    }

    @Test
    void fromTheWindowsBatchToTheKeyCollectedAtTheWindow_R_CH_4_R_REV_1_R_CERT_2_R_CH_5_R_CH_7() {
        Map<String, Object> first = submittedAt("wuhua");
        Map<String, Object> second = submittedAt("wuhua");
        api.registry(first.get("uscc"), ApplicationApi.NAME, ApplicationApi.LEGAL_REP);
        api.registry(second.get("uscc"), "昆明市另一名称有限公司", ApplicationApi.LEGAL_REP);

        staff.signIn(TestStaff.clerk("wuhua"));
        assertThat(find("html").getAttribute("lang")).isEqualTo("zh-CN");
        assertThat(find("#queues").getText()).contains("待转交CA");
        assertThat(staff.queueCount("to-forward")).isGreaterThanOrEqualTo(2);
        staff.forward(first.get("id"), second.get("id"));
        assertThat(find("#done").getText()).contains("2");

        staff.signIn(TestStaff.CA_CLERK).receive(first.get("id")).receive(second.get("id"));
        assertThat(staff.state(first.get("id"))).isEqualTo("RECEIVED");

        staff.signIn(TestStaff.REVIEWER);
        // The mismatch: form and registry side by side, the differing field marked (R-REV-3).
        assertThat(staff.review(second.get("id"))).isEqualTo("MISMATCH");
        assertThat(find("#differences tr.differs[data-field=name] .on-form").getText()).isEqualTo(ApplicationApi.NAME);
        assertThat(find("#differences tr.differs[data-field=name] .in-record").getText()).isEqualTo("昆明市另一名称有限公司");
        assertThat(findAll("#event-APPROVE")).isEmpty();
        screenshot("review-mismatch");
        // Customer service phones; the employer agrees, so the record takes the form’s data (R-REV-3).
        staff.signIn(TestStaff.SERVICE).step(second.get("id"), "CONFIRM_BY_PHONE");
        assertThat(staff.state(second.get("id"))).isEqualTo("UNDER_REVIEW");
        assertThat(find("#review").getAttribute("data-outcome")).isEqualTo("CONFIRMED_BY_PHONE");
        staff.signIn(TestStaff.REVIEWER);
        // The matching one is approved.
        assertThat(staff.review(first.get("id"))).isEqualTo("MATCHING");
        staff.approve(first.get("id"));
        assertThat(staff.state(first.get("id"))).isEqualTo("APPROVED");

        staff.signIn(TestStaff.OPERATOR);
        String pin = staff.produce(first.get("id"));
        assertThat(pin).isNotBlank();
        // Shown once: the application's page never shows it again.
        staff.open(first.get("id"));
        assertThat(browser.getPageSource()).doesNotContain(pin);
        assertThat(find("#state").getAttribute("data-state")).isEqualTo("PRODUCED");
        assertThat(findAll("#event-ARRIVE_AT_WINDOW")).isEmpty();

        staff.signIn(TestStaff.clerk("wuhua")).arriveAtWindow(first.get("id"));
        // The window's list of keys waiting says when to phone and until when the key may be collected.
        PickupDeadlines pickup = new PickupDeadlines(ShanghaiTime.today(clock));
        open("/staff/queues/AT_WINDOW");
        assertThat(find("#row-" + first.get("id") + " .phone-between").getText())
                .isEqualTo(pickup.noticeFrom() + " 至 " + pickup.noticeUntil());
        assertThat(find("#row-" + first.get("id") + " .collect-by").getText()).isEqualTo(pickup.collectBy().toString());
        staff.collect(first.get("id"));
        assertThat(staff.state(first.get("id"))).isEqualTo("COLLECTED");
    }

    @Test
    void theApplicationPageNamesKindChannelWindowAndInsuringDistrictInWordsInBothLanguages_R_CH_4_R_REV_1() {
        Map<String, Object> app = api.underReview("WINDOW", "WINDOW_PICKUP", "wuhua", false);
        api.registry(app.get("uscc"), ApplicationApi.NAME, ApplicationApi.LEGAL_REP);
        api.check(app.get("id"), 200);
        staff.signIn(TestStaff.REVIEWER).open(app.get("id"));
        assertThat(find("#kind").getText()).isEqualTo("新申请");
        assertThat(find("#channel").getText()).isEqualTo("县市区服务窗口，到窗口领取");
        assertThat(find("#window").getText()).isEqualTo("五华区劳动就业服务局");
        // The insuring division by its district's name, its code kept small beside it for the registry.
        assertThat(find("#records td.district span").getText()).isEqualTo("五华区");
        assertThat(find("#records td.district small").getText()).isEqualTo("530102");
        assertThat(find("#facts").getText()).doesNotContain("NEW", "WINDOW", "PICKUP", "wuhua");
        screenshot("application-in-words");

        open("/staff/applications/" + app.get("id") + "?lang=en");
        assertThat(find("#kind").getText()).isEqualTo("New certificate");
        assertThat(find("#channel").getText()).isEqualTo("At a county/district window, collected at the window");
        assertThat(find("#facts").getText()).doesNotContain("NEW", "WINDOW_PICKUP", "wuhua");
    }

    @Test
    void theWindowClerksListToForwardIsTitledAsTheQueueAndSaysWhosePapersAreMissing_R_CH_4() {
        Object complete = submittedAt("wuhua").get("id");
        Object incomplete = submittedAt("wuhua").get("id");
        staff.signIn(TestStaff.clerk("wuhua")).open(complete);
        findAll("#materials input[type=checkbox]").forEach(WebElement::click);
        WebElement page = find("html");
        find("#tick").click();
        PageWaits.untilGone(browser, page);

        open("/staff");
        find("#queue-to-forward a").click();
        waitFor(d -> d.getCurrentUrl().endsWith("/staff/queues/SUBMITTED"));
        // The queue's name, not the state's (已受理).
        assertThat(find("h1").getText()).isEqualTo("待转交CA");
        assertThat(browser.getTitle()).contains("待转交CA");
        assertThat(find("#row-" + complete + " td.materials").getText()).isEqualTo("齐全");
        assertThat(find("#row-" + incomplete + " td.materials").getText()).matches("缺[1-9]\\d*份");
        assertThat(find("#row-" + incomplete + " td.materials").getAttribute("data-missing"))
                .isEqualTo(String.valueOf(((List<?>) api.get(incomplete).get("requiredMaterials")).size()));
        screenshot("to-forward-materials");

        open("/staff/queues/SUBMITTED?lang=en");
        assertThat(find("h1").getText()).isEqualTo("To forward to the CA");
        assertThat(find("#row-" + complete + " td.materials").getText()).isEqualTo("complete");
    }

    @Test
    void aRejectionWithoutAReasonIsRefusedAtItsFieldAndChangesNothingAndTheReasonIsKeptWithTheStep_R_REV_1() {
        Object id = api.underReview("CA_HALL", "ON_THE_SPOT", null, false).get("id");
        staff.signIn(TestStaff.REVIEWER).open(id + "?lang=en");
        rejectWith("   ");
        assertThat(find("#reason-error").getText()).isEqualTo("Please give the reason for rejecting. Nothing was changed.");
        assertThat(find("#reason").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(find("#reason").getAttribute("aria-describedby")).isEqualTo("reason-error");
        staff.open(id + "?lang=zh-CN");
        rejectWith("");
        assertThat(find("#reason-error").getText()).isEqualTo("请填写驳回理由。申请未作任何更改。");
        screenshot("reject-without-reason");
        assertThat(find("#state").getAttribute("data-state")).isEqualTo("UNDER_REVIEW");
        assertThat(rejections(id)).isEmpty();

        rejectWith("营业执照复印件未加盖公章");
        waitFor(d -> !d.findElements(By.id("done")).isEmpty());
        assertThat(find("#state").getAttribute("data-state")).isEqualTo("REJECTED");
        assertThat(rejections(id)).singleElement().asString().endsWith(": 营业执照复印件未加盖公章");
        // The employer's timeline (and status page) gives the reason with the outcome.
        client.get().uri("/api/v1/applications/" + id + "/timeline").headers(TestStaff.as(TestStaff.REVIEWER))
                .exchange().expectStatus().isOk().expectBody().jsonPath("$.rejectionReason")
                .isEqualTo("营业执照复印件未加盖公章");
    }

    /** Types {@code reason} into the reject form of the open application page and posts it. */
    private void rejectWith(String reason) {
        find("#reason").sendKeys(reason);
        WebElement page = find("html");
        find("#event-REJECT").click();
        PageWaits.untilGone(browser, page);
    }

    /** The details of application {@code id}'s rejection audit records. */
    private List<String> rejections(Object id) {
        return audit.history("application", id.toString()).stream()
                .filter(r -> r.entry().action().equals("application.reject")).map(r -> r.entry().detail()).toList();
    }

    @Test
    void theApplicationPageShowsTheAgentTheNumberToPhoneTheMailingAddressAndTheForms_R_REV_3_R_MAT_4() {
        Map<String, Object> app = api.underReview("MAIL", "MAIL", null, true);
        Object id = app.get("id");
        String mobile = EmployerAgents.nextMobile();
        new EmployerAgents(client, notifications).register(Uscc.parse(app.get("uscc").toString()), ApplicationApi.NAME,
                mobile);
        api.registry(app.get("uscc"), "昆明市另一名称有限公司", ApplicationApi.LEGAL_REP);
        assertThat(api.check(id, 200).get("outcome")).isEqualTo("MISMATCH");

        // The CA's clerk has no call to make: the agent's name, the address to mail to and the forms, no number.
        staff.signIn(TestStaff.CA_CLERK).open(id);
        assertThat(find("#agent").getText()).isEqualTo("李四");
        assertThat(findAll("#phone")).isEmpty();
        assertThat(browser.getPageSource()).doesNotContain(mobile);
        assertThat(find("#mailing-address").getText()).contains("李四 13812345678", "云南省昆明市五华区正义路1号", "650000");
        assertThat(find("#application-form").getAttribute("href")).endsWith("/portal/applications/" + id + "/application-form.pdf");
        assertThat(find("#mailing-form").getAttribute("href")).endsWith("/portal/applications/" + id + "/mailing-form.pdf");
        assertThat(disclosures(app.get("uscc"))).isZero();

        // Customer service phones about the differing form (R-REV-3): the agent's number, its reading audited.
        staff.signIn(TestStaff.SERVICE).open(id);
        assertThat(find("#phone").getText()).contains("李四");
        assertThat(find("#phone-number").getText()).isEqualTo(mobile);
        assertThat(find("#phone-number").getAttribute("href")).isEqualTo("tel:" + mobile);
        assertThat(disclosures(app.get("uscc"))).isEqualTo(1);
        screenshot("phone-confirmation-facts");
    }

    /** How many audited reads of a mobile number were made for the employer with {@code uscc}. */
    private long disclosures(Object uscc) {
        Object employer = client.get().uri("/api/v1/employers?uscc={uscc}", uscc).headers(TestStaff.as(TestStaff.CA_CLERK))
                .exchange().expectStatus().isOk().returnResult(Map.class).getResponseBody().get("id");
        return audit.history("employer", employer.toString()).stream()
                .filter(r -> r.entry().action().equals("employer.mobile-disclosed")).count();
    }

    @Test
    void aClerkOfAnotherWindowGetsTheForbiddenPage_R_CH_4() {
        Object id = submittedAt("wuhua").get("id");
        staff.signIn(TestStaff.clerk("fumin"));
        staff.open(id);
        assertThat(find("#error-message").getText()).isEqualTo("该申请属于其他服务窗口：只有该窗口的经办人可以查看和办理。");
        assertThat(find("h1").getText()).isEqualTo("抱歉，操作未能完成");
    }

    @Test
    void aWrongPasswordStaysOnTheSignInPageWithTheReasonInEnglish() {
        open("/staff/login?lang=en");
        find("#username").sendKeys(TestStaff.OPERATOR);
        find("#password").sendKeys("wrong-password");
        find("main button[type=submit]").click();
        waitFor(d -> d.getCurrentUrl().contains("/staff/login?error"));
        assertThat(find("#login-error").getText()).contains("wrong");
        assertThat(pageLanguage()).isEqualTo("en");
    }

    @Test
    void theDashboardDrawsItsChartsForTheBureauAndIsRefusedToAnOperator_R_FEE_1() {
        // A first certificate of a Kunming employer approved this month: the city bureau pays it (R-FEE-1 a).
        Map<String, Object> app = api.underReview("WINDOW", "WINDOW_PICKUP", "wuhua", false);
        api.registry(app.get("uscc"), ApplicationApi.NAME, ApplicationApi.LEGAL_REP);
        api.check(app.get("id"), 200);
        api.event(app.get("id"), "APPROVE", 200);
        staff.signIn(TestStaff.ADMIN);
        open("/staff/dashboard");
        waitFor(d -> !d.findElements(org.openqa.selenium.By.cssSelector("#chart-months canvas")).isEmpty());
        assertThat(findAll("#chart-districts canvas")).isNotEmpty();
        // The city bureau pays, per district: not the districts' bureaus.
        assertThat(find("#chart-districts-heading").getText()).startsWith("市就业局本月补贴（按区县）");
        // Each chart's text alternative: a table under it with the chart's own numbers.
        Map<?, ?> data = tools.jackson.databind.json.JsonMapper.builder().build()
                .readValue(find("#dashboard-data").getAttribute("textContent"), Map.class);
        List<WebElement> months = findAll("#table-months tbody tr");
        assertThat(months).extracting(r -> r.findElement(By.tagName("th")).getText()).isEqualTo(data.get("months"));
        assertThat(months).extracting(r -> Integer.parseInt(r.findElement(By.tagName("td")).getText()))
                .isEqualTo(data.get("certificates"));
        List<WebElement> districts = findAll("#table-districts tbody tr[data-district]");
        assertThat(districts).isNotEmpty();
        assertThat(districts).extracting(r -> r.findElement(By.cssSelector("th span")).getText())
                .isEqualTo(data.get("districts")).contains("五华区");
        assertThat(districts).extracting(r -> Double.parseDouble(r.findElement(By.cssSelector("td.amount")).getText()))
                .isEqualTo(((List<?>) data.get("subsidy")).stream().map(n -> ((Number) n).doubleValue()).toList());
        // The month's report names district, window and item instead of their codes.
        assertThat(find("#report tbody").getText()).contains("五华区", "五华区劳动就业服务局", "USB Key（介质）")
                .doesNotContain("MEDIUM", "wuhua");
        assertThat(find("#report-csv").getAttribute("href")).contains("/api/v1/billing/subsidy-report?month=")
                .contains("format=csv");
        screenshot("dashboard-charts");

        staff.signIn(TestStaff.OPERATOR);
        open("/staff/dashboard");
        assertThat(find("#error-message").getText()).isNotBlank();
    }

    @Test
    void customerServiceRefundsAnUnmatchedTransferAndAWrongAmountIsExplainedAtItsField_R_FEE_4() {
        Map<String, Object> payment = Map.of("reference", "WEB" + java.util.UUID.randomUUID().toString().substring(0, 8),
                "method", "BANK_TRANSFER", "payerName", "王五", "amount", 22000, "paidAt", "2026-06-15T02:00:00Z",
                "remark", "不明款项");
        Object id = client.post().uri("/api/v1/payments").headers(TestStaff.as(TestStaff.SERVICE))
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(payment).exchange()
                .expectStatus().isCreated().returnResult(Map.class).getResponseBody().get("id");
        staff.signIn(TestStaff.SERVICE);
        find("#queue-unmatched-payments a").click();
        find("#refund-" + id).sendKeys("22.005");
        find("#refund-reason-" + id).sendKeys("付款人要求退回");
        find("#payment-" + id + " form:last-of-type button").click();
        waitFor(d -> !d.findElements(org.openqa.selenium.By.id("refund-" + id + "-error")).isEmpty());
        assertThat(find("#refund-" + id + "-error").getText()).contains("最多两位小数");
        assertThat(find("#refund-" + id).getAttribute("aria-invalid")).isEqualTo("true");
        screenshot("service-refund-error");
        // Nothing was refunded: the transfer still waits, and a valid amount goes through.
        find("#refund-" + id).sendKeys("220.00");
        find("#refund-reason-" + id).sendKeys("付款人要求退回");
        find("#payment-" + id + " form:last-of-type button").click();
        waitFor(d -> !d.findElements(org.openqa.selenium.By.id("done")).isEmpty());
    }

    @Test
    void theOperatorShipsByEmsAndAWrongWaybillIsExplainedAtItsFieldInEnglish_R_CH_2() {
        Map<String, Object> app = api.underReview("MAIL", "MAIL", null, true);
        Object id = app.get("id");
        api.registry(app.get("uscc"), ApplicationApi.NAME, ApplicationApi.LEGAL_REP);
        api.check(id, 200);
        api.event(id, "APPROVE", 200);
        staff.signIn(TestStaff.OPERATOR);
        staff.produce(id);
        open("/staff/applications/" + id + "?lang=en");
        assertThat(pageLanguage()).isEqualTo("en");
        find("#waybill").sendKeys("EA12345CN");
        find("#ship-submit").click();
        waitFor(d -> !d.findElements(org.openqa.selenium.By.id("waybill-error")).isEmpty());
        assertThat(find("#waybill-error").getText()).contains("not an EMS waybill number");
        assertThat(find("#waybill").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(find("#waybill").getAttribute("aria-describedby")).isEqualTo("waybill-error");
        // Nothing changed: still produced, and the typed number is kept for correcting.
        assertThat(find("#state").getAttribute("data-state")).isEqualTo("PRODUCED");
        assertThat(find("#waybill").getAttribute("value")).isEqualTo("EA12345CN");
        screenshot("ship-waybill-error-en");
        find("#waybill").clear();
        find("#waybill").sendKeys("EA123456789CN");
        find("#ship-submit").click();
        waitFor(d -> !d.findElements(org.openqa.selenium.By.id("waybill-number")).isEmpty());
        assertThat(find("#waybill-number").getText()).isEqualTo("EA123456789CN");
        assertThat(find("#state").getText()).isEqualTo("Shipped");
    }
}
