package org.orgcert.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.ApplicationApi;
import org.orgcert.server.BrowserSession;
import org.orgcert.server.EmployerAgents;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestStaff;
import org.orgcert.server.TestUscc;
import org.orgcert.server.notification.Notifications;
import org.orgcert.server.privacy.PersonalDataCipher;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;

/** Employer agents: one-time code through the outbox, its limits, and seeing only their own employer. */
@ServiceTest
@AutoConfigureRestTestClient
class EmployerSignInTest extends ServiceTestBase {
    private static final AtomicInteger MOBILES = new AtomicInteger(20_000_000);

    @Autowired
    RestTestClient client;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Notifications notifications;
    @Autowired
    PersonalDataCipher cipher;
    ApplicationApi api;
    BrowserSession browser;

    @BeforeEach
    void browser() {
        api = new ApplicationApi(client);
        browser = new BrowserSession(client).primeCsrf();
    }

    static String nextMobile() {
        return "139" + MOBILES.incrementAndGet();
    }

    /** Registers an employer whose legal representative has {@code mobile}; returns its USCC. */
    private Uscc employer(String mobile) {
        Uscc uscc = TestUscc.next();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uscc", uscc.value());
        body.put("name", "昆明登录测试有限公司");
        body.put("address", "昆明市五华区人民中路 1 号");
        body.put("legalRepresentative", Map.of("name", "张三", "idNumber", "11010519491231002X", "mobile", mobile));
        body.put("contacts", List.of(Map.of("name", "李四", "mobile", nextMobile(), "email", "li@example.cn")));
        client.post().uri("/api/v1/employers").headers(TestStaff.as(TestStaff.CA_CLERK))
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange().expectStatus().isCreated();
        return uscc;
    }

