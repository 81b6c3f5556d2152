package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.orgcert.key.KeyAssistant;
import org.orgcert.key.TokenSource;
import org.orgcert.key.local.AccessLog;
import org.orgcert.key.local.AllowedOrigins;
import org.orgcert.key.local.LocalApi;
import org.orgcert.key.service.ServiceClient;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.BrowserTest;
import org.orgcert.server.EmployerAgents;
import org.orgcert.server.KeyHolders;
import org.orgcert.server.TestUscc;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.notification.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The certificate page renews through the employer's USB-key assistant running on this machine
 * ({@code orgcert-key serve} on 127.0.0.1:17017, accepting this service's origin): R-REN-2 from the browser.
 */
class AssistantFromThePageBrowserTest extends BrowserTest {
    @Autowired
    RestTestClient client;
    @Autowired
    Notifications notifications;
    @Autowired
    ApplicationContext context;
    @Autowired
    CertificateStore certificates;

    @Test
    void thePageRenewsTheKeyThroughTheLocalAssistant_R_REN_2() throws Exception {
        Uscc uscc = TestUscc.next();
        String mobile = EmployerAgents.nextMobile();
        new EmployerAgents(client, notifications).register(uscc, KeyHolders.NAME, mobile);
        KeyHolders.Holder holder = new KeyHolders(context).produce(uscc);
        setTime(holder.certificate().notAfter().minus(Duration.ofDays(15)));
        String serial = holder.certificate().serial().toString(16);
        Path data = Path.of("target/test-data");
        String token = holder.token().info().serial();
        KeyAssistant assistant = new KeyAssistant(clock);
        try (LocalApi api = LocalApi.start(LocalApi.DEFAULT_PORT, AllowedOrigins.of(List.of(url(""))),
                new TokenSource.Software(data.resolve("tokens").resolve(token + ".token"),
                        data.resolve("keys/token-device.key")), assistant, new ServiceClient(URI.create(url(""))),
                clock, AccessLog.NONE)) {
            new EmployerPages(browser, this::url, notifications).signIn(mobile);
            open("/my/certificates/" + serial);
            find("#renew-pin").sendKeys(new String(holder.pin()));
            find("#renew-button").click();
            waitFor(d -> !d.findElement(By.id("renew-result")).getText().isBlank()
                    && certificates.findSuccessor(holder.certificate().serial()).isPresent());
            screenshot("renewed");
            assertThat(find("#renew-result").getText()).doesNotContain("orgcert-key serve");
        }
        assertThat(certificates.findSuccessor(holder.certificate().serial())).isPresent();
    }
}
