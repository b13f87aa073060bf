package dev.waxseal.server.explorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.waxseal.server.entries.dsse.Signers;
import dev.waxseal.server.entries.dsse.Signers.Kind;
import dev.waxseal.server.explorer.ExplorerEntries.Created;
import dev.waxseal.server.testing.PostgresIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.devtools.NetworkInterceptor;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.remote.http.Contents;
import org.openqa.selenium.remote.http.Filter;
import org.openqa.selenium.remote.http.HttpResponse;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The explorer in a real browser (Debian's headless Chromium): every kind of query typed into the
 * search box, an entry of each common kind opened and verified by the page's own WebCrypto code, a
 * tampered inclusion proof (changed on its way to the page through the DevTools Fetch domain)
 * failing that verification, keyboard use, the browser console and the Content-Security-Policy.
 * Screenshots of the home, results and entry pages at phone and desktop widths go to
 * target/explorer-screenshots/.
 *
 * <p>Skipped, saying why, where Chromium is not installed; .ci/run installs it.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"waxseal.hostname=explorer.test"})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExplorerBrowserIT extends PostgresIntegrationTest {
  private static final Path SCREENSHOTS = Path.of("target", "explorer-screenshots");

  @LocalServerPort int port;

  private Browser browser;
  private Created github;
  private Created dsse;
  private Created intoto;
  private Created rekord;
  private final List<Created> byEmail = new ArrayList<>();
  private KeyPair rekordKey;
  private KeyPair githubKey;

  @BeforeAll
  void start() throws Exception {
    assumeTrue(
        Browser.installed(),
        "no browser: the explorer's browser tests need Debian's chromium and chromium-driver"
            + " (/usr/bin/chromium, /usr/bin/chromedriver); .ci/run installs them");
    ExplorerEntries entries = new ExplorerEntries(port);
    KeyPair emailKey = Signers.keyPair(Kind.P256, "explorer email");
    for (int i = 0; i < ExplorerEntries.EMAIL_ENTRIES; i++) {
      byEmail.add(entries.emailHashedrekord(emailKey, "explorer artifact " + i));
    }
    githubKey = Signers.keyPair(Kind.P256, "explorer github");
    github = entries.githubHashedrekord(githubKey);
    dsse = entries.dsse(Signers.keyPair(Kind.P256, "explorer dsse"));
    intoto = entries.intoto(Signers.keyPair(Kind.ED25519, "explorer intoto"));
    rekordKey = Signers.keyPair(Kind.P256, "explorer rekord");
    rekord = entries.rekord(rekordKey);
    browser = new Browser(port);
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
  }

  @BeforeEach
  void desktop() {
    browser.viewport(1366, 900, false);
    browser.console(); // start each test with an empty console
  }

  /** Every page a test visited logged no error or warning: no CSP violation, no failed request. */
  @AfterEach
  void consoleStaysClean() {
    assertThat(browser.consoleProblems()).as("browser console errors and warnings").isEmpty();
  }

  @Test
  void homeShowsTheLogItsShardsAndCheckpointAge() throws Exception {
    browser.open("/");
    browser.await("the log's size", () -> !browser.all("#v1-size").isEmpty());
    long size = byEmail.size() + 4;
    assertThat(browser.find("#v1-size").getText()).isEqualTo(Long.toString(size));
    String logs = browser.find("#logs").getText();
    assertThat(logs)
        .contains("Active shard")
        .contains("Shards\n1 (0 frozen)")
        .contains("signed with the batch of entry " + (size - 1))
        .contains("Tile API (C2SP)")
        .contains("Rekor v2 log");
    assertThat(browser.find("#witnesses").getText()).contains("No witness");
    screenshots("home");
  }

  @Test
  void homeListsTheWitnessesWhoseCosignaturesTheCheckpointCarries() {
    // A cosignature line (tlog-cosignature/v1: key id, 8-byte timestamp, Ed25519 signature) added
    // to the C2SP checkpoint on its way to the page: the page lists the witness and the time.
    byte[] cosignature = new byte[76];
    java.nio.ByteBuffer.wrap(cosignature, 4, 8).putLong(1_765_000_000L);
    String line =
        "\u2014 witness.example/w1 "
            + java.util.Base64.getEncoder().encodeToString(cosignature)
            + "\n";
    AtomicInteger cosigned = new AtomicInteger();
    Filter addCosignature =
        next ->
            request -> {
              HttpResponse response = next.execute(request);
              if (request.getUri().endsWith("/checkpoint")
                  && !request.getUri().contains("rekor-v2")) {
                response.setContent(Contents.utf8String(Contents.string(response) + line));
                cosigned.incrementAndGet();
              }
              return response;
            };
    try (NetworkInterceptor interceptor = new NetworkInterceptor(browser.driver, addCosignature)) {
      browser.open("/");
      browser.await("the witness table", () -> !browser.all("#witnesses td").isEmpty());
    }
    assertThat(cosigned).hasValue(1);
    assertThat(browser.find("#witnesses").getText())
        .contains("witness.example/w1")
        .contains("explorer.test")
        .contains("2025-12-06 05:46:40 UTC");
  }

  @Test
  void searchFindsEntriesByEveryKindOfQuery() {
    // A log index and both UUID forms open the entry itself.
    assertThat(search(Long.toString(github.logIndex()))).isEqualTo("/entries/" + github.uuid());
    assertThat(search(rekord.uuid())).isEqualTo("/entries/" + rekord.uuid());
    assertThat(search(rekord.uuid().substring(16).toUpperCase(java.util.Locale.ROOT)))
        .isEqualTo("/entries/" + rekord.uuid());
    assertThat(browser.verification()).isEqualTo("passed");

    // Digests, with and without their algorithm, list the entries that commit to them.
    assertResults(search("sha256:" + github.artifactSha256()), github);
    assertResults(search(rekord.artifactSha256()), rekord);
    assertResults(search(intoto.artifactSha256()), intoto); // the statement's subject
    // An identity: the certificate's URI SAN, and an email.
    assertResults(search(ExplorerEntries.WORKFLOW_URI), github);
    assertThat(search(ExplorerEntries.EMAIL)).startsWith("/search?");
    assertThat(browser.find("#summary").getText()).startsWith("13 entries signed by");
    // A pasted public key (PEM, several lines) and a pasted certificate.
    String keyPem = new String(Signers.publicKeyPem(rekordKey), StandardCharsets.US_ASCII);
    assertResults(paste(keyPem), rekord);
    String certificate;
    try {
      certificate =
          new String(ExplorerEntries.githubCertificate(githubKey), StandardCharsets.US_ASCII);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    assertThat(certificate).contains("\n");
    paste(certificate);
    assertThat(browser.find("#summary").getText()).contains("signed with a certificate");
  }

  @Test
  void resultsAreNewestFirstTenToAPage() throws Exception {
    browser.open("/search?q=" + ExplorerEntries.EMAIL);
    awaitResults();
    // 12 hashedrekords and the dsse entry (same certificate email), newest first.
    List<String> first = resultIds();
    assertThat(first).hasSize(10);
    assertThat(first.get(0)).isEqualTo(dsse.uuid());
    assertThat(first.get(1)).isEqualTo(byEmail.get(11).uuid());
    assertThat(browser.find("#summary").getText()).contains("page 1 of 2");
    screenshots("results");
    browser.find("a[rel=next]").click();
    browser.await("page 2", () -> browser.url().contains("page=2") && !resultIds().isEmpty());
    assertThat(resultIds())
        .containsExactly(byEmail.get(2).uuid(), byEmail.get(1).uuid(), byEmail.get(0).uuid());
    assertThat(browser.all("a[rel=next]")).isEmpty();
    assertThat(browser.all("a[rel=prev]")).hasSize(1);
  }

  @Test
  void opensEachCommonKindAndVerifiesItInTheBrowser() throws Exception {
    String page = openEntry(github);
    assertThat(page)
        .contains("hashedrekord 0.0.1 entry " + github.logIndex())
        .contains("URI: " + ExplorerEntries.WORKFLOW_URI)
        .contains("OIDC issuer\n" + ExplorerEntries.GITHUB_ISSUER)
        .contains("GitHub workflow repository")
        .contains(ExplorerEntries.REPOSITORY)
        .contains("Source repository URI")
        .contains("Issuer\nO=sigstore.dev, CN=sigstore-intermediate")
        .contains("Valid\n2025-12-06 05:46:40 UTC to 2025-12-06 05:56:40 UTC")
        .contains("sha256:" + github.artifactSha256());
    assertThat(browser.all("#steps [data-status=passed]")).hasSize(6);
    screenshots("entry");

    assertThat(openEntry(dsse))
        .contains("dsse 0.0.1 entry")
        .contains("email: " + ExplorerEntries.EMAIL)
        .contains("payloadHash");
    assertThat(openEntry(intoto))
        .contains("intoto 0.0.2 entry")
        .contains("Predicate type\nhttps://slsa.dev/provenance/v0.2")
        .contains("Public key: Ed25519");
    assertThat(browser.find("#subjects").getText())
        .contains("a.txt")
        .contains("sha256:" + intoto.artifactSha256());
    assertThat(browser.find("#predicate").getText())
        .contains("\"builder\": {")
        .contains("https://example.com/builder");
    assertThat(openEntry(rekord))
        .contains("rekord 0.0.1 entry")
        .contains("Public key: ECDSA P-256")
        .contains("\"format\": \"x509\"");
    assertThat(browser.find("#api-link").getAttribute("href"))
        .endsWith("/api/v1/log/entries/" + rekord.uuid());
  }

  @Test
  void aTamperedInclusionProofFailsVerification() {
    String api = "/api/v1/log/entries/" + github.uuid();
    AtomicInteger tampered = new AtomicInteger();
    Filter flipProofHash =
        next ->
            request -> {
              HttpResponse response = next.execute(request);
              if (request.getUri().endsWith(api)) {
                String body = Contents.string(response);
                String changed = flipFirstProofHash(body);
                assertThat(changed).isNotEqualTo(body);
                response.setContent(Contents.utf8String(changed));
                tampered.incrementAndGet();
              }
              return response;
            };
    try (NetworkInterceptor interceptor = new NetworkInterceptor(browser.driver, flipProofHash)) {
      browser.open("/entries/" + github.uuid());
      assertThat(browser.verification()).isEqualTo("failed");
    }
    assertThat(tampered).hasValue(1);
    assertThat(browser.find("[data-step=leaf]").getAttribute("data-status")).isEqualTo("passed");
    assertThat(browser.find("[data-step=proof]").getAttribute("data-status")).isEqualTo("failed");
    assertThat(browser.find("[data-step=proof]").getText()).contains("recomputed root");
    assertThat(browser.find("[data-verification]").getText()).startsWith("Failed");

    // The same page without the interceptor passes again: the failure was the tampering.
    browser.open("/entries/" + github.uuid());
    assertThat(browser.verification()).isEqualTo("passed");
  }

  @Test
  void worksFromTheKeyboardAlone() {
    browser.open("/");
    browser.await("the page", () -> !browser.all("#v1-size").isEmpty());
    keys(Keys.TAB);
    assertThat(active().getText()).isEqualTo("Skip to content");
    keys(Keys.ENTER);
    assertThat(browser.url()).endsWith("#main");
    keys(Keys.TAB);
    assertThat(active().getAttribute("id")).isEqualTo("q");
    keys("sha256:" + dsse.artifactSha256(), Keys.ENTER);
    awaitResults();
    // From the results: Tab to the first result and open it with Enter.
    WebElement first = browser.find("#results a.entry");
    for (int i = 0; i < 10 && !first.equals(active()); i++) {
      keys(Keys.TAB);
    }
    assertThat(active()).isEqualTo(first);
    keys(Keys.ENTER);
    browser.await("the entry page", () -> browser.path().equals("/entries/" + dsse.uuid()));
    assertThat(browser.verification()).isEqualTo("passed");
    // Tab reaches the raw body (scrollable, so focusable) after the API link, and focus shows.
    WebElement link = browser.find("#api-link");
    browser.driver.executeScript("arguments[0].focus()", link);
    keys(Keys.TAB);
    assertThat(active().getAttribute("id")).isEqualTo("raw");
    String outline =
        (String)
            browser.driver.executeScript(
                "return getComputedStyle(document.activeElement).outlineStyle");
    assertThat(outline).isEqualTo("solid");
  }

  private void keys(CharSequence... keys) {
    new Actions(browser.driver).sendKeys(keys).perform();
  }

  @Test
  void theContentSecurityPolicyHoldsOnExplorerPagesOnly() throws Exception {
    for (String path :
        List.of("/", "/search?q=x", "/entries/" + rekord.uuid(), "/explorer/entry.js")) {
      assertThat(header(path, "Content-Security-Policy"))
          .as(path)
          .contains(ExplorerController.CONTENT_SECURITY_POLICY);
    }
    // The API, tiles and actuator are untouched, and an unknown API path is Rekor's JSON 404.
    for (String path : List.of("/api/v1/log", "/checkpoint", "/actuator/health", "/api/v1/nope")) {
      assertThat(header(path, "Content-Security-Policy")).as(path).isEmpty();
    }
    assertThat(get("/api/v1/nope").body())
        .isEqualTo("{\"code\":404,\"message\":\"path /api/v1/nope was not found\"}");

    // In the page: inline script and style are refused, and the refusal is reported.
    browser.open("/entries/" + rekord.uuid());
    assertThat(browser.verification()).isEqualTo("passed");
    browser.driver.executeScript(
        "window.violations = [];"
            + "document.addEventListener('securitypolicyviolation',"
            + " e => window.violations.push(e.violatedDirective));"
            + "const s = document.createElement('script'); s.textContent = 'window.inlineRan = 1';"
            + "document.body.append(s);"
            + "const st = document.createElement('style'); st.textContent = 'body{display:none}';"
            + "document.head.append(st);");
    browser.await(
        "two CSP violations",
        () ->
            ((Number) browser.driver.executeScript("return window.violations.length")).intValue()
                >= 2);
    assertThat(browser.driver.executeScript("return window.inlineRan === undefined"))
        .isEqualTo(true);
    assertThat(browser.find("main").isDisplayed()).isTrue();
    assertThat(browser.console()).anyMatch(line -> line.contains("Content Security Policy"));
  }

  @Test
  void pagesRequestNothingFromAnotherOrigin() {
    for (String path :
        List.of("/", "/search?q=" + ExplorerEntries.EMAIL, "/entries/" + github.uuid())) {
      browser.open(path);
      browser.await(
          "the page's requests",
          () ->
              browser
                      .all(
                          "#summary[data-error], #results li, #v1-size, [data-verification=passed]")
                      .size()
                  > 0);
      @SuppressWarnings("unchecked")
      List<String> requested =
          (List<String>)
              browser.driver.executeScript(
                  "return performance.getEntriesByType('resource').map(e => e.name)");
      assertThat(requested).as(path).isNotEmpty().allMatch(url -> url.startsWith(base()));
    }
  }

  private String base() {
    return "http://127.0.0.1:" + port + "/";
  }

  @Test
  void pagesStayUnder200KilobytesBeforeTheEntrysData() throws Exception {
    long home = 0;
    for (String file :
        List.of(
            "/",
            "/explorer/explorer.css",
            "/explorer/icon.svg",
            "/explorer/home.js",
            "/explorer/common.js")) {
      home += get(file).body().getBytes(StandardCharsets.UTF_8).length;
    }
    long entry = 0;
    for (String file :
        List.of(
            "/entries/" + rekord.uuid(),
            "/explorer/explorer.css",
            "/explorer/icon.svg",
            "/explorer/entry.js",
            "/explorer/common.js",
            "/explorer/body.js",
            "/explorer/der.js",
            "/explorer/verify.js")) {
      entry += get(file).body().getBytes(StandardCharsets.UTF_8).length;
    }
    System.out.printf("explorer page weight: home %d bytes, entry %d bytes%n", home, entry);
    assertThat(home).isLessThan(200_000);
    assertThat(entry).isLessThan(200_000);
  }

  // --- helpers

  private String search(String query) {
    browser.open("/");
    WebElement box = browser.find("#q");
    box.sendKeys(query, Keys.ENTER);
    return settle();
  }

  /** Pastes a multi-line text into the search box (as a clipboard paste does) and submits it. */
  private String paste(String text) {
    browser.open("/");
    WebElement box = browser.find("#q");
    browser.driver.executeScript("arguments[0].value = arguments[1]", box, text);
    box.sendKeys(Keys.END, Keys.ENTER);
    return settle();
  }

  /** Waits for the search to land: an entry page, or results (or their absence) listed. */
  private String settle() {
    browser.await(
        "the search to finish",
        () -> {
          String path = browser.path();
          if (path.startsWith("/entries/")) {
            return true;
          }
          return path.startsWith("/search?")
              && !browser.find("#summary").getText().startsWith("Searching");
        });
    return browser.path();
  }

  private void assertResults(String path, Created expected) {
    assertThat(path).startsWith("/search?");
    awaitResults();
    assertThat(resultIds()).as(browser.find("#summary").getText()).contains(expected.uuid());
  }

  private void awaitResults() {
    browser.await("results", () -> !browser.all("#results li").isEmpty());
  }

  private List<String> resultIds() {
    return browser.all("#results a.entry").stream()
        .map(a -> a.getAttribute("href").replaceAll(".*/entries/", ""))
        .toList();
  }

  private String openEntry(Created entry) {
    browser.open("/entries/" + entry.uuid());
    assertThat(browser.verification()).as(entry.kind()).isEqualTo("passed");
    return browser.find("main").getText();
  }

  private WebElement active() {
    return browser.driver.switchTo().activeElement();
  }

  private void screenshots(String page) throws Exception {
    browser.viewport(390, 844, true);
    browser.driver.navigate().refresh();
    awaitPage(page);
    browser.screenshot(SCREENSHOTS.resolve(page + "-phone.png"), 390);
    browser.viewport(1366, 900, false);
    browser.driver.navigate().refresh();
    awaitPage(page);
    browser.screenshot(SCREENSHOTS.resolve(page + "-desktop.png"), 1366);
  }

  private void awaitPage(String page) {
    switch (page) {
      case "home" -> browser.await("home", () -> !browser.all("#v1-size").isEmpty());
      case "results" -> awaitResults();
      default -> browser.verification();
    }
  }

  private static String flipFirstProofHash(String json) {
    int hashes = json.indexOf("\"hashes\":[\"");
    int at = hashes + "\"hashes\":[\"".length();
    char c = json.charAt(at);
    return json.substring(0, at) + (c == '0' ? '1' : '0') + json.substring(at + 1);
  }

  private java.net.http.HttpResponse<String> get(String path) throws Exception {
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
  }

  private Optional<String> header(String path, String name) throws Exception {
    return get(path).headers().firstValue(name);
  }
}
