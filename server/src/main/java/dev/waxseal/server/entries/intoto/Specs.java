package dev.waxseal.server.entries.intoto;

import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import dev.waxseal.server.entries.pki.GoJson;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Reading intoto specs as Rekor's generated models and schema validation read them. */
final class Specs {
  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Specs() {}

  /** A member by exact name; JSON null counts as absent. */
  static @Nullable JsonNode member(JsonNode parent, String name) {
    JsonNode node = parent.get(name);
    return node == null || node.isNull() ? null : node;
  }

  /** A required object member. */
  static JsonNode object(JsonNode parent, String name, String path) {
    JsonNode node = member(parent, name);
    if (node == null) {
      throw malformed(path + " in body is required");
    }
    if (!node.isObject()) {
      throw malformed(path + " in body must be of type object");
    }
    return node;
  }

  /** An optional string member. */
  static @Nullable String string(JsonNode parent, String name, String path) {
    JsonNode node = member(parent, name);
    if (node == null) {
      return null;
    }
    if (!node.isString()) {
      throw malformed(path + " in body must be of type string");
    }
    return node.stringValue();
  }

  /** An optional base64 ({@code format: byte}) member, decoded; null if absent or empty. */
  static byte @Nullable [] bytes(JsonNode parent, String name, String path) {
    String text = string(parent, name, path);
    if (text == null || text.isEmpty()) {
      return null;
    }
    return GoJson.stdBase64(text)
        .orElseThrow(
            () -> malformed("failed parsing base64 data: " + path + " must be standard base64"));
  }

  /**
   * An optional {@code {algorithm: "sha256", value}} member, checked as the schema does.
   *
   * @return the value, or null if the member is absent
   */
  static @Nullable String sha256(JsonNode parent, String name, String path) {
    JsonNode hash = member(parent, name);
    if (hash == null) {
      return null;
    }
    if (!hash.isObject()) {
      throw malformed(path + " in body must be of type object");
    }
    String algorithm = string(hash, "algorithm", path + ".algorithm");
    if (algorithm == null) {
      throw malformed(path + ".algorithm in body is required");
    }
    if (!"sha256".equals(algorithm)) {
      throw malformed(path + ".algorithm in body should be one of [sha256]");
    }
    String value = string(hash, "value", path + ".value");
    if (value == null) {
      throw malformed(path + ".value in body is required");
    }
    return value;
  }

  /** {@code {"algorithm":"sha256","value":value}}. */
  static ObjectNode hash(String value) {
    return NODES.objectNode().put("algorithm", "sha256").put("value", value);
  }

  /** The whole entry: {@code {"apiVersion", "kind":"intoto", "spec"}}. */
  static ObjectNode entry(String apiVersion, ObjectNode spec) {
    ObjectNode entry = NODES.objectNode().put("apiVersion", apiVersion).put("kind", "intoto");
    entry.set("spec", spec);
    return entry;
  }

  /**
   * Whether Rekor keeps the payload as an attestation: {@code base64.StdEncoding.DecodedLen} of the
   * payload text must not exceed the limit.
   */
  static boolean keepsAttestation(String payloadText, int maxAttestationSize) {
    return (long) payloadText.length() / 4 * 3 <= maxAttestationSize;
  }

  /**
   * The stored attestation as the entry's payload, if it is one: its SHA-256 is the stored {@code
   * payloadHash}. Null when there is no attestation (too large, or the source stored none).
   */
  static byte @Nullable [] storedPayload(
      byte @Nullable [] attestation, @Nullable String payloadHash) {
    if (attestation == null || payloadHash == null) {
      return null;
    }
    String hash = HexFormat.of().formatHex(Rfc6962.sha256(attestation));
    return hash.equals(payloadHash) ? attestation : null;
  }

  static InvalidEntryException malformed(String detail) {
    return new InvalidEntryException(Reason.MALFORMED_ENTRY, detail);
  }
}
