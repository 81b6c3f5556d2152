package org.orgcert.server.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Year;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestStaff;
import org.orgcert.server.audit.AuditLog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

/** The calendar through the service: due dates, loading a new year, refusals and the warning (R-CH-2, R-CH-8). */
@ServiceTest
@AutoConfigureRestTestClient
class CalendarApiTest extends ServiceTestBase {
    /** A test fixture in the holiday-cn format, not the real 2027 notice. */
    private static final String Y2027 = """
            {"year": 2027, "papers": ["test fixture"], "days": [
              {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
              {"name": "春节", "date": "2027-02-06", "isOffDay": false},
              {"name": "春节", "date": "2027-02-08", "isOffDay": true}
            ]}""";

    RestTestClient client;

    @Autowired
    void signIn(RestTestClient client) {
        this.client = TestStaff.signedIn(client, TestStaff.ADMIN);
    }
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditLog audit;
    @Autowired
    CalendarService calendar;

    @BeforeEach
    @AfterEach
    void onlyTheBundledYears() {
        jdbc.update("DELETE FROM calendar_year");
        calendar.reload();
    }

    private RestTestClient.ResponseSpec load(int year, String json) {
        return client.post().uri("/api/v1/calendar/years/{year}", year).contentType(MediaType.APPLICATION_JSON)
                .body(json).exchange();
    }

    @Test
    void rCh2DueDateAcrossNationalDay2025() {
        client.get().uri("/api/v1/calendar/working-days?from=2025-09-30&add=3").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.due").isEqualTo("2025-10-11");
        client.get().uri("/api/v1/calendar/working-days?from=2026-09-30&add=3").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.due").isEqualTo("2026-10-10");
    }

    @Test
    void rCh8AMissingYearIsAProblemNotAGuess() {
        client.get().uri("/api/v1/calendar/working-days?from=2026-12-30&add=3").exchange()
                .expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://orgcert.example/problems/calendar-year-missing")
                .jsonPath("$.detail").value(String.class, detail -> assertThat(detail)
                        .contains("No working-day calendar for 2027", "an administrator must load"));
    }

    private int auditRecords() {
        return jdbc.queryForObject("SELECT count(*) FROM audit_record", Integer.class);
    }

    @Test
    void rCh8LoadingANewYearIsUsedAndAudited() {
        int before = audit.history("calendar", "2027").size();
        load(2027, Y2027).expectStatus().isOk().expectBody().jsonPath("$.listedDays").isEqualTo(3);

        // Thu Dec 31, (Jan 1 off, weekend), Mon Jan 4, Tue Jan 5.
        client.get().uri("/api/v1/calendar/working-days?from=2026-12-30&add=3").exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.due").isEqualTo("2027-01-05");
        assertThat(calendar.isWorkingDay(LocalDate.of(2027, 2, 6))).as("make-up Saturday").isTrue();
        assertThat(calendar.lastYearCovered()).isEqualTo(Year.of(2027));
        client.get().uri("/api/v1/calendar/years").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.lastYearCovered").isEqualTo(2027)
                .jsonPath("$.years.length()").isEqualTo(6)
                .jsonPath("$.years[5].source").isEqualTo("loaded")
                .jsonPath("$.years[0].source").isEqualTo("bundled");
        // The audit log is append-only and outlives each test: look at the record this load added.
        assertThat(audit.history("calendar", "2027")).hasSize(before + 1).last().satisfies(record -> {
            assertThat(record.entry().actor()).isEqualTo("staff:" + TestStaff.ADMIN);
            assertThat(record.entry().action()).isEqualTo("calendar.year-loaded");
            assertThat(record.entry().detail()).isEqualTo("3 days");
        });
    }

    @Test
    void rCh8ABadYearIsRefusedAndNothingIsStored() {
        int auditBefore = auditRecords();
        String wrong = """
                {"year": 2026, "days": [
                  {"name": "元旦", "date": "2027-01-01", "isOffDay": "yes"},
                  {"name": "元旦", "date": "2028-01-01", "isOffDay": true}
                ]}""";
        load(2027, wrong).expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.type").isEqualTo("https://orgcert.example/problems/invalid-input")
                .jsonPath("$.errors.year").exists()
                .jsonPath("$.errors['days[0].isOffDay']").exists()
                .jsonPath("$.errors['days[1].date']").exists();
        load(2027, "{\"year\": 2027, \"days\": [").expectStatus().isBadRequest()
                .expectBody().jsonPath("$.errors.body").exists();
        load(1900, Y2027).expectStatus().isBadRequest();

        assertThat(jdbc.queryForObject("SELECT count(*) FROM calendar_year", Integer.class)).isZero();
        assertThat(auditRecords()).isEqualTo(auditBefore);
        assertThat(calendar.current().covers(Year.of(2027))).isFalse();
    }

    @Test
    void aYearLoadedByAnotherNodeIsFoundWithoutARestart() {
        // Another node of the service committed 2027; this one has not seen it yet.
        jdbc.update("INSERT INTO calendar_year (year, document, day_count, loaded_at, loaded_by)"
                + " VALUES (2027, ?, 3, now(), 'admin')", Y2027);
        assertThat(calendar.current().covers(Year.of(2027))).isFalse();
        assertThat(calendar.addWorkingDays(LocalDate.of(2026, 12, 30), 3)).isEqualTo(LocalDate.of(2027, 1, 5));
    }

    @Test
    void theWarningEndsWhenAnotherNodeLoadsTheYear() {
        setShanghaiTime("2026-11-24T09:00");
        assertThat(calendar.status().level()).isEqualTo(CalendarStatus.Level.WARN);
        jdbc.update("INSERT INTO calendar_year (year, document, day_count, loaded_at, loaded_by)"
                + " VALUES (2027, ?, 3, now(), 'admin')", Y2027);
        assertThat(calendar.status().level()).isEqualTo(CalendarStatus.Level.OK);
    }

    @Test
    void rCh8WarnsInNovemberUntilNextYearIsLoaded() {
        client.get().uri("/api/v1/calendar/status").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.level").isEqualTo("OK");

        setShanghaiTime("2026-11-24T09:00");
        client.get().uri("/api/v1/calendar/status").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.level").isEqualTo("WARN")
                .jsonPath("$.daysLeft").isEqualTo(38)
                .jsonPath("$.message").value(String.class, m -> assertThat(m).contains("2027"));
        client.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("WARN");

        load(2027, Y2027).expectStatus().isOk();
        client.get().uri("/api/v1/calendar/status").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.level").isEqualTo("OK");
        client.get().uri("/actuator/health").exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.status").isEqualTo("UP");
    }
}
