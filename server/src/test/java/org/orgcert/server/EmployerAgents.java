package org.orgcert.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.employer.MobileNumber;
import org.orgcert.server.notification.Notifications;
import org.orgcert.server.notification.OutboxMessage;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Employers in the register and their agents signed in with a one-time code from the outbox, as a browser
 * would be: for tests of what an employer's agent may do.
 */
public final class EmployerAgents {
    private static final AtomicInteger MOBILES = new AtomicInteger(30_000_000);
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");
    private final RestTestClient client;
    private final Notifications notifications;

    public EmployerAgents(RestTestClient client, Notifications notifications) {
        this.client = client;
        this.notifications = notifications;
    }

    /** A mobile number no other test uses. */
    public static String nextMobile() {
        return "137" + MOBILES.incrementAndGet();
    }

    /** Registers the employer {@code uscc} with {@code mobile} as its first contact's number. */
    public void register(Uscc uscc, String name, String mobile) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uscc", uscc.value());
        body.put("name", name);
        body.put("address", "昆明市五华区人民中路 1 号");
        body.put("legalRepresentative", Map.of("name", "张三", "idNumber", "11010519491231002X", "mobile", nextMobile()));
        body.put("contacts", List.of(Map.of("name", "李四", "mobile", mobile, "email", "li@example.cn")));
        client.post().uri("/api/v1/employers").headers(TestStaff.as(TestStaff.CA_CLERK))
                .contentType(MediaType.APPLICATION_JSON).body(body).exchange().expectStatus().isCreated();
    }

    /** A browser session of the agent with {@code mobile}, signed in with the code the outbox holds. */
    public BrowserSession signIn(String mobile) {
        BrowserSession browser = new BrowserSession(client).primeCsrf();
        client.post().uri("/api/v1/employer-login/code").headers(browser::withCsrf)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("mobile", mobile)).exchange()
                .expectStatus().isAccepted();
        browser.keep(client.post().uri("/api/v1/employer-login").headers(browser::withCsrf)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("mobile", mobile, "code", lastCode(mobile)))
                .exchange().expectStatus().isOk().returnResult(String.class));
        return browser;
    }

    /** The one-time code last sent to {@code mobile}, read from the outbox as a phone would show it. */
    public String lastCode(String mobile) {
        return codeSentTo(notifications, mobile);
    }

    /**
     * The one-time code last sent to {@code mobile}. Looked up by the number itself: the newest messages overall
     * are not enough, since tests that move the clock ahead leave messages dated later than this one.
     */
    public static String codeSentTo(Notifications notifications, String mobile) {
        // The newest code: the employer's application steps send it other SMS too (R-SMS-1), at the same instant.
        OutboxMessage message = notifications.latestTo(MobileNumber.parse(mobile), 20).stream()
                .filter(m -> m.template() == null && CODE.matcher(m.text()).find()).findFirst()
                .orElseThrow(() -> new AssertionError("no SMS code to " + mobile + " in the outbox"));
        Matcher matcher = CODE.matcher(message.text());
        assertThat(matcher.find()).isTrue();
        return matcher.group(1);
    }
}
