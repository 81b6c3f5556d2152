package org.orgcert.server.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The bureau's SMS texts (R-SMS-2): who reads and edits them, and which texts are refused. */
@ServiceTest
@AutoConfigureRestTestClient
class SmsTextsTest extends ServiceTestBase {
    @Autowired
    RestTestClient client;
    @Autowired
    SmsTexts texts;
    @Autowired
    JdbcTemplate jdbc;

    @AfterEach
    void defaults() {
        for (SmsText text : SmsText.values()) {
            client.delete().uri("/api/v1/sms-texts/{k}", text.key()).headers(TestStaff.as(TestStaff.ADMIN)).exchange();
        }
    }

    private RestTestClient.ResponseSpec put(String user, String key, String text) {
        return client.put().uri("/api/v1/sms-texts/{k}", key).headers(TestStaff.as(user))
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("text", text)).exchange();
    }

    @Test
    void theAdministratorEditsATextAndItIsWhatIsSentAndAudited_R_SMS_2() {
        List<?> all = client.get().uri("/api/v1/sms-texts").headers(TestStaff.as(TestStaff.SERVICE)).exchange()
                .expectStatus().isOk().expectBody(List.class).returnResult().getResponseBody();
        assertThat(all).hasSize(SmsText.values().length);
        client.get().uri("/api/v1/sms-texts").headers(TestStaff.as(TestStaff.REVIEWER)).exchange()
                .expectStatus().isForbidden();

        put(TestStaff.ADMIN, "review.rejected", "【昆明就业】{employer}的申请{number}被驳回：{reason}").expectStatus().isOk()
                .expectBody().jsonPath("$.changed").isEqualTo(true).jsonPath("$.changedBy").isEqualTo("staff:t-admin");
        assertThat(texts.render(SmsText.REVIEW_REJECTED, Map.of("employer", "测试公司", "number", "A-1",
                "reason", "材料不全"))).isEqualTo("【昆明就业】测试公司的申请A-1被驳回：材料不全");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE action = 'sms-text.changed'"
                + " AND subject_id = 'review.rejected'", Long.class)).isPositive();

        client.delete().uri("/api/v1/sms-texts/review.rejected").headers(TestStaff.as(TestStaff.ADMIN)).exchange()
                .expectStatus().isOk();
        assertThat(texts.render(SmsText.REVIEW_REJECTED, Map.of("employer", "测试公司", "number", "A-1",
                "reason", "材料不全"))).startsWith("【昆明就业】测试公司：").contains("原因：材料不全");
    }

    @Test
    void unknownPlaceholdersStrayBracesTooLongAndEmptyTextsAreRefused_R_SMS_2() {
        put(TestStaff.ADMIN, "review.approved", "【昆明就业】{employer}已通过，原因{reason}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://orgcert.example/problems/sms-text-unknown-placeholder")
                .jsonPath("$.placeholder").isEqualTo("reason");
        put(TestStaff.ADMIN, "review.approved", "【昆明就业】{employer已通过").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://orgcert.example/problems/sms-text-unknown-placeholder");
        // 300 characters and a reason of up to 60: over 335 once filled in.
        put(TestStaff.ADMIN, "review.rejected", "驳".repeat(300) + "{reason}").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://orgcert.example/problems/sms-text-too-long")
                .jsonPath("$.limit").isEqualTo(335);
        put(TestStaff.ADMIN, "review.approved", " ").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.type").isEqualTo("https://orgcert.example/problems/sms-text-invalid");
        put(TestStaff.ADMIN, "no.such.step", "【昆明就业】").expectStatus().isNotFound();
        put(TestStaff.SERVICE, "review.approved", "【昆明就业】好").expectStatus().isForbidden();
        // Nothing was changed by any of them.
        assertThat(jdbc.queryForObject("SELECT count(*) FROM sms_text", Long.class)).isZero();
        // The longest text that fits is taken.
        put(TestStaff.ADMIN, "review.rejected", "驳".repeat(335 - 60) + "{reason}").expectStatus().isOk();
    }

    @Test
    void theStaffPageShowsTheOutboxAndRefusesABadTextNextToIt_R_SMS_2_R_SMS_3() {
        String page = client.get().uri("/staff/sms?lang=en").headers(TestStaff.as(TestStaff.SERVICE)).exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(page).contains("id=\"outbox\"").contains("review.approved").doesNotContain("<textarea");
        client.get().uri("/staff/sms").headers(TestStaff.as(TestStaff.REVIEWER)).exchange().expectStatus().isForbidden();

        String refused = client.post().uri("/staff/sms/texts/review.approved?lang=en").headers(TestStaff.as(TestStaff.ADMIN))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body("text=%7Bwho%7D+approved").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(refused).contains("id=\"text-error-review.approved\"").contains("{who} approved");
    }
}
