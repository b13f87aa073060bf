package dev.waxseal.server.entries.dsse;

import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;
import dev.waxseal.server.entries.pki.GoJson;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A dsse 0.0.1 spec as Rekor's {@code DecodeEntry} and schema validation read it: either the
 * client's {@code proposedContent} ({@code envelope}, {@code verifiers}), or the server-computed
 * fields of a stored body ({@code signatures}, {@code envelopeHash}, {@code payloadHash}), never
 * both.
 */
// Internal and short-lived: never compared or hashed, so array components are harmless here.
@SuppressWarnings("ArrayRecordComponent")
record DsseSpec(
    @Nullable String envelope,
    List<byte[]> verifiers,
    List<StoredSignature> signatures,
    @Nullable JsonNode envelopeHash,
    @Nullable JsonNode payloadHash) {

  /** A signature of a stored body: the base64 text and the verifier's PEM bytes. */
  record StoredSignature(String signature, byte[] verifier) {}

  private static final Pattern BASE64 =
      Pattern.compile(
          "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{4})$");

  boolean isProposed() {
    return envelope != null;
  }

  static DsseSpec read(JsonNode spec) {
    JsonNode proposed = member(spec, "proposedContent");
    JsonNode signatures = member(spec, "signatures");
    JsonNode envelopeHash = member(spec, "envelopeHash");
    JsonNode payloadHash = member(spec, "payloadHash");
    checkHash(envelopeHash, "envelopeHash");
    checkHash(payloadHash, "payloadHash");
    List<StoredSignature> stored = readSignatures(signatures);
    if (proposed == null) {
      if (envelopeHash == null || payloadHash == null || stored.isEmpty()) {
        throw malformed(
            "either proposedContent or envelopeHash, payloadHash, and signatures must be present");
      }
      return new DsseSpec(null, List.of(), stored, envelopeHash, payloadHash);
    }
    if (!proposed.isObject()) {
      throw malformed("proposedContent in body must be an object");
    }
    if (envelopeHash != null || payloadHash != null || signatures != null) {
      throw malformed(
          "either proposedContent or envelopeHash, payloadHash, and signatures must be present"
              + " but not both: envelopeHash, payloadHash and signatures are computed by the"
              + " server, do not send them");
    }
    JsonNode envelope = member(proposed, "envelope");
    if (envelope == null) {
      throw malformed("proposedContent.envelope in body is required");
    }
    if (!envelope.isString()) {
      throw malformed("proposedContent.envelope in body must be of type string");
    }
    return new DsseSpec(
        envelope.stringValue(), readVerifiers(member(proposed, "verifiers")), stored, null, null);
  }

  private static List<byte[]> readVerifiers(@Nullable JsonNode verifiers) {
    if (verifiers == null) {
      throw malformed("proposedContent.verifiers in body is required");
    }
    if (!verifiers.isArray()) {
      throw malformed("proposedContent.verifiers in body must be of type array");
    }
    if (verifiers.isEmpty()) {
      throw malformed("proposedContent.verifiers in body should have at least 1 items");
    }
    List<byte[]> keys = new ArrayList<>();
    int i = 0;
    for (JsonNode verifier : verifiers.values()) {
      if (!verifier.isString()) {
        throw malformed("proposedContent.verifiers." + i + " in body must be of type string");
      }
      int index = i;
      keys.add(
          GoJson.stdBase64(verifier.stringValue())
              .orElseThrow(
                  () ->
                      malformed(
                          "failed parsing base64 data: proposedContent.verifiers."
                              + index
                              + " must be the standard base64 of a PEM public key or"
                              + " certificate")));
      i++;
    }
    return keys;
  }

  private static List<StoredSignature> readSignatures(@Nullable JsonNode signatures) {
    List<StoredSignature> stored = new ArrayList<>();
    if (signatures == null) {
      return stored;
    }
    if (!signatures.isArray()) {
      throw malformed("signatures in body must be of type array");
    }
    int i = 0;
    for (JsonNode s : signatures.values()) {
      String at = "signatures." + i;
      if (!s.isObject()) {
        throw malformed(at + " in body must be of type object");
      }
      JsonNode signature = member(s, "signature");
      JsonNode verifier = member(s, "verifier");
      if (signature == null || !signature.isString()) {
        throw malformed(at + ".signature in body is required");
      }
      if (!BASE64.matcher(signature.stringValue()).matches()) {
        throw malformed(at + ".signature in body should match base64");
      }
      if (verifier == null || !verifier.isString()) {
        throw malformed(at + ".verifier in body is required");
      }
      byte[] pem =
          GoJson.stdBase64(verifier.stringValue())
              .orElseThrow(() -> malformed("failed parsing base64 data: " + at + ".verifier"));
      stored.add(new StoredSignature(signature.stringValue(), pem));
      i++;
    }
    return stored;
  }

  private static void checkHash(@Nullable JsonNode hash, String name) {
    if (hash == null) {
      return;
    }
    if (!hash.isObject()) {
      throw malformed(name + " in body must be of type object");
    }
    JsonNode algorithm = member(hash, "algorithm");
    JsonNode value = member(hash, "value");
    if (algorithm == null || !algorithm.isString()) {
      throw malformed(name + ".algorithm in body is required");
    }
    if (!"sha256".equals(algorithm.stringValue())) {
      throw malformed(name + ".algorithm in body should be one of [sha256]");
    }
    if (value == null || !value.isString()) {
      throw malformed(name + ".value in body is required");
    }
  }

  /** A member as Rekor's generated model reads it: exact name, JSON null as absent. */
  private static @Nullable JsonNode member(JsonNode parent, String name) {
    JsonNode node = parent.get(name);
    return node == null || node.isNull() ? null : node;
  }

  static InvalidEntryException malformed(String detail) {
    return new InvalidEntryException(Reason.MALFORMED_ENTRY, detail);
  }
}
