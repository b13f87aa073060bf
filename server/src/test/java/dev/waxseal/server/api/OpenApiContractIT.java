package dev.waxseal.server.api;

import static dev.waxseal.server.api.OpenApiDocument.Direction.REQUEST;
import static dev.waxseal.server.api.OpenApiDocument.Direction.RESPONSE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKinds;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The running server against {@code api-spec/openapi.yaml}: every operation is called, with success
 * and error outcomes, and each response's status must be documented for its operation and its body
 * must validate against the documented schema (JSON Schema draft 4, which Swagger 2.0 schemas are,
 * with networknt's validator: see {@link OpenApiDocument}). One real entry of every kind the server
 * registers is created and read back, its request and its stored entry validated against its kind's
 * schema. At the end, every operation must have been exercised.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiContractIT extends ApiIntegrationTest {
  private static final String LOG_ENTRIES = "/api/v1/log/entries";

  @Autowired EntryKinds entryKinds;

  private OpenApiDocument document;
  private JsonNode spec;
  private List<KindSamples.Sample> samples;
  private final Set<String> exercised = new LinkedHashSet<>();

  @BeforeAll
  void loadSpec() {
    document = OpenApiDocument.load();
    spec = document.spec();
    samples = KindSamples.all("openapi contract");
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
    assertThat(document.validate(pointer + "/schema", response.json(), RESPONSE))
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
    Validator logEntry = json -> document.validate("#/definitions/LogEntry", json, RESPONSE);
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

  /** One schema of the document, one direction. */
  private interface Validator {
    List<com.networknt.schema.Error> validate(JsonNode json);
  }

  private static JsonNode json(String text) {
    return CanonicalJson.parse(Signers.utf8(text));
  }

  /**
   * One real entry of every kind and version the server registers: the request is valid for the
   * kind its discriminator names, the 201 and the read by UUID are valid LogEntries, and the stored
   * entry in their body is valid for the same kind (with no x-writeOnly field, the oneOf of Rekor's
   * schemas then requires the readOnly fields the server fills). A kind registered without a sample
   * or without a schema fails here.
   */
  @Test
  void everyKindsRequestAndStoredEntryMatchItsSchema() {
    Set<String> validated = new TreeSet<>();
    for (KindSamples.Sample sample : samples) {
      JsonNode request = json(sample.request());
      String kind = document.proposedEntryOf(request);
      assertThat(document.validate("#/definitions/ProposedEntry", request, REQUEST)).isEmpty();
      assertThat(document.validate(kind, request, REQUEST)).as(sample + " request").isEmpty();

      ApiClient.Response created = post(LOG_ENTRIES, sample.request());
      assertThat(created.status()).as(sample + ": " + created.body()).isEqualTo(201);
      JsonNode stored = storedEntry(created);
      assertThat(stored.get("kind").stringValue()).isEqualTo(sample.kind());
      assertThat(stored.get("apiVersion").stringValue()).isEqualTo(sample.apiVersion());
      assertThat(document.validate(kind, stored, RESPONSE))
          .as(sample + " stored entry " + stored)
          .isEmpty();

      String uuid = created.entryId().substring(16);
      ApiClient.Response read = get(LOG_ENTRIES + "/{entryUUID}", LOG_ENTRIES + "/" + uuid);
      assertThat(read.status()).as(sample + ": " + read.body()).isEqualTo(200);
      assertThat(storedEntry(read)).isEqualTo(stored);
      assertThat(document.validate(kind, storedEntry(read), RESPONSE)).isEmpty();
      validated.add(sample.name());
    }

    Set<String> registered = new TreeSet<>(List.of(entryKinds.supported().split(", ")));
    System.out.println(
        "OpenApiContractIT: "
            + validated.size()
            + " of "
            + registered.size()
            + " registered entry kinds validated against openapi.yaml, request and stored entry: "
            + validated);
    assertThat(validated).as("every kind the server registers, validated").isEqualTo(registered);
    assertThat(document.kinds())
        .as("the kinds openapi.yaml declares are those the server registers")
        .isEqualTo(registered.stream().map(k -> k.split(" ")[0]).collect(Collectors.toSet()));
  }

  /** The stored entry of a LogEntry response: its body, base64-decoded, as JSON. */
  private static JsonNode storedEntry(ApiClient.Response response) {
    return CanonicalJson.parse(
        Base64.getDecoder().decode(response.entry().get("body").stringValue()));
  }

  /**
   * Per kind, one field its Rekor schema requires, removed from its valid request (a path to the
   * object holding it, and its name).
   */
  private static final Map<String, String[]> REQUIRED =
      Map.ofEntries(
          Map.entry("hashedrekord 0.0.1", new String[] {"/spec", "data"}),
          Map.entry("rekord 0.0.1", new String[] {"/spec/signature", "format"}),
          Map.entry("dsse 0.0.1", new String[] {"/spec/proposedContent", "verifiers"}),
          Map.entry("intoto 0.0.1", new String[] {"/spec", "publicKey"}),
          Map.entry("intoto 0.0.2", new String[] {"/spec/content/envelope", "signatures"}),
          Map.entry("cose 0.0.1", new String[] {"/spec", "publicKey"}),
          Map.entry("rfc3161 0.0.1", new String[] {"/spec/tsr", "content"}),
          Map.entry("jar 0.0.1", new String[] {"/spec/archive", "content"}),
          Map.entry("rpm 0.0.1", new String[] {"/spec/publicKey", "content"}),
          Map.entry("alpine 0.0.1", new String[] {"/spec/package", "content"}),
          Map.entry("helm 0.0.1", new String[] {"/spec/chart", "provenance"}),
          Map.entry("tuf 0.0.1", new String[] {"/spec", "root"}));

  /**
   * The kinds' schemas are checked, not only the envelope: each kind's request, one field short.
   */
  @Test
  void validatorRejectsEachKindsRequestWithoutARequiredField() {
    for (KindSamples.Sample sample : samples) {
      String[] field = REQUIRED.get(sample.name());
      assertThat(field).as(sample + " has a field to remove").isNotNull();
      JsonNode request = json(sample.request());
      String kind = document.proposedEntryOf(request);
      assertThat(document.validate(kind, request, REQUEST)).as(sample.name()).isEmpty();

      JsonNode holder = request.at(field[0]);
      assertThat(holder.has(field[1])).as(sample + " " + field[0] + " has " + field[1]).isTrue();
      ((ObjectNode) holder).remove(field[1]);

      assertThat(document.validate(kind, request, REQUEST))
          .as(sample + " without " + field[0] + "/" + field[1])
          .isNotEmpty();
    }
    assertThat(REQUIRED.keySet())
        .isEqualTo(samples.stream().map(KindSamples.Sample::name).collect(Collectors.toSet()));
  }

  private JsonNode sample(String name) {
    return json(
        samples.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow().request());
  }

  /**
   * What the kinds' schemas say besides required fields is checked too: base64 fields, the kind
   * named by the discriminator, the apiVersion matching the spec's version, and x-writeOnly
   * (client-sent) fields never in a stored entry.
   */
  @Test
  void validatorChecksFormatsKindVersionAndDirection() {
    JsonNode rekord = sample("rekord 0.0.1");
    ((ObjectNode) rekord.at("/spec/signature")).put("content", "not base64!");
    assertThat(document.validate("#/definitions/rekord", rekord, REQUEST)).isNotEmpty();

    JsonNode dsse = sample("dsse 0.0.1");
    assertThat(document.validate("#/definitions/hashedrekord", dsse, REQUEST)).isNotEmpty();
    ((ObjectNode) dsse).put("kind", "hashedrekord");
    assertThat(document.validate("#/definitions/hashedrekord", dsse, REQUEST)).isNotEmpty();

    JsonNode intoto = sample("intoto 0.0.2");
    ((ObjectNode) intoto).put("apiVersion", "0.0.1");
    assertThat(document.validate("#/definitions/intoto", intoto, REQUEST)).isNotEmpty();
    JsonNode hashedrekord = sample("hashedrekord 0.0.1");
    ((ObjectNode) hashedrekord).put("apiVersion", "0.0.2");
    assertThat(document.validate("#/definitions/hashedrekord", hashedrekord, REQUEST)).isNotEmpty();

    JsonNode stored = rekorStoredEntry("rekor-v1/sigstore-js-2.0.0-provenance.sigstore.json");
    assertThat(document.validate("#/definitions/intoto", stored, RESPONSE)).isEmpty();
    ((ObjectNode) stored.at("/spec/content/envelope")).put("payload", "e30=");
    assertThat(document.validate("#/definitions/intoto", stored, RESPONSE))
        .as("an x-writeOnly field in a stored entry")
        .isNotEmpty();
    assertThat(document.validate("#/definitions/intoto", stored, REQUEST))
        .as("the same field sent by a client")
        .isEmpty();
  }

  /** Rekor's own stored entries (public-good and staging) in the test resources. */
  private static final List<String> REKOR_ENTRIES =
      List.of(
          "rekor-v1/conformance-happy-path-v0.3.bundle.sigstore.json",
          "rekor-v1/private-instance-othername.sigstore.json",
          "rekor-v1/public-good-logindex-800000000.json",
          "rekor-v1/sigstore-java-bundle.v3_1.sigstore.json",
          "rekor-v1/sigstore-java-rekor-response-entry.json",
          "rekor-v1/conformance-happy-path-intoto-in-dsse-v3.bundle.sigstore.json",
          "rekor-v1/sigstore-java-bundle.dsse.sigstore.json",
          "rekor-v1/bundle-v0.1-set-only-provenance.json",
          "rekor-v1/sigstore-js-2.0.0-provenance.sigstore.json",
          "jar/rekor-response-jar-entry.json");

  /** The kinds' schemas are Rekor's: entries that Rekor itself stored are valid against them. */
  @Test
  void rekorsOwnStoredEntriesMatchTheirKindsSchemas() {
    Set<String> kinds = new TreeSet<>();
    for (String file : REKOR_ENTRIES) {
      JsonNode stored = rekorStoredEntry(file);
      String kind = document.proposedEntryOf(stored);
      assertThat(document.validate(kind, stored, RESPONSE)).as(file).isEmpty();
      kinds.add(stored.get("kind").stringValue() + " " + stored.get("apiVersion").stringValue());
    }
    assertThat(kinds)
        .containsExactly("dsse 0.0.1", "hashedrekord 0.0.1", "intoto 0.0.2", "jar 0.0.1");
  }

  /** The stored entry of a Rekor bundle ({@code canonicalizedBody}) or LogEntry ({@code body}). */
  private static JsonNode rekorStoredEntry(String resource) {
    try (InputStream in = OpenApiContractIT.class.getResourceAsStream("/entries/" + resource)) {
      assertThat(in).as(resource).isNotNull();
      JsonNode tree = CanonicalJson.parse(in.readAllBytes());
      JsonNode body = tree.findValue("canonicalizedBody");
      if (body == null) {
        body = tree.findValue("body");
      }
      assertThat(body).as(resource + " has a body").isNotNull();
      return CanonicalJson.parse(Base64.getDecoder().decode(body.stringValue()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
