package dev.waxseal.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.log.RekorV2Log;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The metrics docs/operations.md documents are the metrics the server exports: after appends on two
 * shards (a rotation through {@code POST /actuator/shards} in between), every series of the
 * documentation's Metrics table is on {@code /actuator/prometheus} with its labels, and the
 * per-shard, signer and tile cache series carry the values the log has; reading an entry moves the
 * tile cache's lookup counters.
 *
 * <p>The server runs on the embedded PostgreSQL of the quick start (no {@code
 * spring.datasource.url}), whose connection pool is built by Waxseal rather than Spring Boot; its
 * Hikari series must be there too. Rate limits are set (far above what the test sends) so that
 * their series exist.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "management.server.port=0",
      "waxseal.log.batch-max-age=5ms",
      "waxseal.rate-limit.writes=100000",
      "waxseal.rate-limit.reads=100000"
    })
@DirtiesContext
class MetricsIT {
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern CODE = Pattern.compile("`([^`]+)`");

  @LocalServerPort int port;

  @Value("${local.management.port}")
  int managementPort;

  @Autowired RekorV2Log rekorV2;

  /**
   * The embedded PostgreSQL's home: {@code @DirtiesContext} stops it after the class, before JUnit
   * removes the directory.
   */
  @TempDir static Path dataDir;

  @DynamicPropertySource
  static void embeddedDatabase(DynamicPropertyRegistry registry) {
    registry.add("waxseal.data-dir", dataDir::toString);
  }

  /** One line of the exposition format. */
  record Sample(String name, Map<String, String> labels, double value) {}

  /** One row of the documentation's Metrics table. */
  record Documented(String name, String type, Set<String> labels) {}

  @Test
  void everyDocumentedSeriesIsExportedWithItsLabelsAfterAppendsOnTwoShards() throws Exception {
    ApiClient api = new ApiClient(port);
    ApiClient management = new ApiClient(managementPort);
    append(api, "first shard", 3);
    ApiClient.Response rotated = management.post("/actuator/shards", "{}");
    assertThat(rotated.status()).as(rotated.body()).isEqualTo(200);
    append(api, "second shard", 2);
    assertThat(api.post("/api/v1/log/entries", "{}").status()).isEqualTo(400);

    JsonNode log = api.get("/api/v1/log").json();
    assertThat(log.get("inactiveShards").size()).isEqualTo(1);
    String frozen = log.get("inactiveShards").get(0).get("treeID").stringValue();
    String active = log.get("treeID").stringValue();
    // The Rekor v2 log hosted beside the shards is a log too, with nothing appended here.
    String v2 = Long.toString(rekorV2.tree().activeTreeId());
    Map<String, Double> sizes = Map.of(frozen, 3.0, active, 2.0, v2, 0.0);

    // The per-shard gauges are read from the database once a second.
    List<Sample> samples = List.of();
    for (int attempt = 0; attempt < 100; attempt++) {
      samples = scrape(management);
      if (sizes.equals(valuesByShard(samples, "waxseal_log_tree_size"))) {
        break;
      }
      Thread.sleep(100);
    }
    System.out.println(excerpt(management.get("/actuator/prometheus").body()));

    List<Documented> documented = documentedSeries();
    assertThat(documented).extracting(Documented::name).contains("waxseal_log_tree_size");
    for (Documented series : documented) {
      assertExported(series, samples);
    }

    assertThat(valuesByShard(samples, "waxseal_log_tree_size")).isEqualTo(sizes);
    assertThat(valuesByShard(samples, "waxseal_log_pending_entries"))
        .isEqualTo(Map.of(frozen, 0.0, active, 0.0, v2, 0.0));
    for (String age :
        List.of("waxseal_log_checkpoint_age_seconds", "waxseal_log_integration_age_seconds")) {
      assertThat(valuesByShard(samples, age).keySet())
          .containsExactlyInAnyOrder(frozen, active, v2);
      assertThat(valuesByShard(samples, age).values())
          .allSatisfy(v -> assertThat(v).isBetween(0.0, 120.0));
    }
    Map<String, Double> commits = valuesByShard(samples, "waxseal_log_batch_commit_seconds_count");
    assertThat(commits.keySet()).containsExactlyInAnyOrder(frozen, active);
    assertThat(commits.values()).allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(1.0));
    assertThat(samples)
        .anySatisfy(
            s -> {
              assertThat(s.name()).isEqualTo("waxseal_log_batch_commit_seconds_bucket");
              assertThat(s.labels()).containsEntry("shard", active).containsEntry("le", "0.5");
            });

