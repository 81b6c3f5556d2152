package org.orgcert.server;

import java.time.Duration;
import java.util.function.Function;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Waits of the page objects: a clicked form's page gone before the next page is read. */
public final class PageWaits {
    private PageWaits() {
    }

    /**
     * Waits until {@code element} no longer belongs to the page the browser shows. Chromium reports that
     * either as a stale element or, while the new document loads, as an inspector error saying the node does
     * not belong to the document; both mean gone.
     */
    public static void untilGone(WebDriver browser, WebElement element) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> {
            try {
                element.isEnabled();
                return false;
            } catch (StaleElementReferenceException | NoSuchElementException e) {
                return true;
            } catch (WebDriverException e) {
                if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
    }

    /**
     * Waits up to 10 s for {@code condition}; an element found on the old page that goes stale while the next
     * one loads means "not yet", not a failure.
     */
    public static <T> T until(WebDriver browser, Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, Duration.ofSeconds(10)).ignoring(StaleElementReferenceException.class)
                .until(condition);
    }
}
