package dev.waxseal.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.testing.PostgresIntegrationTest;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A small configured body limit: a body over it gets 413 with Rekor's message, whether its length
 * is declared or it is streamed without one, and the tree does not change; a body at the limit is
 * read.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "waxseal.api.max-request-body-size=2KB")
class RequestLimitIT extends PostgresIntegrationTest {
  @LocalServerPort int port;

  @Test
  void bodyOverTheConfiguredLimitIs413() {
    ApiClient client = new ApiClient(port);
    long size = client.treeSize();
    String tooBig = "{\"kind\":\"" + "x".repeat(2048) + "\"}";

    ApiClient.Response declared = client.post("/api/v1/log/entries", tooBig);
    ApiClient.Response streamed =
        client.send(
            client
                .request("/api/v1/log/entries")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(Signers.utf8(tooBig))))
                .build());

    for (ApiClient.Response response : new ApiClient.Response[] {declared, streamed}) {
      BadInputIT.assertRekorError(response, 413, "Request Entity Too Large. Limit set to 2048");
    }
    assertThat(client.treeSize()).isEqualTo(size);
    String atLimit = "{\"kind\":\"" + "x".repeat(2048 - 11) + "\"}";
    assertThat(atLimit).hasSize(2048);
    assertThat(client.post("/api/v1/log/entries", atLimit).status()).isEqualTo(400);
    assertThat(client.post("/api/v1/index/retrieve", tooBig).status()).isEqualTo(413);
    assertThat(client.post("/api/v1/log/entries/retrieve", tooBig).status()).isEqualTo(413);
  }
}
