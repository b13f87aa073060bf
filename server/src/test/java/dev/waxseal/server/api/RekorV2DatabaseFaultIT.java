package dev.waxseal.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.testing.PgCluster;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Rekor v2 write API while PostgreSQL is stopped (as {@link DatabaseFaultsIT} stops it, with
 * {@code pg_ctl stop -m fast}): rekor-tiles' pushback, 503 with gRPC code 14 in its error body,
 * plus the {@code Retry-After} that every retryable answer of Waxseal carries; never a 500. When
 * the database is back, the same entry is taken (it was not logged).
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.datasource.hikari.data-source-properties.socketTimeout=3",
      "spring.datasource.hikari.connection-timeout=1000",
      "waxseal.rekor-v2.enabled=true",
      "waxseal.tsa.enabled=false"
    })
class RekorV2DatabaseFaultIT {
  private static final String ENTRIES = "/api/v2/log/entries";

  private static Path root;
  private static PgCluster database;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws Exception {
    root = Files.createTempDirectory("waxseal-v2-fault");
    database = PgCluster.create(root.resolve("data"), root.resolve("wal"));
    registry.add("spring.datasource.url", () -> database.jdbcUrl("postgres"));
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
    registry.add("waxseal.data-dir", () -> root.resolve("server").toString());
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (database != null) {
      database.close();
    }
    if (root != null) {
      new ProcessBuilder("rm", "-rf", root.toString()).inheritIO().start().waitFor();
    }
  }

  @Test
  void aStoppedDatabaseIsPushbackWithRetryAfter() throws Exception {
    ApiClient client = new ApiClient(port);
    byte[] before = ("v2 before the outage " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
    assertThat(client.post(ENTRIES, RekorV2ApiIT.hashedRekord(before)).status()).isEqualTo(201);

    String during =
        RekorV2ApiIT.hashedRekord(
            ("v2 during the outage " + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
    ApiClient.Response refused;
    database.stop("fast");
    try {
      refused = client.post(ENTRIES, during);
    } finally {
      database.start();
    }

    String what = refused.status() + " " + refused.http().headers().map() + " " + refused.body();
    assertThat(refused.status()).as(what).isEqualTo(503);
    assertThat(refused.header("Retry-After")).as(what).matches("[1-9][0-9]*");
    assertThat(refused.header("Content-Type")).as(what).startsWith("application/json");
    assertThat(refused.body())
        .isEqualTo("{\"code\":14,\"message\":\"reached max pushback; retry\",\"details\":[]}");

    // The appender resumes by itself; the refused entry was not logged, so it is taken now.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    ApiClient.Response retried = client.post(ENTRIES, during);
    while (retried.status() == 503 && System.nanoTime() < deadline) {
      Thread.sleep(Long.parseLong(retried.header("Retry-After")) * 1000);
      retried = client.post(ENTRIES, during);
    }
    assertThat(retried.status()).as(retried.body()).isEqualTo(201);
  }
}
