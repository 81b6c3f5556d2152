package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.BrowserTest;
import org.orgcert.server.EmployerAgents;
import org.orgcert.server.PageWaits;
import org.orgcert.server.StaffPages;
import org.orgcert.server.TestStaff;
import org.orgcert.server.TestUscc;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.employer.EmployerDirectory;
import org.orgcert.server.employer.EmployerView;
import org.orgcert.server.employer.MobileNumber;
import org.orgcert.server.notification.Notifications;
import org.orgcert.server.notification.OutboxMessage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Issue 11 item 5 in the browser: customer service replaces an employer's sign-in number on
 * {@code /staff/service/sign-in-numbers} with the reason and a scan of the paper (refused next to its field without
 * them, nothing changed), sees the result, and both numbers get an SMS; a window clerk cannot open the page.
 */
class StaffSignInNumbersBrowserTest extends BrowserTest {
    @Autowired
    RestTestClient client;
    @Autowired
    Notifications notifications;
    @Autowired
    EmployerDirectory directory;
    @Autowired
    AuditLog audit;

    @Test
    void customerServiceReplacesASignInNumberWithReasonAndScan_issue11_item5() throws Exception {
        Uscc uscc = TestUscc.next();
        String contact = EmployerAgents.nextMobile();
        String replacement = EmployerAgents.nextMobile();
        new EmployerAgents(client, notifications).register(uscc, "昆明市换号浏览器测试有限公司", contact);
        EmployerView employer = directory.findByUscc(uscc).orElseThrow();
        Path letter = Files.write(Files.createDirectories(Path.of("target", "test-scans")).resolve("换号申请.pdf"),
                "%PDF-1.7\n%%EOF\n".getBytes());
        String maskedContact = MobileNumber.parse(contact).masked();
        String maskedReplacement = MobileNumber.parse(replacement).masked();

        // A window clerk is not customer service: the page is the 403 page, with no form.
        StaffPages staff = new StaffPages(browser, this::url).signIn(TestStaff.clerk("wuhua"));
        open("/staff/service/sign-in-numbers?uscc=" + uscc.value());
        assertThat(find("#error-message").getText()).isEqualTo("您账户的岗位不能进行此操作。");
        assertThat(findAll("#change")).isEmpty();

        staff.signIn(TestStaff.SERVICE);
        open("/staff/service");
        find("#sign-in-numbers-link").click();
        waitFor(d -> d.getCurrentUrl().endsWith("/staff/service/sign-in-numbers"));
        find("#uscc").sendKeys(uscc.value());
        clickAndWait("find-submit");
        assertThat(find("#employer-name").getText()).isEqualTo("昆明市换号浏览器测试有限公司");
        assertThat(find("#numbers tr.contact").getText()).contains("李四", maskedContact).doesNotContain(contact);

        // Without a reason: said next to the field, the numbers kept, nothing changed.
        find("#oldMobile").sendKeys(contact);
        find("#newMobile").sendKeys(replacement);
        find("#file").sendKeys(letter.toAbsolutePath().toString());
        clickAndWait("change-submit");
        assertThat(find("#reason-error").getText()).isEqualTo("请填写书面申请中的理由（最多500字）。");
        assertThat(find("#reason").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(find("#oldMobile").getAttribute("value")).isEqualTo(contact);
        // Without the scan: the same.
        find("#reason").sendKeys("联系人李四离职，单位来函（加盖公章）更换");
        clickAndWait("change-submit");
        assertThat(find("#file-error").getText()).isEqualTo("请上传申请变更的签章书面材料扫描件。");
        assertThat(find("#reason").getAttribute("value")).isEqualTo("联系人李四离职，单位来函（加盖公章）更换");
        assertThat(directory.find(employer.id()).orElseThrow().version()).isEqualTo(employer.version());
        assertThat(notifications.latestTo(MobileNumber.parse(replacement), 5)).isEmpty();

        find("#file").sendKeys(letter.toAbsolutePath().toString());
        clickAndWait("change-submit");
        waitFor(d -> d.getCurrentUrl().contains("/staff/service/sign-in-numbers/changes/"));
        assertThat(find("#done").getText()).contains("新旧两个号码都已收到短信通知");
        assertThat(find("#result-old").getText()).isEqualTo(maskedContact);
        assertThat(find("#result-new").getText()).isEqualTo(maskedReplacement);
        assertThat(find("#result-holders").getText()).isEqualTo("联系人 李四");
        assertThat(find("#result-scan").getText()).contains("换号申请.pdf", "PDF");
        assertThat(find("#result-by").getText()).startsWith("staff:t-service");
        assertThat(find("main").getText()).doesNotContain(contact, replacement);

        assertThat(directory.find(employer.id()).orElseThrow().contacts().get(0).mobile()).isEqualTo(maskedReplacement);
        assertThat(notifications.latestTo(MobileNumber.parse(contact), 5)).extracting(OutboxMessage::text)
                .anySatisfy(text -> assertThat(text).contains("不能再为该单位登录"));
        assertThat(notifications.latestTo(MobileNumber.parse(replacement), 5)).hasSize(1);
        assertThat(audit.history("employer", employer.id().toString())).extracting(r -> r.entry().action())
                .contains("employer.sign-in-number-changed");

        // Back on the employer: the new number, and the change in its history.
        find("#back-to-employer").click();
        waitFor(d -> !d.findElements(By.id("history")).isEmpty());
        assertThat(find("#numbers tr.contact").getText()).contains(maskedReplacement);
        assertThat(find("#history").getText()).contains(maskedContact + " → " + maskedReplacement);
    }

    private void clickAndWait(String id) {
        WebElement button = find("#" + id);
        button.click();
        PageWaits.untilGone(browser, button);
    }
}
