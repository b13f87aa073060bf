package dev.waxseal.server.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Rekor's {@code LogEntryAnon}, the value of the one member of a {@code LogEntry} object keyed by
 * the entry id. Components are in the order of Rekor's generated Go model (alphabetical), which is
 * the order Rekor's JSON has.
 *
 * @param attestation the stored attestation; absent when none is stored
 * @param body base64 of the canonical entry (the leaf)
 * @param integratedTime Unix seconds
 * @param logID hex SHA-256 of the log key's DER SubjectPublicKeyInfo
 * @param logIndex the virtual index across trees
 * @param verification the inclusion proof and signed entry timestamp
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record LogEntryResponse(
    @Nullable Attestation attestation,
    String body,
    long integratedTime,
    String logID,
    long logIndex,
    Verification verification) {

  /**
   * The stored attestation.
   *
   * @param data base64 of the attestation bytes
   */
  record Attestation(String data) {}

  /**
   * How to verify the entry.
   *
   * @param inclusionProof the proof against a signed checkpoint
   * @param signedEntryTimestamp base64 of the SET stored at integration
   */
  record Verification(InclusionProofResponse inclusionProof, String signedEntryTimestamp) {}

  /**
   * Rekor's {@code InclusionProof}.
   *
   * @param checkpoint the signed checkpoint the proof is against
   * @param hashes hex hashes, leaf to root
   * @param logIndex the entry's index within its tree
   * @param rootHash hex root at {@code treeSize}
   * @param treeSize the checkpoint's size
   */
  record InclusionProofResponse(
      String checkpoint, List<String> hashes, long logIndex, String rootHash, long treeSize) {}
}
