package dev.waxseal.server.entries.tuf;

import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.entries.tuf.TufFixtures.Key;
import tools.jackson.databind.node.ObjectNode;

/**
 * A valid tuf proposed entry, made as {@link TufIT} makes its own, for tests outside this package
 * (the API's OpenAPI contract test).
 */
public final class TufSamples {
  private TufSamples() {}

  /**
   * A whole proposed entry ({@code apiVersion}, {@code kind}, {@code spec}) as JSON text: targets
   * metadata signed under a root of its own, both keys derived from {@code label}.
   */
  public static String proposedEntry(String label) {
    Key rootKey = TufFixtures.ed25519(label + "-root");
    Key targetsKey = TufFixtures.ecdsa(label + "-targets");
    String expires = "2099-01-01T00:00:00Z";
    ObjectNode root =
        TufFixtures.sign(
            TufFixtures.rootSigned(
                expires, "root", new Key[] {rootKey}, 1, "targets", new Key[] {targetsKey}, 1),
            rootKey);
    ObjectNode targets = TufFixtures.sign(TufFixtures.targetsSigned(expires, 1), targetsKey);
    ObjectNode entry = CanonicalJson.mapper().createObjectNode();
    entry.put("apiVersion", "0.0.1").put("kind", "tuf");
    ObjectNode spec = entry.putObject("spec");
    spec.putObject("metadata").set("content", targets);
    spec.putObject("root").set("content", root);
    return entry.toString();
  }
}
