package dev.waxseal.server.warmup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.WaxsealApplication;
import dev.waxseal.server.testing.LogEntryHttp;
import dev.waxseal.server.testing.ServerProcess;
import dev.waxseal.server.testing.TestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The warm-up's rules on a real server and database: it writes nothing, the readiness probe is DOWN
 * while it runs (liveness UP) and UP after, it stops at its cap, and its loopback requests reach
 * the API but are neither counted in the API metrics nor rate-limited.
 */
class WarmupIT {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final int CAP_SECONDS = 3;

  @TempDir Path dataDir;

  /** Records the status of every warm-up request, outermost, so it sees 429s too. */
  @Configuration(proxyBeanMethods = false)
  static class Recording {
    static final Queue<String> WARMUP_REQUESTS = new ConcurrentLinkedQueue<>();

    @Bean
    FilterRegistrationBean<Filter> recordWarmupRequests() {
      FilterRegistrationBean<Filter> registration =
          new FilterRegistrationBean<>(
              (request, response, chain) -> {
                chain.doFilter(request, response);
                if (request instanceof HttpServletRequest http && WarmupRequests.isWarmup(http)) {
                  WARMUP_REQUESTS.add(
                      http.getMethod()
                          + " "
                          + http.getRequestURI()
                          + " "
                          + ((HttpServletResponse) response).getStatus());
                }
              });
      registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
      return registration;
    }
  }

  @Test
  void warmsUpBeforeReadinessWritingNothingAndCountingNothing() throws Exception {
    TestDatabase.Coordinates db = TestDatabase.create();
    int port = ServerProcess.freePort();
    // A log with entries, so that the warm-up's reads of entries and proofs find some.
    try (ConfigurableApplicationContext cold = start(db, port, 0)) {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair key = generator.generateKeyPair();
      for (int i = 0; i < 3; i++) {
        byte[] artifact = ("an artifact " + i).getBytes(StandardCharsets.UTF_8);
        String entry =
            Warmup.proposed(
                Warmup.sign(key, artifact),
                Warmup.publicKeyContent(key),
                HexFormat.of().formatHex(Warmup.sha256(artifact)));
        assertThat(post(port, entry)).isEqualTo(201);
      }
    }
    Map<String, Long> before = tables(db);
    assertThat(before.get("entries")).isEqualTo(3);

    CompletableFuture<ConfigurableApplicationContext> starting =
        CompletableFuture.supplyAsync(() -> start(db, port, CAP_SECONDS));
    List<String> seen = new ArrayList<>();
    while (!starting.isDone()) {
      int readiness = status(port, "/actuator/health/readiness");
      int liveness = status(port, "/actuator/health/liveness");
      if (readiness > 0) {
        seen.add(liveness + "/" + readiness);
      }
      Thread.sleep(100);
    }
    try (ConfigurableApplicationContext warm = starting.get(1, TimeUnit.MINUTES)) {
      // While the runner ran: liveness UP, readiness not (503), for about the cap (polled every
      // 100 ms, so 10 polls a second; the slack is for a busy machine); then both UP.
      assertThat(seen).contains("200/503");
      if (seen.contains("200/200")) { // a poll between readiness and run() returning
        assertThat(seen.lastIndexOf("200/503")).isLessThan(seen.indexOf("200/200"));
      }
      assertThat(status(port, "/actuator/health/readiness")).isEqualTo(200);
      assertThat(status(port, "/actuator/health/liveness")).isEqualTo(200);
      long notReady = seen.stream().filter("200/503"::equals).count();
      assertThat(notReady).isLessThan((CAP_SECONDS + 10) * 10L);

      // It reached the API over loopback: refused entries (400, never 429 under a limit of one
      // write per second) and reads of the log's entries and proofs.
      List<String> requests = List.copyOf(Recording.WARMUP_REQUESTS);
      assertThat(requests).contains("POST /api/v1/log/entries 400");
      assertThat(requests).anyMatch(r -> r.startsWith("GET /api/v1/log/entries 200"));
      assertThat(requests).anyMatch(r -> r.startsWith("GET /api/v1/log/proof 200"));
      assertThat(requests).noneMatch(r -> r.endsWith(" 429"));
      assertThat(requests.stream().filter(r -> r.startsWith("POST")))
          .allMatch(r -> r.endsWith(" 400"));

      // Not counted: no API timer, no error counter, no refusal by the rate limits.
      MeterRegistry registry = warm.getBean(MeterRegistry.class);
      assertThat(
              Search.in(registry)
                  .name("http.server.requests")
                  .tag("uri", "/api/v1/log/entries")
                  .timers())
          .isEmpty();
      assertThat(Search.in(registry).name("http.server.requests").tag("status", "400").timers())
          .isEmpty();
      assertThat(Search.in(registry).name("waxseal.api.errors").counters()).isEmpty();
      assertThat(registry.get("waxseal.rate.limit.refused").counters())
          .allMatch(counter -> counter.count() == 0);

      // Wrote nothing.
      assertThat(new LogEntryHttp(port).treeSize()).isEqualTo(3);
      assertThat(tables(db)).isEqualTo(before);
    }
  }

  private ConfigurableApplicationContext start(TestDatabase.Coordinates db, int port, int seconds) {
    return new SpringApplicationBuilder(WaxsealApplication.class, Recording.class)
        .run(
            "--server.port=" + port,
            "--spring.datasource.url=" + db.jdbcUrl(),
            "--spring.datasource.username=" + db.username(),
            "--spring.datasource.password=" + db.password(),
            "--waxseal.data-dir=" + dataDir,
            "--waxseal.warmup.seconds=" + seconds,
            "--waxseal.warmup.threads=2",
            // The warm-up posts far more than one entry a second: it must not be limited.
            "--waxseal.rate-limit.writes=" + (seconds > 0 ? "1" : ""));
  }

  /** Row counts of the tables an append writes (a checkpoint is per tree and size). */
  private static Map<String, Long> tables(TestDatabase.Coordinates db) throws Exception {
    Map<String, Long> counts = new LinkedHashMap<>();
    try (Connection connection = db.connect();
        Statement statement = connection.createStatement()) {
      for (String table :
          List.of("entries", "search_keys", "attestations", "tiles", "trees", "checkpoints")) {
        try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
          rows.next();
          counts.put(table, rows.getLong(1));
        }
      }
    }
    return counts;
  }

  private static int post(int port, String entry) throws Exception {
    return HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/log/entries"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(entry))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private static int status(int port, String path) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (java.io.IOException e) {
      return 0; // not listening yet
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 0;
    }
  }
}
