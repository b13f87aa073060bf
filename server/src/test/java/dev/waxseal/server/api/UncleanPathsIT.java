package dev.waxseal.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every Rekor v1 route answers the same at its clean path, with a trailing slash, with doubled
 * slashes and with {@code .} and {@code ..} segments, as Rekor's router (go-openapi's {@code
 * path.Clean}) does: served directly, no redirect. The metrics still name the route's pattern, and
 * paths outside {@code /api/v1} keep exact matching.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UncleanPathsIT extends ApiIntegrationTest {
  @Autowired MeterRegistry registry;

  private String entryId;
  private long logIndex;
  private Signers.Signed signed;

  @BeforeAll
  void createEntries() throws Exception {
    client();
    signed = signed(Signers.Key.P256, "unclean paths 1");
    ApiClient.Response first = created(signed);
    entryId = first.entryId();
    logIndex = first.entry().get("logIndex").longValue();
    created(signed(Signers.Key.P256, "unclean paths 2"));
  }

  private static Signers.Signed signed(Signers.Key key, String text) {
    return Signers.signed(key, Signers.utf8(text + " " + System.nanoTime()), false, "");
  }

  private ApiClient.Response created(Signers.Signed s) {
    ApiClient.Response response = client.post("/api/v1/log/entries", s.request());
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    return response;
  }

  /**
   * The clean API path {@code path} (under {@code /api/v1}) and the unclean spellings of it that
   * Rekor serves the same: trailing slash, doubled slashes (leading, inner and trailing), and dot
   * segments.
   */
  private static List<String> spellings(String path) {
    String rest = path.substring(ApiPathFilter.API.length());
    return List.of(
        path,
        path + "/",
        path + "//",
        "/" + path,
        path.replace("/", "//"),
        "/api/v1/." + rest,
        "/api/v1/nowhere/.." + rest + "/.",
        "//api/./v1//" + rest.substring(1) + "/");
  }

  /**
   * Sends each spelling of {@code path} (with {@code query}) and expects the clean one's answer.
   */
  private void answersAlike(
      String path, String query, Function<String, ApiClient.Response> send, int status) {
    ApiClient.Response clean = send.apply(path + query);
    assertThat(clean.status()).as(path + ": " + clean.body()).isEqualTo(status);
    for (String spelling : spellings(path)) {
      ApiClient.Response response = send.apply(spelling + query);
      assertThat(response.status()).as(spelling + ": " + response.body()).isEqualTo(status);
      assertThat(response.body()).as(spelling).isEqualTo(clean.body());
      assertThat(response.header("Content-Type"))
          .as(spelling)
          .isEqualTo(clean.header("Content-Type"));
      assertThat(response.header("Location")).as(spelling).isEmpty();
    }
  }

  @Test
  void logInfoProofAndPublicKey() {
    long size = client.treeSize();
    answersAlike("/api/v1/log", "", client::get, 200);
    answersAlike("/api/v1/log/proof", "?firstSize=1&lastSize=" + size, client::get, 200);
    answersAlike("/api/v1/log/publicKey", "", client::get, 200);
    answersAlike("/api/v1/openapi.yaml", "", client::get, 200);
  }

  @Test
  void entryByIndexAndById() {
    answersAlike("/api/v1/log/entries", "?logIndex=" + logIndex, client::get, 200);
    answersAlike("/api/v1/log/entries/" + entryId, "", client::get, 200);
    answersAlike("/api/v1/log/entries/" + entryId.substring(16), "", client::get, 200);
  }

  @Test
  void retrieveAndIndexSearch() {
    String retrieve = "{\"entryUUIDs\":[\"" + entryId + "\"],\"logIndexes\":[" + logIndex + "]}";
    answersAlike("/api/v1/log/entries/retrieve", "", p -> client.post(p, retrieve), 200);
    String search = "{\"hash\":\"sha256:" + signed.digestHex() + "\"}";
    answersAlike("/api/v1/index/retrieve", "", p -> client.post(p, search), 200);
    assertThat(client.post("/api/v1/index/retrieve/", search).json().get(0).stringValue())
        .isEqualTo(entryId);
  }

  @Test
  void createAtEachSpellingAnswers201WithACleanLocation() throws Exception {
    for (String spelling : spellings("/api/v1/log/entries")) {
      Signers.Signed s = signed(Signers.Key.ED25519, "created at " + spelling);
      ApiClient.Response created = client.post(spelling, s.request());
      assertThat(created.status()).as(spelling + ": " + created.body()).isEqualTo(201);
      verifyLogEntry(created);
      String location = "/api/v1/log/entries/" + created.entryId();
      assertThat(created.header("Location")).as(spelling).isEqualTo(location);

      ApiClient.Response again = client.post(spelling, s.request());
      assertThat(again.status()).as(spelling + ": " + again.body()).isEqualTo(409);
      assertThat(again.header("Location")).as(spelling).isEqualTo(location);
    }
  }

  @Test
  void anUnknownApiPathIs404NamingThePathAsSent() {
    ApiClient.Response response = client.get("/api/v1/nowhere//");
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.body())
        .isEqualTo("{\"code\":404,\"message\":\"path /api/v1/nowhere// was not found\"}");
    assertThat(client.get("/api/v1/log/").status()).isEqualTo(200);
    assertThat(client.get("/api/v1/").status()).isEqualTo(404);
  }

  @Test
  void metricsNameTheRoutePatternWhicheverSpellingWasAsked() throws Exception {
    String route = "/api/v1/log/entries/{entryUUID}";
    long before = requests(route);
    List<String> spellings = spellings("/api/v1/log/entries/" + entryId);
    for (String spelling : spellings) {
      assertThat(client.get(spelling).status()).as(spelling).isEqualTo(200);
    }
    // The filter records after the response is sent: give the last one a moment.
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (requests(route) < before + spellings.size() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(requests(route)).isEqualTo(before + spellings.size());
    assertThat(registry.find(HttpServerMetricsFilter.METRIC).timers())
        .allSatisfy(t -> assertThat(t.getId().getTag("uri")).doesNotContain("//", "/./", "/.."));
  }

  private long requests(String uri) {
    return registry
        .find(HttpServerMetricsFilter.METRIC)
        .tag("uri", uri)
        .tag("status", "200")
        .timers()
        .stream()
        .mapToLong(Timer::count)
        .sum();
  }

  @Test
  void pathsOutsideTheApiKeepExactMatching() {
    assertThat(client.get("/checkpoint").status()).isEqualTo(200);
    for (String unclean : List.of("/checkpoint/", "//checkpoint", "/./checkpoint")) {
      ApiClient.Response response = client.get(unclean);
      assertThat(response.status()).as(unclean).isEqualTo(404);
      assertThat(response.body()).as(unclean).doesNotStartWith("{\"code\"");
    }
  }
}
