package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.BrowserTest;
import org.orgcert.server.EmployerAgents;
import org.orgcert.server.KeyHolders;
import org.orgcert.server.TestUscc;
import org.orgcert.server.application.ApplicationKind;
import org.orgcert.server.notification.Notifications;
import org.openqa.selenium.JavascriptExecutor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Paying and the invoice on the employer's status page (R-FEE-2, R-FEE-4): the payment box while awaiting
 * payment (account, amount, the remark to use, the invoice-request QR image), then the invoice request form
 * with its refusals next to the field.
 */
class EmployerPaymentBrowserTest extends BrowserTest {
    private static final String NAME = "昆明市付款测试有限公司";
    @Autowired
    RestTestClient client;
    @Autowired
    Notifications notifications;
    @Autowired
    ApplicationContext context;

    @Test
    void anAdditionalCertificateShowsThePaymentBoxThenTheInvoiceForm_R_FEE_2_R_FEE_4() {
        Uscc uscc = TestUscc.next();
        String mobile = EmployerAgents.nextMobile();
        new EmployerAgents(client, notifications).register(uscc, NAME, mobile);
        KeyHolders holders = new KeyHolders(context);
        UUID id = holders.approved(uscc, NAME, ApplicationKind.ADDITIONAL).id();

        EmployerPages pages = new EmployerPages(browser, this::url, notifications);
        pages.signIn(mobile);
        assertThat(pages.statusOf(id)).isEqualTo("AWAITING_PAYMENT");
        assertThat(find("#amount-due").getText()).isEqualTo("220.00元");
        assertThat(find("#remark").getText()).isEqualTo(NAME);
        Number qrWidth = (Number) ((JavascriptExecutor) browser).executeScript(
                "var img = document.querySelector('#payment img'); return img.complete ? img.naturalWidth : -1;");
        assertThat(qrWidth.intValue()).isPositive();
        assertThat(findAll("#invoice")).isEmpty();

        holders.payFor(id, NAME);
        assertThat(pages.statusOf(id)).isEqualTo("APPROVED");
        assertThat(findAll("#payment")).isEmpty();
        assertThat(find("#invoice-taxNumber").getAttribute("value")).isEqualTo(uscc.value());
        find("#invoice-amount").clear();
        find("#invoice-amount").sendKeys("999");
        find("#invoice-email").sendKeys("finance@example.cn");
        pages.clickAndWait("invoice-submit");
        assertThat(find("#invoice-amount-error").getText()).isEqualTo("请填写大于0且不超过已付未开票金额的数额。");
        assertThat(find("#invoice-amount").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(findAll("#invoice-requests li")).isEmpty();

        find("#invoice-amount").clear();
        find("#invoice-amount").sendKeys("220.00");
        pages.clickAndWait("invoice-submit");
        waitFor(d -> d.getCurrentUrl().contains("invoiced"));
        assertThat(find("#invoice-requests li").getText()).contains("220.00元", "finance@example.cn");
    }
}
