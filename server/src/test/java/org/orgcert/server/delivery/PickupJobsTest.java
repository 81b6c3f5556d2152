package org.orgcert.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orgcert.pki.crl.RevocationReason;
import org.orgcert.server.ApplicationApi;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestStaff;
import org.orgcert.server.application.ApplicationService;
import org.orgcert.server.application.ApplicationState;
import org.orgcert.server.certificate.CertificateState;
import org.orgcert.server.certificate.CertificateStore;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The jobs of window pick-up and production, moved through time by the test clock (R-CH-2, R-CH-5, R-CH-7). */
@ServiceTest
@AutoConfigureRestTestClient
class PickupJobsTest extends ServiceTestBase {
    @Autowired
    RestTestClient client;
    @Autowired
    PickupNotices notices;
    @Autowired
    ApplicationService applications;
    @Autowired
    CertificateStore certificates;
    @Autowired
    ApplicationContext context;
    ApplicationApi api;

    @BeforeEach
    void api() {
        api = new ApplicationApi(client);
    }

    /** An application submitted now at window {@code window}, produced and waiting there. */
    private UUID waitingAtWindow(String window) {
        Map<String, Object> app = api.underReview("WINDOW", "WINDOW_PICKUP", window, false);
        Object id = app.get("id");
        api.registry(app.get("uscc"), ApplicationApi.NAME, ApplicationApi.LEGAL_REP);
        api.check(id, 200);
        api.event(id, "APPROVE", 200);
        client.post().uri("/api/v1/applications/{id}/produce", id).headers(TestStaff.as(TestStaff.OPERATOR)).exchange().expectStatus().isOk();
        api.event(id, "ARRIVE_AT_WINDOW", 200);
        return UUID.fromString(id.toString());
    }

    /** An application handed in at the CA hall, reviewed and approved; returns its id. */
    private Object approvedAtTheHall() {
        Map<String, Object> app = api.underReview("CA_HALL", "ON_THE_SPOT", null, false);
        Object id = app.get("id");
        api.registry(app.get("uscc"), ApplicationApi.NAME, ApplicationApi.LEGAL_REP);
        api.check(id, 200);
        api.event(id, "APPROVE", 200);
        return id;
    }

    @Test
    void theWindowPhonesFromDay5_R_CH_5() {
        UUID id = waitingAtWindow("songming");
        clock.advance(Duration.ofDays(4));
        notices.createDueNotices();
        assertThat(notices.openNotices("songming")).noneMatch(n -> n.applicationId().equals(id));
        clock.advance(Duration.ofDays(1));
        notices.createDueNotices();
        assertThat(notices.createDueNotices()).as("a second run adds nothing").isZero();
        assertThat(notices.openNotices("songming")).filteredOn(n -> n.applicationId().equals(id)).singleElement()
                .satisfies(n -> assertThat(n.dueUntil()).isEqualTo(n.dueFrom().plusDays(10)));
        client.post().uri("/api/v1/pickup-notices/{id}/phoned", id).headers(TestStaff.as(TestStaff.clerk("songming"))).exchange().expectStatus().isOk();
        assertThat(applications.get(id).state()).isEqualTo(ApplicationState.NOTIFIED);
        assertThat(notices.openNotices("songming")).noneMatch(n -> n.applicationId().equals(id));
    }

    @Test
    void anUncollectedKeyIsReturnedAndItsCertificateRevokedOnDay46_R_CH_7() {
        UUID id = waitingAtWindow("yiliang");
        BigInteger serial = new BigInteger(applications.get(id).certificateSerial(), 16);
        clock.advance(Duration.ofDays(45));
        notices.returnUncollected();
        assertThat(applications.get(id).state()).isEqualTo(ApplicationState.AT_WINDOW);
        clock.advance(Duration.ofDays(1));
        notices.returnUncollected();
        assertThat(applications.get(id).state()).isEqualTo(ApplicationState.RETURNED_AND_CANCELLED);
        assertThat(certificates.findBySerial(serial)).hasValueSatisfying(c -> {
            assertThat(c.state()).isEqualTo(CertificateState.REVOKED);
            assertThat(c.revocationReason()).isEqualTo(RevocationReason.CESSATION_OF_OPERATION);
        });
        assertThat(notices.returnUncollected()).as("a second run returns nothing").isZero();
    }

    @Test
    void productionNotDoneIn3WorkingDaysIsFlagged_R_CH_2() {
        Object id = approvedAtTheHall();
        api.event(id, "START_PRODUCTION", 200);
        assertThat(api.get(id).get("productionDue")).isEqualTo("2026-06-18");
        setShanghaiTime("2026-06-18T16:00");
        applications.flagOverdueProduction("test");
        assertThat(api.get(id).get("productionOverdueSince")).isNull();
        setShanghaiTime("2026-06-19T09:00");
        applications.flagOverdueProduction("test");
        assertThat(api.get(id).get("productionOverdueSince")).isEqualTo("2026-06-19");
        assertThat(applications.flagOverdueProduction("test")).isZero();
    }

    /** R-CH-2 across National Day 2026 (Oct 1-7 off, Saturday Oct 10 a make-up working day). */
    @Test
    void productionDueCountsWorkingDaysAcrossNationalDay_R_CH_2() {
        Object id = approvedAtTheHall();
        setShanghaiTime("2026-09-30T10:00");
        api.event(id, "START_PRODUCTION", 200);
        assertThat(api.get(id).get("productionDue")).isEqualTo("2026-10-10");
        setShanghaiTime("2026-10-10T17:00");
        applications.flagOverdueProduction("test");
        assertThat(api.get(id).get("productionOverdueSince")).isNull();
        setShanghaiTime("2026-10-11T09:00");
        applications.flagOverdueProduction("test");
        assertThat(api.get(id).get("productionOverdueSince")).isEqualTo("2026-10-11");
    }

    @Test
    void theJobsAreScheduled() {
        assertThat(context.getBeansOfType(com.github.kagkarlsson.scheduler.task.Task.class).keySet())
                .contains("pickupDeadlinesTask", "productionOverdueTask");
    }
}
