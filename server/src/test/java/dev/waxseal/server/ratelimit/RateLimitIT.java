package dev.waxseal.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.testing.PostgresIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The real server on a real PostgreSQL with 10 writes and 5 reads per client per hour, the client
 * named by X-Forwarded-For: an hour makes refill negligible during a test (a token per 6 or 12
 * minutes), so every count is exact. Each test uses client addresses of its own.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "waxseal.rate-limit.writes=10",
      "waxseal.rate-limit.reads=5",
      "waxseal.rate-limit.period=1h",
      "waxseal.rate-limit.client-header=X-Forwarded-For"
    })
class RateLimitIT extends PostgresIntegrationTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort int port;

  private HttpRequest write(String client) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/log/entries"))
        .header("Content-Type", "application/json")
        .header("X-Forwarded-For", client)
        .POST(HttpRequest.BodyPublishers.ofString("{}"))
        .build();
  }

  private HttpRequest read(String path, String client) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("X-Forwarded-For", client)
        .GET()
        .build();
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aWriteOverTheLimitIs429WithRetryAfterAndRekorsErrorBody() throws Exception {
    for (int i = 0; i < 10; i++) {
      // Admitted, then refused by the API for the empty entry: the limiter comes first.
      assertThat(send(write("203.0.113.10")).statusCode()).isEqualTo(400);
    }
    HttpResponse<String> refused = send(write("203.0.113.10"));

    assertThat(refused.statusCode()).isEqualTo(429);
    // 10 per hour: the next token is 6 minutes away.
    long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(300L, 360L);
    assertThat(refused.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/json");
    assertThat(refused.body())
        .isEqualTo(
            "{\"code\":429,\"message\":\"rate limit exceeded: at most 10 writes per 1h per"
                + " client; retry after "
                + retryAfter
                + " s\"}");
    // The client's reads have a bucket of their own.
    assertThat(send(read("/api/v1/log", "203.0.113.10")).statusCode()).isEqualTo(200);
  }

  @Test
  void oneClientOverItsLimitDoesNotSlowAnother() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(send(read("/api/v1/log", "203.0.113.20")).statusCode()).isEqualTo(200);
    }
    assertThat(send(read("/api/v1/log", "203.0.113.20")).statusCode()).isEqualTo(429);
    // Prepending another address does not make a new client: the proxy's entry is the last one.
    assertThat(send(read("/api/v1/log", "198.51.100.1, 203.0.113.20")).statusCode()).isEqualTo(429);
    // Tile routes are reads too.
    assertThat(send(read("/checkpoint", "203.0.113.20")).statusCode()).isEqualTo(429);

    for (int i = 0; i < 5; i++) {
      assertThat(send(read("/api/v1/log", "203.0.113.21")).statusCode()).isEqualTo(200);
    }
    assertThat(send(read("/api/v1/log", "203.0.113.21")).statusCode()).isEqualTo(429);
  }

  @Test
  void fiftyConcurrentWritesAdmitExactlyTheBurstOfTen() throws Exception {
    int requests = 50;
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Integer>> statuses = new ArrayList<>();
    ExecutorService threads = Executors.newFixedThreadPool(requests);
    try {
      for (int i = 0; i < requests; i++) {
        statuses.add(
            threads.submit(
                () -> {
                  start.await();
                  return send(write("203.0.113.30")).statusCode();
                }));
      }
      start.countDown();
      int admitted = 0;
      int refused = 0;
      for (Future<Integer> status : statuses) {
        int code = status.get();
        if (code == 429) {
          refused++;
        } else {
          assertThat(code).isEqualTo(400);
          admitted++;
        }
      }
      assertThat(admitted).isEqualTo(10);
      assertThat(refused).isEqualTo(40);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void theActuatorIsNotLimitedAndCountsRefusalsByReason() throws Exception {
    for (int i = 0; i < 6; i++) {
      send(read("/api/v1/log", "203.0.113.40"));
    }
    for (int i = 0; i < 11; i++) {
      send(write("203.0.113.40"));
    }
    String metrics = "";
    for (int i = 0; i < 10; i++) {
      HttpResponse<String> response = send(read("/actuator/prometheus", "203.0.113.40"));
      assertThat(response.statusCode()).isEqualTo(200);
      metrics = response.body();
    }
    assertThat(metrics)
        .containsPattern("waxseal_rate_limit_refused_total\\{[^}]*reason=\"writes\"[^}]*} [1-9]")
        .containsPattern("waxseal_rate_limit_refused_total\\{[^}]*reason=\"reads\"[^}]*} [1-9]")
        .containsPattern("waxseal_rate_limit_clients\\{[^}]*} [1-9]")
        .contains("status=\"429\"");
  }
}
