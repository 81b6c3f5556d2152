package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.BrowserTest;
import org.orgcert.server.EmployerAgents;
import org.orgcert.server.KeyHolders;
import org.orgcert.server.TestUscc;
import org.orgcert.server.notification.Notifications;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The certificate page of the employer's pages: expiry and renewal window (R-REN-1), renewal through the USB-key
 * assistant (a clear message when it is not running), and reporting a loss with a confirmation step (R-FEE-2).
 */
class EmployerCertificateBrowserTest extends BrowserTest {
    @Autowired
    RestTestClient client;
    @Autowired
    Notifications notifications;
    @Autowired
    ApplicationContext context;

    @Test
    void anAgentSeesTheExpiryTriesToRenewWithoutTheAssistantAndReportsTheKeyLost_R_REN_1_R_FEE_2() {
        Uscc uscc = TestUscc.next();
        String mobile = EmployerAgents.nextMobile();
        new EmployerAgents(client, notifications).register(uscc, KeyHolders.NAME, mobile);
        KeyHolders.Holder holder = new KeyHolders(context).produce(uscc);
        String serial = holder.certificate().serial().toString(16);

        EmployerPages pages = new EmployerPages(browser, this::url, notifications);
        pages.signIn(mobile);
        assertThat(find("#certificates li").getAttribute("data-serial")).isEqualTo(serial);
        assertThat(find("#certificates li").getAttribute("data-renewal-open")).isEqualTo("false");
        find("#certificates li a").click();
        waitFor(d -> d.getCurrentUrl().contains("/my/certificates/"));
        waitFor(d -> d.getCurrentUrl().endsWith("/my/certificates/" + serial));
        assertThat(find("#expiry").getText()).startsWith("有效期至").contains("剩余");
        assertThat(find("#renew").getText()).contains("到期前30天起可以续期");

        // Nothing listens on 127.0.0.1:17017 in the test: the page says to open the assistant (in words, no command).
        find("#renew-pin").sendKeys("wrong-pin-1");
        find("#renew-button").click();
        waitFor(d -> d.findElement(By.id("renew-result")).getText().contains("打开“USB Key助手”程序"));

        pages.clickAndWait("end-next");
        assertThat(find("#reason-error").getText()).isEqualTo("请选择发生了什么。");
        find("#reason-LOST").click();
        pages.clickAndWait("end-next");
        assertThat(find("#end-confirm").getText()).contains("USB Key丢失", "永久注销");
        assertThat(find("#cert-state").getText()).isEqualTo("有效");
        pages.clickAndWait("end-confirm-button");
        waitFor(d -> d.getCurrentUrl().contains("ended"));
        assertThat(find("#cert-state").getText()).isEqualTo("已注销");
        assertThat(findAll("#renew")).isEmpty();
    }

    @Test
    void anotherEmployersCertificateIsNotFound() {
        Uscc uscc = TestUscc.next();
        new EmployerAgents(client, notifications).register(uscc, KeyHolders.NAME, EmployerAgents.nextMobile());
        String serial = new KeyHolders(context).produce(uscc).certificate().serial().toString(16);
        String other = EmployerAgents.nextMobile();
        new EmployerAgents(client, notifications).register(TestUscc.next(), "昆明市别家有限公司", other);
        new EmployerPages(browser, this::url, notifications).signIn(other);
        open("/my/certificates/" + serial);
        assertThat(findAll("#certificate")).isEmpty();
        assertThat(find("#error-message").getText()).isEqualTo("未找到该证书：请核对证书序列号。");
    }
}
