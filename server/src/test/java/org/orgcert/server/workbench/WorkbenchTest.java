package org.orgcert.server.workbench;

import org.orgcert.server.TestActors;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.orgcert.server.ApplicationApi;
import org.orgcert.server.KeyHolders;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestStaff;
import org.orgcert.server.TestUscc;
import org.orgcert.server.application.ApplicationEvent;
import org.orgcert.server.application.ApplicationKind;
import org.orgcert.server.application.ApplicationService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Each role's queues with counts and overdue flags, the employer's timeline and the bureau's dashboard. */
@ServiceTest
@AutoConfigureRestTestClient
class WorkbenchTest extends ServiceTestBase {
    private static final ParameterizedTypeReference<List<Map<String, Object>>> QUEUES = new ParameterizedTypeReference<>() {
    };
    @Autowired
    RestTestClient client;
    @Autowired
    ApplicationContext context;
    @Autowired
    ApplicationService applications;

    private long count(String user, String queue, String field) {
        return client.get().uri("/api/v1/workbench").headers(TestStaff.as(user)).exchange().expectStatus().isOk()
                .expectBody(QUEUES).returnResult().getResponseBody().stream().filter(q -> q.get("name").equals(queue))
                .mapToLong(q -> ((Number) q.get(field)).longValue()).findFirst().orElseThrow();
    }

    @Test
    void aWindowClerkCountsOnlyTheirWindowsQueue_R_CH_4() {
        long wuhua = count(TestStaff.clerk("wuhua"), "to-forward", "count");
        long fumin = count(TestStaff.clerk("fumin"), "to-forward", "count");
        new ApplicationApi(client).submitAs(TestStaff.clerk("wuhua"), ApplicationApi.form("WINDOW", "WINDOW_PICKUP",
                "wuhua", false), 201);
        assertThat(count(TestStaff.clerk("wuhua"), "to-forward", "count")).isEqualTo(wuhua + 1);
        assertThat(count(TestStaff.clerk("fumin"), "to-forward", "count")).isEqualTo(fumin);
    }

    @Test
    void productionLateByThreeWorkingDaysIsFlaggedOnTheOperatorsQueue_R_CH_2() {
        long overdue = count(TestStaff.OPERATOR, "in-production", "overdue");
        UUID id = new KeyHolders(context).approved(TestUscc.next(), KeyHolders.NAME, ApplicationKind.NEW).id();
        applications.apply(id, ApplicationEvent.START_PRODUCTION, TestActors.OPERATOR, null);
        clock.advance(Duration.ofDays(8));
        applications.flagOverdueProduction("system:production-overdue");
        assertThat(count(TestStaff.OPERATOR, "in-production", "overdue")).isGreaterThan(overdue);
    }

    @Test
    void theTimelineGivesTheDatesThatMatterAndTheDashboardIsTheBureaus_R_CH_5_R_CH_7() {
        Object id = new ApplicationApi(client).submitAs(TestStaff.clerk("wuhua"), ApplicationApi.form("WINDOW",
                "WINDOW_PICKUP", "wuhua", false), 201).get("id");
        client.get().uri("/api/v1/applications/" + id + "/timeline").headers(TestStaff.as(TestStaff.clerk("wuhua")))
                .exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.collectFrom").isEqualTo("2026-06-20").jsonPath("$.collectBy").isEqualTo("2026-07-30")
                .jsonPath("$.steps[0].action").isEqualTo("application.submitted")
                .jsonPath("$.phonedBy").isEqualTo("2026-06-30").jsonPath("$.callOrComeFrom").isEqualTo("2026-07-01")
                .jsonPath("$.rejectionReason").doesNotExist();
        client.get().uri("/api/v1/applications/" + id + "/timeline").headers(TestStaff.as(TestStaff.clerk("fumin")))
                .exchange().expectStatus().isForbidden();
        client.get().uri("/api/v1/dashboard").headers(TestStaff.as(TestStaff.ADMIN)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.certificatesPerMonth.length()").isEqualTo(12);
        client.get().uri("/api/v1/dashboard").headers(TestStaff.as(TestStaff.OPERATOR)).exchange().expectStatus()
                .isForbidden();
    }
}
