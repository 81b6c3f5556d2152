package org.orgcert.server.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orgcert.server.BrowserSession;
import org.orgcert.server.EmployerAgents;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestUscc;
import org.orgcert.server.notification.Notifications;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Issue 12.6: a typed password or one-time code reaches no session, page link or table. A failed form sign-in
 * used to keep Spring Security's exception, with the typed password inside, as a session attribute in
 * {@code spring_session_attributes} for 8 hours; for a locked account that is often the right password.
 */
@ServiceTest
@AutoConfigureRestTestClient
class CredentialsNotKeptTest extends ServiceTestBase {
    @Autowired
    RestTestClient client;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Notifications notifications;

    /** Every stored session attribute's bytes. */
    private List<byte[]> sessionAttributes() {
        return jdbc.queryForList("SELECT attribute_bytes FROM spring_session_attributes", byte[].class);
    }

    private static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }

    @Test
    @DisplayName("issue 12.6: a failed staff form sign-in leaves the typed password in no session attribute")
    void aFailedFormSignInKeepsNoPassword() {
        String typed = "typed-" + UUID.randomUUID();
        BrowserSession browser = new BrowserSession(client);
        browser.keep(client.get().uri("/staff/login").exchange().expectStatus().isOk().returnResult(String.class));
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", "t-auditor");
        form.add("password", typed);
        form.add("_csrf", browser.cookie("XSRF-TOKEN"));
        String location = browser.keep(client.post().uri("/staff/login").headers(browser::cookies)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).exchange().expectStatus().isFound()
                .returnResult(String.class)).getResponseHeaders().getLocation().toString();
        assertThat(location).endsWith("/staff/login?error").doesNotContain(typed);
        // The page after the failure still says why, without a session.
        assertThat(client.get().uri(location).headers(browser::cookies).exchange().expectStatus().isOk()
                .returnResult(String.class).getResponseBody()).contains("login-error").doesNotContain(typed);
        assertThat(sessionAttributes()).noneMatch(bytes -> contains(bytes, typed));
        // An unknown user name too.
        form.set("username", "nobody-" + UUID.randomUUID().toString().substring(0, 8));
        client.post().uri("/staff/login").headers(browser::cookies).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form).exchange().expectStatus().isFound();
        assertThat(sessionAttributes()).noneMatch(bytes -> contains(bytes, typed));
    }

    @Test
    @DisplayName("issue 12.6: wrong SMS codes typed on the page or the API reach no session and no page link")
    void wrongCodesAreKeptNowhere() {
        EmployerAgents agents = new EmployerAgents(client, notifications);
        String mobile = EmployerAgents.nextMobile();
        agents.register(TestUscc.next(), "昆明凭据测试有限公司", mobile);
        BrowserSession browser = new BrowserSession(client);
        browser.keep(client.get().uri("/my/login").exchange().expectStatus().isOk().returnResult(String.class));
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("mobile", mobile);
        form.add("_csrf", browser.cookie("XSRF-TOKEN"));
        browser.keep(client.post().uri("/my/login/code").headers(browser::cookies)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).exchange().expectStatus().isOk()
                .returnResult(String.class));
        String code = agents.lastCode(mobile);
        String wrong = code.equals("987123") ? "987124" : "987123";
        form.add("code", wrong);
        String page = browser.keep(client.post().uri("/my/login").headers(browser::cookies)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).exchange().expectStatus().isOk()
                .returnResult(String.class)).getResponseBody();
        // The page's language links repeat no posted field: not the code, not the CSRF token.
        assertThat(page).contains("code-error").doesNotContain(wrong);
        assertThat(java.util.regex.Pattern.compile("href=\"([^\"]*lang=[^\"]*)\"").matcher(page).results()
                .map(m -> m.group(1)).toList()).isNotEmpty().noneMatch(href -> href.contains("_csrf")
                        || href.contains("code=") || href.contains(browser.cookie("XSRF-TOKEN")));
        browser.keep(client.post().uri("/api/v1/employer-login").headers(browser::withCsrf)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("mobile", mobile, "code", "555" + wrong.substring(3)))
                .exchange().expectStatus().isUnauthorized().returnResult(String.class));
        assertThat(sessionAttributes()).noneMatch(bytes -> contains(bytes, wrong) || contains(bytes, code));
        assertThat(jdbc.queryForList("SELECT detail FROM audit_record", String.class))
                .noneMatch(detail -> detail != null && (detail.contains(wrong) || detail.contains(code)));
    }
}
