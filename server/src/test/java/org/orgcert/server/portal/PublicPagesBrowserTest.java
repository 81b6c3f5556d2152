package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.orgcert.server.ApplicationApi;
import org.orgcert.server.BrowserTest;
import org.orgcert.server.application.Delivery;
import org.orgcert.server.application.MaterialItem;
import org.orgcert.server.application.MaterialsChecklist;
import org.orgcert.server.employer.EmployerType;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * The public guide pages in a real browser: each in Chinese first and in English on request (remembered),
 * labelled fields and a skip link for keyboard users, and what the materials and channels pages compute.
 */
class PublicPagesBrowserTest extends BrowserTest {
    @Autowired
    MessageSource messages;
    @Autowired
    RestTestClient client;

    static Stream<Arguments> pages() {
        return Stream.of(Arguments.of("/", "home.title"), Arguments.of("/materials", "materials.title"),
                Arguments.of("/channels", "channels.title"), Arguments.of("/fees", "fees.title"),
                Arguments.of("/windows", "windows.title"), Arguments.of("/guide", "guide.title"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("pages")
    void eachPublicPageIsChineseFirstThenEnglishOnRequestAndRemembered(String path, String titleKey) {
        open(path);
        assertThat(pageLanguage()).isEqualTo("zh-CN");
        assertThat(find("h1").getText()).isEqualTo(zh(titleKey)).matches(".*\\p{IsHan}.*");
        assertThat(browser.getTitle()).isEqualTo(zh(titleKey));
        assertEveryTextResolved();

        find("a.language-link").click();
        waitFor(d -> pageLanguage().equals("en"));
        assertThat(find("h1").getText()).isEqualTo(en(titleKey));
        assertEveryTextResolved();

        // The cookie remembers the choice on the next page, until Chinese is chosen again.
        open(path);
        assertThat(pageLanguage()).isEqualTo("en");
        assertThat(find("a.language-link").getText()).isEqualTo("中文");
        find("a.language-link").click();
        waitFor(d -> pageLanguage().equals("zh-CN"));
        assertThat(find("h1").getText()).isEqualTo(zh(titleKey));
    }

    @Test
    void theSkipLinkComesFirstAndEveryFieldHasALabel() {
        open("/materials");
        new Actions(browser).sendKeys(Keys.TAB).perform();
        WebElement skip = browser.switchTo().activeElement();
        assertThat(skip.getAttribute("class")).isEqualTo("skip-link");
        assertThat(skip.getLocation().getX()).isGreaterThanOrEqualTo(0);
        assertThat(skip.getCssValue("outline-style")).isEqualTo("solid");
        for (String path : List.of("/materials", "/fees")) {
            open(path);
            List<WebElement> fields = findAll("input:not([type=hidden]), select, textarea");
            assertThat(fields).isNotEmpty().allSatisfy(field -> assertThat(findAll("label[for='"
                    + field.getAttribute("id") + "']")).singleElement()
                    .satisfies(label -> assertThat(label.getText()).isNotBlank()));
        }
    }

    @Test
    void everyPublicPageFitsAPhoneScreenWithoutSidewaysScrolling() {
        Dimension desktop = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(375, 812));
        try {
            for (Arguments page : pages().toList()) {
                open(page.get()[0] + (page.get()[0].equals("/fees") ? "?uscc=91530102MA6K123494&kind=NEW" : ""));
                Number overflow = (Number) ((JavascriptExecutor) browser).executeScript(
                        "return document.documentElement.scrollWidth - window.innerWidth;");
                assertThat(overflow.intValue()).as(page.get()[0].toString()).isLessThanOrEqualTo(0);
            }
        } finally {
            browser.manage().window().setSize(desktop);
        }
    }

    @Test
    void materialsFollowTheEmployerTypeTheLegalRepresentativeAndTheDelivery_R_MAT_1_R_MAT_2_R_MAT_4() {
        open("/materials");
        assertThat(items()).containsExactlyElementsOf(MaterialsChecklist.required(
                EmployerType.ENTERPRISE_OR_INDIVIDUAL_BUSINESS, false, Delivery.WINDOW_PICKUP));
        new Select(find("#type")).selectByValue(EmployerType.STATE_ORGAN_OR_PUBLIC_INSTITUTION.name());
        find("#inPerson").click();
        new Select(find("#delivery")).selectByValue(Delivery.MAIL.name());
        find("form.panel button[type=submit]").click();
        waitFor(d -> d.getCurrentUrl().contains("delivery=MAIL"));
        // R-MAT-1 b's certificate, no agent ID (R-MAT-2), and the mailing form because it is mailed (R-MAT-4).
        assertThat(items()).containsExactly(MaterialItem.INSTITUTION_CERTIFICATE_COPY, MaterialItem.APPLICATION_FORM,
                MaterialItem.MAILING_ADDRESS_FORM);
        assertThat(find("#checklist").getText()).contains("统一社会信用代码证或事业单位法人证书复印件", "一式两份");
        assertThat(find("#inPerson").isSelected()).isTrue();
    }

    @Test
    void channelsShowTheTableAndTheDatesOfAnApplicationHandedInToday_R_CH_2_R_CH_5_R_CH_6() {
        open("/channels");
        assertThat(findAll("tr[data-channel]")).extracting(row -> row.getAttribute("data-channel"))
                .containsExactly("CA_HALL", "MAIL", "WINDOW", "ONLINE");
        assertThat(find("tr[data-channel=CA_HALL]").getText()).contains("立等可取", "EMS邮寄至用人单位");
        // Monday 2026-06-15: produced by Thursday; phoned on days 5-15, then come on days 16-45.
        assertThat(find("#example-produce").getText()).contains("2026年6月18日");
        assertThat(find("#example-window").getText()).contains("2026年6月20日", "2026年6月30日", "2026年7月1日",
                "2026年7月30日");
        // Approved on the eve of National Day 2025: the three working days end on the make-up Saturday.
        setShanghaiTime("2025-09-30T10:00");
        open("/channels?lang=en");
        assertThat(find("#example-produce").getText()).contains("Sat 11 October 2025");
    }

    @Test
    void theUsageGuideHasItsSectionsAContentsListAndThePdf_R_DOC_1() {
        open("/guide");
        assertThat(findAll(".toc li a")).hasSize(UsageGuide.SECTIONS.size());
        assertThat(findAll("main section[id] h2")).hasSize(UsageGuide.SECTIONS.size());
        assertThat(find("#guide-pdf").getAttribute("href")).endsWith("/guide.pdf");
        assertThat(find("main").getText()).contains("年审续期", "400-600-7210");
    }

    private List<MaterialItem> items() {
        return findAll("#checklist li").stream().map(li -> MaterialItem.valueOf(li.getAttribute("data-item"))).toList();
    }

    @Test
    void theHomePageOffersApplyingOnlineFirstAndTheStatusLookupShowsTheStateAndTheNextStepAndNotFoundAlikeForAWrongPairAndIsLimited_issue14() {
        Map<String, Object> form = ApplicationApi.form("WINDOW", "WINDOW_PICKUP", "wuhua", false);
        String number = new ApplicationApi(client).submit(form, 201).get("number").toString();

        // The home page's first offer is the online application (a primary button at the top), then the lookup.
        open("/");
        WebElement first = find("main a");
        assertThat(first.getAttribute("id")).isEqualTo("apply-online");
        assertThat(first.getText()).isEqualTo("在线申请数字证书");
        assertThat(first.getAttribute("class")).contains("button", "primary");
        assertThat(find("main a.button.secondary").getAttribute("href")).endsWith("/application-status");
        first.click();
        waitFor(d -> d.getCurrentUrl().endsWith("/my/login"));
        open("/");
        find("#status-link").click();
        waitFor(d -> d.getCurrentUrl().endsWith("/application-status"));
        assertThat(find("h1").getText()).isEqualTo("查询申请进度");
        lookUp(number, form.get("uscc").toString());
        assertThat(find("#lookup-state").getText()).isEqualTo("已提交");
        assertThat(find("#lookup-next").getText()).startsWith("下一步：").contains("等待服务窗口或云南CA业务大厅接收");
        assertThat(find("#lookup-result").getText()).doesNotContainPattern("R-[A-Z]+-\\d|SUBMITTED");
        assertEveryTextResolved();

        // Another employer's (valid) USCC with a real number: the very same answer as a number that does not exist.
        String otherUscc = ApplicationApi.form("WINDOW", "WINDOW_PICKUP", "wuhua", false).get("uscc").toString();
        lookUp(number, otherUscc);
        String wrongPair = find("#lookup-not-found").getText();
        assertThat(findAll("#lookup-state")).isEmpty();
        lookUp("KM20000101-999999", form.get("uscc").toString());
        assertThat(find("#lookup-not-found").getText()).isEqualTo(wrongPair)
                .isEqualTo("未找到与该申请编号和统一社会信用代码对应的申请。请核对后再试。");

        // A malformed code is said next to its field, without a lookup.
        lookUp(number, "123");
        assertThat(find("#uscc-error").isDisplayed()).isTrue();
        assertThat(find("#uscc").getAttribute("aria-invalid")).isEqualTo("true");

        // Ten lookups a quarter of an hour per client network (three made above): then refused, even the right pair.
        for (int i = 0; i < 7; i++) {
            lookUp("KM20000101-00000" + i, form.get("uscc").toString());
            assertThat(findAll("#lookup-limited")).isEmpty();
        }
        lookUp(number, form.get("uscc").toString());
        assertThat(find("#lookup-limited").getText()).isEqualTo("查询过于频繁，请一刻钟后再试。");
        assertThat(findAll("#lookup-state")).isEmpty();

        Dimension desktop = browser.manage().window().getSize();
        browser.manage().window().setSize(new Dimension(375, 812));
        try {
            Number overflow = (Number) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - window.innerWidth;");
            assertThat(overflow.intValue()).isLessThanOrEqualTo(0);
            screenshot("375px");
        } finally {
            browser.manage().window().setSize(desktop);
        }
    }

    private void lookUp(String number, String uscc) {
        WebElement field = find("#number");
        field.clear();
        field.sendKeys(number);
        find("#uscc").clear();
        find("#uscc").sendKeys(uscc);
        WebElement button = find("#look-up");
        button.click();
        waitFor(d -> {
            try {
                button.isDisplayed();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                return true;
            }
        });
    }

    private void assertEveryTextResolved() {
        // Thymeleaf writes a missing message as ??key_locale??.
        assertThat(browser.getPageSource()).doesNotContain("??");
    }

    private String zh(String key) {
        return messages.getMessage(key, null, Locale.SIMPLIFIED_CHINESE);
    }

    private String en(String key) {
        return messages.getMessage(key, null, Locale.ENGLISH);
    }
}