    for (String purpose : List.of("checkpoint", "set", "c2sp")) {
      Map<String, String> labels = Map.of("signer", "file", "purpose", purpose);
      assertThat(value(samples, "waxseal_signer_sign_seconds_count", labels))
          .as("signatures for %s", purpose)
          .isGreaterThanOrEqualTo(1.0);
      assertThat(value(samples, "waxseal_signer_errors_total", labels)).isZero();
    }
    assertThat(value(samples, "hikaricp_connections_max", Map.of("pool", "waxseal-embedded")))
        .isEqualTo(16.0);
    assertThat(
            value(
                samples,
                "http_server_requests_seconds_bucket",
                Map.of(
                    "method", "POST", "uri", "/api/v1/log/entries", "status", "201", "le", "0.5")))
        .isLessThanOrEqualTo(5.0);
    assertThat(
            value(
                samples,
                "http_server_requests_seconds_count",
                Map.of("method", "POST", "uri", "/api/v1/log/entries", "status", "201")))
        .isEqualTo(5.0);

    assertTileCacheCountsTheLookupsOfAnInclusionProof(api, management, samples);
  }

  /**
   * The shards share one tile cache ({@code log="rekor_v1"}); the Rekor v2 log has its own, which
   * nothing here reads. Each batch caches the tiles it wrote, so the proof of a read entry of the
   * frozen shard comes from the cache: a hit, and no miss.
   */
  private static void assertTileCacheCountsTheLookupsOfAnInclusionProof(
      ApiClient api, ApiClient management, List<Sample> before) {
    Map<String, String> v1 = Map.of("log", "rekor_v1");
    Map<String, String> v2 = Map.of("log", "rekor_v2");
    for (Map<String, String> log : List.of(v1, v2)) {
      assertThat(value(before, "waxseal_tile_cache_capacity", log)).as("%s", log).isEqualTo(16384);
    }
    // One level-0 tile per shard at least, each shard's tiles under its own tree id.
    assertThat(value(before, "waxseal_tile_cache_tiles", v1)).isBetween(2.0, 16384.0);
    assertThat(value(before, "waxseal_tile_cache_tiles", v2)).isZero();
    double hits = lookups(before, "rekor_v1", "hit");
    double misses = lookups(before, "rekor_v1", "miss");
    // Each 201 carries a proof at its own batch's size (each append waits for its answer): those at
    // sizes 2 and 3 of the first shard and 2 of the second read a tile; a one-entry tree's is
    // empty.
    assertThat(hits).as("the proofs of the 201 responses").isGreaterThanOrEqualTo(3.0);

    ApiClient.Response read = api.get("/api/v1/log/entries?logIndex=0");
    assertThat(read.status()).as(read.body()).isEqualTo(200);
    assertThat(read.body()).contains("inclusionProof");

    List<Sample> after = scrape(management);
    assertThat(lookups(after, "rekor_v1", "hit")).isGreaterThan(hits);
    assertThat(lookups(after, "rekor_v1", "miss")).isEqualTo(misses);
    assertThat(lookups(after, "rekor_v2", "hit") + lookups(after, "rekor_v2", "miss")).isZero();
  }

  private static double lookups(List<Sample> samples, String log, String result) {
    return value(samples, "waxseal_tile_cache_lookups_total", Map.of("log", log, "result", result));
  }

  private static void append(ApiClient api, String what, int count) {
    for (int i = 0; i < count; i++) {
      Signers.Signed signed =
          Signers.signed(Signers.Key.P256, Signers.utf8(what + " " + i), false, "");
      ApiClient.Response created = api.post("/api/v1/log/entries", signed.request());
      assertThat(created.status()).as(created.body()).isEqualTo(201);
    }
  }

  private static void assertExported(Documented series, List<Sample> samples) {
    if (series.name().endsWith("*")) {
      String prefix = series.name().substring(0, series.name().length() - 1);
      assertThat(samples).as(series.name()).anyMatch(s -> s.name().startsWith(prefix));
      return;
    }
    String name =
        switch (series.type()) {
          case "histogram" -> series.name() + "_bucket";
          case "summary" -> series.name() + "_count";
          default -> series.name();
        };
    List<Sample> found = samples.stream().filter(s -> s.name().equals(name)).toList();
    assertThat(found).as("%s (documented as %s)", name, series.type()).isNotEmpty();
    for (Sample s : found) {
      assertThat(s.labels().keySet()).as(name).containsAll(series.labels());
      assertThat(s.labels()).as(name).containsEntry("application", "waxseal");
      if (series.type().equals("histogram")) {
        assertThat(s.labels()).as(name).containsKey("le");
      }
    }
    if (series.type().equals("histogram")) {
      assertThat(samples)
          .as(series.name() + "_count")
          .anyMatch(s -> s.name().equals(series.name() + "_count"));
    }
  }

  /** The rows of the Metrics table in docs/operations.md, with {@code {a,b}} expanded. */
  private static List<Documented> documentedSeries() throws IOException {
    Path dir = Path.of("").toAbsolutePath();
    while (!Files.exists(dir.resolve("docs/operations.md"))) {
      dir = dir.getParent();
      assertThat(dir).as("docs/operations.md above the working directory").isNotNull();
    }
    String doc = Files.readString(dir.resolve("docs/operations.md"));
    int start = doc.indexOf("\n## Metrics\n");
    assertThat(start).as("the Metrics section").isPositive();
    int end = doc.indexOf("\n## ", start + 1);
    List<Documented> rows = new ArrayList<>();
    for (String line : doc.substring(start, end).split("\n")) {
      if (!line.startsWith("| `")) {
        continue;
      }
      String[] cells = line.split("\\s*\\|\\s*");
      String type = cells[2].trim();
      Set<String> labels = new LinkedHashSet<>();
      Matcher label = CODE.matcher(cells[3].replaceAll("\\([^)]*\\)", ""));
      while (label.find()) {
        labels.add(label.group(1));
      }
      Matcher name = CODE.matcher(cells[1]);
      while (name.find()) {
        for (String expanded : expand(name.group(1))) {
          rows.add(new Documented(expanded, type, labels));
        }
      }
    }
    return rows;
  }

  private static List<String> expand(String name) {
    Matcher braces = Pattern.compile("\\{([^}]*)}").matcher(name);
    if (!braces.find()) {
      return List.of(name);
    }
    List<String> names = new ArrayList<>();
    for (String part : braces.group(1).split(",")) {
      names.add(name.substring(0, braces.start()) + part + name.substring(braces.end()));
    }
    return names;
  }

  private static List<Sample> scrape(ApiClient management) {
    ApiClient.Response metrics = management.get("/actuator/prometheus");
    assertThat(metrics.status()).isEqualTo(200);
    List<Sample> samples = new ArrayList<>();
    for (String line : metrics.body().split("\n")) {
      Matcher m = SAMPLE.matcher(line);
      if (line.startsWith("#") || !m.matches()) {
        continue;
      }
      Map<String, String> labels = new HashMap<>();
      if (m.group(2) != null) {
        Matcher l = LABEL.matcher(m.group(2));
        while (l.find()) {
          labels.put(l.group(1), l.group(2));
        }
      }
      samples.add(new Sample(m.group(1), labels, Double.parseDouble(m.group(3))));
    }
    return samples;
  }

  private static Map<String, Double> valuesByShard(List<Sample> samples, String name) {
    Map<String, Double> values = new HashMap<>();
    for (Sample s : samples) {
      if (s.name().equals(name) && s.labels().containsKey("shard")) {
        values.put(s.labels().get("shard"), s.value());
      }
    }
    return values;
  }

  private static double value(List<Sample> samples, String name, Map<String, String> labels) {
    return samples.stream()
        .filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
        .mapToDouble(Sample::value)
        .reduce(Double::sum)
        .orElseThrow(() -> new AssertionError("no " + name + " with " + labels));
  }

  /**
   * The per-shard, signer, tile cache and pool series (and the 500 ms buckets), for the test's
   * output.
   */
  private static String excerpt(String body) {
    StringBuilder out = new StringBuilder("/actuator/prometheus excerpt:\n");
    for (String line : body.split("\n")) {
      boolean wanted =
          line.startsWith("waxseal_log_")
              || line.startsWith("waxseal_signer_")
              || line.startsWith("waxseal_tile_cache_")
              || line.startsWith("hikaricp_connections");
      if (wanted && (!line.contains("_bucket{") || line.contains("le=\"0.5\""))) {
        out.append(line).append('\n');
      }
    }
    return out.toString();
  }
}
