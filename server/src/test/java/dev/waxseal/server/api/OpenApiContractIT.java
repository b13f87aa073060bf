package dev.waxseal.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The running server against {@code api-spec/openapi.yaml}: every operation is called, with success
 * and error outcomes, and each response's status must be documented for its operation and its body
 * must validate against the documented schema (JSON Schema draft 4, which Swagger 2.0 schemas are,
 * with networknt's validator). At the end, every operation must have been exercised.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractIT extends ApiIntegrationTest {
  private static final String LOG_ENTRIES = "/api/v1/log/entries";

  private JsonNode spec;
  private SchemaRegistry registry;
  private final Set<String> exercised = new LinkedHashSet<>();

  @BeforeAll
  void loadSpec() throws Exception {
    try (InputStream in = getClass().getResourceAsStream("/META-INF/waxseal/openapi.yaml")) {
      assertThat(in).as("openapi.yaml from waxseal-api-spec on the classpath").isNotNull();
      spec = YAMLMapper.builder().build().readTree(in);
    }
    registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
  }

  /** Calls the server and checks the response against the operation {@code method path}. */
  private ApiClient.Response check(String method, String template, ApiClient.Response response) {
    JsonNode operation = spec.get("paths").get(template).get(method);
    assertThat(operation).as(method + " " + template + " is documented").isNotNull();
    String status = Integer.toString(response.status());
    JsonNode documented = operation.get("responses").get(status);
    if (documented == null) {
      assertThat(response.status())
          .as(method + " " + template + " returned undocumented " + status)
          .isGreaterThanOrEqualTo(500);
      documented = operation.get("responses").get("default");
    }
    String pointer =
        "#/paths/" + template.replace("~", "~0").replace("/", "~1") + "/" + method + "/responses/";
    pointer += operation.get("responses").has(status) ? status : "default";
    if (documented.has("$ref")) {
      pointer = documented.get("$ref").stringValue();
      documented = spec.at(pointer.substring(1));
    }
    exercised.add(method + " " + template + " " + status);
    JsonNode schema = documented.get("schema");
    if (schema == null) {
      return response;
    }
    if (schema.path("type").asString("").equals("string")) {
      return response; // a PEM key or this document
    }
    ObjectNode root = (ObjectNode) spec.deepCopy();
    root.put("$ref", pointer + "/schema");
    Schema validator = registry.getSchema(root);
    List<Error> errors = validator.validate(response.json());
    assertThat(errors)
        .as(method + " " + template + " " + status + ": " + response.body())
        .isEmpty();
    return response;
  }

  private ApiClient.Response post(String template, String json) {
    return check("post", template, client.post(template, json));
  }

  private ApiClient.Response get(String template, String path) {
    return check("get", template, client.get(path));
  }

  @Test
  void everyResponseMatchesTheSpec() {
    Signers.Signed signed =
        Signers.signed(Signers.Key.P256, Signers.utf8("contract"), true, "contract@example.com");
    ApiClient.Response created = post(LOG_ENTRIES, signed.request());
    assertThat(created.status()).isEqualTo(201);
    assertThat(post(LOG_ENTRIES, signed.request()).status()).isEqualTo(409);
    assertThat(post(LOG_ENTRIES, "{\"kind\":\"rekord\"}").status()).isEqualTo(400);
    assertThat(post(LOG_ENTRIES, "{").status()).isEqualTo(400);
    String huge = "{\"kind\":\"" + "x".repeat(1 << 20) + "\"}";
    assertThat(post(LOG_ENTRIES, huge).status()).isEqualTo(413);
    assertThat(
            check(
                    "post",
                    LOG_ENTRIES,
                    client.send(
                        client
                            .request(LOG_ENTRIES)
                            .header("Content-Type", "text/plain")
                            .POST(HttpRequest.BodyPublishers.ofString(signed.request()))
                            .build()))
                .status())
        .isEqualTo(415);

    String id = created.entryId();
    long index = created.entry().get("logIndex").longValue();
    assertThat(get(LOG_ENTRIES, LOG_ENTRIES + "?logIndex=" + index).status()).isEqualTo(200);
    assertThat(get(LOG_ENTRIES, LOG_ENTRIES + "?logIndex=99999999").status()).isEqualTo(404);
    assertThat(get(LOG_ENTRIES, LOG_ENTRIES + "?logIndex=-1").status()).isEqualTo(400);

    String byId = LOG_ENTRIES + "/{entryUUID}";
    assertThat(get(byId, LOG_ENTRIES + "/" + id).status()).isEqualTo(200);
    assertThat(get(byId, LOG_ENTRIES + "/" + id.substring(16)).status()).isEqualTo(200);
    assertThat(get(byId, LOG_ENTRIES + "/" + "ab".repeat(32)).status()).isEqualTo(404);
    assertThat(get(byId, LOG_ENTRIES + "/xyz").status()).isEqualTo(400);

    String retrieve = LOG_ENTRIES + "/retrieve";
    assertThat(
            post(retrieve, "{\"entryUUIDs\":[\"" + id + "\"],\"logIndexes\":[" + index + "]}")
                .status())
        .isEqualTo(200);
    assertThat(post(retrieve, "{\"logIndexes\":[-1]}").status()).isEqualTo(400);
    assertThat(post(retrieve, "{\"logIndexes\":[0,1,2,3,4,5,6,7,8,9,10]}").status()).isEqualTo(422);

    assertThat(get("/api/v1/log", "/api/v1/log").status()).isEqualTo(200);
    assertThat(get("/api/v1/log/proof", "/api/v1/log/proof?lastSize=1").status()).isEqualTo(200);
    assertThat(get("/api/v1/log/proof", "/api/v1/log/proof?firstSize=2&lastSize=1").status())
        .isEqualTo(400);
    assertThat(get("/api/v1/log/publicKey", "/api/v1/log/publicKey").status()).isEqualTo(200);
    assertThat(get("/api/v1/log/publicKey", "/api/v1/log/publicKey?treeID=1").status())
        .isEqualTo(400);
    assertThat(post("/api/v1/index/retrieve", "{\"email\":\"contract@example.com\"}").json().size())
        .isEqualTo(1);
    assertThat(post("/api/v1/index/retrieve", "{\"hash\":\"nothex\"}").status()).isEqualTo(400);
    assertThat(get("/api/v1/openapi.yaml", "/api/v1/openapi.yaml").status()).isEqualTo(200);
  }

  /** The validator is not vacuous: a LogEntry missing its proof, or with extra fields, fails. */
  @Test
  void validatorRejectsResponsesThatBreakTheSpec() {
    ObjectNode root = (ObjectNode) spec.deepCopy();
    root.put("$ref", "#/definitions/LogEntry");
    Schema logEntry = registry.getSchema(root);
    String id = "0".repeat(15) + "1" + "a".repeat(64);
    String good =
        "{\"body\":\"e30=\",\"integratedTime\":1,\"logID\":\""
            + "b".repeat(64)
            + "\",\"logIndex\":0,\"verification\":{\"signedEntryTimestamp\":\"AA==\","
            + "\"inclusionProof\":{\"checkpoint\":\"c\",\"hashes\":[],\"logIndex\":0,"
            + "\"rootHash\":\""
            + "c".repeat(64)
            + "\",\"treeSize\":1}}}";
    assertThat(logEntry.validate(json("{\"" + id + "\":" + good + "}"))).isEmpty();
    assertThat(
            logEntry.validate(
                json("{\"" + id + "\":" + good.replace("\"logIndex\":0,\"v", "\"v") + "}")))
        .isNotEmpty();
    assertThat(
            logEntry.validate(
                json("{\"" + id + "\":" + good.replace("{\"body", "{\"x\":1,\"body") + "}")))
        .isNotEmpty();
    assertThat(
            logEntry.validate(
                json("{\"" + id + "\":" + good.replace("\"treeSize\":1", "\"treeSize\":0") + "}")))
        .isNotEmpty();
  }

  private static JsonNode json(String text) {
    return dev.waxseal.server.entries.CanonicalJson.parse(Signers.utf8(text));
  }

  @AfterAll
  void everyOperationWasExercised() {
    List<String> missing = new ArrayList<>();
    spec.get("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .propertyNames()
                    .forEach(
                        method -> {
                          String prefix = method + " " + path.getKey() + " 2";
                          if (exercised.stream().noneMatch(e -> e.startsWith(prefix))) {
                            missing.add(method + " " + path.getKey());
                          }
                        }));
    assertThat(missing).as("operations never called with success").isEmpty();
  }
}
