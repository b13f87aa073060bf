package dev.waxseal.server.api;

import static dev.waxseal.server.api.OpenApiDocument.Direction.REQUEST;
import static dev.waxseal.server.api.OpenApiDocument.Direction.RESPONSE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.entries.CanonicalJson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The running server against {@code api-spec/openapi-v2.yaml}: the request sent validates against
 * the documented request schema, and every response's status is documented for the operation and
 * its body validates against the documented schema (strict: no undocumented field). Every
 * documented client-visible outcome but 503 (a full queue) is exercised.
 */
class RekorV2OpenApiContractIT extends ApiIntegrationTest {
  private static final String ENTRIES = "/api/v2/log/entries";

  private final OpenApiDocument document =
      OpenApiDocument.load("/META-INF/waxseal/openapi-v2.yaml");
  private final Set<String> exercised = new LinkedHashSet<>();

  private ApiClient.Response post(String body) {
    ApiClient.Response response = client.post(ENTRIES, body);
    String status = Integer.toString(response.status());
    JsonNode responses = document.spec().at("/paths/~1api~1v2~1log~1entries/post/responses");
    assertThat(responses.has(status)).as("status " + status + " is documented").isTrue();
    String ref = responses.get(status).get("schema").get("$ref").stringValue();
    assertThat(document.validate(ref, response.json(), RESPONSE))
        .as(status + ": " + response.body())
        .isEmpty();
    exercised.add(status);
    return response;
  }

  @Test
  void everyResponseMatchesTheV2Spec() {
    String request =
        RekorV2ApiIT.hashedRekord(
            ("contract v2 " + System.nanoTime()).getBytes(StandardCharsets.UTF_8));
    assertThat(
            document.validate(
                "#/definitions/CreateEntryRequest",
                CanonicalJson.parse(request.getBytes(StandardCharsets.UTF_8)),
                REQUEST))
        .isEmpty();

    ApiClient.Response created = post(request);
    assertThat(created.status()).isEqualTo(201);
    ApiClient.Response duplicate = post(request);
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.header("x-log-index"))
        .isEqualTo(created.json().get("logIndex").stringValue());
    assertThat(post("{}").status()).isEqualTo(400);
    assertThat(post("{\"kind\":\"hashedrekord\"}").status()).isEqualTo(400);
    assertThat(post("[").status()).isEqualTo(400);

    assertThat(exercised).containsExactlyInAnyOrder("201", "409", "400");
  }
}
