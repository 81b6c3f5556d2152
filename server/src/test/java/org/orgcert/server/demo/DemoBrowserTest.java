package org.orgcert.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.orgcert.server.BrowserTest;
import org.orgcert.server.PageWaits;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The "done when": a newcomer who starts the service with {@code --demo} (the properties the
 * {@code ./orgcert} script sets) plays every role from the browser — each staff login of the demo's file signs
 * in and sees its workbench, and an employer's agent signs in with the code the demo shows instead of an SMS.
 * Its own Spring context (the demo loads at start-up, once per database) on the shared tests' data folder: the
 * same personal-data key, so the other tests can still read what the demo's context encrypted in the database.
 */
@TestPropertySource(properties = {"orgcert.demo=true", "orgcert.dev-outbox-visible=true"})
class DemoBrowserTest extends BrowserTest {
    /** In the data folder of {@link org.orgcert.server.ServiceTest}. */
    private static final Path LOGINS = Path.of("target/test-data", DemoCast.LOGINS_FILE);
    private static final Pattern LOGIN_LINE = Pattern.compile("^([a-z-]+) \\([A-Z_]+[^)]*\\): (\\S+)$",
            Pattern.MULTILINE);
    private static final Pattern CODE = Pattern.compile("\\b(\\d{6})\\b");

    @Autowired
    DemoData demo;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void everyStaffLoginOfTheDemoSignsInToItsWorkbench_R_CH_4() throws Exception {
        open("/");
        WebElement banner = find("#demo-banner a");
        banner.click();
        PageWaits.untilGone(browser, banner);
        assertThat(find("h1").getText()).isEqualTo("演示说明");
        assertThat(findAll("#demo-staff-table tbody tr")).hasSize(DemoCast.STAFF.size());
        Path file = Path.of(find("#logins-file").getText());
        assertThat(file).isEqualTo(LOGINS.toAbsolutePath());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Map<String, String> passwords = passwords();
        assertThat(passwords.keySet()).containsExactlyElementsOf(
                DemoCast.STAFF.stream().map(DemoCast.Staff::username).toList());
        // The page names the logins, never their passwords.
        assertThat(browser.getPageSource()).doesNotContain(passwords.values().toArray(String[]::new));

        for (var login : passwords.entrySet()) {
            signIn(login.getKey(), login.getValue());
            assertThat(find("#signed-in-as").getText()).contains(login.getKey());
            assertThat(findAll("#queues tbody tr")).isNotEmpty();
        }
        // The window clerk finds the demo's window application in the queue to forward (R-CH-4).
        signIn("clerk-wuhua", passwords.get("clerk-wuhua"));
        open("/staff/queues/SUBMITTED");
        assertThat(find("main").getText()).contains("昆明市演示科技有限公司");
        // The bureau reaches its dashboard.
        signIn("bureau", passwords.get("bureau"));
        find("#dashboard-link").click();
        waitFor(d -> d.getCurrentUrl().endsWith("/staff/dashboard"));
    }

    @Test
    void anAgentSignsInWithTheCodeTheDemoShowsInsteadOfAnSms() {
        open("/staff/login");
        assertThat(find("#demo-logins").isDisplayed()).isTrue();
        open("/my/login");
        find("#mobile").sendKeys("13800000002");
        WebElement send = find("#send-code");
        send.click();
        PageWaits.untilGone(browser, send);
        // Whoever waits in vain is told which numbers get a code and where else to apply.
        assertThat(find("#no-code").getText()).contains("法定代表人或联系人", "400-600-7210");
        Matcher code = CODE.matcher(find("#demo-sms").getText());
        assertThat(code.find()).isTrue();
        find("#code").sendKeys(code.group(1));
        WebElement signIn = find("#sign-in");
        signIn.click();
        PageWaits.untilGone(browser, signIn);
        waitFor(d -> d.getCurrentUrl().endsWith("/my"));
        assertThat(find("main").getText()).contains("昆明市演示科技有限公司");
        // The demo page keeps the texts of the demo's numbers.
        open("/demo");
        assertThat(find("main").getText()).contains(code.group(1));
    }

    @Test
    void theDemoLoadsOncePerDatabase() throws Exception {
        String before = Files.readString(LOGINS);
        demo.load();
        assertThat(Files.readString(LOGINS)).isEqualTo(before);
        // Idempotency keys are the employer's: <USCC>:<key>.
        assertThat(jdbc.queryForList("SELECT split_part(idempotency_key, ':', 2) FROM application"
                + " WHERE idempotency_key LIKE '%:demo-%'", String.class))
                .containsExactlyInAnyOrder("demo-1", "demo-2", "demo-3");
        assertThat(jdbc.queryForObject("SELECT count(*) FROM employer WHERE name LIKE '昆明市演示%'", Integer.class))
                .isEqualTo(3);
    }

    private void signIn(String user, String password) {
        open("/staff/login");
        browser.manage().deleteAllCookies();
        open("/staff/login");
        find("#username").sendKeys(user);
        find("#password").sendKeys(password);
        WebElement submit = find("main button[type=submit]");
        submit.click();
        PageWaits.untilGone(browser, submit);
        waitFor(d -> d.getCurrentUrl().endsWith("/staff"));
    }

    /** User name → password, in the file's order. */
    private static Map<String, String> passwords() throws Exception {
        Map<String, String> logins = new LinkedHashMap<>();
        Matcher line = LOGIN_LINE.matcher(Files.readString(LOGINS));
        while (line.find()) {
            logins.put(line.group(1), line.group(2));
        }
        return logins;
    }
}
