package dev.waxseal.server.entries.tuf;

import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.EntryKind.Purpose;
import dev.waxseal.server.entries.rfc3161.KindHttpIntegrationTest;
import dev.waxseal.server.entries.tuf.TufFixtures.Key;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** tuf over HTTP: targets signed under a test root are logged and proven; tampered ones are not. */
class TufIT extends KindHttpIntegrationTest {
  private static final String EXPIRES = "2099-01-01T00:00:00Z";

  private static ObjectNode spec(JsonNode metadata, JsonNode root) {
    ObjectNode spec = CanonicalJson.mapper().createObjectNode();
    spec.putObject("metadata").set("content", metadata);
    spec.putObject("root").set("content", root);
    return spec;
  }

  @Test
  void logsTargetsMetadataAndRefusesATamperedCopy() {
    Key rootKey = TufFixtures.ed25519("http-root");
    Key targetsKey = TufFixtures.ecdsa("http-targets");
    ObjectNode root =
        TufFixtures.sign(
            TufFixtures.rootSigned(
                EXPIRES, "root", new Key[] {rootKey}, 1, "targets", new Key[] {targetsKey}, 1),
            rootKey);
    ObjectNode targets = TufFixtures.sign(TufFixtures.targetsSigned(EXPIRES, 3), targetsKey);
    byte[] expected =
        new TufKind(Clock.systemUTC()).canonicalize(spec(targets, root), Purpose.APPEND).body();

    createsAndProves(proposed("tuf", spec(targets, root)), expected);

    ObjectNode tampered = targets.deepCopy();
    ((ObjectNode) tampered.get("signed")).put("version", 4);
    refused(proposed("tuf", spec(tampered, root)));
  }
}
