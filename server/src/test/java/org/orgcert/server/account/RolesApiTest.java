package org.orgcert.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.orgcert.server.ApplicationApi;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestStaff;
import org.orgcert.server.audit.AuditLog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Who may call what, endpoint by endpoint, as HTTP sees it: forbidden is 403 problem+json, allowed is
 * anything else (the request then fails or succeeds on its merits: 404 for a random id, 400 for an empty
 * body). Plus a window clerk at another window's application: 403 {@code other-window}, nothing changed.
 */
@ServiceTest
@AutoConfigureRestTestClient
class RolesApiTest extends ServiceTestBase {
    private static final String NOWHERE = "00000000-0000-0000-0000-000000000000";

    @Autowired
    RestTestClient client;
    @Autowired
    AuditLog audit;
    ApplicationApi api;

    @BeforeEach
    void api() {
        api = new ApplicationApi(client);
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', textBlock = """
            t-admin     | GET  | /api/v1/staff                                  | allowed
            t-auditor   | GET  | /api/v1/staff                                  | forbidden
            t-ca-clerk  | POST | /api/v1/staff                                  | forbidden
            t-admin     | GET  | /api/v1/notifications                          | allowed
            t-reviewer  | GET  | /api/v1/notifications                          | forbidden
            # R-SMS-3: the outbox is visible to the bureau and customer service
            t-service   | GET  | /api/v1/notifications                          | allowed
            t-service   | GET  | /api/v1/notifications?queued=true              | allowed
            t-ca-clerk  | GET  | /api/v1/notifications                          | forbidden
            t-service   | GET  | /api/v1/staff                                  | forbidden
            t-auditor   | GET  | /api/v1/audit/verify                           | allowed
            t-admin     | GET  | /api/v1/audit/verify                           | allowed
            t-ca-clerk  | GET  | /api/v1/audit/verify                           | forbidden
            t-admin     | POST | /api/v1/calendar/years/2031                    | allowed
            t-reviewer  | POST | /api/v1/calendar/years/2031                    | forbidden
            t-ca-clerk  | GET  | /api/v1/calendar/years                         | allowed
            t-admin     | POST | /api/v1/registry/import                        | allowed
            t-reviewer  | POST | /api/v1/registry/import                        | allowed
            t-ca-clerk  | POST | /api/v1/registry/import                        | forbidden
            t-reviewer  | POST | /api/v1/applications/NOWHERE/review/check      | allowed
            t-operator  | POST | /api/v1/applications/NOWHERE/review/check      | forbidden
            t-service   | POST | /api/v1/applications/NOWHERE/review/phone-confirmation | allowed
            t-reviewer  | POST | /api/v1/applications/NOWHERE/review/phone-confirmation | allowed
            t-ca-clerk  | POST | /api/v1/applications/NOWHERE/review/phone-confirmation | forbidden
            t-operator  | POST | /api/v1/applications/NOWHERE/produce           | allowed
            t-reviewer  | POST | /api/v1/applications/NOWHERE/produce           | forbidden
            t-operator  | POST | /api/v1/applications/NOWHERE/ship              | allowed
            t-ca-clerk  | POST | /api/v1/applications/NOWHERE/ship              | forbidden
            t-reviewer  | POST | /api/v1/applications/NOWHERE/materials/APPLICATION_FORM | allowed
            t-operator  | POST | /api/v1/applications/NOWHERE/materials/APPLICATION_FORM | forbidden
            t-clerk-wuhua | POST | /api/v1/applications/batches                 | allowed
            t-ca-clerk  | POST | /api/v1/applications/batches                   | forbidden
            t-ca-clerk  | POST | /api/v1/applications                           | allowed
            t-clerk-wuhua | POST | /api/v1/applications                         | allowed
            t-reviewer  | POST | /api/v1/applications                           | forbidden
            t-operator  | POST | /api/v1/applications                           | forbidden
            t-auditor   | POST | /api/v1/applications                           | forbidden
            t-clerk-wuhua | GET | /api/v1/pickup-notices?windowId=wuhua         | allowed
            t-clerk-wuhua | GET | /api/v1/pickup-notices?windowId=fumin         | forbidden
            t-reviewer  | GET  | /api/v1/pickup-notices?windowId=wuhua          | forbidden
            t-auditor   | GET  | /api/v1/employers/NOWHERE                      | allowed
            t-auditor   | POST | /api/v1/employers                              | forbidden
            t-ca-clerk  | POST | /api/v1/employers                              | allowed
            t-clerk-wuhua | GET | /api/v1/applications?state=SUBMITTED&windowId=fumin | forbidden
            t-clerk-wuhua | GET | /api/v1/applications?state=SUBMITTED          | allowed
            """)
    void eachRoleReachesOnlyItsEndpoints(String user, String method, String path, String expected) {
        var spec = client.method(HttpMethod.valueOf(method)).uri(path.replace("NOWHERE", NOWHERE))
                .headers(TestStaff.as(user));
        if (method.equals("POST")) {
            spec.contentType(path.endsWith("/import") ? MediaType.parseMediaType("text/csv") : MediaType.APPLICATION_JSON)
                    .body(path.endsWith("/import") ? "record_id,uscc,name,legal_representative,insuring_division\n"
                            : path.endsWith("/batches") ? "{\"windowId\":\"wuhua\",\"applicationIds\":[]}" : "{}");
        }
        int status = spec.exchange().returnResult(String.class).getStatus().value();
        if (expected.equals("forbidden")) {
            assertThat(status).isEqualTo(403);
        } else {
            assertThat(status).isNotIn(401, 403);
        }
    }

    @Test
    void nobodySignedInGets401ButTheStatusServicesArePublic() {
        client.get().uri("/api/v1/applications?state=SUBMITTED").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith("application/problem+json").expectHeader().doesNotExist("WWW-Authenticate");
        client.get().uri("/actuator/health").exchange().expectStatus().isOk();
        client.get().uri("/v3/api-docs").exchange().expectStatus().isOk();
        client.get().uri("/api/v1/windows").exchange().expectStatus().isOk();
        client.get().uri("/status/sm2/ca.cer").exchange().expectStatus().isOk();
        client.get().uri("/api/v1/me").headers(h -> h.setBasicAuth(TestStaff.ADMIN, "wrong password"))
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWindowClerkOfAnotherWindowGets403AndNothingChanges() {
        Object id = api.submit(ApplicationApi.form("WINDOW", "WINDOW_PICKUP", "wuhua", false), 201).get("id");
        int records = audit.history("application", id.toString()).size();
        String fumin = TestStaff.clerk("fumin");
        Map<String, Object> problem = client.get().uri("/api/v1/applications/{id}", id).headers(TestStaff.as(fumin))
                .exchange().expectStatus().isForbidden().expectHeader().contentTypeCompatibleWith("application/problem+json")
                .returnResult(Map.class).getResponseBody();
        assertThat(problem.get("type").toString()).endsWith("/other-window");
        assertThat(api.eventAs(fumin, id, "FORWARD", 403).get("type").toString()).endsWith("/other-window");
        assertThat(api.eventAs(fumin, id, "WITHDRAW", 403).get("type").toString()).endsWith("/other-window");
        client.post().uri("/api/v1/applications/{id}/materials/APPLICATION_FORM", id).headers(TestStaff.as(fumin))
                .exchange().expectStatus().isForbidden();
        client.post().uri("/api/v1/applications/batches").headers(TestStaff.as(fumin))
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("windowId", "wuhua", "applicationIds", List.of(id)))
                .exchange().expectStatus().isForbidden();
        assertThat(api.get(id)).containsEntry("state", "SUBMITTED").containsEntry("version", 0);
        assertThat((List<Object>) api.get(id).get("missingMaterials")).isNotEmpty();
        assertThat(audit.history("application", id.toString())).hasSize(records);
        // The clerk of the window may; the audit names them.
        api.eventAs(TestStaff.clerk("wuhua"), id, "FORWARD", 200);
        assertThat(audit.history("application", id.toString())).last()
                .satisfies(r -> assertThat(r.entry().actor()).isEqualTo("staff:t-clerk-wuhua"));
    }

    @Test
    void theWrongRoleForAnEventGets403AndNothingChanges() {
        Object id = api.submit(ApplicationApi.form("CA_HALL", "ON_THE_SPOT", null, false), 201).get("id");
        api.eventAs(TestStaff.REVIEWER, id, "RECEIVE", 403);
        api.eventAs(TestStaff.OPERATOR, id, "WITHDRAW", 403);
        assertThat(api.get(id)).containsEntry("state", "SUBMITTED");
        api.eventAs(TestStaff.CA_CLERK, id, "RECEIVE", 200);
        assertThat(audit.history("application", id.toString())).extracting(r -> r.entry().actor())
                .containsExactly("staff:t-ca-clerk", "staff:t-ca-clerk");
    }
}
