package dev.waxseal.bench.load;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.merkle.proof.InclusionProof;
import dev.waxseal.merkle.proof.ProofVerificationException;
import dev.waxseal.merkle.proof.ProofVerifier;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a {@code LogEntry} response ({@code {"<entryID>": {body, verification:
 * {inclusionProof}}}}) the way a client would: the entry ID ends with the leaf hash of the body,
 * the inclusion proof leads from that leaf to its root hash, and the checkpoint names the same size
 * and root.
 */
final class InclusionCheck {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private InclusionCheck() {}

  /**
   * Verifies one response body.
   *
   * @throws ProofVerificationException if the proof does not lead to the root
   * @throws IllegalArgumentException if the response is malformed or inconsistent
   */
  static void verify(byte[] logEntry) throws ProofVerificationException {
    JsonNode root = MAPPER.readTree(logEntry);
    List<Map.Entry<String, JsonNode>> members = new ArrayList<>(root.properties());
    if (members.size() != 1) {
      throw new IllegalArgumentException("LogEntry has " + members.size() + " members, want 1");
    }
    String entryId = members.get(0).getKey();
    JsonNode entry = members.get(0).getValue();
    Hash leafHash = Rfc6962.leafHash(Base64.getDecoder().decode(entry.get("body").stringValue()));
    if (!entryId.endsWith(leafHash.hex())) {
      throw new IllegalArgumentException("entry ID " + entryId + " does not end with " + leafHash);
    }
    JsonNode proof = entry.get("verification").get("inclusionProof");
    List<Hash> hashes = new ArrayList<>();
    for (JsonNode hash : proof.get("hashes").values()) {
      hashes.add(Hash.fromHex(hash.stringValue()));
    }
    long treeSize = proof.get("treeSize").longValue();
    Hash rootHash = Hash.fromHex(proof.get("rootHash").stringValue());
    ProofVerifier.verifyInclusion(
        new InclusionProof(proof.get("logIndex").longValue(), treeSize, hashes),
        leafHash,
        rootHash);
    String[] lines = proof.get("checkpoint").stringValue().split("\n", -1);
    if (lines.length < 3
        || !lines[1].equals(Long.toString(treeSize))
        || !lines[2].equals(rootHash.base64())) {
      throw new IllegalArgumentException(
          "checkpoint does not name tree size " + treeSize + " and root " + rootHash);
    }
  }
}
