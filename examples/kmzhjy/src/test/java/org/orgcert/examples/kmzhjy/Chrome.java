package org.orgcert.examples.kmzhjy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium through {@code /usr/bin/chromedriver}, headless and Chinese, as the server's browser tests drive
 * it ({@code BrowserTest}, reduced). Screenshots go to {@code target/screenshots/<test>-<nn>-<step>.png}. When the
 * browser cannot start the test fails with what to install: it never skips silently.
 */
final class Chrome implements AutoCloseable {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private String test = "setup";
    private int shots;

    private Chrome(ChromeDriver driver) {
        this.driver = driver;
    }

    static Chrome start() throws IOException {
        for (Path required : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(required)) {
                throw new IllegalStateException(required + " is missing: the end-to-end test needs Debian's chromium and"
                        + " chromium-driver (apt-get install -y chromium chromium-driver)");
            }
        }
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        // Both paths given: Selenium Manager is never asked to find (or download) a browser or driver.
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-background-networking", "--lang=zh-CN",
                "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000", "--no-first-run",
                "--disable-extensions", "--disable-sync", "--disable-component-update",
                // The provider's page opens the assistant's window from the click, as a pop-up blocker allows.
                "--disable-popup-blocking");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogOutput(OutputStream.nullOutputStream()).build();
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            throw new IllegalStateException("chromedriver could not start " + CHROMIUM + " headless (apt-get install -y"
                    + " chromium chromium-driver, the same version)", e);
        }
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Chrome(driver);
    }

    WebDriver driver() {
        return driver;
    }

    /** Runs {@code script} in the current window's page and answers what it returns. */
    Object script(String script) {
        return driver.executeScript(script);
    }

    /** Screenshots from now on are {@code testName}'s. */
    void startTest(String testName) {
        test = testName;
        shots = 0;
    }

    /** A new visitor: no cookies of any site, one window. */
    void freshVisit() {
        String main = driver.getWindowHandle();
        for (String handle : driver.getWindowHandles()) {
            if (!handle.equals(main)) {
                driver.switchTo().window(handle).close();
            }
        }
        driver.switchTo().window(main);
        driver.executeCdpCommand("Network.clearBrowserCookies", Map.of());
    }

    void open(String url) {
        driver.get(url);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits up to {@code seconds} for {@code condition}; an element of the page being left means "not yet". */
    <T> T waitFor(int seconds, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(seconds), Duration.ofMillis(50))
                .ignoring(StaleElementReferenceException.class).until(condition);
    }

    /** Saves the window as it is now (the whole page) as the test's next screenshot, named {@code step}. */
    @SuppressWarnings("unchecked")
    Path screenshot(String step) {
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        double width = ((Number) size.get("width")).doubleValue();
        double height = Math.min(((Number) size.get("height")).doubleValue(), 8000);
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        Path file = SCREENSHOTS.resolve(String.format("%s-%02d-%s.png", test, ++shots, step));
        try {
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
