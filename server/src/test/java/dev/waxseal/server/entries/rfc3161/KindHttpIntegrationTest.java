package dev.waxseal.server.entries.rfc3161;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.merkle.proof.InclusionProof;
import dev.waxseal.merkle.proof.ProofVerifier;
import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.testing.PostgresIntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Base of the rfc3161, jar, cose and tuf HTTP integration tests: the application on a random port
 * and a real PostgreSQL (one cached context for all four), {@code POST /api/v1/log/entries} with a
 * proposed entry of the kind, the stored body read back by id, and the inclusion proof verified
 * with merkle's verifier; a refused entry answers 400 and leaves the tree as it was.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"waxseal.hostname=kinds.test"})
public abstract class KindHttpIntegrationTest extends PostgresIntegrationTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @LocalServerPort int port;

  /** A status and a body. */
  protected record Response(int status, String body) {
    JsonNode json() {
      return CanonicalJson.parse(body.getBytes(StandardCharsets.UTF_8));
    }
  }

  protected Response post(String path, String json) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build());
  }

  protected Response get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET().build());
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private static Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  protected long treeSize() {
    Response info = get("/api/v1/log");
    assertThat(info.status()).as(info.body()).isEqualTo(200);
    return info.json().get("treeSize").longValue();
  }

  /** {@code {"apiVersion", "kind", "spec"}} as JSON text. */
  protected static String proposed(String kind, JsonNode spec) {
    return CanonicalJson.mapper()
        .createObjectNode()
        .put("apiVersion", "0.0.1")
        .put("kind", kind)
        .set("spec", spec)
        .toString();
  }

  /**
   * Creates the entry, checks the server stored {@code expectedBody}, reads it back by id and
   * verifies its inclusion proof.
   *
   * @return the entry id
   */
  protected String createsAndProves(String proposed, byte[] expectedBody) {
    Response created = post("/api/v1/log/entries", proposed);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().propertyNames().iterator().next();
    JsonNode entry = created.json().get(id);
    byte[] body = Base64.getDecoder().decode(entry.get("body").stringValue());
    assertThat(new String(body, StandardCharsets.UTF_8))
        .isEqualTo(new String(expectedBody, StandardCharsets.UTF_8));
    Hash leafHash = Rfc6962.leafHash(body);
    assertThat(id).hasSize(80).endsWith(leafHash.hex());
    verifyInclusion(entry, leafHash);

    Response read = get("/api/v1/log/entries/" + id);
    assertThat(read.status()).as(read.body()).isEqualTo(200);
    JsonNode again = read.json().get(id);
    assertThat(again.get("body")).isEqualTo(entry.get("body"));
    verifyInclusion(again, leafHash);
    return id;
  }

  private static void verifyInclusion(JsonNode entry, Hash leafHash) {
    JsonNode proof = entry.get("verification").get("inclusionProof");
    List<Hash> hashes = new ArrayList<>();
    proof.get("hashes").values().forEach(h -> hashes.add(Hash.fromHex(h.stringValue())));
    try {
      ProofVerifier.verifyInclusion(
          new InclusionProof(
              proof.get("logIndex").longValue(), proof.get("treeSize").longValue(), hashes),
          leafHash,
          Hash.fromHex(proof.get("rootHash").stringValue()));
    } catch (Exception e) {
      throw new AssertionError("inclusion proof does not verify", e);
    }
  }

  /** Posts {@code proposed}, expects a 400 with Rekor's error shape, and an unchanged tree. */
  protected void refused(String proposed) {
    long size = treeSize();
    Response refused = post("/api/v1/log/entries", proposed);
    assertThat(refused.status()).as(refused.body()).isEqualTo(400);
    assertThat(refused.json().get("code").intValue()).isEqualTo(400);
    assertThat(refused.json().get("message").stringValue()).startsWith("error processing entry: ");
    assertThat(treeSize()).isEqualTo(size);
  }
}
