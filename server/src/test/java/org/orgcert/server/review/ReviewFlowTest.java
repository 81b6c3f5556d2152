package org.orgcert.server.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orgcert.server.ApplicationApi;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Review against the unemployment-insurance records, each outcome of R-REV-1..3, on real PostgreSQL. */
@ServiceTest
@AutoConfigureRestTestClient
class ReviewFlowTest extends ServiceTestBase {
    @Autowired
    RestTestClient client;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    InsuranceRegistry registry;
    ApplicationApi api;

    @BeforeEach
    void api() {
        api = new ApplicationApi(client);
    }

    @Test
    void oneMatchingRecordAllowsApproval_R_REV_1() {
        Map<String, Object> app = api.underReview("CA_HALL", "ON_THE_SPOT", null, false);
        // Without a check, approval is refused.
        assertThat(api.event(app.get("id"), "APPROVE", 409).get("detail").toString()).contains("R-REV-1");
        api.registry(app.get("uscc"), " " + ApplicationApi.NAME + " ", ApplicationApi.LEGAL_REP);
        assertThat(api.check(app.get("id"), 200).get("outcome")).isEqualTo("MATCHING");
        assertThat(api.event(app.get("id"), "APPROVE", 200).get("state")).isEqualTo("APPROVED");
    }

    @Test
    void severalRecordsReturnTheApplicationForMerging_R_REV_2() {
        Map<String, Object> app = api.underReview("WINDOW", "WINDOW_PICKUP", "wuhua", false);
        api.registry(app.get("uscc"), ApplicationApi.NAME, ApplicationApi.LEGAL_REP, ApplicationApi.NAME, "王五");
        Map<String, Object> result = api.check(app.get("id"), 200);
        assertThat(result.get("outcome")).isEqualTo("SEVERAL_RECORDS");
        assertThat((List<?>) result.get("records")).hasSize(2);
        assertThat(api.get(app.get("id")).get("state")).isEqualTo("RETURNED_FOR_MERGE");
        api.event(app.get("id"), "APPROVE", 409);
        // The window merges the records into one; review resumes and now matches.
        jdbc.update("DELETE FROM insurance_record WHERE uscc = ? AND legal_representative = '王五'", app.get("uscc"));
        api.event(app.get("id"), "RECORDS_MERGED", 200);
        assertThat(api.check(app.get("id"), 200).get("outcome")).isEqualTo("MATCHING");
        api.event(app.get("id"), "APPROVE", 200);
    }

    @Test
    void aMismatchIsConfirmedByPhoneAndTheRecordUpdated_R_REV_3() {
        Map<String, Object> app = api.underReview("MAIL", "MAIL", null, true);
        api.registry(app.get("uscc"), "昆明市旧名称有限公司", ApplicationApi.LEGAL_REP);
        Map<String, Object> result = api.check(app.get("id"), 200);
        assertThat(result.get("outcome")).isEqualTo("MISMATCH");
        assertThat(result.get("differences").toString()).contains("field=name", "onForm=" + ApplicationApi.NAME,
                "inRecord=昆明市旧名称有限公司");
        assertThat(api.get(app.get("id")).get("state")).isEqualTo("AWAITING_PHONE_CONFIRMATION");

        Map<String, Object> confirmed = confirm(app.get("id"), true, 200);
        assertThat(confirmed.get("outcome")).isEqualTo("CONFIRMED_BY_PHONE");
        assertThat(registry.findByUscc(app.get("uscc").toString())).singleElement()
                .satisfies(r -> assertThat(r.name()).isEqualTo(ApplicationApi.NAME));
        assertThat(api.get(app.get("id")).get("state")).isEqualTo("UNDER_REVIEW");
        api.event(app.get("id"), "APPROVE", 200);
    }

    @Test
    void aDeclinedConfirmationEndsTheApplication_R_REV_3() {
        Map<String, Object> app = api.underReview("CA_HALL", "MAIL", null, true);
        api.registry(app.get("uscc"), ApplicationApi.NAME, "赵六");
        assertThat(api.check(app.get("id"), 200).get("differences").toString()).contains("legalRepresentative");
        confirm(app.get("id"), false, 200);
        assertThat(api.get(app.get("id")).get("state")).isEqualTo("DECLINED");
        assertThat(registry.findByUscc(app.get("uscc").toString())).singleElement()
                .satisfies(r -> assertThat(r.legalRepresentative()).isEqualTo("赵六"));
    }

    @Test
    void noRecordMeansNoApproval() {
        Map<String, Object> app = api.underReview("CA_HALL", "ON_THE_SPOT", null, false);
        assertThat(api.check(app.get("id"), 200).get("outcome")).isEqualTo("NO_RECORD");
        assertThat(api.event(app.get("id"), "APPROVE", 409).get("detail").toString()).contains("NO_RECORD");
        assertThat(api.event(app.get("id"), "REJECT", 200).get("state")).isEqualTo("REJECTED");
        // A confirmation without a mismatch is refused.
        confirm(app.get("id"), true, 409);
    }

    @Test
    void aBadRegistryFileImportsNothing() {
        int before = jdbc.queryForObject("SELECT count(*) FROM insurance_record", Integer.class);
        String csv = "record_id,uscc,name,legal_representative,insuring_division\n"
                + "R-ok," + org.orgcert.server.TestUscc.next() + ",某公司,某人,530102\n"
                + "R-bad,91110000600037341M,某公司,某人,530102\n";
        Map<?, ?> problem = client.post().uri("/api/v1/registry/import").headers(TestStaff.as(TestStaff.REVIEWER)).contentType(MediaType.parseMediaType("text/csv"))
                .body(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8)).exchange().expectStatus().isBadRequest()
                .returnResult(Map.class).getResponseBody();
        assertThat(problem.get("detail").toString()).contains("line 3");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM insurance_record", Integer.class)).isEqualTo(before);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> confirm(Object id, boolean agreed, int status) {
        return client.post().uri("/api/v1/applications/{id}/review/phone-confirmation", id)
                .headers(TestStaff.as(TestStaff.SERVICE))
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("agreed", agreed)).exchange()
                .expectStatus().isEqualTo(status).returnResult(Map.class).getResponseBody();
    }
}
