package dev.waxseal.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.testing.PostgresIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Health groups and Prometheus metrics, on a real PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ActuatorIT extends PostgresIntegrationTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort int port;

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthHasLivenessAndReadinessGroups() throws Exception {
    HttpResponse<String> health = get("/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"").contains("liveness", "readiness");
    assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
  }

  @Test
  void readinessIncludesTheDatabase() throws Exception {
    HttpResponse<String> readiness = get("/actuator/health/readiness");
    assertThat(readiness.statusCode()).isEqualTo(200);
    assertThat(readiness.body()).contains("\"status\":\"UP\"").contains("\"db\"");
  }

  @Test
  void prometheusServesJvmAndPoolMetrics() throws Exception {
    HttpResponse<String> metrics = get("/actuator/prometheus");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("hikaricp_");
  }

  @Test
  void prometheusTimesApiRequestsByRouteNotByPath() throws Exception {
    assertThat(get("/api/v1/log").statusCode()).isEqualTo(200);
    String missing = "/api/v1/log/entries/" + "ab".repeat(32);
    assertThat(get(missing).statusCode()).isEqualTo(404);
    HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/log"))
            .method("BREW", HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.discarding());

    String metrics = get("/actuator/prometheus").body();
    assertThat(metrics)
        .containsPattern(
            "http_server_requests_seconds_count\\{[^}]*method=\"GET\"[^}]*outcome=\"SUCCESS\""
                + "[^}]*status=\"200\"[^}]*uri=\"/api/v1/log\"[^}]*} [1-9]")
        .containsPattern(
            "http_server_requests_seconds_count\\{[^}]*status=\"404\""
                + "[^}]*uri=\"/api/v1/log/entries/\\{entryUUID}\"[^}]*} [1-9]")
        .containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"UNKNOWN\"")
        .doesNotContain("ab".repeat(32))
        .doesNotContain("BREW");
  }
}
