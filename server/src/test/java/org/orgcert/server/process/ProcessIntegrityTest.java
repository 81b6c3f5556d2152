package org.orgcert.server.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orgcert.pki.crl.RevocationReason;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.ApplicationApi;
import org.orgcert.server.KeyHolders;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestStaff;
import org.orgcert.server.TestUscc;
import org.orgcert.server.application.Application;
import org.orgcert.server.application.ApplicationEvent;
import org.orgcert.server.application.ApplicationKind;
import org.orgcert.server.application.ApplicationService;
import org.orgcert.server.application.ApplicationState;
import org.orgcert.server.certificate.CertificateState;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.delivery.PickupNotices;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.Refusal;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The bypasses issue 11 found, each through the door a person would use (the API, as the staff role), now closed
 * by the one decision: the rule sits in the transition, not in the caller.
 */
@ServiceTest
@AutoConfigureRestTestClient
class ProcessIntegrityTest extends ServiceTestBase {
    @Autowired
    RestTestClient client;
    @Autowired
    ApplicationService applications;
    @Autowired
    CertificateStore certificates;
    @Autowired
    PickupNotices notices;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ApplicationContext context;
    ApplicationApi api;
    KeyHolders keys;

    @BeforeEach
    void setUp() {
        api = new ApplicationApi(client);
        keys = new KeyHolders(context);
    }

    /** A second certificate of an employer: paid, so approval leaves it AWAITING_PAYMENT (R-FEE-2..4). */
    private Application awaitingPayment() {
        Uscc uscc = TestUscc.next();
        keys.produce(uscc);
        Application second = keys.approved(uscc, KeyHolders.NAME, ApplicationKind.ADDITIONAL);
        assertThat(second.state()).isEqualTo(ApplicationState.AWAITING_PAYMENT);
        return second;
    }

    @Test
    @DisplayName("R-FEE-2..4 (issue 11 defect 1): no clerk's button settles an unpaid application, nothing unpaid is produced")
    void anUnpaidApplicationIsNeitherSettledNorProduced_R_FEE_4() {
        Application unpaid = awaitingPayment();
        UUID id = unpaid.id();

        api.eventAs(TestStaff.CA_CLERK, id, "PAYMENT_SETTLED", 403);
        api.eventAs(TestStaff.SERVICE, id, "PAYMENT_SETTLED", 403);
        client.post().uri("/api/v1/applications/{id}/produce", id).headers(TestStaff.as(TestStaff.OPERATOR)).exchange()
                .expectStatus().isEqualTo(409);
        // Not even the service itself while money is owed.
        assertThatThrownBy(() -> applications.apply(id, ApplicationEvent.PAYMENT_SETTLED, Actor.system("test"), null))
                .isInstanceOfSatisfying(Refusal.class, r -> assertThat(r.type()).isEqualTo("payment-outstanding"));
        assertThat(applications.get(id).state()).isEqualTo(ApplicationState.AWAITING_PAYMENT);
        assertThat(certificates.findByApplication(id)).isEmpty();

        keys.payFor(id, KeyHolders.NAME);

        assertThat(applications.get(id).state()).isEqualTo(ApplicationState.APPROVED);
        client.post().uri("/api/v1/applications/{id}/produce", id).headers(TestStaff.as(TestStaff.OPERATOR)).exchange()
                .expectStatus().isOk();
    }

    /** An application submitted now at window {@code window}, produced and waiting there. */
    private UUID waitingAtWindow(String window) {
        Map<String, Object> app = api.underReview("WINDOW", "WINDOW_PICKUP", window, false);
        Object id = app.get("id");
        api.registry(app.get("uscc"), ApplicationApi.NAME, ApplicationApi.LEGAL_REP);
        api.check(id, 200);
        api.event(id, "APPROVE", 200);
        client.post().uri("/api/v1/applications/{id}/produce", id).headers(TestStaff.as(TestStaff.OPERATOR)).exchange()
                .expectStatus().isOk();
        api.event(id, "ARRIVE_AT_WINDOW", 200);
        return UUID.fromString(id.toString());
    }

