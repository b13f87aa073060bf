package dev.waxseal.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.testing.PostgresIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Request ids on the wire, and the latency histogram the SLO alerts read, in the real server's
 * Prometheus output.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ObservabilityIT extends PostgresIntegrationTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort int port;

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HTTP.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyResponseCarriesARequestIdKeptFromTheRequestWhenItIsAToken() throws Exception {
    String generated = get("/api/v1/log").headers().firstValue("X-Request-Id").orElseThrow();
    assertThat(generated).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(get("/api/v1/log").headers().firstValue("X-Request-Id").orElseThrow())
        .isNotEqualTo(generated);

    assertThat(
            get("/api/v1/log/entries/00", "X-Request-Id", "trace-42")
                .headers()
                .firstValue("X-Request-Id"))
        .contains("trace-42");
    assertThat(get("/api/v1/log", "X-Request-Id", "a\"b").headers().firstValue("X-Request-Id"))
        .get()
        .asString()
        .hasSize(36);
  }

  @Test
  void requestLatencyIsAHistogramWithABucketAtTheSloThreshold() throws Exception {
    get("/api/v1/log");
    String metrics = get("/actuator/prometheus").body();
    // Counts depend on this machine's speed; that the SLO's buckets exist does not.
    for (String le : new String[] {"0.1", "0.25", "0.5", "1.0"}) {
      assertThat(metrics)
          .containsPattern(
              "http_server_requests_seconds_bucket\\{[^}]*uri=\"/api/v1/log\",le=\""
                  + java.util.regex.Pattern.quote(le)
                  + "\"} \\d");
    }
    assertThat(metrics)
        .containsPattern(
            "http_server_requests_seconds_bucket\\{[^}]*uri=\"/api/v1/log\",le=\"\\+Inf\"} [1-9]");
  }
}
