package org.orgcert.server.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.calendar.ShanghaiTime;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The window directory through the service, open or closed by the service's clock (R-CH-8). */
@ServiceTest
@AutoConfigureRestTestClient
class DirectoryApiTest extends ServiceTestBase {
    @Autowired
    RestTestClient client;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Directory directory;
    @Autowired
    WindowSync sync;

    @Test
    void rCh8AllEighteenWindowsAreStoredAndListed() {
        assertThat(jdbc.queryForObject("SELECT count(*) FROM service_window WHERE listed", Integer.class))
                .isEqualTo(18);
        assertThat(directory.windows()).hasSize(18);
        assertThat(directory.window("wuhua")).hasValueSatisfying(
                w -> assertThat(w.phones()).containsExactly("0871-63588349", "0871-63588509"));
        // Monday 10:00 in Kunming: every window is open.
        client.get().uri("/api/v1/windows").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.length()").isEqualTo(18)
                .jsonPath("$[3].id").isEqualTo("wuhua")
                .jsonPath("$[3].phones.length()").isEqualTo(2)
                .jsonPath("$[3].hours[1]").isEqualTo("13:00-17:00")
                .jsonPath("$[3].openNow").isEqualTo(true)
                .jsonPath("$[3].closesAt").isEqualTo("2026-06-15T04:00:00Z")
                .jsonPath("$[?(@.openNow == false)]").isEmpty();
    }

    @Test
    void rCh8ClosedAtLunchTimeOpensAt1300() {
        setShanghaiTime("2026-06-15T12:30");
        client.get().uri("/api/v1/windows/wuhua").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.openNow").isEqualTo(false)
                .jsonPath("$.opensAt").isEqualTo("2026-06-15T05:00:00Z");
        // Nanba has no lunch break.
        client.get().uri("/api/v1/windows/nanba").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.openNow").isEqualTo(true);
    }

    @Test
    void rCh8ClosedOnAHolidayAndOnSundayOpenOnAMakeUpSaturday() {
        ZonedDateTime holiday = ZonedDateTime.of(2025, 10, 3, 10, 0, 0, 0, ShanghaiTime.ZONE);
        assertThat(directory.isOpen("wuhua", holiday)).isFalse();
        assertThat(directory.nextOpening("wuhua", holiday))
                .isEqualTo(ZonedDateTime.of(2025, 10, 9, 9, 0, 0, 0, ShanghaiTime.ZONE));
        assertThat(directory.isOpen("wuhua", ZonedDateTime.of(2025, 10, 11, 10, 0, 0, 0, ShanghaiTime.ZONE))).isTrue();

        setShanghaiTime("2026-06-14T10:00");
        client.get().uri("/api/v1/windows/xishan").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.openNow").isEqualTo(false)
                .jsonPath("$.opensAt").isEqualTo("2026-06-15T01:00:00Z");
        setShanghaiTime("2026-10-10T10:00");
        client.get().uri("/api/v1/windows/xishan").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.openNow").isEqualTo(true);
        client.get().uri("/api/v1/ca-hall").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.openNow").isEqualTo(true)
                .jsonPath("$.hotline").isEqualTo("400-600-7210");
    }

    @Test
    void rCh8WithoutNextYearsCalendarTheDirectoryStillAnswers() {
        setShanghaiTime("2026-12-31T18:00");
        client.get().uri("/api/v1/windows/wuhua").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.openNow").isEqualTo(false)
                .jsonPath("$.opensAt").doesNotExist()
                .jsonPath("$.note").exists();
    }

    @Test
    void anUnknownWindowIs404() {
        client.get().uri("/api/v1/windows/atlantis").exchange().expectStatus().isNotFound()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://orgcert.example/problems/unknown-window");
    }

    @Test
    void aSecondSyncChangesNothingAndAuditsNothing() {
        int audits = jdbc.queryForObject("SELECT count(*) FROM audit_record", Integer.class);
        assertThat(sync.sync(WindowsCsv.bundled())).isEqualTo("0 added, 0 changed, 0 unlisted");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_record", Integer.class)).isEqualTo(audits);
    }
}
