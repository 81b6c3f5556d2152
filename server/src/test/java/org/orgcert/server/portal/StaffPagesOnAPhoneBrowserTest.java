package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.orgcert.server.ApplicationApi;
import org.orgcert.server.BrowserTest;
import org.orgcert.server.StaffPages;
import org.orgcert.server.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Every staff page on a 375 px phone screen: the page itself never scrolls sideways (a wide table scrolls
 * inside its own box, its columns at least 4 characters wide), and each page's main actions are on the screen,
 * not covered by anything, and large enough to tap (24 × 24 px, WCAG 2.2's minimum target size).
 */
class StaffPagesOnAPhoneBrowserTest extends BrowserTest {
    private static final Dimension PHONE = new Dimension(375, 812);
    /** Long enough to wrap on a phone, as the bureau's real employer names do. */
    private static final String LONG_NAME = "昆明市五华区手机屏幕测试用非常长名称的科技发展有限责任公司第一分公司";

    @Autowired
    RestTestClient client;

    private ApplicationApi api;
    private StaffPages staff;
    private Dimension desktop;

    @BeforeEach
    void phone() {
        api = new ApplicationApi(client);
        staff = new StaffPages(browser, this::url);
        desktop = browser.manage().window().getSize();
        browser.manage().window().setSize(PHONE);
    }

    @AfterEach
    void desktopAgain() {
        browser.manage().window().setSize(desktop);
    }

    private Map<String, Object> form(String channel, String delivery, String window, boolean mail) {
        Map<String, Object> form = ApplicationApi.form(channel, delivery, window, mail);
        form.put("employerName", LONG_NAME);
        return form;
    }

    @Test
    void theSignInPage() {
        open("/staff/login");
        assertFitsWithUsable("/staff/login", "#username", "#password", "main button[type=submit]");
        open("/staff/login?lang=en");
        assertFitsWithUsable("/staff/login?lang=en", "#username", "#password", "main button[type=submit]");
    }

    @Test
    void aWindowClerksQueuesAndTheirListWithTheBatchAndItsPapersColumn_R_CH_4() {
        api.submit(form("WINDOW", "WINDOW_PICKUP", "wuhua", false), 201);
        staff.signIn(TestStaff.clerk("wuhua"));
        assertFitsWithUsable("/staff", "#queue-to-forward a", "main form button[type=submit]");
        find("#queue-to-forward a").click();
        waitFor(d -> d.getCurrentUrl().endsWith("/staff/queues/SUBMITTED"));
        assertThat(find("h1").getText()).isEqualTo("待转交CA");
        assertFitsWithUsable("/staff/queues/SUBMITTED", "#applications input[name=ids]", "#applications td a",
                "#forward");
        assertThat(findAll("#applications td.materials .flag")).isNotEmpty().allMatch(WebElement::isDisplayed);
    }

    @Test
    void theApplicationPageWithItsMaterialsAndSteps_R_MAT_1() {
        Object id = api.submit(form("CA_HALL", "ON_THE_SPOT", null, false), 201).get("id");
        api.event(id, "RECEIVE", 200);
        staff.signIn(TestStaff.REVIEWER).open(id);
        assertFitsWithUsable("/staff/applications/" + id, "#materials input[type=checkbox]", "#tick",
                "#event-START_REVIEW");
    }

    @Test
    void theApplicationPageWithTheRegistrysDifferences_R_REV_3() {
        Map<String, Object> app = api.underReview("CA_HALL", "ON_THE_SPOT", null, false);
        api.registry(app.get("uscc"), LONG_NAME + "（旧名称）", ApplicationApi.LEGAL_REP);
        api.check(app.get("id"), 200);
        staff.signIn(TestStaff.REVIEWER).open(app.get("id"));
        assertThat(find("#review").getAttribute("data-outcome")).isEqualTo("MISMATCH");
        assertFitsWithUsable("/staff/applications/" + app.get("id"), ".steps-row button", "#application-form");
    }

    @Test
    void rejectingWithItsReasonOnAPhone_R_REV_1() {
        Object id = api.underReview("CA_HALL", "ON_THE_SPOT", null, false).get("id");
        staff.signIn(TestStaff.REVIEWER).open(id);
        assertFitsWithUsable("/staff/applications/" + id + " (under review)", "#reason", "#event-REJECT");
    }

    @Test
    void producingAndShippingOnAPhone_R_CERT_2_R_CH_2() {
        Map<String, Object> app = api.underReview("MAIL", "MAIL", null, true);
        Object id = app.get("id");
        api.registry(app.get("uscc"), ApplicationApi.NAME, ApplicationApi.LEGAL_REP);
        api.check(id, 200);
        api.event(id, "APPROVE", 200);
        staff.signIn(TestStaff.OPERATOR).open(id);
        assertFitsWithUsable("/staff/applications/" + id + " (approved)", "#produce");
        staff.produce(id);
        assertFitsWithUsable("produced", "#initial-pin", "#back-to-application");
        staff.open(id);
        assertFitsWithUsable("/staff/applications/" + id + " (produced)", "#waybill", "#ship-submit");
    }

    @Test
    void customerServicesPage_R_FEE_4() {
        Map<String, Object> payment = Map.of("reference", "PHONE" + java.util.UUID.randomUUID().toString().substring(0, 8),
                "method", "BANK_TRANSFER", "payerName", LONG_NAME, "amount", 22000, "paidAt", "2026-06-15T02:00:00Z",
                "remark", "不明款项：付款人未注明申请编号，请客服核对后匹配或退回");
        Object id = client.post().uri("/api/v1/payments").headers(TestStaff.as(TestStaff.SERVICE))
                .contentType(MediaType.APPLICATION_JSON).body(payment).exchange().expectStatus().isCreated()
                .returnResult(Map.class).getResponseBody().get("id");
        staff.signIn(TestStaff.SERVICE);
        open("/staff/service");
        assertFitsWithUsable("/staff/service", "#match-" + id, "#payment-" + id + " form:first-of-type button",
                "#refund-" + id, "#refund-reason-" + id, "#payment-" + id + " form:last-of-type button");
    }

    @Test
    void theBureausDashboard_R_FEE_1() {
        staff.signIn(TestStaff.ADMIN);
        open("/staff/dashboard");
        waitFor(d -> !d.findElements(By.cssSelector("#chart-months canvas")).isEmpty());
        assertFitsWithUsable("/staff/dashboard", "#month", "#report-heading ~ form button", "#report-csv");
        // Each chart's figures as a table under it, fitting (or scrolling in its box) like every other table.
        assertThat(findAll("#table-months tbody tr")).hasSize(12);
        assertThat(find("#table-districts")).isNotNull();
        // The charts take the phone's width, not more.
        for (WebElement chart : findAll(".chart")) {
            assertThat(chart.getRect().getX() + chart.getRect().getWidth()).isLessThanOrEqualTo(innerWidth());
        }
    }

    /**
     * The page at {@code page} does not scroll sideways and each element of {@code actions} (every match of
     * each selector) is usable.
     */
    private void assertFitsWithUsable(String page, String... actions) {
        Number overflow = (Number) js("return document.documentElement.scrollWidth - window.innerWidth;");
        assertThat(overflow.intValue()).as(page + ": sideways scrolling (px)").isLessThanOrEqualTo(0);
        // A wide table scrolls in its own box instead: its columns stay readable (4 characters or more).
        Number squeezed = (Number) js("""
                return [...document.querySelectorAll('.table-scroll th:not(.select), .table-scroll td:not(.select)')]
                    .filter(cell => cell.getBoundingClientRect().width < 4 * parseFloat(getComputedStyle(cell).fontSize))
                    .length;
                """);
        assertThat(squeezed.intValue()).as(page + ": table cells narrower than 4 characters").isZero();
        for (String action : actions) {
            List<WebElement> elements = findAll(action);
            assertThat(elements).as(page + ": " + action).isNotEmpty();
            for (WebElement element : elements) {
                assertUsable(page + ": " + action, element);
            }
        }
        screenshot("375px");
    }

    /** On the screen once scrolled to, not covered, at least 24 × 24 px. */
    private void assertUsable(String what, WebElement element) {
        js("arguments[0].scrollIntoView({block: 'center', inline: 'nearest'});", element);
        assertThat(element.isDisplayed()).as(what + " displayed").isTrue();
        assertThat(element.isEnabled()).as(what + " enabled").isTrue();
        @SuppressWarnings("unchecked")
        Map<String, Object> box = (Map<String, Object>) js("""
                const e = arguments[0];
                const r = e.getBoundingClientRect();
                const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
                return {left: r.left, right: r.right, width: r.width, height: r.height,
                        reachable: hit !== null && (hit === e || e.contains(hit))};
                """, element);
        assertThat(((Number) box.get("left")).doubleValue()).as(what + " left edge").isGreaterThanOrEqualTo(0);
        assertThat(((Number) box.get("right")).doubleValue()).as(what + " right edge").isLessThanOrEqualTo(innerWidth());
        assertThat(box.get("reachable")).as(what + " not covered").isEqualTo(true);
        assertThat(((Number) box.get("width")).doubleValue()).as(what + " width").isGreaterThanOrEqualTo(24);
        assertThat(((Number) box.get("height")).doubleValue()).as(what + " height").isGreaterThanOrEqualTo(24);
    }

    private int innerWidth() {
        return ((Number) js("return window.innerWidth;")).intValue();
    }

    private Object js(String script, Object... arguments) {
        return ((JavascriptExecutor) browser).executeScript(script, arguments);
    }
}
