package io.interchange.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium driven through chromedriver, with the console's base URL and a few verbs the journeys
 * read well with. Skips the calling test (with the reason) when chromium or chromedriver is not installed; CI
 * installs both.
 */
final class Chromium implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM_BIN", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    final WebDriver driver;
    private final String base;
    private final Path profile;

    private Chromium(WebDriver driver, String base, Path profile) {
        this.driver = driver;
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.profile = profile;
    }

    static Chromium start(String base) {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser tests skipped: no chromium at " + CHROMIUM + " or chromedriver at " + CHROMEDRIVER
                        + " (apt-get install chromium chromium-driver)");
        try {
            Path profile = Files.createTempDirectory("interchange-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-dev-shm-usage",
                    "--lang=zh-CN",
                    "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            WebDriver driver = new ChromeDriver(service, options);
            driver.manage().window().setSize(new Dimension(1280, 900));
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            return new Chromium(driver, base, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Chromium open(String path) {
        driver.get(base + path);
        return this;
    }

    /** Signs in through the demo sign-in page, as a person would: the persona's button. */
    Chromium signInAs(String persona) {
        open("/console/sign-in");
        driver.findElement(By.cssSelector("button[name='persona'][value='" + persona + "']"))
                .click();
        waitFor(d -> !d.getCurrentUrl().contains("/sign-in"));
        return this;
    }

    Chromium signOut() {
        click(By.cssSelector("form[action='/console/sign-out'] button"));
        waitFor(d -> d.getCurrentUrl().contains("/sign-in"));
        return this;
    }

    WebElement find(By by) {
        return waitFor(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    Chromium type(String id, String text) {
        WebElement field = find(By.id(id));
        field.clear();
        field.sendKeys(text);
        return this;
    }

    Chromium choose(String id, String value) {
        new Select(find(By.id(id))).selectByValue(value);
        return this;
    }

    /** Clicks the element once it is shown; htmx may swap it out meanwhile, so a stale element is looked up again. */
    Chromium click(By by) {
        waitFor(d -> {
            find(by).click();
            return true;
        });
        return this;
    }

    String text(By by) {
        return find(by).getText();
    }

    String page() {
        return driver.getPageSource();
    }

    <T> T waitFor(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(30))
                .ignoring(StaleElementReferenceException.class)
                .until(condition::apply);
    }

    Object script(String js, Object... args) {
        return ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(js, args);
    }

    /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
