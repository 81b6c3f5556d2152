package org.orgcert.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.orgcert.server.ApplicationApi;
import org.orgcert.server.BrowserSession;
import org.orgcert.server.ServiceTest;
import org.orgcert.server.ServiceTestBase;
import org.orgcert.server.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.util.LinkedMultiValueMap;

/**
 * Issue 12.10 (part): what a browser session and the edge accept. The CSRF token only from the header or a
 * form body, never the address; cookies {@code SameSite=Lax}, and {@code Secure} behind TLS; a bounded queue;
 * an over-long upload file name said as such.
 */
@ServiceTest
@AutoConfigureRestTestClient
class SessionEdgesTest extends ServiceTestBase {
    private static final byte[] PDF = "%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

    @Autowired
    RestTestClient client;

    @Test
    @DisplayName("issue 12.10: the CSRF token in the query string is not accepted; in the header or form body it is")
    void theCsrfTokenIsNotTakenFromTheAddress() {
        BrowserSession browser = new BrowserSession(client).primeCsrf();
        String token = browser.cookie("XSRF-TOKEN");
        // A code request is public but CSRF-protected: a cheap POST to try the token's places on.
        client.post().uri("/api/v1/employer-login/code?_csrf={t}", token).headers(browser::cookies)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("mobile", "13912345678")).exchange()
                .expectStatus().isForbidden();
        client.post().uri("/api/v1/employer-login/code?%5Fcsrf={t}", token).headers(browser::cookies)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("mobile", "13912345678")).exchange()
                .expectStatus().isForbidden();
        // A form: the token in its body is fine, the same token in the address beside a body field is not.
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", TestStaff.AUDITOR);
        form.add("password", TestStaff.PASSWORD);
        client.post().uri("/staff/login?_csrf={t}", token).headers(browser::cookies)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).exchange().expectStatus().isForbidden();
        form.add("_csrf", token);
        client.post().uri("/staff/login").headers(browser::cookies).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(form).exchange().expectStatus().isFound();
        BrowserSession other = new BrowserSession(client).primeCsrf();
        client.post().uri("/api/v1/employer-login/code").headers(other::withCsrf).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("mobile", "13912345678")).exchange().expectStatus().is2xxSuccessful();
    }

    private static List<String> setCookies(org.springframework.test.web.servlet.client.EntityExchangeResult<?> result,
            String name) {
        return result.getResponseHeaders().getOrEmpty(HttpHeaders.SET_COOKIE).stream()
                .filter(c -> c.startsWith(name + "=")).toList();
    }

    @Test
    @DisplayName("issue 12.10: session, CSRF and language cookies are SameSite=Lax, and Secure when the request came over TLS")
    void cookiesAreSameSiteAndSecureBehindTls() {
        for (boolean tls : new boolean[] {false, true}) {
            BrowserSession browser = new BrowserSession(client);
            var page = browser.keep(client.get().uri("/staff/login?lang=en")
                    .headers(h -> forwarded(h, tls)).exchange().expectStatus().isOk().returnResult(String.class));
            LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
            form.add("username", TestStaff.AUDITOR);
            form.add("password", TestStaff.PASSWORD);
            form.add("_csrf", browser.cookie("XSRF-TOKEN"));
            var signedIn = client.post().uri("/staff/login").headers(browser::cookies).headers(h -> forwarded(h, tls))
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).exchange().expectStatus().isFound()
                    .returnResult(String.class);
            List<String> cookies = new java.util.ArrayList<>();
            cookies.addAll(setCookies(page, "XSRF-TOKEN"));
            cookies.addAll(setCookies(page, "orgcert-lang"));
            cookies.addAll(setCookies(signedIn, "SESSION"));
            assertThat(cookies).hasSize(3).allSatisfy(cookie -> {
                assertThat(cookie).containsIgnoringCase("SameSite=Lax");
                if (tls) {
                    assertThat(cookie).containsIgnoringCase("; Secure");
                } else {
                    assertThat(cookie).doesNotContainIgnoringCase("Secure");
                }
            });
            assertThat(setCookies(signedIn, "SESSION")).singleElement().asString().containsIgnoringCase("HttpOnly");
        }
    }

    /** As a TLS-terminating proxy on this host would forward the request (or not). */
    private static void forwarded(HttpHeaders headers, boolean tls) {
        if (tls) {
            headers.set("X-Forwarded-Proto", "https");
        }
    }

    @Test
    @DisplayName("issue 12.10: a queue's limit beyond 500 (or below 1) is refused naming the parameter")
    void theQueueLimitIsBounded() {
        client.get().uri("/api/v1/applications?state=SUBMITTED&limit=100000").headers(TestStaff.as(TestStaff.CA_CLERK))
                .exchange().expectStatus().isBadRequest().expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.errors.limit").isEqualTo("1 to 500");
        client.get().uri("/api/v1/applications?state=SUBMITTED&limit=0").headers(TestStaff.as(TestStaff.CA_CLERK))
                .exchange().expectStatus().isBadRequest();
        client.get().uri("/api/v1/applications?state=SUBMITTED&limit=500").headers(TestStaff.as(TestStaff.CA_CLERK))
                .exchange().expectStatus().isOk();
    }

    @Test
    @DisplayName("issue 12.10: a 5,000-character upload file name is a 400 file-name-too-long, not the size limit")
    void anOverLongFileNameIsSaidToBeTooLong() throws IOException {
        Object id = new ApplicationApi(client).submit(ApplicationApi.form("CA_HALL", "ON_THE_SPOT", null, false), 201)
                .get("id");
        String boundary = "b0undary";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"item\"\r\n\r\nBUSINESS_LICENCE_COPY\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + "营".repeat(4996)
                + ".pdf\"\r\nContent-Type: application/pdf\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(PDF);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        client.post().uri("/api/v1/applications/" + id + "/documents").headers(TestStaff.as(TestStaff.CA_CLERK))
                .contentType(MediaType.parseMediaType("multipart/form-data; boundary=" + boundary))
                .body(body.toByteArray()).exchange().expectStatus().isBadRequest()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON).expectBody()
                .jsonPath("$.type").isEqualTo(Problems.TYPE_BASE + "file-name-too-long")
                .jsonPath("$.errors.filename").exists();
    }
}
