package org.orgcert.server;

import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The staff workbench's steps as a browser takes them, for composing journeys in browser tests: sign in on
 * the portal's page, forward in a batch, receive, review, produce, hand over at the window. Each step opens
 * the page it needs, so steps compose in any order and after any other page.
 */
public final class StaffPages {
    private final WebDriver browser;
    private final Function<String, String> url;

    /**
     * @param browser the test's browser
     * @param url     the service's address of a path ({@code BrowserTest::url})
     */
    public StaffPages(WebDriver browser, Function<String, String> url) {
        this.browser = browser;
        this.url = url;
    }

    /** Signs out whoever was signed in (drops the session cookie) and signs {@code user} in on /staff/login. */
    public StaffPages signIn(String user) {
        browser.get(url.apply("/staff/login"));
        browser.manage().deleteAllCookies();
        browser.get(url.apply("/staff/login"));
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(TestStaff.PASSWORD);
        browser.findElement(By.cssSelector("main button[type=submit]")).click();
        waitFor(d -> d.getCurrentUrl().endsWith("/staff"));
        return this;
    }

    /** The count of the signed-in user's workbench queue {@code name} (e.g. {@code to-forward}). */
    public long queueCount(String name) {
        browser.get(url.apply("/staff"));
        return Long.parseLong(browser.findElement(By.id("queue-" + name)).getAttribute("data-count"));
    }

    /**
     * A window clerk ticks the papers of {@code ids} received at the window, then forwards them in one batch from
     * their to-forward list (R-MAT, R-CH-4).
     */
    public StaffPages forward(Object... ids) {
        for (Object id : ids) {
            tickAll(id);
        }
        browser.get(url.apply("/staff/queues/SUBMITTED"));
        for (Object id : ids) {
            browser.findElement(By.id("select-" + id)).click();
        }
        clickAndWait(browser.findElement(By.id("forward")));
        waitFor(d -> !d.findElements(By.id("done")).isEmpty());
        return this;
    }

    /** Ticks every paper still missing on application {@code id}'s page, as the signed-in clerk or reviewer. */
    public StaffPages tickAll(Object id) {
        open(id);
        List<WebElement> boxes = browser.findElements(By.cssSelector("#materials input[type=checkbox]"));
        if (!boxes.isEmpty()) {
            boxes.forEach(WebElement::click);
            clickAndWait(browser.findElement(By.id("tick")));
            waitFor(d -> !d.findElements(By.id("done")).isEmpty());
        }
        return this;
    }

    /** Opens application {@code id}'s page. */
    public StaffPages open(Object id) {
        browser.get(url.apply("/staff/applications/" + id));
        return this;
    }

    /** The application's state as its page shows it ({@code data-state}, e.g. {@code RECEIVED}). */
    public String state(Object id) {
        open(id);
        return browser.findElement(By.id("state")).getAttribute("data-state");
    }

    /** Applies a step by its button ({@code event-<EVENT>}) on the application's page. */
    public StaffPages step(Object id, String event) {
        open(id);
        clickAndWait(browser.findElement(By.id("event-" + event)));
        waitFor(d -> !d.findElements(By.id("done")).isEmpty());
        return this;
    }

    /** A CA clerk receives a forwarded application. */
    public StaffPages receive(Object id) {
        return step(id, "RECEIVE");
    }

    /**
     * A reviewer starts the review if need be, ticks every missing material, runs the registry check and
     * returns its outcome ({@code MATCHING}, {@code MISMATCH}, …).
     */
    public String review(Object id) {
        open(id);
        if (!browser.findElements(By.id("event-START_REVIEW")).isEmpty()) {
            step(id, "START_REVIEW");
        }
        tickAll(id);
        clickAndWait(browser.findElement(By.id("check")));
        return waitFor(d -> d.findElement(By.id("review")).getAttribute("data-outcome"));
    }

    /** A reviewer approves. */
    public StaffPages approve(Object id) {
        return step(id, "APPROVE");
    }

    /** An operator produces the USB key; returns the initial PIN the page shows this once (R-CERT-2). */
    public String produce(Object id) {
        open(id);
        clickAndWait(browser.findElement(By.id("produce")));
        return waitFor(d -> d.findElement(By.id("initial-pin")).getText());
    }

    /** The key arrived at the window (operator's side of R-CH-4) — a window clerk's step. */
    public StaffPages arriveAtWindow(Object id) {
        return step(id, "ARRIVE_AT_WINDOW");
    }

    /** A window clerk marks the key collected (R-CH-5). */
    public StaffPages collect(Object id) {
        return step(id, "COLLECT");
    }

    /**
     * Clicks a button that posts a form and waits until its page is gone: the next page may show the same ids
     * (a "done" note, the buttons), so looking for them at once could find the old page's.
     */
    private void clickAndWait(WebElement button) {
        WebElement page = browser.findElement(By.tagName("html"));
        button.click();
        PageWaits.untilGone(browser, page);
    }

    private <T> T waitFor(Function<WebDriver, T> condition) {
        return PageWaits.until(browser, condition::apply);
    }
}
