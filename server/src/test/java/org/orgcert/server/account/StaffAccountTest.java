package org.orgcert.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.orgcert.server.BrowserSession;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestStaff;
import org.orgcert.server.audit.AuditLog;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.LinkedMultiValueMap;

/** Staff accounts: managed by the administrator, hashed, locked after 5 failures, the first admin, sessions and CSRF. */
@ServiceTest
@AutoConfigureRestTestClient
@ExtendWith(OutputCaptureExtension.class)
class StaffAccountTest extends ServiceTestBase {
    private static final String PASSWORD = "correct horse battery";

    @Autowired
    RestTestClient client;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    AuditLog audit;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    InitialAdmin initialAdmin;

    private String create(String role, String window) {
        String name = "u-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = new java.util.HashMap<>(Map.of("username", name, "role", role, "password", PASSWORD));
        if (window != null) {
            body.put("windowId", window);
        }
        String answer = client.post().uri("/api/v1/staff").headers(TestStaff.as(TestStaff.ADMIN))
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange().expectStatus().isCreated()
                .returnResult(String.class).getResponseBody();
        assertThat(answer).doesNotContain(PASSWORD).doesNotContain("bcrypt").doesNotContain("hash");
        return name;
    }

    private int me(String user, String password) {
        return client.get().uri("/api/v1/me").headers(h -> h.setBasicAuth(user, password)).exchange()
                .returnResult(String.class).getStatus().value();
    }

    @Test
    void theAdministratorCreatesAStaffMemberWhosePasswordIsOnlyHashed() {
        String name = create("CA_REVIEWER", null);
        String hash = jdbc.queryForObject("SELECT password_hash FROM staff_account WHERE username = ?", String.class, name);
        assertThat(hash).startsWith("{bcrypt}$2").doesNotContain(PASSWORD);
        assertThat(encoder.matches(PASSWORD, hash)).isTrue();
        assertThat(me(name, PASSWORD)).isEqualTo(200);
        assertThat(audit.history("staff", name)).singleElement().satisfies(r -> {
            assertThat(r.entry().actor()).isEqualTo("staff:t-admin");
            assertThat(r.entry().action()).isEqualTo("staff.created");
            assertThat(r.entry().detail()).doesNotContain(PASSWORD);
        });
        // A window clerk needs a real window; a short password is refused.
        client.post().uri("/api/v1/staff").headers(TestStaff.as(TestStaff.ADMIN)).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", "x-clerk", "role", "WINDOW_CLERK", "windowId", "atlantis", "password", "short"))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.errors.windowId").exists()
                .jsonPath("$.errors.password").exists();
    }

    @Test
    void disablingAndResettingAPassword() {
        String name = create("WINDOW_CLERK", "panlong");
        client.post().uri("/api/v1/staff/{u}/disable", name).headers(TestStaff.as(TestStaff.ADMIN)).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.enabled").isEqualTo(false);
        assertThat(me(name, PASSWORD)).isEqualTo(401);
        client.post().uri("/api/v1/staff/{u}/password", name).headers(TestStaff.as(TestStaff.ADMIN))
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("password", "another long password"))
                .exchange().expectStatus().isOk();
        assertThat(me(name, PASSWORD)).isEqualTo(401);
        assertThat(me(name, "another long password")).isEqualTo(200);
        assertThat(audit.history("staff", name)).extracting(r -> r.entry().action())
                .containsExactly("staff.created", "staff.disabled", "staff.password-reset", "staff.sign-in-failed");
    }

    @Test
    void fiveFailuresLockTheAccountFor15Minutes() {
        String name = create("CA_OPERATOR", null);
        for (int i = 0; i < 5; i++) {
            assertThat(me(name, "wrong password " + i)).isEqualTo(401);
        }
        assertThat(me(name, PASSWORD)).as("locked, even with the right password").isEqualTo(401);
        assertThat(audit.history("staff", name)).extracting(r -> r.entry().action()).contains("staff.locked");
        clock.advance(Duration.ofMinutes(14));
        assertThat(me(name, PASSWORD)).isEqualTo(401);
        clock.advance(Duration.ofMinutes(1));
        assertThat(me(name, PASSWORD)).isEqualTo(200);
        // Four failures then a success: the count starts again.
        for (int i = 0; i < 4; i++) {
            me(name, "wrong");
        }
        assertThat(me(name, PASSWORD)).isEqualTo(200);
        assertThat(me(name, "wrong")).isEqualTo(401);
        assertThat(me(name, PASSWORD)).isEqualTo(200);
    }

    @Test
    @Transactional // rolled back: the shared database keeps its accounts
    void theFirstStartCreatesAdminWithAPasswordFileOnlyItsOwnerReads(@TempDir Path dataDir, CapturedOutput output)
            throws Exception {
        assertThat(initialAdmin.createIfNone(dataDir)).as("there are accounts already").isEmpty();
        jdbc.update("DELETE FROM staff_account");
        Path file = initialAdmin.createIfNone(dataDir).orElseThrow();
        assertThat(file).isEqualTo(dataDir.toAbsolutePath().resolve("initial-admin-password"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String password = Files.readString(file).strip();
        assertThat(password).hasSize(20);
        assertThat(encoder.matches(password, jdbc.queryForObject(
                "SELECT password_hash FROM staff_account WHERE username = 'admin' AND role = 'BUREAU_ADMIN'",
                String.class))).isTrue();
        assertThat(output.getAll()).contains("first staff login: admin, password in " + file)
                .doesNotContain(password);
    }

    @Test
    void aFormLoginOpensADatabaseSessionWhosePostsNeedTheCsrfToken() {
        BrowserSession browser = new BrowserSession(client);
        String page = browser.keep(client.get().uri("/staff/login").exchange().expectStatus().isOk()
                .returnResult(String.class)).getResponseBody();
        assertThat(page).contains("<form").contains("_csrf");
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", TestStaff.ADMIN);
        form.add("password", TestStaff.PASSWORD);
        // Without the CSRF token the form is refused.
        client.post().uri("/staff/login").headers(browser::cookies).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form).exchange().expectStatus().isForbidden();
        form.add("_csrf", browser.cookie("XSRF-TOKEN"));
        browser.keep(client.post().uri("/staff/login").headers(browser::cookies)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).exchange().expectStatus().isFound()
                .returnResult(String.class));
        assertThat(browser.cookie("SESSION")).isNotNull();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM spring_session WHERE principal_name = 'staff:t-admin'",
                Integer.class)).isPositive();
        client.get().uri("/api/v1/me").headers(browser::cookies).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.actor").isEqualTo("staff:t-admin");
        // A POST in the session without the token: 403, nothing created.
        Map<String, Object> body = Map.of("username", "csrf-victim", "role", "AUDITOR", "password", PASSWORD);
        client.post().uri("/api/v1/staff").headers(browser::cookies).contentType(MediaType.APPLICATION_JSON).body(body)
                .exchange().expectStatus().isForbidden().expectHeader().contentTypeCompatibleWith("application/problem+json");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM staff_account WHERE username = 'csrf-victim'",
                Integer.class)).isZero();
        // Sign-in replaced the CSRF token; a page fetches the new one (GET /api/v1/csrf) and sends it.
        browser.primeCsrf();
        client.post().uri("/api/v1/staff").headers(browser::withCsrf).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("username", "csrf-ok-" + UUID.randomUUID().toString().substring(0, 6), "role", "AUDITOR",
                        "password", PASSWORD))
                .exchange().expectStatus().isCreated();
    }
}
