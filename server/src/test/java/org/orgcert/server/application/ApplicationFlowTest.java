package org.orgcert.server.application;

import org.orgcert.server.TestActors;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.orgcert.server.ApplicationApi;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestStaff;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.audit.AuditVerification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The guide's application process through the REST API on real PostgreSQL, once for each channel and
 * delivery pair of R-CH, and the refusals that must change nothing.
 */
@ServiceTest
@AutoConfigureRestTestClient
class ApplicationFlowTest extends ServiceTestBase {
    @Autowired
    RestTestClient client;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditLog audit;
    @Autowired
    ApplicationService service;

    ApplicationApi api;

    @org.junit.jupiter.api.BeforeEach
    void api() {
        api = new ApplicationApi(client);
    }

    Map<String, Object> submit(Map<String, Object> form, int status) {
        return api.submit(form, status);
    }

    Map<String, Object> event(Object id, String event, int status) {
        return api.event(id, event, status);
    }

    static Map<String, Object> form(String channel, String delivery, String window, boolean mail) {
        return ApplicationApi.form(channel, delivery, window, mail);
    }

    /** Submission to approval and production; returns the application id. */
    Object throughProduction(String channel, String delivery, String window, boolean mail) {
        Map<String, Object> created = api.underReview(channel, delivery, window, mail);
        Object id = created.get("id");
        api.registry(created.get("uscc"), ApplicationApi.NAME, ApplicationApi.LEGAL_REP);
        api.check(id, 200);
        event(id, "APPROVE", 200);
        Map<?, ?> produced = client.post().uri("/api/v1/applications/{id}/produce", id).headers(TestStaff.as(TestStaff.OPERATOR)).exchange()
                .expectStatus().isOk().returnResult(Map.class).getResponseBody();
        assertThat(produced.get("initialPinForSlip").toString()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(((Map<?, ?>) produced.get("application")).get("state")).isEqualTo("PRODUCED");
        // Producing again changes nothing and hands out no second PIN (R-CERT-2: one key per application).
        client.post().uri("/api/v1/applications/{id}/produce", id).headers(TestStaff.as(TestStaff.OPERATOR)).exchange().expectStatus().isEqualTo(409);
        assertThat(api.get(id).get("certificateSerial")).isEqualTo(produced.get("certificateSerial"));
        return id;
    }

    @Test
    void caHallOnTheSpot_R_CH_3() {
        Object id = throughProduction("CA_HALL", "ON_THE_SPOT", null, false);
        // R-CH-2: the test clock stands on Monday 2026-06-15; three working days later is Thursday 06-18.
        assertThat(api.get(id).get("productionDue")).isEqualTo("2026-06-18");
        assertThat(event(id, "HAND_OVER", 200).get("state")).isEqualTo("HANDED_OVER");
    }

    @Test
    void caHallByMail_R_CH_3() {
        Object id = throughProduction("CA_HALL", "MAIL", null, true);
        event(id, "HAND_OVER", 409);
        client.post().uri("/api/v1/applications/{id}/ship", id).headers(TestStaff.as(TestStaff.OPERATOR)).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("waybill", "not-a-waybill")).exchange().expectStatus().isBadRequest();
        client.post().uri("/api/v1/applications/{id}/ship", id).headers(TestStaff.as(TestStaff.OPERATOR)).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("waybill", "ea123456789cn")).exchange().expectStatus().isOk();
        Map<String, Object> delivered = event(id, "CONFIRM_DELIVERY", 200);
        assertThat(delivered.get("state")).isEqualTo("DELIVERED");
        assertThat(delivered.get("waybill")).isEqualTo("EA123456789CN");
    }

    @Test
    void mailInByMail_R_CH_1_R_CH_2() {
        Object id = throughProduction("MAIL", "MAIL", null, true);
        // The recipient's phone is personal data: encrypted at rest, readable through the service.
        byte[] stored = jdbc.queryForObject("SELECT mail_phone FROM application WHERE id = ?", byte[].class,
                UUID.fromString(id.toString()));
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("13812345678");
        assertThat(service.get(UUID.fromString(id.toString())).form().mailingAddress().phone()).isEqualTo("13812345678");
        client.post().uri("/api/v1/applications/{id}/ship", id).headers(TestStaff.as(TestStaff.OPERATOR)).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("waybill", "1234567890123")).exchange().expectStatus().isOk();
        assertThat(event(id, "CONFIRM_DELIVERY", 200).get("state")).isEqualTo("DELIVERED");
    }

    @Test
    void windowByMail_R_CH_4() {
        Object id = throughProduction("WINDOW", "MAIL", "wuhua", true);
        client.post().uri("/api/v1/applications/{id}/ship", id).headers(TestStaff.as(TestStaff.OPERATOR)).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("waybill", "1234567890123")).exchange().expectStatus().isOk();
        assertThat(event(id, "CONFIRM_DELIVERY", 200).get("state")).isEqualTo("DELIVERED");
    }

    @Test
    void windowPickUp_R_CH_4_R_CH_5() {
        Object id = throughProduction("WINDOW", "WINDOW_PICKUP", "fumin", false);
        event(id, "ARRIVE_AT_WINDOW", 200);
        event(id, "NOTIFY", 200);
        assertThat(event(id, "COLLECT", 200).get("state")).isEqualTo("COLLECTED");
        assertThat(audit.history("application", id.toString())).extracting(r -> r.entry().action())
                .contains("application.submitted", "application.forward", "application.receive",
                        "application.approve", "application.collect");
        assertThat(audit.verify()).isInstanceOf(AuditVerification.Intact.class);
    }

    /** R-CH: mail-in with window pick-up is refused, and nothing is stored. */
    @Test
    void impossiblePairIsRefusedAndNothingStored() {
        int before = count();
        Map<String, Object> problem = submit(form("MAIL", "WINDOW_PICKUP", null, false), 400);
        assertThat(problem.get("type").toString()).endsWith("/invalid-input");
        assertThat(problem.get("errors").toString()).contains("delivery=");
        Map<String, Object> badUscc = form("CA_HALL", "ON_THE_SPOT", null, false);
        badUscc.put("uscc", "91110000600037341M");
        assertThat(submit(badUscc, 400).get("errors").toString()).contains("uscc=");
        Map<String, Object> unknownWindow = form("WINDOW", "WINDOW_PICKUP", "atlantis", false);
        assertThat(submit(unknownWindow, 400).get("errors").toString()).contains("windowId=");
        assertThat(count()).isEqualTo(before);
    }

    @Test
    void outOfOrderStepsAreRefusedAndChangeNothing() {
        Object id = submit(form("CA_HALL", "ON_THE_SPOT", null, false), 201).get("id");
        Map<String, Object> problem = event(id, "APPROVE", 409);
        assertThat(problem.get("detail").toString()).contains("SUBMITTED cannot be APPROVE");
        event(id, "RECEIVE", 200);
        event(id, "START_REVIEW", 200);
        // R-MAT: review cannot pass with an item missing.
        assertThat(event(id, "APPROVE", 409).get("type").toString()).endsWith("/materials-missing");
        assertThat(api.get(id).get("state")).isEqualTo("UNDER_REVIEW");
        // A material that this application does not need cannot be ticked.
        client.post().uri("/api/v1/applications/{id}/materials/MAILING_ADDRESS_FORM", id)
                .headers(TestStaff.as(TestStaff.REVIEWER)).exchange()
                .expectStatus().isBadRequest();
    }

    @Test
    void repeatedSubmissionWithTheSameKeyCreatesOne() {
        int before = count();
        String key = UUID.randomUUID().toString();
        // The same form twice (one employer): the key is that employer's.
        Map<String, Object> form = form("CA_HALL", "ON_THE_SPOT", null, false);
        Object first = client.post().uri("/api/v1/applications").headers(TestStaff.as(TestStaff.CA_CLERK)).contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", key).body(form).exchange()
                .expectStatus().isCreated().returnResult(Map.class).getResponseBody().get("id");
        Object second = client.post().uri("/api/v1/applications").headers(TestStaff.as(TestStaff.CA_CLERK)).contentType(MediaType.APPLICATION_JSON)
                .header("Idempotency-Key", key).body(form).exchange()
                .expectStatus().isCreated().returnResult(Map.class).getResponseBody().get("id");
        assertThat(second).isEqualTo(first);
        assertThat(count()).isEqualTo(before + 1);
    }

    @Test
    void aBatchWithAnotherWindowsApplicationForwardsNothing() {
        Object mine = submit(form("WINDOW", "WINDOW_PICKUP", "wuhua", false), 201).get("id");
        Object theirs = submit(form("WINDOW", "WINDOW_PICKUP", "fumin", false), 201).get("id");
        new ApplicationApi(client).tickAllAs(TestStaff.clerk("wuhua"), mine);
        client.post().uri("/api/v1/applications/batches").headers(TestStaff.as(TestStaff.clerk("wuhua")))
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("windowId", "wuhua", "applicationIds", List.of(mine, theirs))).exchange()
                .expectStatus().isForbidden();
        assertThat(service.get(UUID.fromString(mine.toString())).state()).isEqualTo(ApplicationState.SUBMITTED);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM application WHERE batch_id IS NOT NULL AND id = ?",
                Integer.class, UUID.fromString(mine.toString()))).isZero();
    }

    /** Two staff approving at once: exactly one transition happens, the other gets 409. */
    @Test
    void concurrentApprovalsMoveOnce() throws Exception {
        Map<String, Object> created = api.underReview("CA_HALL", "ON_THE_SPOT", null, false);
        Object id = created.get("id");
        api.registry(created.get("uscc"), ApplicationApi.NAME, ApplicationApi.LEGAL_REP);
        api.check(id, 200);
        UUID uuid = UUID.fromString(id.toString());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Callable<String> approve = () -> {
                try {
                    service.apply(uuid, ApplicationEvent.APPROVE, TestActors.REVIEWER, null);
                    return "ok";
                } catch (org.orgcert.server.domain.Refusal e) {
                    return e.type();
                }
            };
            results.add(pool.submit(approve));
        }
        List<String> outcomes = new ArrayList<>();
        for (Future<String> result : results) {
            outcomes.add(result.get());
        }
        pool.shutdown();
        assertThat(outcomes).containsOnlyOnce("ok");
        assertThat(audit.history("application", id.toString())).filteredOn(r -> r.entry().action()
                .equals("application.approve")).hasSize(1);
    }

    private int count() {
        return jdbc.queryForObject("SELECT count(*) FROM application", Integer.class);
    }
}
