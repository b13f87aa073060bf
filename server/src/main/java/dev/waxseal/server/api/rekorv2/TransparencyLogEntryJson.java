package dev.waxseal.server.api.rekorv2;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.proof.InclusionProof;
import dev.waxseal.server.log.IntegratedEntry;
import java.util.Base64;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The protojson of a protobuf-specs {@code dev.sigstore.rekor.v1.TransparencyLogEntry} as
 * rekor-tiles' gateway writes it ({@code EmitUnpopulated}): lowerCamelCase field names, int64 as
 * decimal strings, bytes as standard base64, unset messages as {@code null}, in field order. A v2
 * entry has no integrated time (0) and no inclusion promise (null).
 */
final class TransparencyLogEntryJson {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private TransparencyLogEntryJson() {}

  static byte[] write(
      byte[] logKeyId, IntegratedEntry entry, InclusionProof proof, Hash root, String envelope) {
    Base64.Encoder b64 = Base64.getEncoder();
    ObjectNode out = JSON.createObjectNode();
    out.put("logIndex", Long.toString(entry.index()));
    out.putObject("logId").put("keyId", b64.encodeToString(logKeyId));
    ObjectNode kindVersion = out.putObject("kindVersion");
    kindVersion.put("kind", entry.kind());
    kindVersion.put("version", entry.apiVersion());
    out.put("integratedTime", "0");
    out.putNull("inclusionPromise");
    ObjectNode inclusion = out.putObject("inclusionProof");
    inclusion.put("logIndex", Long.toString(proof.index()));
    inclusion.put("rootHash", b64.encodeToString(root.bytes()));
    inclusion.put("treeSize", Long.toString(proof.treeSize()));
    ArrayNode hashes = inclusion.putArray("hashes");
    proof.hashes().forEach(h -> hashes.add(b64.encodeToString(h.bytes())));
    inclusion.putObject("checkpoint").put("envelope", envelope);
    out.put("canonicalizedBody", b64.encodeToString(entry.body()));
    return JSON.writeValueAsBytes(out);
  }
}
