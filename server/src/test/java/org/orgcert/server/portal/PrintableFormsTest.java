package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.ApplicationApi;
import org.orgcert.server.BrowserSession;
import org.orgcert.server.EmployerAgents;
import org.orgcert.server.PdfFiles;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestStaff;
import org.orgcert.server.TestUscc;
import org.orgcert.server.notification.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The printable forms as PDF (R-MAT-3..6) and the usage guide (R-DOC-1), read back with PDFBox: Chinese
 * text present and extractable, the font embedded, pre-filled fields from the application, the legal
 * representative's ID only through the audited register read, and the application's access rules.
 */
@ServiceTest
@AutoConfigureRestTestClient
class PrintableFormsTest extends ServiceTestBase {
    /** The ID number {@link EmployerAgents#register} gives every legal representative. */
    static final String REP_ID = "11010519491231002X";

    @Autowired
    RestTestClient client;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Notifications notifications;

    @Test
    void blankApplicationFormHasTheFormTheMarkedSealAndSignatureBoxesAndItsBack_R_MAT_3_R_MAT_6() {
        byte[] pdf = client.get().uri("/forms/application-form.pdf").exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_PDF)
                .expectHeader().valueMatches("Content-Disposition", "attachment; filename=\"application-form.pdf\"")
                .returnResult(byte[].class).getResponseBody();
        String text = PdfFiles.text(pdf);
        assertThat(PdfFiles.pages(pdf)).isEqualTo(2);
        assertThat(text).contains("单位数字证书业务申请表", "统一社会信用代码", "法定代表人身份证号码", "被授权人身份证号码",
                "单位公章", "（此处盖公章）", "法定代表人签字", "经办人签字", "电子认证服务协议", "用人单位（盖章）", "一式两份");
        assertFontsEmbedded(pdf);
    }

    @Test
    void blankMailingFormMarksTheSealAtTheOrganisationsName_R_MAT_4() {
        byte[] pdf = client.get().uri("/forms/mailing-form.pdf").exchange().expectStatus().isOk()
                .returnResult(byte[].class).getResponseBody();
        String text = PdfFiles.text(pdf);
        assertThat(PdfFiles.pages(pdf)).isEqualTo(1);
        assertThat(text).contains("用人单位邮寄收件地址登记表", "单位名称", "（在单位名称处盖公章）", "邮政编码",
                "400-600-7210为云南CA咨询投诉电话", "一式一份");
        assertFontsEmbedded(pdf);
    }

    @Test
    void prefilledApplicationFormCarriesTheApplicationAndTheAuditedLegalRepresentativeId_R_MAT_3_R_MAT_5() {
        Uscc uscc = TestUscc.next();
        new EmployerAgents(client, notifications).register(uscc, ApplicationApi.NAME, EmployerAgents.nextMobile());
        Map<String, Object> form = ApplicationApi.form("WINDOW", "WINDOW_PICKUP", "wuhua", false);
        form.put("uscc", uscc.value());
        Map<String, Object> created = new ApplicationApi(client).submit(form, 201);

        byte[] pdf = client.get().uri("/portal/applications/{id}/application-form.pdf", created.get("id"))
                .headers(TestStaff.as(TestStaff.CA_CLERK)).exchange().expectStatus().isOk()
                .expectHeader().valueMatches("Cache-Control", ".*no-store.*")
                .returnResult(byte[].class).getResponseBody();
        String text = PdfFiles.text(pdf);
        assertThat(text).contains(created.get("number").toString(), ApplicationApi.NAME, uscc.value(),
                ApplicationApi.LEGAL_REP, REP_ID, "李四", "五华区劳动就业服务局", "昆明市五华区人民中路 1 号");
        // Not in person: the agent's own ID number is not known here and stays blank (written by hand).
        assertThat(text.split(REP_ID, -1)).hasSize(2);
        assertFontsEmbedded(pdf);
        assertThat(jdbc.queryForList("SELECT actor FROM audit_record WHERE action ="
                + " 'employer.legal-representative-disclosed' AND detail LIKE ?", String.class,
                "%" + created.get("number") + "%")).containsExactly("staff:t-ca-clerk");
    }

    @Test
    void legalRepresentativeInPersonFillsTheAgentsMobileAndTheAuthorisedPersonsId_R_MAT_2_R_MAT_5() {
        Uscc uscc = TestUscc.next();
        String repMobile = EmployerAgents.nextMobile();
        client.post().uri("/api/v1/employers").headers(TestStaff.as(TestStaff.CA_CLERK))
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("uscc", uscc.value(), "name", ApplicationApi.NAME,
                        "address", "昆明市五华区人民中路 1 号", "legalRepresentative", Map.of("name",
                                ApplicationApi.LEGAL_REP, "idNumber", REP_ID, "mobile", repMobile), "contacts",
                        List.of(Map.of("name", "李四", "mobile", EmployerAgents.nextMobile(), "email", "li@example.cn"))))
                .exchange().expectStatus().isCreated();
        Map<String, Object> form = ApplicationApi.form("CA_HALL", "ON_THE_SPOT", null, false);
        form.put("uscc", uscc.value());
        form.put("legalRepInPerson", true);
        form.put("agentName", ApplicationApi.LEGAL_REP);
        Map<String, Object> created = new ApplicationApi(client).submit(form, 201);

        String text = PdfFiles.text(client.get().uri("/portal/applications/{id}/application-form.pdf",
                created.get("id")).headers(TestStaff.as(TestStaff.REVIEWER)).exchange().expectStatus().isOk()
                .returnResult(byte[].class).getResponseBody());
        // The representative's ID twice (their own line and the authorised person's) and their mobile.
        assertThat(text.split(REP_ID, -1)).hasSize(3);
        assertThat(text).containsPattern("经办人手机号码\\s*" + repMobile);
    }

    @Test
    void anUnregisteredEmployersFormLeavesTheIdNumberBlankAndReadsNothing_R_MAT_5() {
        Map<String, Object> created = new ApplicationApi(client).submit(ApplicationApi.form("MAIL", "MAIL", null,
                true), 201);
        String text = PdfFiles.text(client.get().uri("/portal/applications/{id}/application-form.pdf",
                created.get("id")).headers(TestStaff.as(TestStaff.CA_CLERK)).exchange().expectStatus().isOk()
                .returnResult(byte[].class).getResponseBody());
        assertThat(text).contains(created.get("number").toString()).doesNotContain(REP_ID);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE action ="
                + " 'employer.legal-representative-disclosed' AND detail LIKE ?", Long.class,
                "%" + created.get("number") + "%")).isZero();
    }

    @Test
    void mailingFormOfAMailedApplicationIsFilledAndOthersHaveNone_R_MAT_4() {
        ApplicationApi api = new ApplicationApi(client);
        Map<String, Object> mailed = api.submit(ApplicationApi.form("MAIL", "MAIL", null, true), 201);
        String text = PdfFiles.text(client.get().uri("/portal/applications/{id}/mailing-form.pdf", mailed.get("id"))
                .headers(TestStaff.as(TestStaff.CA_CLERK)).exchange().expectStatus().isOk()
                .returnResult(byte[].class).getResponseBody());
        assertThat(text).contains(mailed.get("number").toString(), ApplicationApi.NAME, "李四", "13812345678", "云南省",
                "昆明市", "五华区", "正义路1号", "650000");

        Map<String, Object> atHall = api.submit(ApplicationApi.form("CA_HALL", "ON_THE_SPOT", null, false), 201);
        String page = client.get().uri("/portal/applications/{id}/mailing-form.pdf", atHall.get("id"))
                .headers(TestStaff.as(TestStaff.CA_CLERK)).exchange().expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .returnResult(String.class).getResponseBody();
        assertThat(page).contains("该申请不采用邮寄方式，因此没有邮寄收件地址登记表。");
    }

    @Test
    void theFormsOfAnApplicationFollowItsAccessRules() {
        ApplicationApi api = new ApplicationApi(client);
        EmployerAgents agents = new EmployerAgents(client, notifications);
        Uscc own = TestUscc.next();
        String mobile = EmployerAgents.nextMobile();
        agents.register(own, ApplicationApi.NAME, mobile);
        Map<String, Object> form = ApplicationApi.form("WINDOW", "WINDOW_PICKUP", "wuhua", false);
        form.put("uscc", own.value());
        Object ownId = api.submit(form, 201).get("id");
        Object otherId = api.submit(ApplicationApi.form("WINDOW", "WINDOW_PICKUP", "wuhua", false), 201).get("id");

        BrowserSession agent = agents.signIn(mobile);
        client.get().uri("/portal/applications/{id}/application-form.pdf", ownId).headers(agent::cookies).exchange()
                .expectStatus().isOk().expectHeader().contentType(MediaType.APPLICATION_PDF);
        // Another employer's application does not exist for this agent; a clerk of another window may not.
        client.get().uri("/portal/applications/{id}/application-form.pdf", otherId).headers(agent::cookies)
                .exchange().expectStatus().isNotFound();
        client.get().uri("/portal/applications/{id}/application-form.pdf", ownId)
                .headers(TestStaff.as(TestStaff.clerk("xishan"))).exchange().expectStatus().isForbidden();
        // Nobody signed in: to the sign-in page, and nothing is read.
        client.get().uri("/portal/applications/{id}/application-form.pdf", ownId).accept(MediaType.TEXT_HTML)
                .exchange().expectStatus().is3xxRedirection().expectHeader().valueMatches("Location", ".*/login");
    }

    @Test
    void usageGuideDownloadsInTheReadersLanguage_R_DOC_1() {
        byte[] chinese = client.get().uri("/guide.pdf").exchange().expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_PDF).returnResult(byte[].class).getResponseBody();
        assertThat(PdfFiles.text(chinese)).contains("数字证书使用说明", "年审续期", "400-600-7210", "第1页");
        assertFontsEmbedded(chinese);
        byte[] english = client.get().uri("/guide.pdf?lang=en").exchange().expectStatus().isOk()
                .returnResult(byte[].class).getResponseBody();
        assertThat(PdfFiles.text(english)).contains("Usage guide for the certificate", "Annual renewal", "page 1");
    }

    /** Every font is embedded as a TrueType program (a subset of the CJK font), none only referenced. */
    static void assertFontsEmbedded(byte[] pdf) {
        assertThat(PdfFiles.fonts(pdf)).isNotEmpty().allSatisfy(font -> assertThat(font)
                .contains("embedded=true", "file2=true"));
    }
}
