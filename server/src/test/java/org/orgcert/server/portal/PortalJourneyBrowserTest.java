package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.ApplicationApi;
import org.orgcert.server.BrowserTest;
import org.orgcert.server.EmployerAgents;
import org.orgcert.server.KeyHolders;
import org.orgcert.server.StaffPages;
import org.orgcert.server.TestStaff;
import org.orgcert.server.TestUscc;
import org.orgcert.server.issuance.ProductionOrder;
import org.orgcert.server.issuance.ProductionService;
import org.orgcert.server.notification.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The journeys of issue 6 in one browser, every step by its own person on their own pages: an employer
 * applies through the wizard for pick-up at a window, the window clerk forwards it, the CA clerk receives
 * it, the reviewer checks and approves it, the operator produces it, the window clerk hands it over, and the
 * employer sees it collected; and a mailed, paid certificate (the employer already holds one).
 */
class PortalJourneyBrowserTest extends BrowserTest {
    @Autowired
    RestTestClient client;
    @Autowired
    Notifications notifications;
    @Autowired
    ApplicationContext context;
    @Autowired
    ProductionService production;

    private EmployerPages employer;
    private StaffPages staff;
    private EmployerAgents agents;

    @BeforeEach
    void pages() {
        employer = new EmployerPages(browser, this::url, notifications);
        staff = new StaffPages(browser, this::url);
        agents = new EmployerAgents(client, notifications);
    }

    /** An employer in the register whose insurance record matches it, and its agent's mobile. */
    private String employerWithRecord(Uscc uscc, String name) {
        String mobile = EmployerAgents.nextMobile();
        agents.register(uscc, name, mobile);
        new ApplicationApi(client).registry(uscc, name, "张三");
        return mobile;
    }

    /** Signs the agent in (again): a few minutes later, as a new code for the same mobile may not come sooner. */
    private void signInAsEmployer(String mobile) {
        clock.advance(java.time.Duration.ofMinutes(5));
        browser.manage().deleteAllCookies();
        employer.signIn(mobile);
    }

    @Test
    void anEmployerAppliesAtAWindowAndCollectsTheKeyThere_R_CH_4_R_CH_5_R_REV_1_R_CERT_2() {
        Uscc uscc = TestUscc.next();
        String mobile = employerWithRecord(uscc, "昆明市旅程窗口有限公司");
        signInAsEmployer(mobile);
        UUID id = employer.applyAtWindow("wuhua", "李四");
        assertThat(employer.statusOf(id)).isEqualTo("SUBMITTED");
        screenshot("employer-submitted");

        staff.signIn(TestStaff.clerk("wuhua")).forward(id);
        staff.signIn(TestStaff.CA_CLERK).receive(id);
        staff.signIn(TestStaff.REVIEWER);
        assertThat(staff.review(id)).isEqualTo("MATCHING");
        staff.approve(id);
        staff.signIn(TestStaff.OPERATOR);
        assertThat(staff.produce(id)).isNotBlank(); // the initial PIN, shown this once (R-CERT-2)
        staff.signIn(TestStaff.clerk("wuhua")).arriveAtWindow(id).collect(id);

        signInAsEmployer(mobile);
        assertThat(employer.statusOf(id)).isEqualTo("COLLECTED");
        screenshot("employer-collected");
    }

    @Test
    void aSecondCertificateByMailIsPaidBeforeItIsProducedAndShipped_R_FEE_2_R_FEE_4_R_MAT_4() {
        Uscc uscc = TestUscc.next();
        String name = "昆明市旅程邮寄" + uscc.value().substring(10, 16) + "有限公司";
        String mobile = employerWithRecord(uscc, name);
        // The first certificate, still valid: the new one is paid (R-FEE-2).
        production.produce(new ProductionOrder(UUID.randomUUID(), name, uscc, null, "staff:t-operator"));
        signInAsEmployer(mobile);
        employer.fillByMail("李四", Map.of("recipient", "李四", "phone", "13812345678", "province", "云南省",
                "city", "昆明市", "district", "五华区", "street", "正义路1号", "postalCode", "650000"));
        // The review says what it costs before the agent commits (R-FEE-2: 160 + 60 yuan).
        assertThat(find("#review-employer-pays").getAttribute("data-yuan")).isEqualTo("220.00");
        UUID id = employer.submit();
        // Handed in at the CA hall: the status page says where the papers go until they arrive.
        assertThat(find("#hand-in").getAttribute("data-channel")).isEqualTo("CA_HALL");
        assertThat(find("#bring-to").getText()).contains("云南省数字证书认证中心有限公司服务大厅");

        staff.signIn(TestStaff.CA_CLERK).receive(id);
        staff.signIn(TestStaff.REVIEWER);
        assertThat(staff.review(id)).isEqualTo("MATCHING");
        staff.approve(id);
        assertThat(staff.state(id)).isEqualTo("AWAITING_PAYMENT");

        signInAsEmployer(mobile);
        assertThat(employer.statusOf(id)).isEqualTo("AWAITING_PAYMENT");
        assertThat(find("main").getText()).contains("1372 3822 1643", "220.00", name);
        screenshot("employer-payment");
        new KeyHolders(context).payFor(id, name);

        staff.signIn(TestStaff.OPERATOR);
        assertThat(staff.produce(id)).isNotBlank();
        staff.open(id);
        find("#waybill").sendKeys("EA123456789CN");
        find("#ship-submit").click();
        waitFor(d -> "SHIPPED".equals(d.findElement(org.openqa.selenium.By.id("state")).getAttribute("data-state")));

        signInAsEmployer(mobile);
        assertThat(employer.statusOf(id)).isEqualTo("SHIPPED");
    }
}
