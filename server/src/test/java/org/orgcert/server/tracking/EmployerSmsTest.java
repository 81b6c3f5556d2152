package org.orgcert.server.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.ApplicationApi;
import org.orgcert.server.EmployerAgents;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestStaff;
import org.orgcert.server.employer.MobileNumber;
import org.orgcert.server.notification.Notifications;
import org.orgcert.server.notification.OutboxMessage;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The employer is told by SMS at each step of its application that concerns it (R-SMS-1), in the bureau's default
 * words, queued in the step's own transaction; an employer without a number gets none and the step goes on.
 */
@ServiceTest
@AutoConfigureRestTestClient
class EmployerSmsTest extends ServiceTestBase {
    @Autowired
    RestTestClient client;
    @Autowired
    Notifications notifications;
    @Autowired
    JdbcTemplate jdbc;
    ApplicationApi api;

    @BeforeEach
    void api() {
        api = new ApplicationApi(client);
    }

    /** A form for an employer registered with a notice number; returns the form, the number under "mobile". */
    private Map<String, Object> registered(Map<String, Object> form, String mobile) {
        new EmployerAgents(client, notifications).register(Uscc.parse(form.get("uscc").toString()),
                ApplicationApi.NAME, mobile);
        return form;
    }

    private List<OutboxMessage> sms(String mobile) {
        List<OutboxMessage> newestFirst = new java.util.ArrayList<>(notifications.latestTo(MobileNumber.parse(mobile), 20));
        java.util.Collections.reverse(newestFirst);
        return newestFirst.stream().filter(m -> m.template() != null).toList();
    }

    private static String text(List<OutboxMessage> messages, String template) {
        return messages.stream().filter(m -> m.template().equals(template)).findFirst().orElseThrow().text();
    }

    private Object approved(Map<String, Object> form) {
        Map<String, Object> created = api.submit(form, 201);
        Object id = created.get("id");
        String window = (String) form.get("windowId");
        if (window != null) {
            api.tickAllAs(TestStaff.clerk(window), id);
            client.post().uri("/api/v1/applications/batches").headers(TestStaff.as(TestStaff.clerk(window)))
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("windowId", window, "applicationIds", List.of(id))).exchange().expectStatus().isOk();
        }
        api.event(id, "RECEIVE", 200);
        api.event(id, "START_REVIEW", 200);
        if (window == null) {
            api.tickAll(id);
        }
        api.registry(form.get("uscc"), ApplicationApi.NAME, ApplicationApi.LEGAL_REP);
        api.check(id, 200);
        api.event(id, "APPROVE", 200);
        return id;
    }

    private void produce(Object id) {
        client.post().uri("/api/v1/applications/{id}/produce", id).headers(TestStaff.as(TestStaff.OPERATOR)).exchange()
                .expectStatus().isOk();
    }

    @Test
    void receivedApprovedProducedReadyAtTheWindowAndRevokedWhenNotCollected_R_SMS_1_R_CH_7() {
        String mobile = EmployerAgents.nextMobile();
        Object id = approved(registered(ApplicationApi.form("WINDOW", "WINDOW_PICKUP", "fumin", false), mobile));
        produce(id);
        api.event(id, "ARRIVE_AT_WINDOW", 200);
        String number = api.get(id).get("number").toString();

        List<OutboxMessage> told = sms(mobile);
        // The test clock stands still, so the order of messages queued at one instant is not known.
        assertThat(told).extracting(OutboxMessage::template).containsExactlyInAnyOrder("application.received",
                "review.approved", "production.done", "collection.ready");
        assertThat(text(told, "application.received")).startsWith("【昆明就业】" + ApplicationApi.NAME).contains(number)
                .contains("已受理");
        // Submitted Monday 2026-06-15: the last day to collect is day 45 (R-CH-7).
        assertThat(text(told, "collection.ready")).contains("富民").contains("2026年7月30日");

        setTime(clock.instant().plus(Duration.ofDays(46)));
        api.event(id, "RETURN_AND_CANCEL", 200);
        // Revoked through the certificate's machine, which tells the employer once (R-SMS-1).
        assertThat(sms(mobile)).filteredOn(m -> m.template().equals("certificate.revoked")).singleElement()
                .satisfies(m -> assertThat(m.text()).contains("已注销").contains("逾期未领取"));
    }

    @Test
    void paymentDueWithTheAmountAndShippedWithTheWaybill_R_SMS_1_R_FEE_4() {
        String mobile = EmployerAgents.nextMobile();
        Map<String, Object> form = ApplicationApi.form("CA_HALL", "MAIL", null, true);
        form.put("kind", "ADDITIONAL");
        Object id = approved(registered(form, mobile));
        assertThat(api.get(id).get("state")).isEqualTo("AWAITING_PAYMENT");
        assertThat(sms(mobile)).extracting(OutboxMessage::template).containsExactlyInAnyOrder("application.received",
                "review.approved", "payment.due");
        assertThat(text(sms(mobile), "payment.due")).contains("待缴费220.00元");

        String mailed = EmployerAgents.nextMobile();
        Object free = approved(registered(ApplicationApi.form("MAIL", "MAIL", null, true), mailed));
        produce(free);
        client.post().uri("/api/v1/applications/{id}/ship", free).headers(TestStaff.as(TestStaff.OPERATOR))
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("waybill", "ea123456789cn")).exchange()
                .expectStatus().isOk();
        assertThat(text(sms(mailed), "delivery.shipped")).contains("运单号EA123456789CN");
    }

    @Test
    void rejectedWithTheReason_R_SMS_1() {
        String mobile = EmployerAgents.nextMobile();
        Map<String, Object> form = registered(ApplicationApi.form("CA_HALL", "ON_THE_SPOT", null, false), mobile);
        Object id = api.submit(form, 201).get("id");
        api.event(id, "RECEIVE", 200);
        api.event(id, "START_REVIEW", 200);
        client.post().uri("/api/v1/applications/{id}/events/REJECT", id).headers(TestStaff.as(TestStaff.REVIEWER))
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("reason", "营业执照复印件未加盖公章")).exchange()
                .expectStatus().isOk();
        assertThat(text(sms(mobile), "review.rejected")).contains("原因：营业执照复印件未加盖公章");
    }

    @Test
    void anEmployerWithoutANumberGetsNothingAndTheStepGoesOn_R_SMS_1() {
        long before = jdbc.queryForObject("SELECT count(*) FROM notification_outbox", Long.class);
        Object id = api.submit(ApplicationApi.form("CA_HALL", "ON_THE_SPOT", null, false), 201).get("id");
        assertThat(api.event(id, "RECEIVE", 200).get("state")).isEqualTo("RECEIVED");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM notification_outbox", Long.class)).isEqualTo(before);
    }
}
