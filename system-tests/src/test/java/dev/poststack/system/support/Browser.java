package dev.poststack.system.support;

import dev.poststack.testing.MailDaemonsRequired;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium driven through Debian's chromedriver (both found on PATH; Selenium
 * Manager is never asked, since it would download a browser). One browser is one profile: its
 * cookies are its sessions, so a test that needs a second person starts a second browser.
 */
public final class Browser implements AutoCloseable {
  /** Long enough for a page on a busy 2-core machine; propagation waits pass their own. */
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(15);

  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final List<String> BROWSERS =
      List.of("chromium", "chromium-browser", "google-chrome");
  private static final String DRIVER = "chromedriver";

  // Debian's Chromium is newer than the CDP bindings of Boot's Selenium, which warns on every
  // start;
  // nothing here uses those bindings (raw CDP commands go through chromedriver, see clearCache).
  // Held here: java.util.logging keeps loggers only weakly, and a collected one forgets its level
  private static final List<Logger> QUIETED =
      List.of(quiet("org.openqa.selenium.devtools"), quiet("org.openqa.selenium.chromium"));

  private static final AtomicInteger STARTED = new AtomicInteger();

  private final ChromeDriverService service;
  private final ChromeDriver driver;

  private Browser(ChromeDriverService service, ChromeDriver driver) {
    this.service = service;
    this.driver = driver;
  }

  /** Why no browser can run here (no Chromium or no chromedriver on PATH), or empty. */
  public static Optional<String> unavailableReason() {
    if (BROWSERS.stream().map(Browser::onPath).allMatch(Optional::isEmpty)) {
      return Optional.of("no Chromium on PATH (Debian: apt-get install chromium chromium-driver)");
    }
    if (onPath(DRIVER).isEmpty()) {
      return Optional.of("no chromedriver on PATH (Debian: apt-get install chromium-driver)");
    }
    return Optional.empty();
  }

  /**
   * Throws under {@code CI=true} when no browser can run: there a skip would let CI pass without
   * the dashboard's browser test, as it would without the mail daemons.
   */
  public static void failUnderCi(String why) {
    if (MailDaemonsRequired.underCi()) {
      throw new IllegalStateException(
          "CI=true, but the browser tests cannot run: "
              + why
              + " (.ci/run installs chromium and chromium-driver; a skip here would hide that)");
    }
  }

