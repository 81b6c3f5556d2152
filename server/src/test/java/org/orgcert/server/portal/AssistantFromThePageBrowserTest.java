package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.orgcert.key.local.LocalApi;
import org.orgcert.pki.name.Uscc;
import org.orgcert.server.BrowserTest;
import org.orgcert.server.EmployerAgents;
import org.orgcert.server.KeyHolders;
import org.orgcert.server.TestUscc;
import org.orgcert.server.certificate.CertificateStore;
import org.orgcert.server.issuance.TokenStock;
import org.orgcert.server.notification.Notifications;
import org.orgcert.token.Token;
import org.orgcert.token.TokenException;
import org.orgcert.token.TokenState;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The certificate page uses the employer's USB-key assistant running on this machine ({@code orgcert-key serve}
 * on 127.0.0.1:17017, accepting this service's origin): renewal (R-REN-2) and unlocking a locked key
 * (R-FEE-1 d) from the browser, end to end.
 */
class AssistantFromThePageBrowserTest extends BrowserTest {
    @Autowired
    RestTestClient client;
    @Autowired
    Notifications notifications;
    @Autowired
    ApplicationContext context;
    @Autowired
    CertificateStore certificates;
    @Autowired
    TokenStock stock;

    private KeyHolders.Holder holderWithAgent(String mobile) {
        Uscc uscc = TestUscc.next();
        new EmployerAgents(client, notifications).register(uscc, KeyHolders.NAME, mobile);
        return new KeyHolders(context).produce(uscc);
    }

    @Test
    void thePageRenewsTheKeyThroughTheLocalAssistant_R_REN_2() throws Exception {
        String mobile = EmployerAgents.nextMobile();
        KeyHolders.Holder holder = holderWithAgent(mobile);
        setTime(holder.certificate().notAfter().minus(Duration.ofDays(15)));
        String serial = holder.certificate().serial().toString(16);
        try (LocalApi api = LocalAssistants.start(holder, url(""), clock)) {
            new EmployerPages(browser, this::url, notifications).signIn(mobile);
            open("/my/certificates/" + serial);
            find("#renew-pin").sendKeys(new String(holder.pin()));
            find("#renew-button").click();
            waitFor(d -> !d.findElement(By.id("renew-result")).getText().isBlank()
                    && certificates.findSuccessor(holder.certificate().serial()).isPresent());
            screenshot("renewed");
            assertThat(find("#renew-result").getText()).doesNotContain("orgcert-key serve");
        }
        assertThat(certificates.findSuccessor(holder.certificate().serial())).isPresent();
    }

    /**
     * The assistant's and the service's refusals during renewal are said in the page's language, never as the
     * English detail of the answer: renewal not open yet (the service's refusal, relayed by the assistant, with
     * the date it opens), a wrong PIN with the tries left, and without the assistant the sentence to start it.
     */
    @Test
    void renewalRefusalsAreSaidInThePagesLanguage_R_REN_1_R_REN_2() throws Exception {
        String mobile = EmployerAgents.nextMobile();
        KeyHolders.Holder holder = holderWithAgent(mobile);
        String serial = holder.certificate().serial().toString(16);
        int maxRetries = holder.token().info().maxRetries();
        EmployerPages pages = new EmployerPages(browser, this::url, notifications);
        pages.signIn(mobile);
        open("/my/certificates/" + serial + "?lang=en");
        renew("wrong-pin-1");
        waitFor(d -> d.findElement(By.id("renew-result")).getText().startsWith("The USB-key assistant is not open on this computer"));

        try (LocalApi api = LocalAssistants.start(holder, url(""), clock)) {
            open("/my/certificates/" + serial + "?lang=zh-CN");
            renew(new String(holder.pin()));
            waitFor(d -> d.findElement(By.id("renew-result")).getText().contains("开放"));
            assertThat(find("#renew-result").getText()).matches("未能完成： 续期将于\\d{4}-\\d{2}-\\d{2}开放，即证书到期前30天。");

            setTime(holder.certificate().notAfter().minus(Duration.ofDays(15)));
            open("/my/certificates/" + serial);
            renew("wrong-pin-1");
            waitFor(d -> d.findElement(By.id("renew-result")).getText().contains("PIN"));
            screenshot("wrong-pin-zh");
            assertThat(find("#renew-result").getText())
                    .isEqualTo("未能完成： PIN码错误，还剩" + (maxRetries - 1) + "次尝试机会，用完后USB Key将锁定。");

            open("/my/certificates/" + serial + "?lang=en");
            renew("wrong-pin-2");
            waitFor(d -> d.findElement(By.id("renew-result")).getText().contains("PIN"));
            assertThat(find("#renew-result").getText()).isEqualTo("That did not work: The PIN is wrong. "
                    + (maxRetries - 2) + " tries are left before the USB key locks.");
        }
        assertThat(certificates.findSuccessor(holder.certificate().serial())).isEmpty();
        assertThat(holder.token().info().retriesLeft()).isEqualTo(maxRetries - 2);
    }