    private int requestCode(String mobile) {
        return client.post().uri("/api/v1/employer-login/code").headers(browser::withCsrf)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("mobile", mobile)).exchange()
                .returnResult(String.class).getStatus().value();
    }

    private String codeInOutbox(String mobile) {
        return EmployerAgents.codeSentTo(notifications, mobile);
    }

    private int signIn(String mobile, String code) {
        return browser.keep(client.post().uri("/api/v1/employer-login").headers(browser::withCsrf)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("mobile", mobile, "code", code)).exchange()
                .returnResult(String.class)).getStatus().value();
    }

    @Test
    void anAgentSignsInWithTheCodeAndSeesOnlyTheirOwnEmployer() {
        String mobile = nextMobile();
        Uscc own = employer(mobile);
        Object others = api.submit(ApplicationApi.form("CA_HALL", "ON_THE_SPOT", null, false), 201).get("id");
        assertThat(requestCode(mobile)).isEqualTo(202);
        String code = codeInOutbox(mobile);
        // The code is stored only as a keyed hash; the outbox holds ciphertext; staff see no text outside development.
        assertThat(jdbc.queryForList("SELECT encode(code_hash, 'escape') FROM employer_login_code", String.class))
                .noneMatch(h -> h.contains(code));
        assertThat(jdbc.queryForList("SELECT encode(text, 'escape') FROM notification_outbox", String.class))
                .noneMatch(t -> t.contains(code));
        client.get().uri("/api/v1/notifications").headers(TestStaff.as(TestStaff.ADMIN)).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$[0].text").doesNotExist().jsonPath("$[0].recipient").value(String.class,
                        r -> assertThat(r).contains("****"));

        String wrong = code.equals("000000") ? "111111" : "000000";
        assertThat(signIn(mobile, wrong)).isEqualTo(401);
        assertThat(jdbc.queryForObject("SELECT attempts FROM employer_login_code WHERE used_at IS NULL AND"
                + " mobile_index = ?", Integer.class, cipher.blindIndex("login-mobile", mobile))).isEqualTo(1);
        assertThat(signIn(mobile, code)).isEqualTo(200);
        assertThat(signIn(mobile, code)).as("a code works once").isEqualTo(401);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM spring_session WHERE principal_name = ?", Integer.class,
                "employer-agent:" + mobile.substring(0, 3) + "****" + mobile.substring(7))).isEqualTo(1);

        client.get().uri("/api/v1/me").headers(browser::cookies).exchange().expectStatus().isOk().expectBody()
                .jsonPath("$.role").isEqualTo("EMPLOYER_AGENT");
        // Their own application: submitted (with the CSRF header), read, withdrawn.
        Map<String, Object> form = ApplicationApi.form("CA_HALL", "ON_THE_SPOT", null, false);
        form.put("uscc", own.value());
        client.post().uri("/api/v1/applications").headers(browser::cookies).contentType(MediaType.APPLICATION_JSON)
                .body(form).exchange().expectStatus().isForbidden();
        Object mine = client.post().uri("/api/v1/applications").headers(browser::withCsrf)
                .contentType(MediaType.APPLICATION_JSON).body(form).exchange().expectStatus().isCreated()
                .returnResult(Map.class).getResponseBody().get("id");
        client.get().uri("/api/v1/applications/{id}", mine).headers(browser::cookies).exchange().expectStatus().isOk();
        // Someone else's: as if it did not exist; and no submitting for them, no reviewing.
        client.get().uri("/api/v1/applications/{id}", others).headers(browser::cookies).exchange()
                .expectStatus().isNotFound();
        client.post().uri("/api/v1/applications/{id}/events/WITHDRAW", others).headers(browser::withCsrf).exchange()
                .expectStatus().isNotFound();
        form.put("uscc", TestUscc.next().value());
        client.post().uri("/api/v1/applications").headers(browser::withCsrf).contentType(MediaType.APPLICATION_JSON)
                .body(form).exchange().expectStatus().isForbidden();
        client.post().uri("/api/v1/applications/{id}/events/RECEIVE", mine).headers(browser::withCsrf).exchange()
                .expectStatus().isForbidden();
        client.get().uri("/api/v1/employers?uscc={u}", own.value()).headers(browser::cookies).exchange()
                .expectStatus().isForbidden();
        client.post().uri("/api/v1/applications/{id}/events/WITHDRAW", mine).headers(browser::withCsrf).exchange()
                .expectStatus().isOk().expectBody().jsonPath("$.state").isEqualTo("WITHDRAWN");
        assertThat(api.get(others).get("state")).isEqualTo("SUBMITTED");
    }

    @Test
    void anAgentsSessionEndsAfterHalfAnHourIdleAndSigningOutRemovesIt_issue14() {
        String mobile = nextMobile();
        employer(mobile);
        assertThat(requestCode(mobile)).isEqualTo(202);
        assertThat(signIn(mobile, codeInOutbox(mobile))).isEqualTo(200);
        String principal = "employer-agent:" + mobile.substring(0, 3) + "****" + mobile.substring(7);
        // Not the 8 hours of spring.session.timeout, which staff keep.
        assertThat(jdbc.queryForList("SELECT max_inactive_interval FROM spring_session WHERE principal_name = ?",
                Integer.class, principal)).containsExactly(30 * 60);

        // Without the CSRF token nothing ends.
        client.post().uri("/sign-out").headers(browser::cookies).exchange().expectStatus().isForbidden();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM spring_session WHERE principal_name = ?", Integer.class,
                principal)).isEqualTo(1);
        browser.keep(client.post().uri("/sign-out").headers(browser::withCsrf).exchange().expectStatus().isFound()
                .expectHeader().value("Location", location -> assertThat(location).endsWith("/my/login?signed-out"))
                .returnResult(String.class));
        assertThat(jdbc.queryForObject("SELECT count(*) FROM spring_session WHERE principal_name = ?", Integer.class,
                principal)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_record WHERE actor = ? AND action = ?",
                Integer.class, principal, "employer-agent.signed-out")).isEqualTo(1);
        client.get().uri("/api/v1/me").headers(browser::cookies).exchange().expectStatus().isUnauthorized();
    }

    @Test
    void anExpiredCodeIsRefused() {
        String mobile = nextMobile();
        employer(mobile);
        requestCode(mobile);
        String code = codeInOutbox(mobile);
        clock.advance(Duration.ofMinutes(5));
        assertThat(signIn(mobile, code)).isEqualTo(401);
        assertThat(browser.cookie("SESSION")).isNull();
    }

    @Test
    void fiveWrongTriesUseTheCodeUp() {
        String mobile = nextMobile();
        employer(mobile);
        requestCode(mobile);
        String code = codeInOutbox(mobile);
        String wrong = code.equals("000000") ? "111111" : "000000";
        for (int i = 0; i < 5; i++) {
            assertThat(signIn(mobile, wrong)).isEqualTo(401);
        }
        assertThat(signIn(mobile, code)).isEqualTo(401);
    }

    private int smsTo(String mobile) {
        return notifications.latestTo(org.orgcert.server.employer.MobileNumber.parse(mobile), 100).size();
    }

    @Test
    @DisplayName("issue 12.9: no new code while the last is valid; the number's allowance counts only codes sent")
    void codesAreRateLimitedPerNumber() {
        String mobile = nextMobile();
        employer(mobile);
        assertThat(requestCode(mobile)).isEqualTo(202);
        // A stranger asking again and again while the code is valid: the same answer, no SMS, no allowance used.
        for (int i = 0; i < 20; i++) {
            assertThat(requestCode(mobile)).isEqualTo(202);
        }
        assertThat(smsTo(mobile)).isEqualTo(1);
        // Even a code whose tries are used up blocks a new one until it expires.
        for (int i = 0; i < 5; i++) {
            signIn(mobile, "000000".equals(codeInOutbox(mobile)) ? "111111" : "000000");
        }
        assertThat(requestCode(mobile)).isEqualTo(202);
        assertThat(smsTo(mobile)).isEqualTo(1);
        for (int i = 1; i < 10; i++) {
            clock.advance(EmployerLogin.VALIDITY);
            assertThat(requestCode(mobile)).isEqualTo(202);
        }
        assertThat(smsTo(mobile)).isEqualTo(10);
        clock.advance(EmployerLogin.VALIDITY);
        assertThat(requestCode(mobile)).as("the eleventh code today").isEqualTo(429);
        clock.advance(Duration.ofDays(1));
        assertThat(requestCode(mobile)).isEqualTo(202);
        assertThat(smsTo(mobile)).isEqualTo(11);
        // An unknown number is answered alike, and nothing is sent.
        String unknown = nextMobile();
        assertThat(requestCode(unknown)).isEqualTo(202);
        assertThat(smsTo(unknown)).isZero();
    }

    @Test
    @DisplayName("issue 12.9: a stranger who uses up a number's allowance does not lock out a browser that signed in before")
    void aStrangerCannotLockOutTheEmployersOwnBrowser() {
        String mobile = nextMobile();
        employer(mobile);
        // The employer's own browser signs in once and keeps the signed-in cookie.
        assertThat(requestCode(mobile)).isEqualTo(202);
        assertThat(signIn(mobile, codeInOutbox(mobile))).isEqualTo(200);
        assertThat(browser.cookie("orgcert-signed-in")).isNotBlank();
        // A stranger (no cookie) asks every 5 minutes until the number's allowance for unknown browsers is gone.
        BrowserSession stranger = new BrowserSession(client).primeCsrf();
        int status = 0;
        for (int i = 0; i < 10; i++) {
            clock.advance(EmployerLogin.VALIDITY);
            status = client.post().uri("/api/v1/employer-login/code").headers(stranger::withCsrf)
                    .contentType(MediaType.APPLICATION_JSON).body(Map.of("mobile", mobile)).exchange()
                    .returnResult(String.class).getStatus().value();
        }
        assertThat(status).as("the stranger's eleventh code today").isEqualTo(429);
        int sent = smsTo(mobile);
        // The employer's browser still gets its code, and signs in with it.
        clock.advance(EmployerLogin.VALIDITY);
        assertThat(requestCode(mobile)).isEqualTo(202);
        assertThat(smsTo(mobile)).isEqualTo(sent + 1);
        assertThat(signIn(mobile, codeInOutbox(mobile))).isEqualTo(200);
        // A made-up cookie proves nothing.
        BrowserSession forger = new BrowserSession(client).primeCsrf();
        clock.advance(EmployerLogin.VALIDITY);
        assertThat(client.post().uri("/api/v1/employer-login/code").headers(forger::withCsrf)
                .header(org.springframework.http.HttpHeaders.COOKIE, "orgcert-signed-in=AAAA")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("mobile", mobile)).exchange()
                .returnResult(String.class).getStatus().value()).isEqualTo(429);
    }
}