  public static Browser start() {
    unavailableReason()
        .ifPresent(
            why -> {
              throw new IllegalStateException("cannot start a browser here: " + why);
            });
    Path chromium =
        BROWSERS.stream().map(Browser::onPath).flatMap(Optional::stream).findFirst().orElseThrow();
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(onPath(DRIVER).orElseThrow().toFile())
            .usingAnyFreePort()
            // one log per browser: a test with two people has two drivers at once
            .withLogFile(
                RunFiles.log("chromedriver-" + STARTED.incrementAndGet() + ".log").toFile())
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    // --no-sandbox: the tests run as root, where Chromium's sandbox refuses to start;
    // --disable-dev-shm-usage: containers often have a tiny /dev/shm
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
    // a confirm() before a change is answered yes, as the person at the keyboard would
    options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.ACCEPT);
    try {
      return new Browser(service, new ChromeDriver(service, options));
    } catch (RuntimeException e) {
      service.stop();
      throw e;
    }
  }

  public WebDriver driver() {
    return driver;
  }

  public void open(String url) {
    driver.get(url);
  }

  /** The path of the page shown now, without query or fragment. */
  public String path() {
    return URI.create(driver.getCurrentUrl()).getPath();
  }

  /** Waits until the page shown has this path (a redirect or a form post has landed). */
  public void awaitPath(String expected) {
    wait(DEFAULT_WAIT)
        .withMessage(() -> "the page " + expected + " (now " + driver.getCurrentUrl() + ")")
        .until(d -> path().equals(expected));
  }

  /** The element once it is visible. */
  public WebElement visible(By by) {
    return wait(DEFAULT_WAIT).until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  public List<WebElement> all(By by) {
    return driver.findElements(by);
  }

  /** Replaces the field's value with {@code text}. */
  public void type(By field, String text) {
    WebElement input = visible(field);
    input.clear();
    input.sendKeys(text);
  }

  public void click(By by) {
    wait(DEFAULT_WAIT).until(ExpectedConditions.elementToBeClickable(by)).click();
  }

  /**
   * Waits until the element's visible text passes {@code test}, across re-renders (a stale element
   * is looked up again); answers that text.
   */
  public String awaitText(By by, Predicate<String> test, String what, Duration timeout) {
    return wait(timeout)
        .withMessage(() -> what + " (last: " + textOrNone(by) + ")")
        .until(
            d -> {
              List<WebElement> found = d.findElements(by);
              if (found.isEmpty()) {
                return null;
              }
              String text = found.get(0).getText().strip();
              return test.test(text) ? text : null;
            });
  }

  public String awaitText(By by, Predicate<String> test, String what) {
    return awaitText(by, test, what, DEFAULT_WAIT);
  }

  /** Waits for any condition on the driver; a null or false answer means "not yet". */
  public <T> T until(String what, Function<WebDriver, T> condition) {
    return until(what, DEFAULT_WAIT, condition);
  }

  public <T> T until(String what, Duration timeout, Function<WebDriver, T> condition) {
    return wait(timeout).withMessage(what).until(condition::apply);
  }

  /**
   * Empties the HTTP cache, so the next page load fetches every asset as a first visit would (a raw
   * DevTools command through chromedriver, independent of Selenium's CDP bindings).
   */
  public void clearCache() {
    driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
  }

  /** Saves the viewport as {@code target/screenshots/<name>.png}. */
  public Path screenshot(String name) {
    try {
      Path file = Files.createDirectories(SCREENSHOTS).resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Saves the whole page, also what lies below the fold, as {@code target/screenshots/<name>.png}
   * (a raw DevTools command through chromedriver).
   */
  public Path fullPageScreenshot(String name) {
    @SuppressWarnings("unchecked")
    Map<String, Object> size =
        (Map<String, Object>)
            driver.executeCdpCommand("Page.getLayoutMetrics", Map.of()).get("cssContentSize");
    Map<String, Object> clip =
        Map.of(
            "x", 0,
            "y", 0,
            "width", ((Number) size.get("width")).doubleValue(),
            "height", ((Number) size.get("height")).doubleValue(),
            "scale", 1);
    Map<String, Object> shot =
        driver.executeCdpCommand(
            "Page.captureScreenshot",
            Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
    try {
      Path file = Files.createDirectories(SCREENSHOTS).resolve(name + ".png");
      Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What the page shown now cost, from the browser's own Performance API: first contentful paint
   * and DOM interactive in ms since navigation start, and the bytes that came over the network for
   * the document and every resource so far (cached ones count 0; fetches the page made after load
   * count too, so call it right after the page is loaded).
   */
  public record PageTimings(double firstPaintMs, double domInteractiveMs, long transferredBytes) {}

  public PageTimings timings() {
    // the load event first, so every resource the page asked for is in the list; first paint is
    // recorded shortly after the first frame, which may be after load in a headless browser
    until(
        "the page's load event",
        d -> "complete".equals(js("return document.readyState")) ? Boolean.TRUE : null);
    until(
        "a first-contentful-paint entry",
        Duration.ofSeconds(5),
        d ->
            js("return performance.getEntriesByType('paint')"
                        + ".some(e => e.name === 'first-contentful-paint')")
                    .equals(Boolean.TRUE)
                ? Boolean.TRUE
                : null);
    @SuppressWarnings("unchecked")
    Map<String, Object> t =
        (Map<String, Object>)
            js(
                """
                const nav = performance.getEntriesByType('navigation')[0];
                const fcp = performance.getEntriesByType('paint')
                    .find(e => e.name === 'first-contentful-paint');
                const resources = performance.getEntriesByType('resource');
                return {
                  firstPaint: fcp.startTime,
                  interactive: nav.domInteractive,
                  bytes: nav.transferSize + resources.reduce((s, r) => s + (r.transferSize || 0), 0)
                };
                """);
    return new PageTimings(
        ((Number) t.get("firstPaint")).doubleValue(),
        ((Number) t.get("interactive")).doubleValue(),
        ((Number) t.get("bytes")).longValue());
  }

  /** Runs a script in the page; JS numbers come back as Long or Double, objects as Maps. */
  public Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
    }
  }

  private WebDriverWait wait(Duration timeout) {
    WebDriverWait wait = new WebDriverWait(driver, timeout, Duration.ofMillis(50));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  private String textOrNone(By by) {
    try {
      List<WebElement> found = driver.findElements(by);
      return found.isEmpty() ? "no such element" : "\"" + found.get(0).getText() + "\"";
    } catch (RuntimeException e) {
      return e.getClass().getSimpleName();
    }
  }

  private static Logger quiet(String name) {
    Logger logger = Logger.getLogger(name);
    logger.setLevel(Level.SEVERE);
    return logger;
  }

  private static Optional<Path> onPath(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty()) {
        Path p = Path.of(dir, name);
        if (Files.isExecutable(p)) {
          return Optional.of(p);
        }
      }
    }
    return Optional.empty();
  }
}
