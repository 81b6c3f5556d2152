package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.orgcert.server.ApplicationApi;
import org.orgcert.server.BrowserTest;
import org.orgcert.server.PageWaits;
import org.orgcert.server.StaffPages;
import org.orgcert.server.TestStaff;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.client.RestTestClient;

/**
 * Ticking the received papers on the staff application page: what is ticked together is recorded together,
 * and a refusal saves nothing and is explained next to the list in the reader's language.
 */
class StaffMaterialsBrowserTest extends BrowserTest {
    @Autowired
    RestTestClient client;

    private ApplicationApi api;
    private StaffPages staff;

    @BeforeEach
    void pages() {
        api = new ApplicationApi(client);
        staff = new StaffPages(browser, this::url);
    }

    @Test
    void theTickedPapersAreRecordedTogether_R_MAT_1_R_MAT_3() {
        Object id = api.submit(ApplicationApi.form("CA_HALL", "ON_THE_SPOT", null, false), 201).get("id");
        staff.signIn(TestStaff.REVIEWER).open(id);
        List<WebElement> boxes = findAll("#materials input[type=checkbox]");
        assertThat(boxes).hasSizeGreaterThan(1);
        boxes.forEach(WebElement::click);
        submitTicks();

        waitFor(d -> !d.findElements(org.openqa.selenium.By.id("done")).isEmpty());
        assertThat(findAll("#materials input[type=checkbox]")).isEmpty();
        assertThat(findAll("#materials .flag.received")).hasSize(boxes.size());
        assertThat(missing(id)).isEmpty();
    }

    @Test
    void aStalePageOfAWithdrawnApplicationSavesNothingAndSaysWhyNextToTheList_R_MAT_1() {
        Object id = api.submit(ApplicationApi.form("CA_HALL", "ON_THE_SPOT", null, false), 201).get("id");
        staff.signIn(TestStaff.REVIEWER).open(id);
        findAll("#materials input[type=checkbox]").forEach(WebElement::click);
        // Meanwhile the CA clerk withdraws it: the reviewer's page is out of date.
        api.event(id, "WITHDRAW", 200);
        submitTicks();

        String error = waitFor(d -> d.findElement(org.openqa.selenium.By.id("materials-error"))).getText();
        assertThat(error).isEqualTo("未记录任何材料。该申请的材料已不能更改：审核已有结论，或申请已终止。");
        assertThat(find("#materials").getAttribute("aria-describedby")).isEqualTo("materials-error");
        assertThat(missing(id)).isNotEmpty().isEqualTo(api.get(id).get("requiredMaterials"));
        screenshot("materials-refused");
    }

    @Test
    void aPaperTheApplicationDoesNotNeedRefusesTheWholeTickInEnglish_R_MAT_4() {
        Object id = api.submit(ApplicationApi.form("CA_HALL", "ON_THE_SPOT", null, false), 201).get("id");
        staff.signIn(TestStaff.REVIEWER).open(id + "?lang=en");
        List<WebElement> boxes = findAll("#materials input[type=checkbox]");
        boxes.forEach(WebElement::click);
        // A form from elsewhere (an old page of another application) names the mailing form, not needed here.
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = 'MAILING_ADDRESS_FORM';", boxes.get(0));
        submitTicks();

        String error = waitFor(d -> d.findElement(org.openqa.selenium.By.id("materials-error"))).getText();
        assertThat(error).isEqualTo("Nothing was ticked. This application does not need that paper.");
        assertThat(pageLanguage()).isEqualTo("en");
        // The others were not saved either, and can still be ticked.
        assertThat(findAll("#materials input[type=checkbox]")).hasSameSizeAs(boxes);
        assertThat(missing(id)).hasSameSizeAs(boxes);
    }

    @Test
    void anotherWindowsClerkTicksNothingAndGetsTheForbiddenPage_R_CH_4() {
        Object theirs = api.submit(ApplicationApi.form("WINDOW", "WINDOW_PICKUP", "wuhua", false), 201).get("id");
        Object own = api.submit(ApplicationApi.form("WINDOW", "WINDOW_PICKUP", "fumin", false), 201).get("id");
        staff.signIn(TestStaff.clerk("fumin")).open(own);
        findAll("#materials input[type=checkbox]").forEach(WebElement::click);
        // The clerk's form sent to wuhua's application instead of their own.
        ((JavascriptExecutor) browser).executeScript("document.getElementById('materials').action = arguments[0];",
                "/staff/applications/" + theirs + "/materials");
        submitTicks();

        assertThat(waitFor(d -> d.findElement(org.openqa.selenium.By.id("error-message"))).getText())
                .isEqualTo("该申请属于其他服务窗口：只有该窗口的经办人可以查看和办理。");
        assertThat(missing(theirs)).isNotEmpty().isEqualTo(api.get(theirs).get("requiredMaterials"));
    }

    private void submitTicks() {
        WebElement page = find("html");
        find("#tick").click();
        PageWaits.untilGone(browser, page);
    }

    /** The application's missing papers as the API reports them. */
    private List<?> missing(Object id) {
        return (List<?>) api.get(id).get("missingMaterials");
    }
}
