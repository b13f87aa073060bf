package dev.waxseal.server.entries.hashedrekord;

import static dev.waxseal.server.entries.hashedrekord.HashedRekordKind.malformed;
import static dev.waxseal.server.entries.hashedrekord.HashedRekordKind.object;

import dev.waxseal.server.entries.pki.DigestAlgorithm;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The fields of a proposed hashedrekord spec, read as Rekor's {@code DecodeEntry} and generated
 * schema validation read them: members of the wrong JSON type count as absent, an empty string as
 * no content, and base64 is standard and padded with line breaks ignored (Go's {@code
 * base64.StdEncoding}).
 */
// Internal and short-lived: never compared or hashed, so array components are harmless here.
@SuppressWarnings("ArrayRecordComponent")
record Proposed(byte[] signature, byte[] publicKey, DigestAlgorithm algorithm, String hashValue) {

  static Proposed read(JsonNode spec) {
    JsonNode signatureNode = object(spec, "signature");
    JsonNode hashNode = null;
    JsonNode data = object(spec, "data");
    if (data != null) {
      hashNode = object(data, "hash");
    }
    byte[] signature = new byte[0];
    byte[] publicKey = new byte[0];
    boolean hasPublicKey = false;
    if (signatureNode != null) {
      signature = base64(signatureNode, "signature content");
      JsonNode publicKeyNode = object(signatureNode, "publicKey");
      if (publicKeyNode != null) {
        hasPublicKey = true;
        publicKey = base64(publicKeyNode, "public key content");
      }
    }
    // Schema validation: the data object only exists in Rekor's model if it has a hash object.
    if (hashNode == null) {
      throw malformed("data in body is required");
    }
    if (signatureNode == null) {
      throw malformed("signature in body is required");
    }
    String algorithmName = string(hashNode, "algorithm");
    String value = string(hashNode, "value");
    if (algorithmName == null) {
      throw malformed("data.hash.algorithm in body is required");
    }
    if (value == null) {
      throw malformed("data.hash.value in body is required");
    }
    DigestAlgorithm algorithm =
        DigestAlgorithm.fromJsonName(algorithmName)
            .orElseThrow(
                () ->
                    malformed(
                        "data.hash.algorithm in body should be one of [sha256 sha384 sha512]"));
    if (!hasPublicKey) {
      throw malformed("missing public key");
    }
    return new Proposed(signature, publicKey, algorithm, value);
  }

  private static @Nullable String string(JsonNode parent, String name) {
    JsonNode node = parent.get(name);
    return node != null && node.isString() ? node.stringValue() : null;
  }

  private static byte[] base64(JsonNode parent, String what) {
    JsonNode node = parent.get("content");
    if (node == null || !node.isString() || node.stringValue().isEmpty()) {
      return new byte[0];
    }
    String text = node.stringValue();
    StringBuilder compact = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c != '\r' && c != '\n') {
        compact.append(c);
      }
    }
    try {
      if (compact.length() % 4 != 0) {
        throw new IllegalArgumentException("unpadded");
      }
      return Base64.getDecoder().decode(compact.toString());
    } catch (IllegalArgumentException e) {
      throw malformed("failed parsing base64 data for " + what + ": illegal base64 data");
    }
  }
}
