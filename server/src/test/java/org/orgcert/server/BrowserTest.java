package org.orgcert.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Sequence;
import org.openqa.selenium.support.events.EventFiringDecorator;
import org.openqa.selenium.support.events.WebDriverListener;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The base of browser tests: the shared {@link ServiceTest} service on its real HTTP port, driven by Debian's
 * Chromium through {@code /usr/bin/chromedriver} (headless, Chinese by default like the bureau's users).
 * One browser per test class; every page a test visits is saved as
 * {@code target/screenshots/<Class>.<test>-<page>.png}. When the browser cannot start, every test of the
 * class fails with what to install: a browser test never skips silently.
 */
@ServiceTest
@AutoConfigureRestTestClient
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class BrowserTest extends ServiceTestBase {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    /** Where the screenshots go (relative to the server module, where Maven runs the tests). */
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @LocalServerPort
    protected int port;

    /** The browser, for the tests of this class. */
    protected WebDriver browser;
    /** Files the browser downloaded go here (emptied before each test). */
    protected Path downloads;

    private ChromeDriver chrome;
    private String testName = "setup";
    private final Map<String, Integer> pagesSeen = new HashMap<>();
    private String lastShotUrl;

    @BeforeAll
    void startBrowser() throws IOException {
        for (Path required : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(required)) {
                throw new IllegalStateException(required + " is missing: browser tests need Debian's chromium and"
                        + " chromium-driver (apt-get install -y chromium chromium-driver; .ci/run installs them)");
            }
        }
        downloads = Path.of("target", "downloads", getClass().getSimpleName()).toAbsolutePath();
        Files.createDirectories(downloads);
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        // Both paths given: Selenium Manager is never asked to find (or download) a browser or driver.
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-background-networking", "--lang=zh-CN",
                "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,1000", "--no-first-run",
                "--disable-extensions", "--disable-sync", "--disable-component-update");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh",
                "download.default_directory", downloads.toString(), "download.prompt_for_download", false,
                "plugins.always_open_pdf_externally", true));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogOutput(java.io.OutputStream.nullOutputStream()).build();
        try {
            chrome = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            throw new IllegalStateException("chromedriver (" + CHROMEDRIVER + ") could not start " + CHROMIUM
                    + " headless: " + e.getMessage().lines().findFirst().orElse("") + ". Browser tests need a working"
                    + " chromium and chromium-driver of the same version (apt-get install -y chromium chromium-driver)",
                    e);
        }
        chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        // Downloads in headless Chrome are allowed explicitly, into this class's folder.
        chrome.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath",
                downloads.toString(), "eventsEnabled", false));
        browser = new EventFiringDecorator<WebDriver>(new Screenshots()).decorate(chrome);
    }

    @AfterAll
    void stopBrowser() {
        if (chrome != null) {
            chrome.quit();
        }
    }

    @BeforeEach
    void freshBrowserState(TestInfo test) throws IOException {
        String method = test.getTestMethod().map(m -> m.getName()).orElse("test");
        // A parameterised test's display name (its arguments) tells its runs apart.
        String run = test.getDisplayName().startsWith(method) ? ""
                : "_" + test.getDisplayName().replaceAll("[^A-Za-z0-9]+", "_").replaceAll("^_|_$", "");
        testName = getClass().getSimpleName() + "." + method + run;
        pagesSeen.clear();
        lastShotUrl = null;
        // Each test starts as a first visitor: no language cookie, no session.
        chrome.get(url("/assets/portal.css"));
        chrome.manage().deleteAllCookies();
        try (Stream<Path> files = Files.list(downloads)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
    }

    /** The service's address for {@code path}. */
    protected String url(String path) {
        return "http://localhost:" + port + path;
    }

    /** Opens {@code path} (the screenshot is taken by the listener). */
    protected void open(String path) {
        browser.get(url(path));
    }

    /** Waits up to 10 s for {@code condition}. */
    protected <T> T waitFor(java.util.function.Function<WebDriver, T> condition) {
        return PageWaits.until(browser, condition);
    }

    /** The element with this CSS selector. */
    protected WebElement find(String css) {
        return browser.findElement(By.cssSelector(css));
    }

    /** The elements with this CSS selector. */
    protected List<WebElement> findAll(String css) {
        return browser.findElements(By.cssSelector(css));
    }

    /** The page's {@code <html lang>}. */
    protected String pageLanguage() {
        return find("html").getAttribute("lang");
    }

    /** Saves a screenshot of the page as it is now, named {@code <test>-<name>.png}. */
    protected Path screenshot(String name) {
        int seen = pagesSeen.merge(name, 1, Integer::sum);
        Path file = SCREENSHOTS.resolve(testName + "-" + name + (seen > 1 ? "-" + seen : "") + ".png");
        try {
            Files.write(file, fullPage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lastShotUrl = chrome.getCurrentUrl();
        return file;
    }

    /** The whole page as PNG, not only the window's part (Chrome's DevTools capture beyond the viewport). */
    @SuppressWarnings("unchecked")
    private byte[] fullPage() {
        Map<String, Object> metrics = chrome.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
        double width = ((Number) size.get("width")).doubleValue();
        double height = Math.min(((Number) size.get("height")).doubleValue(), 8000);
        Map<String, Object> shot = chrome.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", width, "height", height,
                        "scale", 1)));
        return Base64.getDecoder().decode((String) shot.get("data"));
    }

    /** Waits up to 15 s for a finished download ending in {@code suffix} and returns it. */
    protected Path downloaded(String suffix) {
        List<Path> done = org.awaitility.Awaitility.await("a finished *" + suffix + " download in " + downloads)
                .atMost(Duration.ofSeconds(15)).until(() -> finished(suffix), files -> !files.isEmpty());
        assertThat(done).hasSize(1);
        return done.get(0);
    }

    private List<Path> finished(String suffix) {
        try (Stream<Path> files = Files.list(downloads)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page's name in screenshots: its path's last part ({@code home} for /), with its language switch. */
    static String pageName(String url) {
        URI uri = URI.create(url);
        String path = uri.getPath() == null || uri.getPath().equals("/") ? "home"
                : uri.getPath().substring(uri.getPath().lastIndexOf('/') + 1);
        String query = uri.getQuery() == null ? "" : uri.getQuery();
        return path.replaceAll("[^A-Za-z0-9.-]", "_") + (query.contains("lang=en") ? "-en"
                : query.contains("lang=zh") ? "-zh" : "");
    }

    /** Takes a screenshot after every navigation: a get, or a click, key or action that led to a new page. */
    public final class Screenshots implements WebDriverListener {
        @Override
        public void afterGet(WebDriver driver, String url) {
            screenshot(pageName(chrome.getCurrentUrl()));
        }

        @Override
        public void afterClick(WebElement element) {
            shotIfMoved();
        }

        @Override
        public void afterSubmit(WebElement element) {
            shotIfMoved();
        }

        @Override
        public void afterSendKeys(WebElement element, CharSequence... keysToSend) {
            shotIfMoved();
        }

        @Override
        public void afterPerform(WebDriver driver, Collection<Sequence> actions) {
            shotIfMoved();
        }

        private void shotIfMoved() {
            String now = chrome.getCurrentUrl();
            if (!now.equals(lastShotUrl)) {
                screenshot(pageName(now));
            }
        }
    }
}