    /**
     * Unlocking with a new PIN the key refuses (too short): the assistant's refusal is the page's sentence about
     * the PIN policy, in Chinese and in English.
     */
    @Test
    void aNewPinTheKeyRefusesIsSaidInThePagesLanguage_R_FEE_1_d() throws Exception {
        String mobile = EmployerAgents.nextMobile();
        KeyHolders.Holder holder = holderWithAgent(mobile);
        String serial = holder.certificate().serial().toString(16);
        try (LocalApi api = LocalAssistants.start(holder, url(""), clock)) {
            new EmployerPages(browser, this::url, notifications).signIn(mobile);
            open("/my/certificates/" + serial);
            find("#unlock-pin").sendKeys("short1");
            find("#unlock-button").click();
            waitFor(d -> d.findElement(By.id("unlock-result")).getText().startsWith("未能完成"));
            screenshot("pin-policy-zh");
            assertThat(find("#unlock-result").getText()).isEqualTo("未能完成： 新PIN码须为8至32个字符，至少包含一个字母和一个数字。");

            open("/my/certificates/" + serial + "?lang=en");
            find("#unlock-pin").sendKeys("short1");
            find("#unlock-button").click();
            waitFor(d -> d.findElement(By.id("unlock-result")).getText().startsWith("That did not work"));
            assertThat(find("#unlock-result").getText()).isEqualTo("That did not work: The new PIN must have 8 to 32"
                    + " characters with at least one letter and one digit.");
        }
    }

    private void renew(String pin) {
        find("#renew-pin").sendKeys(pin);
        find("#renew-button").click();
    }

    /**
     * A key locked by wrong PINs: the page reads its challenge from the assistant, files the request, gets the
     * bureau's response once approved (the automatic policy, {@code orgcert.unlock.auto-approve}, on by
     * default) and has the assistant set the new PIN, which then works.
     */
    @Test
    void thePageUnlocksALockedKeyThroughTheLocalAssistant_R_FEE_1_d() throws Exception {
        String mobile = EmployerAgents.nextMobile();
        KeyHolders.Holder holder = holderWithAgent(mobile);
        String tokenSerial = holder.token().info().serial();
        for (int i = 0; i < holder.token().info().maxRetries(); i++) {
            assertThatThrownBy(() -> holder.token().sign("wrong-pin-1".toCharArray(), new byte[] {1}))
                    .isInstanceOf(TokenException.class);
        }
        assertThat(holder.token().info().state()).isEqualTo(TokenState.LOCKED);
        char[] newPin = "Dianchi2027".toCharArray();
        try (LocalApi api = LocalAssistants.start(holder, url(""), clock)) {
            new EmployerPages(browser, this::url, notifications).signIn(mobile);
            open("/my/certificates/" + holder.certificate().serial().toString(16));
            find("#unlock-pin").sendKeys(new String(newPin));
            find("#unlock-button").click();
            waitFor(d -> d.findElement(By.id("unlock-result")).getText().equals("USB Key已解锁并设置了新的PIN码。"));
            screenshot("unlocked");
            assertThat(find("#unlock-pin").getAttribute("value")).isEmpty();
        }
        // The key itself, opened afresh: unlocked, and the new PIN signs (the old one is gone).
        try (Token token = stock.open(tokenSerial)) {
            assertThat(token.info().state()).isNotEqualTo(TokenState.LOCKED);
            assertThat(token.info().retriesLeft()).isEqualTo(token.info().maxRetries());
            assertThat(token.sign(newPin, new byte[] {1})).isNotEmpty();
        }
    }
}
