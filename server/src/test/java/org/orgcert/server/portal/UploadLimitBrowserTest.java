package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.BrowserTest;
import org.orgcert.server.EmployerAgents;
import org.orgcert.server.KeyHolders;
import org.orgcert.server.PageWaits;
import org.orgcert.server.TestUscc;
import org.orgcert.server.application.MaterialItem;
import org.orgcert.server.notification.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * A scan over the limit (R-MAT-1..5: at most 10 MB each) on the portal's upload forms gives the page back with
 * the reason next to the file field in the reader's language, never the JSON of a refusal or a browser error,
 * and stores nothing. The page's script refuses it before sending ({@code upload-limit.js}; 25 MB, more than
 * Tomcat drops, would reset the connection otherwise); without the script, 15 MB reaches the server beyond the
 * servlet's form limit (12 MB) and {@link UploadLimitFilter} sends the browser back to the form's page.
 */
class UploadLimitBrowserTest extends BrowserTest {
    private static final int MB = 1024 * 1024;

    @Autowired
    RestTestClient client;
    @Autowired
    Notifications notifications;
    @Autowired
    ApplicationContext context;

    @Test
    void aScanOverTheLimitGivesTheApplicationPageBackWithTheReason_R_MAT_1() throws IOException {
        String mobile = EmployerAgents.nextMobile();
        new EmployerAgents(client, notifications).register(TestUscc.next(), "昆明市大文件有限公司", mobile);
        EmployerPages pages = new EmployerPages(browser, this::url, notifications);
        pages.signIn(mobile);
        pages.fillAtWindow("wuhua", "李四");
        UUID id = pages.submit();

        // Without the script: the server sends the browser back to the page (Chinese).
        pages.select("#item", MaterialItem.BUSINESS_LICENCE_COPY.name());
        find("#file").sendKeys(scan("licence-15mb.pdf", 15).toAbsolutePath().toString());
        submitWithoutTheScript("upload-form");
        screenshot("15mb-zh");
        assertThat(browser.getCurrentUrl()).contains("/my/applications/" + id + "?fileTooLarge");
        assertThat(find("#file-error").getText()).isEqualTo("扫描件不能超过10 MB：请降低分辨率或扫描为PDF。");
        assertThat(find("#file").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(findAll(".document")).isEmpty();

        // With it: refused before sending (English).
        open("/my/applications/" + id + "?lang=en");
        pages.select("#item", MaterialItem.BUSINESS_LICENCE_COPY.name());
        find("#file").sendKeys(scan("licence-25mb.pdf", 25).toAbsolutePath().toString());
        find("#upload").click();
        waitFor(d -> !d.findElements(By.id("file-error")).isEmpty());
        screenshot("25mb-en");
        assertThat(find("#file-error").getText()).isEqualTo("A scan may have at most 10 MB: scan at a lower"
                + " resolution or as PDF.");
        assertThat(find("#file").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(find("#file").getAttribute("aria-describedby")).isEqualTo("file-error");

        open("/my/applications/" + id);
        assertThat(findAll(".document")).isEmpty();
        assertThat(find("#materials li[data-item=BUSINESS_LICENCE_COPY]").getText()).doesNotContain("licence-");
    }

    @Test
    void aScanOverTheLimitGivesTheCertificatePageBackWithTheReasonAndNoRequest_R_FEE_1_c() throws IOException {
        String mobile = EmployerAgents.nextMobile();
        Uscc uscc = TestUscc.next();
        new EmployerAgents(client, notifications).register(uscc, KeyHolders.NAME, mobile);
        String serial = new KeyHolders(context).produce(uscc).certificate().serial().toString(16);
        EmployerPages pages = new EmployerPages(browser, this::url, notifications);
        pages.signIn(mobile);

        // With the script: refused before sending, the answers kept (Chinese).
        open("/my/certificates/" + serial);
        fillTheChangeForm(scan("licence-25mb.pdf", 25));
        find("#change-submit").click();
        waitFor(d -> !d.findElements(By.id("change-file-error")).isEmpty());
        screenshot("25mb-zh");
        assertThat(find("#change-file-error").getText()).isEqualTo("扫描件不能超过10 MB，请降低分辨率或扫描为PDF。");
        assertThat(find("#change-file").getAttribute("aria-describedby")).isEqualTo("change-file-hint change-file-error");
        assertThat(find("#change-reason").getAttribute("value")).isEqualTo("单位更名");

        // Without it: the server sends the browser back to the page (English).
        open("/my/certificates/" + serial + "?lang=en");
        fillTheChangeForm(scan("licence-15mb.pdf", 15));
        submitWithoutTheScript("change-form");
        screenshot("15mb-en");
        assertThat(browser.getCurrentUrl()).contains("/my/certificates/" + serial + "?fileTooLarge#change");
        assertThat(find("#change-file-error").getText()).isEqualTo("A scan may have at most 10 MB: scan at a lower"
                + " resolution or as PDF.");
        assertThat(find("#change-file").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(findAll("#change-request")).isEmpty();
    }

    private void fillTheChangeForm(Path file) {
        find("#change-employerName").sendKeys("昆明市新名称有限公司");
        find("#change-reason").sendKeys("单位更名");
        find("#change-file").sendKeys(file.toAbsolutePath().toString());
    }

    /** Submits the form as a browser without the page's scripts would: {@code form.submit()} fires no submit event. */
    private void submitWithoutTheScript(String formId) {
        WebElement form = find("#" + formId);
        ((JavascriptExecutor) browser).executeScript("arguments[0].submit()", form);
        PageWaits.untilGone(browser, form);
    }

    /** A PDF-looking file of {@code megabytes} MB. */
    private Path scan(String name, int megabytes) throws IOException {
        Path file = downloads.resolve(name);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII));
            byte[] block = new byte[MB];
            for (int i = 0; i < megabytes; i++) {
                out.write(block);
            }
        }
        return file;
    }
}
