package org.orgcert.server.portal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.orgcert.server.EmployerAgents;
import org.orgcert.server.PageWaits;
import org.orgcert.server.application.MaterialItem;
import org.orgcert.server.notification.Notifications;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Page objects of the employer's own pages ({@code /my/**}) for browser tests: sign in with the code from the
 * outbox, apply through the wizard (one page per step), upload a scan, read an application's state. Each step
 * waits for the page it leads to, so journeys (employer applies → staff steps → employer sees it collected) can
 * be composed.
 */
public final class EmployerPages {
    private final WebDriver browser;
    private final Function<String, String> url;
    private final Notifications notifications;

    /**
     * @param browser       the test's browser
     * @param url           the service's address of a path ({@code BrowserTest::url})
     * @param notifications the outbox, where the sign-in code is
     */
    public EmployerPages(WebDriver browser, Function<String, String> url, Notifications notifications) {
        this.browser = browser;
        this.url = url;
        this.notifications = notifications;
    }

    /** Signs in at {@code /my/login} with the code the outbox holds for {@code mobile}; ends on {@code /my}. */
    public void signIn(String mobile) {
        browser.get(url.apply("/my/login"));
        type("#mobile", mobile);
        clickAndWait("send-code");
        type("#code", code(mobile));
        clickAndWait("sign-in");
        waitFor(d -> d.getCurrentUrl().endsWith("/my"));
    }

    /** The six-digit code last sent to {@code mobile}. */
    public String code(String mobile) {
        return EmployerAgents.codeSentTo(notifications, mobile);
    }

    /**
     * Opens the apply wizard's first step: a new draft for the agent's first employer, or the draft in progress
     * (what it holds stays, every step can be answered again).
     */
    public void startApplying() {
        browser.get(url.apply("/my/apply/employer"));
        waitFor(d -> d.getCurrentUrl().endsWith("/my/apply/employer"));
    }

    /** Step 1: the agent's name, the rest as pre-filled from the register; goes on to the materials. */
    public void answerEmployer(String agentName) {
        type("#agentName", agentName);
        next();
        waitFor(d -> d.getCurrentUrl().endsWith("/my/apply/materials"));
    }

    /** Step 2: ticks every paper as ready and goes on to the channel. */
    public void confirmMaterials() {
        browser.findElements(By.cssSelector("#materials input[type=checkbox]")).stream()
                .filter(box -> !box.isSelected()).forEach(WebElement::click);
        next();
        waitFor(d -> d.getCurrentUrl().endsWith("/my/apply/channel"));
    }

    /** Step 3: the R-CH pair {@code channel} / {@code delivery}; goes on to the next step or to the review. */
    public void chooseRoute(String channel, String delivery) {
        browser.findElement(By.id("route-" + channel + "-" + delivery)).click();
        next();
    }

    /** Clicks a step's "next" and waits for the page it leads to. */
    public void next() {
        clickAndWait("next");
    }

    /**
     * The wizard for a window application (channel WINDOW, delivery WINDOW_PICKUP) at {@code windowId}, every
     * paper ticked; ends on the review.
     */
    public void fillAtWindow(String windowId, String agentName) {
        startApplying();
        answerEmployer(agentName);
        confirmMaterials();
        chooseRoute("WINDOW", "WINDOW_PICKUP");
        waitFor(d -> d.getCurrentUrl().endsWith("/my/apply/window-or-address"));
        select("#windowId", windowId);
        next();
        waitFor(d -> d.getCurrentUrl().endsWith("/my/apply/review"));
    }

    /**
     * The wizard for a mailed application handed in at the CA hall with these address fields ({@code recipient},
     * {@code phone}, {@code province}, {@code city}, {@code district}, {@code street}, {@code postalCode}; a field
     * left out stays as pre-filled). Ends on the review, or on the address step when it was refused.
     */
    public void fillByMail(String agentName, Map<String, String> address) {
        startApplying();
        answerEmployer(agentName);
        confirmMaterials();
        chooseRoute("CA_HALL", "MAIL");
        waitFor(d -> d.getCurrentUrl().endsWith("/my/apply/window-or-address"));
        address.forEach((field, value) -> type("#" + field, value));
        next();
    }

    /** Submits the reviewed application; returns its id from the status page it leads to. */
    public UUID submit() {
        acceptAgreement();
        clickAndWait("submit");
        waitFor(d -> d.getCurrentUrl().contains("/my/applications/"));
        return idFromUrl();
    }

    /** Ticks the agreement and submits a review that is expected to be refused (the page shows why). */
    public void submitExpectingToStay() {
        acceptAgreement();
        clickAndWait("submit");
    }

    /** Ticks the service agreement on the last step (R-MAT-3), unless ticked. */
    public void acceptAgreement() {
        WebElement box = browser.findElement(By.id("agreement"));
        if (!box.isSelected()) {
            box.click();
        }
    }

    /** The whole wizard for a window pick-up application; returns the new application's id. */
    public UUID applyAtWindow(String windowId, String agentName) {
        fillAtWindow(windowId, agentName);
        return submit();
    }

    /** Uploads {@code file} as a scan of {@code item} on the application's page; stays on that page. */
    public void upload(UUID id, MaterialItem item, Path file) {
        if (!browser.getCurrentUrl().contains("/my/applications/" + id)) {
            browser.get(url.apply("/my/applications/" + id));
        }
        select("#item", item.name());
        browser.findElement(By.id("file")).sendKeys(file.toAbsolutePath().toString());
        clickAndWait("upload");
    }

    /** The application's state as its page shows it ({@code data-state}, e.g. {@code SUBMITTED}). */
    public String statusOf(UUID id) {
        browser.get(url.apply("/my/applications/" + id));
        return browser.findElement(By.id("state")).getAttribute("data-state");
    }

    /**
     * Clicks the element with this id and waits until the page it was on is gone: a form posted back to the
     * same address has no new URL to wait for.
     */
    public void clickAndWait(String id) {
        WebElement element = browser.findElement(By.id(id));
        element.click();
        org.orgcert.server.PageWaits.untilGone(browser, element);
    }

    private UUID idFromUrl() {
        String path = java.net.URI.create(browser.getCurrentUrl()).getPath();
        return UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
    }

    /** Replaces the text of the field {@code css}. */
    public void type(String css, String text) {
        WebElement field = browser.findElement(By.cssSelector(css));
        field.clear();
        field.sendKeys(text);
    }

    /** Chooses the option with {@code value} of the select {@code css}. */
    public void select(String css, String value) {
        new Select(browser.findElement(By.cssSelector(css))).selectByValue(value);
    }

    private void waitFor(Function<WebDriver, Boolean> condition) {
        PageWaits.until(browser, condition);
    }
}
