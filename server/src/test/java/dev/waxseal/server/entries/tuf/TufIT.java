package dev.waxseal.server.entries.tuf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind.Purpose;
import dev.waxseal.server.entries.rfc3161.KindHttpIntegrationTest;
import dev.waxseal.server.entries.tuf.TufFixtures.Key;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * tuf over HTTP: targets signed under a test root are logged and proven; tampered ones are not; a
 * logged entry is found by its root.json as a {@code tuf} public key, as {@code rekor-cli search
 * --public-key root.json --pki-format tuf} asks.
 */
class TufIT extends KindHttpIntegrationTest {
  private static final String EXPIRES = "2099-01-01T00:00:00Z";
  private final TufKind kind = new TufKind(Clock.systemUTC());

  private static ObjectNode spec(JsonNode metadata, JsonNode root) {
    ObjectNode spec = CanonicalJson.mapper().createObjectNode();
    spec.putObject("metadata").set("content", metadata);
    spec.putObject("root").set("content", root);
    return spec;
  }

  private static ObjectNode root(Key rootKey, Key targetsKey) {
    return TufFixtures.sign(
        TufFixtures.rootSigned(
            EXPIRES, "root", new Key[] {rootKey}, 1, "targets", new Key[] {targetsKey}, 1),
        rootKey);
  }

  @Test
  void logsTargetsMetadataAndRefusesATamperedCopy() {
    Key rootKey = TufFixtures.ed25519("http-root");
    Key targetsKey = TufFixtures.ecdsa("http-targets");
    ObjectNode root = root(rootKey, targetsKey);
    ObjectNode targets = TufFixtures.sign(TufFixtures.targetsSigned(EXPIRES, 3), targetsKey);
    byte[] expected = kind.canonicalize(spec(targets, root), Purpose.APPEND).body();

    createsAndProves(proposed("tuf", spec(targets, root)), expected);

    ObjectNode tampered = targets.deepCopy();
    ((ObjectNode) tampered.get("signed")).put("version", 4);
    refused(proposed("tuf", spec(tampered, root)));
  }

  @Test
  void findsEntriesByTheirRootJsonAndNotByAnotherRoot() throws IOException {
    // A real root (Rekor's test data) logged as its own metadata, searched for with the file's
    // bytes as rekor-cli sends them.
    byte[] otherRootFile = TufSearchKeyTest.resource("rekor-other-root.json");
    JsonNode otherRoot = CanonicalJson.parse(otherRootFile);
    ObjectNode otherSpec = spec(otherRoot, otherRoot);
    String otherRootEntry =
        createsAndProves(
            proposed("tuf", otherSpec), kind.canonicalize(otherSpec, Purpose.APPEND).body());

    Key rootKey = TufFixtures.ed25519("search-http-root");
    Key targetsKey = TufFixtures.ecdsa("search-http-targets");
    ObjectNode root = root(rootKey, targetsKey);
    List<String> targetsEntries = new ArrayList<>();
    for (int version = 1; version <= 2; version++) {
      ObjectNode targets =
          TufFixtures.sign(TufFixtures.targetsSigned(EXPIRES, version), targetsKey);
      ObjectNode spec = spec(targets, root);
      targetsEntries.add(
          createsAndProves(proposed("tuf", spec), kind.canonicalize(spec, Purpose.APPEND).body()));
    }
    byte[] rootFile = root.toPrettyString().getBytes(StandardCharsets.UTF_8);

    assertThat(search(otherRootFile)).containsExactly(otherRootEntry);
    assertThat(search(rootFile)).containsExactlyElementsOf(targetsEntries);
    Key neverLogged = TufFixtures.ed25519("search-http-never-logged");
    byte[] unusedRoot = root(neverLogged, targetsKey).toString().getBytes(StandardCharsets.UTF_8);
    assertThat(search(unusedRoot)).isEmpty();

    Response expired =
        post("/api/v1/index/retrieve", query(TufSearchKeyTest.resource("sigstore-root-v5.json")));
    assertThat(expired.status()).as(expired.body()).isEqualTo(400);
    assertThat(json(expired).get("message").stringValue())
        .isEqualTo(
            "public key provided could not be parsed: tuf: root metadata expired at"
                + " 2023-04-18T18:13:43Z");
  }

  private static String query(byte[] rootJson) {
    ObjectNode query = CanonicalJson.mapper().createObjectNode();
    query
        .putObject("publicKey")
        .put("format", "tuf")
        .put("content", Base64.getEncoder().encodeToString(rootJson));
    return query.toString();
  }

  private static JsonNode json(Response response) {
    return CanonicalJson.parse(response.body().getBytes(StandardCharsets.UTF_8));
  }

  private List<String> search(byte[] rootJson) {
    Response response = post("/api/v1/index/retrieve", query(rootJson));
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    json(response).values().forEach(id -> ids.add(id.stringValue()));
    return ids;
  }
}
