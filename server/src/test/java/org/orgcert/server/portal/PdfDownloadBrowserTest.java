package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orgcert.server.ApplicationApi;
import org.orgcert.server.BrowserTest;
import org.orgcert.server.PdfFiles;
import org.orgcert.server.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The portal's PDFs downloaded by a real browser (R-MAT-3, R-MAT-4, R-MAT-6, R-DOC-1). */
class PdfDownloadBrowserTest extends BrowserTest {
    @Autowired
    RestTestClient client;

    @Test
    void theBlankFormsDownloadFromTheMaterialsPage_R_MAT_6() throws IOException {
        open("/materials");
        find("#blank-application-form").click();
        assertThat(text(downloaded("application-form.pdf"))).contains("单位数字证书业务申请表", "单位公章");
        find("#blank-mailing-form").click();
        assertThat(text(downloaded("mailing-form.pdf"))).contains("用人单位邮寄收件地址登记表");
    }

    @Test
    void theUsageGuideDownloadsInTheChosenLanguage_R_DOC_1() throws IOException {
        open("/guide?lang=en");
        find("#guide-pdf").click();
        assertThat(text(downloaded("usage-guide-en.pdf"))).contains("Usage guide for the certificate");
    }

    @Test
    void signedInStaffDownloadAnApplicationsPrefilledForms_R_MAT_3_R_MAT_4() throws IOException {
        Map<String, Object> created = new ApplicationApi(client).submit(ApplicationApi.form("MAIL", "MAIL", null, true),
                201);
        String form = "/portal/applications/" + created.get("id") + "/application-form.pdf";
        // Not signed in: the sign-in page, then straight on to the form asked for (a download: the page stays).
        open(form);
        waitFor(d -> d.getCurrentUrl().endsWith("/login"));
        find("#username").sendKeys(TestStaff.CA_CLERK);
        find("#password").sendKeys(TestStaff.PASSWORD);
        find("button[type=submit]").click();
        assertThat(text(downloaded("application-form-" + created.get("number") + ".pdf")))
                .contains(created.get("number").toString(), ApplicationApi.NAME, created.get("uscc").toString());

        open("/portal/applications/" + created.get("id") + "/mailing-form.pdf");
        assertThat(text(downloaded("mailing-form-" + created.get("number") + ".pdf"))).contains("正义路1号", "650000");
    }

    private static String text(Path pdf) throws IOException {
        byte[] bytes = Files.readAllBytes(pdf);
        assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        return PdfFiles.text(bytes);
    }
}