    @Test
    @DisplayName("R-CH-7 (issue 11 defect 2): the clerk's return-and-cancel waits for day 46 and revokes, as the job does")
    void theClerksReturnAndCancelHasTheJobsGuardAndConsequence_R_CH_7() {
        UUID id = waitingAtWindow("guandu");
        BigInteger serial = new BigInteger(applications.get(id).certificateSerial(), 16);

        Map<String, Object> refused = api.eventAs(TestStaff.clerk("guandu"), id, "RETURN_AND_CANCEL", 409);
        assertThat(refused.get("type").toString()).endsWith("pickup-period-not-over");
        clock.advance(Duration.ofDays(45));
        api.eventAs(TestStaff.clerk("guandu"), id, "RETURN_AND_CANCEL", 409);
        assertThat(applications.get(id).state()).isEqualTo(ApplicationState.AT_WINDOW);
        assertThat(certificates.findBySerial(serial).orElseThrow().state()).isEqualTo(CertificateState.VALID);

        clock.advance(Duration.ofDays(1));
        api.eventAs(TestStaff.clerk("guandu"), id, "RETURN_AND_CANCEL", 200);

        assertThat(applications.get(id).state()).isEqualTo(ApplicationState.RETURNED_AND_CANCELLED);
        assertThat(certificates.findBySerial(serial)).hasValueSatisfying(c -> {
            assertThat(c.state()).isEqualTo(CertificateState.REVOKED);
            assertThat(c.revocationReason()).isEqualTo(RevocationReason.CESSATION_OF_OPERATION);
        });
        assertThat(notices.returnUncollected()).as("nothing left for the job").isZero();
    }

    private Object submittedAtWindow(String window) {
        return api.submit(ApplicationApi.form("WINDOW", "WINDOW_PICKUP", window, false), 201).get("id");
    }

    private int forward(String window, List<Object> ids, String reason, int status) {
        Map<String, Object> body = reason == null ? Map.of("windowId", window, "applicationIds", ids)
                : Map.of("windowId", window, "applicationIds", ids, "reason", reason);
        client.post().uri("/api/v1/applications/batches").headers(TestStaff.as(TestStaff.clerk(window)))
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange().expectStatus().isEqualTo(status);
        return status;
    }

    @Test
    @DisplayName("R-MAT, R-CH-4 (issue 11 defect 3): papers never received are not forwarded without a stated reason")
    void papersNotReceivedAreForwardedOnlyWithAReasonTheCaSees_R_CH_4() {
        Object bare = submittedAtWindow("panlong");
        Object complete = submittedAtWindow("panlong");
        api.tickAllAs(TestStaff.clerk("panlong"), complete);

        forward("panlong", List.of(bare), null, 409);
        forward("panlong", List.of(complete, bare), null, 409);
        assertThat(api.get(bare).get("state")).isEqualTo("SUBMITTED");
        assertThat(api.get(complete).get("state")).as("all or nothing").isEqualTo("SUBMITTED");

        forward("panlong", List.of(complete, bare), "营业执照复印件下周补交", 200);

        assertThat(api.get(bare).get("state")).isEqualTo("FORWARDED");
        assertThat(api.get(bare).get("forwardNote")).isEqualTo("营业执照复印件下周补交");
        assertThat(api.get(complete).get("forwardNote")).as("nothing to explain").isNull();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE action = 'application.forward'"
                + " AND subject_id = ? AND detail LIKE '%营业执照复印件下周补交%'", Long.class, bare.toString())).isEqualTo(1);
    }

    @Test
    @DisplayName("R-MAT, R-CH-4: once forwarded, the window's clerk no longer changes the papers; the CA checks them")
    void theWindowTicksOnlyWhileTheApplicationIsAtTheWindow_R_MAT() {
        Object id = submittedAtWindow("xishan");
        forward("xishan", List.of(id), "原件待核", 200);
        client.post().uri("/api/v1/applications/{id}/materials/{item}", id, "APPLICATION_FORM")
                .headers(TestStaff.as(TestStaff.clerk("xishan"))).exchange().expectStatus().isEqualTo(409);
        api.event(id, "RECEIVE", 200);
        client.post().uri("/api/v1/applications/{id}/materials/{item}", id, "APPLICATION_FORM")
                .headers(TestStaff.as(TestStaff.CA_CLERK)).exchange().expectStatus().isOk();
    }
}
