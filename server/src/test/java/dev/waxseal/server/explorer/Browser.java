package dev.waxseal.server.explorer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (nothing downloaded): page loads,
 * waits, the browser console, and screenshots at a given viewport.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(15);

  final ChromeDriver driver;
  private final String base;

  /** Whether Debian's chromium and chromedriver are installed. */
  static boolean installed() {
    return Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
  }

  Browser(int port) {
    this.base = "http://127.0.0.1:" + port;
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-extensions",
        "--no-first-run",
        "--window-size=1366,900",
        "--lang=en-US");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    this.driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(WAIT);
  }

  void open(String path) {
    driver.get(base + path);
  }

  String url() {
    return driver.getCurrentUrl();
  }

  String path() {
    return url().substring(base.length());
  }

  WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** Waits until {@code condition} is true, failing with {@code what} after 15 s. */
  void await(String what, Supplier<Boolean> condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (Boolean.TRUE.equals(condition.get())) {
          return;
        }
      } catch (RuntimeException e) {
        last = e; // the page is still changing (stale element, not yet there)
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError(
        "timed out waiting for " + what + " on " + url() + (last == null ? "" : ": " + last), last);
  }

  /** Waits for the entry page's verification to finish; returns passed or failed. */
  String verification() {
    await(
        "the in-browser verification to finish",
        () -> !find("[data-verification]").getAttribute("data-verification").equals("running"));
    return find("[data-verification]").getAttribute("data-verification");
  }

  /** Console messages and page errors since the last call (reading them clears them). */
  List<String> console() {
    List<String> out = new ArrayList<>();
    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      out.add(entry.getLevel() + " " + entry.getMessage());
    }
    return out;
  }

  /** The console's errors and warnings since the last call. */
  List<String> consoleProblems() {
    return console().stream()
        .filter(line -> line.startsWith("SEVERE") || line.startsWith("WARNING"))
        .toList();
  }

  /** Sets the viewport: a phone's (mobile, touch) or a desktop's. */
  void viewport(int width, int height, boolean mobile) {
    driver.executeCdpCommand(
        "Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", mobile));
  }

  /** Saves a PNG of the whole page (up to 5000 px tall) at the current viewport. */
  void screenshot(Path file, int width) throws Exception {
    Number height =
        (Number)
            driver.executeScript(
                "return Math.max(document.documentElement.scrollHeight, window.innerHeight)");
    Map<String, Object> clip =
        Map.of(
            "x",
            0,
            "y",
            0,
            "width",
            width,
            "height",
            Math.min(5000, height.intValue()),
            "scale",
            1);
    Map<String, Object> shot =
        driver.executeCdpCommand(
            "Page.captureScreenshot",
            Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
    Files.createDirectories(file.getParent());
    Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
  }

  @Override
  public void close() {
    driver.quit();
  }
}
