package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.orgcert.server.BrowserTest;
import org.orgcert.server.PageWaits;
import org.orgcert.server.StaffPages;
import org.orgcert.server.TestStaff;
import org.orgcert.server.audit.AuditLog;
import org.orgcert.server.platform.PlatformClients;
import org.orgcert.server.platform.RelyingPlatform;
import org.orgcert.server.platform.RelyingPlatforms;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Issue 13 item 2 in the browser: the bureau's administrator registers a relying platform (R-USE-1) on
 * {@code /staff/platforms} (a wrong address refused next to its field, by line, in Chinese, nothing saved), sees its
 * secret once with the warning, changes it, gives it a new secret, disables and enables it; a window clerk
 * cannot open the pages.
 */
class StaffPlatformsBrowserTest extends BrowserTest {
    @Autowired
    RelyingPlatforms platforms;
    @Autowired
    PlatformClients clients;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    PasswordEncoder encoder;
    @Autowired
    AuditLog audit;

    @Test
    void theAdministratorRegistersAPlatformAndSeesItsSecretOnce_R_USE_1() {
        String id = "b-" + UUID.randomUUID().toString().substring(0, 8);
        StaffPages staff = new StaffPages(browser, this::url).signIn(TestStaff.clerk("wuhua"));
        open("/staff/platforms");
        assertThat(find("#error-message").getText()).isEqualTo("您账户的岗位不能进行此操作。");
        assertThat(findAll("#platforms, #register-link")).isEmpty();

        staff.signIn(TestStaff.ADMIN);
        find("#platforms-link").click();
        waitFor(d -> d.getCurrentUrl().endsWith("/staff/platforms"));
        assertThat(find("h1").getText()).isEqualTo("依赖方平台");
        find("#register-link").click();
        waitFor(d -> d.getCurrentUrl().endsWith("/staff/platforms/new"));

        find("#clientId").sendKeys(id);
        find("#name").sendKeys("昆明智慧就业");
        find("#redirectUris").sendKeys("https://" + id + ".example.gov.cn/login/oauth2/code/orgcert\n"
                + "https://" + id + ".example.gov.cn/cb#frag\nhttp://" + id + ".example.gov.cn/cb");
        find("#backchannelLogoutUri").sendKeys("https://" + id + ".example.gov.cn/logout/connect/back-channel/orgcert");
        find("#scope-employer").click();
        clickAndWait("save");
        assertThat(find("#redirectUris-error").getText()).isEqualTo("第2行：地址中不能含有“#”。"
                + " 第3行：http仅用于本机演示（localhost或127.0.0.1）：网络上的平台须使用https。");
        assertThat(find("#redirectUris").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(find("#name").getAttribute("value")).isEqualTo("昆明智慧就业");
        assertThat(find("#scope-employer").isSelected()).isTrue();
        assertThat(platforms.find(id)).isEmpty();

        find("#redirectUris").clear();
        find("#redirectUris").sendKeys("https://" + id + ".example.gov.cn/login/oauth2/code/orgcert");
        clickAndWait("save");
        assertThat(find("h1").getText()).isEqualTo("平台已登记");
        assertThat(find("#secret-once").getText()).contains("只显示这一次", "只保存其哈希值");
        String secret = find("#client-secret").getText();
        assertThat(secret).matches("[A-Za-z0-9_-]{43}");
        assertThat(encoder.matches(secret, hash(id))).isTrue();
        assertThat(find("#result-client-id").getText()).isEqualTo(id);
        assertThat(find("#result-discovery").getText()).endsWith("/.well-known/openid-configuration");

        // Never again: neither the platform's page nor the list shows it.
        find("#to-platform").click();
        waitFor(d -> d.getCurrentUrl().endsWith("/staff/platforms/" + id));
        assertThat(browser.getPageSource()).doesNotContain(secret);
        assertThat(find("#status").getAttribute("data-enabled")).isEqualTo("true");
        open("/staff/platforms");
        assertThat(find("#platform-" + id).getText()).contains("昆明智慧就业", id, "已启用", "机密客户端（有密钥）");
        assertThat(browser.getPageSource()).doesNotContain(secret);

        // A taken client id: said next to the field.
        open("/staff/platforms/new");
        find("#clientId").sendKeys(id);
        find("#name").sendKeys("另一个平台");
        find("#redirectUris").sendKeys("https://other.example.gov.cn/cb");
        clickAndWait("save");
        assertThat(find("#clientId-error").getText()).isEqualTo("该客户端标识已被其他平台使用：请换一个客户端标识。");

        // A change: the name and consent.
        open("/staff/platforms/" + id);
        find("#name").clear();
        find("#name").sendKeys("昆明智慧就业信息平台");
        find("#requireConsent").click();
        clickAndWait("save");
        assertThat(find("#done").getText()).isEqualTo("修改已保存，自下次登录起生效。");
        RelyingPlatform changed = platforms.find(id).orElseThrow();
        assertThat(changed.name()).isEqualTo("昆明智慧就业信息平台");
        assertThat(changed.requireConsent()).isFalse();
        assertThat(changed.scopes()).containsExactly("openid", "employer");
        assertThat(changed.backchannelLogoutUri()).endsWith("/logout/connect/back-channel/orgcert");

        // A new secret: shown once, the old one no longer works.
        clickAndWait("rotate-secret");
        assertThat(find("h1").getText()).isEqualTo("已生成新密钥");
        String second = find("#client-secret").getText();
        assertThat(second).isNotEqualTo(secret);
        assertThat(encoder.matches(second, hash(id))).isTrue();
        assertThat(encoder.matches(secret, hash(id))).isFalse();

        // Disabled: unknown to the provider until enabled again.
        find("#to-platform").click();
        waitFor(d -> d.getCurrentUrl().endsWith("/staff/platforms/" + id));
        clickAndWait("disable-platform");
        assertThat(find("#done").getText()).isEqualTo("该平台已停用。");
        assertThat(find("#status").getAttribute("data-enabled")).isEqualTo("false");
        assertThat(clients.findByClientId(id)).isNull();
        clickAndWait("enable-platform");
        assertThat(find("#done").getText()).isEqualTo("该平台已启用。");
        assertThat(clients.findByClientId(id)).isNotNull();

        assertThat(audit.history("platform", id)).extracting(r -> r.entry().action()).containsExactly(
                "platform.registered", "platform.updated", "platform.secret-rotated", "platform.disabled",
                "platform.enabled");
        assertThat(audit.history("platform", id)).allSatisfy(r -> {
            assertThat(r.entry().actor()).isEqualTo("staff:t-admin");
            assertThat(r.entry().detail()).doesNotContain(secret, second);
        });
    }

    private String hash(String clientId) {
        return jdbc.queryForObject("SELECT client_secret_hash FROM relying_platform WHERE client_id = ?", String.class,
                clientId);
    }

    private void clickAndWait(String id) {
        WebElement button = find("#" + id);
        button.click();
        PageWaits.untilGone(browser, button);
    }
}
