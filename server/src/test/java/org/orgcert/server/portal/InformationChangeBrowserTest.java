package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.orgcert.key.local.LocalApi;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.BrowserTest;
import org.orgcert.server.EmployerAgents;
import org.orgcert.server.KeyHolders;
import org.orgcert.server.PageWaits;
import org.orgcert.server.StaffPages;
import org.orgcert.server.TestStaff;
import org.orgcert.server.TestUscc;
import org.orgcert.server.certificate.CertificateRecord;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.notification.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * An information change from the employer's certificate page (R-FEE-1 c): the agent asks for a new name with a
 * scan of the new licence (a disguised file is refused next to its field), customer service compares and
 * approves in its workbench, and the agent sees the approval and the new certificate and has the assistant
 * write it to the key. The page also says where the certificate is accepted (R-USE-1..3).
 */
class InformationChangeBrowserTest extends BrowserTest {
    private static final String NEW_NAME = "昆明市更名浏览器测试有限公司";
    @Autowired
    RestTestClient client;
    @Autowired
    Notifications notifications;
    @Autowired
    ApplicationContext context;
    @Autowired
    CertificateStore certificates;

    @Test
    void anAgentAsksForANewNameCustomerServiceApprovesAndTheKeyGetsTheNewCertificate_R_FEE_1_c_R_CERT_5_R_USE()
            throws Exception {
        Uscc uscc = TestUscc.next();
        String mobile = EmployerAgents.nextMobile();
        new EmployerAgents(client, notifications).register(uscc, KeyHolders.NAME, mobile);
        KeyHolders.Holder holder = new KeyHolders(context).produce(uscc);
        CertificateRecord old = holder.certificate();
        String serial = old.serial().toString(16);
        Path scans = Files.createDirectories(Path.of("target", "test-scans"));
        Path licence = Files.write(scans.resolve("新营业执照.pdf"), "%PDF-1.7\n%%EOF\n".getBytes());
        Path disguised = Files.write(scans.resolve("执照.pdf"), Arrays.copyOf("MZ not a pdf".getBytes(), 64));

        EmployerPages employer = new EmployerPages(browser, this::url, notifications);
        employer.signIn(mobile);
        open("/my/certificates/" + serial);
        assertThat(find("#accepted").getText()).contains("昆明智慧就业", "云南省公共就业网上服务办事大厅", "一证通", "住房公积金");
        assertThat(find("#change-uscc").getText()).contains("统一社会信用代码不能变更");
        assertThat(find("#change-employerName-now").getText()).contains(KeyHolders.NAME);
        assertThat(findAll("#change-request")).isEmpty();

        // A renamed executable is refused by its content, next to the file field; the answers stay.
        find("#change-employerName").sendKeys(NEW_NAME);
        find("#change-reason").sendKeys("单位更名，见新营业执照");
        find("#change-file").sendKeys(disguised.toAbsolutePath().toString());
        employer.clickAndWait("change-submit");
        assertThat(find("#change-file-error").getText()).startsWith("只接受PDF、JPEG和PNG扫描件");
        assertThat(find("#change-file").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(find("#change-employerName").getAttribute("value")).isEqualTo(NEW_NAME);
        assertThat(find("#change-reason").getAttribute("value")).isEqualTo("单位更名，见新营业执照");
        assertThat(findAll("#change-request")).isEmpty();

        find("#change-file").sendKeys(licence.toAbsolutePath().toString());
        employer.clickAndWait("change-submit");
        waitFor(d -> d.getCurrentUrl().contains("changeRequested"));
        assertThat(find("#change-state").getAttribute("data-state")).isEqualTo("PENDING");
        assertThat(find("#change-state").getText()).isEqualTo("等待客服审核");
        assertThat(find("#change-asked").getText()).contains(KeyHolders.NAME + " → " + NEW_NAME);
        assertThat(findAll("#change-form")).as("one request at a time").isEmpty();

        // Customer service: the queue counts it; the page shows now and requested side by side, and the scan.
        StaffPages staff = new StaffPages(browser, this::url).signIn(TestStaff.SERVICE);
        assertThat(staff.queueCount("information-changes")).isPositive();
        find("#queue-information-changes a").click();
        waitFor(d -> d.getCurrentUrl().contains("/staff/service"));
        WebElement request = find("form[data-certificate='" + old.serialHex() + "']");
        String id = request.getAttribute("data-request");
        assertThat(find("#compare-" + id + " tr.name").getText()).contains(KeyHolders.NAME, NEW_NAME);
        assertThat(find("#compare-" + id + " tr.legal-representative").getText()).contains("张三", "（不变）");
        assertThat(find("#scan-" + id).getText()).contains("新营业执照.pdf", "PDF");
        assertThat(find("#scan-" + id).getAttribute("href")).endsWith("/api/v1/information-change-requests/" + id + "/scan");
        WebElement approve = find("#approve-" + id);
        approve.click();
        PageWaits.untilGone(browser, approve);
        waitFor(d -> !d.findElements(By.id("done")).isEmpty());
        assertThat(findAll("form[data-request='" + id + "']")).isEmpty();
        CertificateRecord successor = certificates.findSuccessor(old.serial()).orElseThrow();

        // Later (a new sign-in code: one a minute per number), the agent sees the approval and the new
        // certificate, and writes it to the key with the assistant.
        clock.advance(Duration.ofMinutes(2));
        browser.manage().deleteAllCookies();
        employer.signIn(mobile);
        open("/my/certificates/" + serial);
        assertThat(find("#change-state").getAttribute("data-state")).isEqualTo("APPROVED");
        assertThat(find("#successor-name").getText()).isEqualTo(NEW_NAME);
        assertThat(find("#change-successor").getAttribute("data-serial")).isEqualTo(successor.serial().toString(16));
        // Issue 11 item 4: the old certificate is still valid until the new one is on the key, at the latest 30
        // days on, and the next step is said in plain words, without a command for the HR clerk.
        assertThat(find("#cert-state").getText()).isEqualTo("有效");
        assertThat(find("#change-old-valid").getText()).contains("原证书仍然有效")
                .contains(org.orgcert.server.calendar.ShanghaiTime.dateOf(successor.signedAt()
                        .plus(Duration.ofDays(30))).toString());
        assertThat(find("#fetch-successor-how").getText()).contains("USB Key助手").doesNotContain("orgcert-key");
        assertThat(find("#main").getText()).doesNotContain("orgcert-key").doesNotContain("fetch-successor");
        screenshot("approved");
        try (LocalApi api = LocalAssistants.start(holder, url(""), clock)) {
            find("#fetch-pin").sendKeys(new String(holder.pin()));
            find("#fetch-button").click();
            waitFor(d -> d.findElement(By.id("fetch-result")).getText().startsWith("新证书已写入USB Key"));
            assertThat(find("#fetch-result").getText()).endsWith("原证书已注销。");
            screenshot("written");
        }
        // Written and confirmed by the assistant: the old certificate is revoked now (superseded).
        open("/my/certificates/" + serial);
        assertThat(find("#cert-state").getText()).isEqualTo("已注销");
        assertThat(find("#change-old-ended").getText()).isEqualTo("新证书已写入USB Key，原证书已注销。");
        assertThat(findAll("#fetch-successor")).isEmpty();
        assertThat(certificates.findBySerial(old.serial()).orElseThrow().revocationReason())
                .isEqualTo(org.orgcert.pki.crl.RevocationReason.SUPERSEDED);
        assertThat(holder.token().certificate()).hasValueSatisfying(held ->
                assertThat(held).isEqualTo(successor.certificate().orElseThrow()));
        find("#change-successor a").click();
        waitFor(d -> d.getCurrentUrl().endsWith("/my/certificates/" + successor.serial().toString(16)));
        assertThat(find("#certificate").getText()).contains(NEW_NAME);
        assertThat(find("#cert-state").getText()).isEqualTo("有效");
    }
}
