package org.orgcert.examples.kmzhjy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.orgcert.key.local.LocalAssistant;
import org.orgcert.server.domain.Actor;
import org.orgcert.server.domain.StaffRole;
import org.orgcert.server.lifecycle.CertificateEnding;
import org.orgcert.server.lifecycle.EndReason;
import org.orgcert.server.platform.PlatformRegistration;
import org.orgcert.server.platform.RelyingPlatforms;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The demo platform “昆明智慧就业” end to end, in a real browser (R-USE-1; R-USE-2 and R-USE-3 platforms sign in the
 * same way through the same provider): the OrgCert service, the employer's real assistant serving a software token
 * the service produced, and the demo platform in its own JVM, all started here. The employer clicks 数字证书登录, is
 * sent to the provider's key page, clicks "用 USB Key 登录", confirms with the PIN in the assistant's own window and
 * lands back on the platform, signed in as the employer. A certificate reported lost signs nobody in at the next
 * attempt, within a second of the report's commit; a key pulled out ends the platform's session (the assistant
 * reports it, the provider sends back-channel logout). Screenshots in {@code target/screenshots/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoPlatformEndToEndTest {
    private static final String PLATFORM_NAME = "“昆明智慧就业”信息平台";
    /** Holds the page's answer ({@code POST /signin/key}) until the test calls {@code window.releaseAnswer()}. */
    private static final String HOLD_THE_ANSWER = "var send = window.fetch;"
            + "window.answerHeld = false;"
            + "window.fetch = function (url, options) {"
            + "  if (String(url) !== '/signin/key') { return send.apply(window, arguments); }"
            + "  window.answerHeld = true;"
            + "  return new Promise(function (go) { window.releaseAnswer = go; })"
            + "      .then(function () { return send.call(window, url, options); });"
            + "};";
    /** Notes in {@code window.refusedAt} (ms since 1970, as the JVM's clock) when the page first says "注销". */
    private static final String NOTE_REFUSAL_TIME = "var status = document.getElementById('status');"
            + "window.refusedAt = null;"
            + "new MutationObserver(function () {"
            + "  if (window.refusedAt === null && status.textContent.indexOf('注销') >= 0) { window.refusedAt = Date.now(); }"
            + "}).observe(status, {childList: true, characterData: true, subtree: true});";
    private static final Actor CUSTOMER_SERVICE = new Actor.Staff("t-service", StaffRole.CA_SERVICE, null);

    private OrgCertService service;
    private DemoPlatform platform;
    private Chrome chrome;
    private EmployerKeys keys;

    @BeforeAll
    void start() throws Exception {
        service = OrgCertService.start();
        int port = OrgCertService.freePort();
        String base = "http://127.0.0.1:" + port;
        // As ./orgcert serve --demo registers kmzhjy (DemoPlatforms), on this test's port: a public client, consent
        // asked, back-channel logout.
        service.bean(RelyingPlatforms.class).register(new PlatformRegistration("kmzhjy", PLATFORM_NAME,
                List.of(base + "/login/oauth2/code/orgcert"), List.of(base + "/"),
                base + "/logout/connect/back-channel/orgcert", List.of("openid", "employer", "certificate"), true,
                "none"), new Actor.System("system:demo"));
        platform = DemoPlatform.start(port, service.url());
        chrome = Chrome.start();
        keys = new EmployerKeys(service);
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable part : new AutoCloseable[] {chrome, platform, service}) {
            if (part != null) {
                part.close();
            }
        }
    }

    @BeforeEach
    void freshVisitor(TestInfo test) {
        chrome.startTest(getClass().getSimpleName() + "." + test.getTestMethod().orElseThrow().getName());
        chrome.freshVisit();
    }

    @Test
    void rUse1_theEmployerSignsInToThePlatformWithItsKeyAndSignsOut() throws Exception {
        EmployerKeys.Key key = keys.produce("昆明市演示科技有限公司");
        try (LocalAssistant assistant = Assistants.start(key, service.url())) {
            signIn(key);
            assertThat(chrome.find("#uscc").getText()).isEqualTo(key.uscc());
            assertThat(chrome.find("#employer-name").getText()).isEqualTo("昆明市演示科技有限公司");
            assertThat(chrome.find("#serial").getText()).isEqualTo(key.certificate().serialHex());
            assertThat(chrome.find("#not-after").getText()).contains("北京时间");
            assertThat(chrome.find("#key-kind").getText()).startsWith("软件证书");

            chrome.find("#signout").click();
            chrome.waitFor(10, d -> !chrome.findAll("#signed-out").isEmpty());
            chrome.screenshot("demo-signed-out");
            assertThat(chrome.find("#signin").getText()).isEqualTo("数字证书登录");
            chrome.open(platform.url() + "/account");
            assertThat(URI.create(chrome.driver().getCurrentUrl()).getPath()).isEqualTo("/");
        }
    }

    @Test
    void rUse1_aCertificateReportedLostSignsNobodyInWithinASecondAndEndsItsSignIns() throws Exception {
        EmployerKeys.Key key = keys.produce("昆明市挂失测试有限公司");
        try (LocalAssistant assistant = Assistants.start(key, service.url())) {
            signIn(key);
            String signedIn = chrome.driver().manage().getCookieNamed("JSESSIONID").getValue();

            // The next attempt, from a new visit: the employer confirms in the assistant, and the page's answer to the
            // provider is held in the page until the loss is reported; then it goes. So the provider sees the answer
            // just after the report's commit, the hardest moment for a revocation to count. Timed: from the commit to
            // the refusal shown on the page (the page notes the moment itself: the test's own polling adds nothing).
            chrome.freshVisit();
            openTheProvidersKeyPage();
            chrome.script(HOLD_THE_ANSWER + NOTE_REFUSAL_TIME);
            chrome.find("#start").click();
            confirmInTheAssistant(key);
            chrome.waitFor(10, d -> Boolean.TRUE.equals(chrome.script("return window.answerHeld;")));
            AtomicLong committedAt = new AtomicLong();
            reportLost(key, committedAt);
            chrome.script("window.releaseAnswer();");
            WebElement status = chrome.find("#status");
            chrome.waitFor(10, d -> status.getText().contains("注销"));
            chrome.screenshot("provider-refused");
            assertThat(status.getText()).isEqualTo("这张证书已经注销，不能再用来登录。如需新证书，请办理补办。");
            Duration took = Duration.ofMillis(((Number) chrome.script("return window.refusedAt;"))
                    .longValue() - committedAt.get());
            System.out.println("revocation-to-refusal: " + took.toMillis() + " ms");
            Files.writeString(Path.of("target", "revocation-to-refusal.txt"), took.toMillis() + " ms\n");
            assertThat(took).isLessThanOrEqualTo(Duration.ofSeconds(1));

            // The sign-in made with it before has ended at the platform too (back-channel logout).
            assertThat(signedOutSoon(signedIn)).isTrue();
        }
    }

    @Test
    void rUse1_pullingOutTheKeyEndsThePlatformsSession() throws Exception {
        EmployerKeys.Key key = keys.produce("昆明市拔出测试有限公司");
        try (LocalAssistant assistant = Assistants.start(key, service.url())) {
            signIn(key);
            assertThat(chrome.find("#uscc").getText()).isEqualTo(key.uscc());

            Files.delete(key.tokenFile());
            long pulled = System.nanoTime();
            // The assistant looks every second; then the provider's back-channel logout reaches the platform.
            chrome.waitFor(5, d -> {
                chrome.open(platform.url() + "/account");
                return !chrome.findAll("#signin").isEmpty();
            });
            System.out.println("key-removed-to-signed-out: " + Duration.ofNanos(System.nanoTime() - pulled).toMillis() + " ms");
            chrome.screenshot("demo-after-key-removed");
            assertThat(chrome.findAll("#uscc")).isEmpty();
        }
    }

    /** The whole sign-in, from the platform's home page to its account page. */
    private void signIn(EmployerKeys.Key key) {
        openTheProvidersKeyPage();
        chrome.find("#start").click();
        confirmInTheAssistant(key);
        // Consent asked (kmzhjy registered so): the provider's page lists what goes to the platform, all ticked.
        chrome.waitFor(15, d -> !chrome.findAll("#consent-submit").isEmpty());
        assertThat(chrome.find("#consent-platform").getText()).isEqualTo(PLATFORM_NAME);
        assertThat(chrome.findAll("#consent input[type=checkbox][name=scope]"))
                .hasSize(2).allMatch(WebElement::isSelected);
        chrome.screenshot("provider-consent");
        chrome.find("#consent-submit").click();
        chrome.waitFor(15, d -> d.getCurrentUrl().startsWith(platform.url() + "/account"));
        chrome.screenshot("demo-account");
    }

    /** The platform's home page, 数字证书登录, the provider's key page. */
    private void openTheProvidersKeyPage() {
        chrome.open(platform.url() + "/");
        chrome.screenshot("demo-home");
        chrome.find("#signin").click();
        chrome.waitFor(15, d -> d.getCurrentUrl().startsWith(service.url() + "/signin/key"));
        assertThat(chrome.find("#platform-name").getText()).isEqualTo(PLATFORM_NAME);
        chrome.screenshot("provider-signin-key");
    }

    /**
     * In the assistant's window the provider's page opened: the PIN, 确认登录; the provider's page closes that window once
     * the assistant signed, and the test is back on it.
     */
    private void confirmInTheAssistant(EmployerKeys.Key key) {
        WebDriver driver = chrome.driver();
        String page = driver.getWindowHandle();
        String popup = chrome.waitFor(15, d -> d.getWindowHandles().stream().filter(h -> !h.equals(page)).findFirst()
                .orElse(null));
        driver.switchTo().window(popup);
        chrome.waitFor(15, d -> d.getCurrentUrl().contains("/confirm/") && !chrome.findAll("#pin").isEmpty());
        assertThat(chrome.find(".origin").getText()).isEqualTo(service.url());
        chrome.find("#pin").sendKeys(new String(key.pin()));
        chrome.screenshot("assistant-confirm");
        chrome.find("button[value=confirm]").click();
        // The provider's page closes the assistant's window once the signature is there.
        chrome.waitFor(10, d -> !d.getWindowHandles().contains(popup));
        driver.switchTo().window(page);
    }

    /** Customer service reports the certificate lost; {@code committedAt} takes when its transaction committed. */
    private void reportLost(EmployerKeys.Key key, AtomicLong committedAt) {
        new TransactionTemplate(service.bean(PlatformTransactionManager.class)).executeWithoutResult(status -> {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    committedAt.set(System.currentTimeMillis());
                }
            });
            service.bean(CertificateEnding.class).report(key.certificate().serial(), EndReason.LOST, CUSTOMER_SERVICE);
        });
    }

    /** Whether the platform session {@code sessionId} ends within 10 s: its account page then sends to the home page. */
    private boolean signedOutSoon(String sessionId) {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        try {
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200))
                    .until(() -> http.send(HttpRequest.newBuilder(URI.create(platform.url() + "/account"))
                            .header("Cookie", "JSESSIONID=" + sessionId).build(), HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 302);
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException stillSignedIn) {
            return false;
        }
    }
}
