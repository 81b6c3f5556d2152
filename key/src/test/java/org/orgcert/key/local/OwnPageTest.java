package org.orgcert.key.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.orgcert.key.KeyAssistant;
import org.orgcert.key.TestClock;
import org.orgcert.key.TestTokens;
import org.orgcert.key.TestTokens.Kind;
import org.orgcert.key.TestTokens.Made;
import org.orgcert.key.service.ServiceClient;
import org.orgcert.key.signin.SignIns;

/** The assistant's own Chinese page: what it shows, its forms, and that no other site can use them. */
class OwnPageTest {
    private static final String PIN = new String(TestTokens.PIN);
    private static final String WRONG_PIN = "Wrong-Secret-77";
    private static final String NEW_PIN = "Kunming-2468";
    private static final String SERVICE = "http://127.0.0.1:9";

    @TempDir
    Path dir;
    private Made made;
    private LocalApi api;
    private HttpCalls calls;
    private final TestClock clock = TestClock.now();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws IOException {
        made = TestTokens.personalised(Kind.SOFTWARE, dir);
        api = LocalApi.start(0, OriginPolicy.fixed(AllowedOrigins.of(List.of(SERVICE)), List.of(
                "https://zhjy.example.cn")), made.source(),
                new KeyAssistant(clock), new ServiceClient(URI.create(SERVICE), Duration.ofSeconds(2)), clock,
                log::add, new SignIns(clock));
        calls = new HttpCalls(api.address().getPort());
    }

    @AfterEach
    void stop() {
        api.close();
        List<String> all = new ArrayList<>(calls.answers);
        all.addAll(log);
        for (String text : all) {
            assertThat(text).doesNotContain(PIN, WRONG_PIN, NEW_PIN);
        }
    }

    @Test
    void showsTheKeyAndItsCertificateInChinese() throws Exception {
        HttpResponse<String> page = calls.get("/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("same-origin");
        assertThat(page.body()).contains("<html lang=\"zh-CN\">", made.serial(), "正常，可以使用", "6次（共6次）",
                TestTokens.EMPLOYER, TestTokens.USCC.value(), "北京时间", "起可以在线续期", "修改PIN码", "证书续期",
                "写入新证书", "打开PIN会话", "最近批准的登录", "还没有。", SERVICE + "/my/certificate#unlock", "短信")
                .doesNotContain("<script", "PERSONALISED", "Exception");
        // the page itself (its own origin) may load it again
        assertThat(calls.get("/", calls.own()).statusCode()).isEqualTo(200);
    }

    @Test
    void withoutTheKeyThePageSaysToPlugItIn() throws Exception {
        Files.delete(((org.orgcert.key.TokenSource.Software) made.source()).tokenFile());
        HttpResponse<String> page = calls.get("/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("没有读到USB Key", "插好USB Key").doesNotContain("修改PIN码");
    }

    @Test
    void changesThePinCountingAWrongOneAndCheckingTheRepeat() throws Exception {
        HttpResponse<String> differ = changePin(calls.get("/", null), PIN, NEW_PIN, NEW_PIN + "x");
        assertThat(differ.statusCode()).isEqualTo(400);
        assertThat(differ.body()).contains("两次输入的新PIN码不一样");
        HttpResponse<String> wrong = changePin(differ, WRONG_PIN, NEW_PIN, NEW_PIN);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("PIN码不对，还可以再试5次", "5次（共6次）");
        HttpResponse<String> policy = changePin(wrong, PIN, "short", "short");
        assertThat(policy.body()).contains("8到32位");
        HttpResponse<String> changed = changePin(policy, PIN, NEW_PIN, NEW_PIN);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.body()).contains("PIN码已经修改", "6次（共6次）");
        assertThat(log).contains("POST /pin 401 wrong-pin", "POST /pin 200");
    }

    @Test
    void renewalAndANewCertificateSayPlainlyWhenTheServiceIsUnreachable() throws Exception {
        HttpResponse<String> renew = calls.postForm("/renew", calls.own(), "csrf",
                HttpCalls.csrf(calls.get("/", null).body()), "pin", PIN);
        assertThat(renew.statusCode()).isEqualTo(502);
        assertThat(renew.body()).contains("连不上证书服务网站").doesNotContain("service-unreachable", "Exception");
        HttpResponse<String> successor = calls.postForm("/fetch-successor", calls.own(), "csrf",
                HttpCalls.csrf(renew.body()), "pin", PIN);
        assertThat(successor.body()).contains("连不上证书服务网站");
        HttpResponse<String> empty = calls.postForm("/renew", calls.own(), "csrf", HttpCalls.csrf(successor.body()),
                "pin", "");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("PIN码不能为空");
    }

    @Test
    void formsAreTakenOnlyFromTheOwnPageWithItsToken() throws Exception {
        String csrf = HttpCalls.csrf(calls.get("/", null).body());
        for (String origin : new String[] {null, "https://zhjy.example.cn", "https://evil.example", "null"}) {
            HttpResponse<String> refused = calls.postForm("/pin", origin, "csrf", csrf, "oldPin", PIN, "newPin", NEW_PIN,
                    "newPin2", NEW_PIN);
            assertThat(refused.statusCode()).as(String.valueOf(origin)).isEqualTo(403);
        }
        assertThat(calls.postForm("/pin", calls.own(), "oldPin", PIN, "newPin", NEW_PIN, "newPin2", NEW_PIN)
                .statusCode()).isEqualTo(403);
        assertThat(calls.postForm("/pin", calls.own(), "csrf", csrf, "oldPin", PIN, "newPin", NEW_PIN, "newPin2",
                NEW_PIN, "extra", "1").statusCode()).isEqualTo(400);
        assertThat(calls.get("/", null).body()).as("nothing was changed or tried").contains("6次（共6次）");
        assertThat(calls.postForm("/pin", calls.own(), "csrf", HttpCalls.csrf(calls.get("/", null).body()), "oldPin",
                PIN, "newPin", NEW_PIN, "newPin2", NEW_PIN).statusCode()).isEqualTo(200);
    }

    @Test
    void anotherSiteCannotShowFrameOrRebindThePage() throws Exception {
        HttpResponse<String> fetched = calls.get("/", "https://evil.example");
        assertThat(fetched.statusCode()).isEqualTo(403);
        assertThat(fetched.body()).doesNotContain(made.serial());
        assertThat(fetched.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> page = calls.get("/", null);
        assertThat(page.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'none'", "frame-ancestors 'none'"));
        String rebound = calls.raw("GET / HTTP/1.1\r\nHost: evil.example:" + api.address().getPort()
                + "\r\nConnection: close\r\n\r\n");
        assertThat(rebound).startsWith("HTTP/1.1 403").doesNotContain(made.serial());
        assertThat(calls.get("/nothing", null).statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> changePin(HttpResponse<String> page, String oldPin, String newPin, String again)
            throws IOException {
        return calls.postForm("/pin", calls.own(), "csrf", HttpCalls.csrf(page.body()), "oldPin", oldPin, "newPin",
                newPin, "newPin2", again);
    }
}
