package org.orgcert.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.BrowserSession;
import org.orgcert.server.EmployerAgents;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestStaff;
import org.orgcert.server.TestUscc;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.audit.AuditRecord;
import org.orgcert.server.employer.EmployerDirectory;
import org.orgcert.server.employer.EmployerView;
import org.orgcert.server.employer.MobileNumber;
import org.orgcert.server.notification.Notifications;
import org.orgcert.server.notification.OutboxMessage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Issue 11 item 5, "a window clerk can become any employer": an employer's mobile numbers are who may sign in as
 * its agent, so no staff role changes them through the employer API, and customer service changes them only with a
 * reason and a scan of the paper, with an SMS to the old and the new number and an audit record.
 */
@ServiceTest
@AutoConfigureRestTestClient
class SignInNumberChangeTest extends ServiceTestBase {
    private static final byte[] PDF = "%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
    };

    @Autowired
    RestTestClient client;
    @Autowired
    Notifications notifications;
    @Autowired
    EmployerDirectory directory;
    @Autowired
    AuditLog audit;
    @Autowired
    JdbcTemplate jdbc;

    /** An employer whose legal representative has {@code repMobile} and whose one contact has {@code contactMobile}. */
    private EmployerView employer(String repMobile, String contactMobile) {
        Uscc uscc = TestUscc.next();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uscc", uscc.value());
        body.put("name", "昆明号码变更测试有限公司");
        body.put("address", "昆明市五华区人民中路 1 号");
        body.put("legalRepresentative", Map.of("name", "张三", "idNumber", "11010519491231002X", "mobile", repMobile));
        body.put("contacts", List.of(Map.of("name", "李四", "mobile", contactMobile, "email", "li@example.cn")));
        client.post().uri("/api/v1/employers").headers(TestStaff.as(TestStaff.CA_CLERK))
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange().expectStatus().isCreated();
        return directory.findByUscc(uscc).orElseThrow();
    }

    private RestTestClient.ResponseSpec patch(String user, EmployerView employer, Map<String, Object> body) {
        Map<String, Object> withVersion = new HashMap<>(body);
        withVersion.put("version", employer.version());
        return client.patch().uri("/api/v1/employers/{id}", employer.id()).headers(TestStaff.as(user))
                .contentType(MediaType.APPLICATION_JSON).body(withVersion).exchange();
    }

    private RestTestClient.ResponseSpec change(String user, UUID employerId, Map<String, String> fields, byte[] scan) {
        LinkedMultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        fields.forEach(body::add);
        if (scan != null) {
            body.add("file", new ByteArrayResource(scan) {
                @Override
                public String getFilename() {
                    return "变更申请.pdf";
                }
            });
        }
        return client.post().uri("/api/v1/employers/{id}/sign-in-number-changes", employerId)
                .headers(TestStaff.as(user)).contentType(MediaType.MULTIPART_FORM_DATA).body(body).exchange();
    }

    private List<OutboxMessage> smsTo(String mobile) {
        return notifications.latestTo(MobileNumber.parse(mobile), 10);
    }

    private int requestCode(String mobile) {
        BrowserSession browser = new BrowserSession(client).primeCsrf();
        return client.post().uri("/api/v1/employer-login/code").headers(browser::withCsrf)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("mobile", mobile)).exchange()
                .returnResult(String.class).getStatus().value();
    }

    private static String masked(String mobile) {
        return MobileNumber.parse(mobile).masked();
    }

    @Test
    void aClerkCaClerkOrOperatorPatchCannotChangeTheSignInNumbers_issue11_item5() {
        String rep = EmployerAgents.nextMobile();
        String contact = EmployerAgents.nextMobile();
        String clerksPhone = EmployerAgents.nextMobile();
        EmployerView employer = employer(rep, contact);

        for (String user : List.of(TestStaff.clerk("wuhua"), TestStaff.CA_CLERK, TestStaff.OPERATOR)) {
            Map<String, Object> contactSwap = Map.of("contacts",
                    List.of(Map.of("name", "李四", "mobile", clerksPhone, "email", "li@example.cn")));
            Map<String, Object> problem = patch(user, employer, contactSwap).expectStatus().isBadRequest()
                    .expectBody(JSON).returnResult().getResponseBody();
            assertThat(problem.get("type").toString()).as(user).endsWith("/sign-in-number-not-here");
            assertThat(problem.get("use")).isEqualTo("/api/v1/employers/" + employer.id() + "/sign-in-number-changes");

            Map<String, Object> repSwap = Map.of("legalRepresentative",
                    Map.of("name", "张三", "idNumber", "11010519491231002X", "mobile", clerksPhone));
            patch(user, employer, repSwap).expectStatus().isBadRequest();
            Map<String, Object> extraContact = Map.of("contacts", List.of(
                    Map.of("name", "李四", "mobile", contact, "email", "li@example.cn"),
                    Map.of("name", "王五", "mobile", clerksPhone)));
            patch(user, employer, extraContact).expectStatus().isBadRequest();
            // Nor through the new way: that is customer service's.
            change(user, employer.id(), Map.of("oldMobile", contact, "newMobile", clerksPhone, "reason", "换号"), PDF)
                    .expectStatus().isForbidden();
        }

        EmployerView after = directory.find(employer.id()).orElseThrow();
        assertThat(after.version()).isEqualTo(employer.version());
        assertThat(directory.findByMobile(MobileNumber.parse(clerksPhone))).isEmpty();
        // Each attempt is on record, by whom.
        assertThat(audit.history("employer", employer.id().toString()).stream()
                .filter(r -> r.entry().action().equals("employer.sign-in-number-change-refused"))
                .map(r -> r.entry().actor()).distinct()).containsExactly("staff:" + TestStaff.clerk("wuhua"),
                        "staff:" + TestStaff.CA_CLERK, "staff:" + TestStaff.OPERATOR);
        // The agent's sign-in code still goes to the contact's own phone, none to the clerk's.
        assertThat(requestCode(clerksPhone)).isEqualTo(202);
        assertThat(requestCode(contact)).isEqualTo(202);
        assertThat(smsTo(clerksPhone)).isEmpty();
        assertThat(smsTo(contact)).hasSize(1).first().satisfies(m -> assertThat(m.text()).contains("验证码"));

        // What is not a sign-in number a clerk still corrects: an address, a contact's name and email, numbers
        // sent back as they are.
        Map<String, Object> details = Map.of("address", "昆明市盘龙区 2 号", "contacts",
                List.of(Map.of("name", "李四四", "mobile", contact, "email", "li4@example.cn")));
        patch(TestStaff.clerk("wuhua"), after, details).expectStatus().isOk();
        assertThat(directory.find(employer.id()).orElseThrow().contacts().get(0).name()).isEqualTo("李四四");
    }

    @Test
    void customerServiceWithReasonAndScanChangesTheNumberBothNumbersGetAnSmsAndItIsAudited_issue11_item5() {
        String rep = EmployerAgents.nextMobile();
        String contact = EmployerAgents.nextMobile();
        String replacement = EmployerAgents.nextMobile();
        EmployerView employer = employer(rep, contact);
        BrowserSession oldAgent = new EmployerAgents(client, notifications).signIn(contact);
        client.get().uri("/api/v1/me").headers(oldAgent::cookies).exchange().expectStatus().isOk();

        Map<String, Object> made = change(TestStaff.SERVICE, employer.id(), Map.of("oldMobile", contact,
                "newMobile", replacement, "reason", "联系人李四离职，单位来函更换"), PDF)
                .expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
        assertThat(made).containsEntry("oldMobileMasked", masked(contact))
                .containsEntry("newMobileMasked", masked(replacement)).containsEntry("changedBy", "staff:t-service");
        assertThat(made.get("holders")).isEqualTo(List.of(Map.of("kind", "CONTACT", "name", "李四")));
        assertThat(made.toString()).doesNotContain(contact, replacement);

        EmployerView after = directory.find(employer.id()).orElseThrow();
        assertThat(after.contacts().get(0).mobile()).isEqualTo(masked(replacement));
        assertThat(after.contacts().get(0).name()).isEqualTo("李四");
        assertThat(directory.findByMobile(MobileNumber.parse(replacement))).extracting(EmployerView::id)
                .containsExactly(employer.id());
        assertThat(directory.findByMobile(MobileNumber.parse(contact))).isEmpty();

        // Both numbers are told, through the outbox.
        assertThat(smsTo(contact)).extracting(OutboxMessage::text).anySatisfy(text ->
                assertThat(text).contains("不能再为该单位登录", masked(replacement), "400-600-7210"));
        assertThat(smsTo(replacement)).hasSize(1).first()
                .satisfies(m -> assertThat(m.text()).contains("登录手机号", masked(contact)));

        // Audited, numbers masked only; the record holds them encrypted.
        List<AuditRecord> history = audit.history("employer", employer.id().toString());
        AuditRecord changed = history.stream().filter(r -> r.entry().action().equals("employer.sign-in-number-changed"))
                .findFirst().orElseThrow();
        assertThat(changed.entry().actor()).isEqualTo("staff:t-service");
        assertThat(changed.entry().detail()).contains(masked(contact), masked(replacement), "联系人李四离职",
                "sha256").doesNotContain(contact, replacement);
        String row = jdbc.queryForObject("SELECT row_to_json(c)::text FROM sign_in_number_change c WHERE id = ?::uuid",
                String.class, made.get("id"));
        assertThat(row).doesNotContain(contact, replacement, contact.substring(3), replacement.substring(3));

        // The old number's session ends with it; the new number signs in.
        client.get().uri("/api/v1/me").headers(oldAgent::cookies).exchange().expectStatus().isUnauthorized();
        clock.advance(Duration.ofMinutes(2));
        BrowserSession newAgent = new EmployerAgents(client, notifications).signIn(replacement);
        Map<String, Object> me = client.get().uri("/api/v1/me").headers(newAgent::cookies).exchange()
                .expectStatus().isOk().expectBody(JSON).returnResult().getResponseBody();
        assertThat(me.get("employerIds")).isEqualTo(List.of(employer.id().toString()));

        // Customer service reads the record and its scan back.
        client.get().uri("/api/v1/sign-in-number-changes/{id}/scan", made.get("id")).headers(TestStaff.as(TestStaff.SERVICE))
                .exchange().expectStatus().isOk().expectBody(byte[].class).isEqualTo(PDF);
        client.get().uri("/api/v1/employers/{id}/sign-in-number-changes", employer.id())
                .headers(TestStaff.as(TestStaff.SERVICE)).exchange().expectStatus().isOk()
                .expectBody(String.class).value(body -> assertThat(body).contains(made.get("id").toString()));
    }

    @Test
    void theLegalRepresentativesNumberToo_issue11_item5() {
        String rep = EmployerAgents.nextMobile();
        String replacement = EmployerAgents.nextMobile();
        // The legal representative is also the contact: both places change.
        EmployerView employer = employer(rep, rep);
        Map<String, Object> made = change(TestStaff.SERVICE, employer.id(), Map.of("oldMobile", rep,
                "newMobile", replacement, "reason", "法定代表人更换手机号，本人申请"), PDF)
                .expectStatus().isCreated().expectBody(JSON).returnResult().getResponseBody();
        assertThat(made.get("holders")).isEqualTo(List.of(Map.of("kind", "LEGAL_REPRESENTATIVE", "name", "张三"),
                Map.of("kind", "CONTACT", "name", "李四")));
        EmployerView after = directory.find(employer.id()).orElseThrow();
        assertThat(after.legalRepresentative().mobile()).isEqualTo(masked(replacement));
        assertThat(after.contacts().get(0).mobile()).isEqualTo(masked(replacement));
    }

    @Test
    void missingReasonOrScanIsRefusedAndNothingChanges_issue11_item5() {
        String rep = EmployerAgents.nextMobile();
        String contact = EmployerAgents.nextMobile();
        String replacement = EmployerAgents.nextMobile();
        EmployerView employer = employer(rep, contact);
        int records = changeRows(employer.id());

        Map<String, Object> noReason = change(TestStaff.SERVICE, employer.id(), Map.of("oldMobile", contact,
                "newMobile", replacement, "reason", "  "), PDF).expectStatus().isBadRequest().expectBody(JSON)
                .returnResult().getResponseBody();
        assertThat(errors(noReason)).containsOnlyKeys("reason");
        Map<String, Object> noScan = change(TestStaff.SERVICE, employer.id(), Map.of("oldMobile", contact,
                "newMobile", replacement, "reason", "单位来函"), null).expectStatus().isBadRequest().expectBody(JSON)
                .returnResult().getResponseBody();
        assertThat(errors(noScan)).containsOnlyKeys("file");
        Map<String, Object> notAScan = change(TestStaff.SERVICE, employer.id(), Map.of("oldMobile", contact,
                "newMobile", replacement, "reason", "单位来函"), "MZ this is no scan".getBytes(StandardCharsets.US_ASCII))
                .expectStatus().isEqualTo(415).expectBody(JSON).returnResult().getResponseBody();
        assertThat(notAScan.get("type").toString()).endsWith("/unsupported-file-type");
        Map<String, Object> stranger = change(TestStaff.SERVICE, employer.id(), Map.of("oldMobile",
                EmployerAgents.nextMobile(), "newMobile", replacement, "reason", "单位来函"), PDF)
                .expectStatus().isEqualTo(409).expectBody(JSON).returnResult().getResponseBody();
        assertThat(stranger.get("type").toString()).endsWith("/old-number-not-registered");
        Map<String, Object> taken = change(TestStaff.SERVICE, employer.id(), Map.of("oldMobile", contact,
                "newMobile", rep, "reason", "单位来函"), PDF).expectStatus().isEqualTo(409).expectBody(JSON)
                .returnResult().getResponseBody();
        assertThat(taken.get("type").toString()).endsWith("/new-number-already-registered");

        EmployerView after = directory.find(employer.id()).orElseThrow();
        assertThat(after.version()).isEqualTo(employer.version());
        assertThat(after.contacts().get(0).mobile()).isEqualTo(masked(contact));
        assertThat(directory.findByMobile(MobileNumber.parse(replacement))).isEmpty();
        assertThat(smsTo(replacement)).isEmpty();
        assertThat(smsTo(contact)).isEmpty();
        assertThat(changeRows(employer.id())).isEqualTo(records);
        // Each refused attempt is audited, without the numbers.
        List<AuditRecord> refused = audit.history("employer", employer.id().toString()).stream()
                .filter(r -> r.entry().action().equals("employer.sign-in-number-change-refused")).toList();
        assertThat(refused).extracting(r -> r.entry().detail()).containsExactly("invalid-input [reason]",
                "invalid-input [file]", "unsupported-file-type", "old-number-not-registered",
                "new-number-already-registered");
    }

    private int changeRows(UUID employerId) {
        return jdbc.queryForObject("SELECT count(*) FROM sign_in_number_change WHERE employer_id = ?", Integer.class,
                employerId);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> errors(Map<String, Object> problem) {
        assertThat(problem.get("type").toString()).endsWith("/invalid-input");
        return (Map<String, Object>) problem.get("errors");
    }
}
