package dev.waxseal.client.rekor;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.merkle.proof.InclusionProof;
import java.util.Base64;
import java.util.Optional;

/**
 * One Rekor v1 {@code LogEntry}: the canonical body and what the log says about it.
 *
 * @param entryId the 64- or 80-hex key of the response object (80 = 16-hex tree id ‖ UUID)
 * @param bodyBase64 the canonical body as sent (base64), kept verbatim for the SET
 * @param integratedTime Unix seconds
 * @param logId hex SHA-256 of the shard key's DER SPKI
 * @param logIndex the virtual index across shards
 * @param inclusionProof the proof with its shard-local index, if the log sent one
 * @param checkpoint the signed checkpoint the proof leads to, if sent
 * @param signedEntryTimestamp the SET signature bytes, if sent
 * @param attestation the stored attestation (an in-toto statement), if sent
 */
public record LogEntry(
    String entryId,
    String bodyBase64,
    long integratedTime,
    String logId,
    long logIndex,
    Optional<InclusionProof> inclusionProof,
    Optional<Hash> proofRootHash,
    Optional<String> checkpoint,
    Optional<byte[]> signedEntryTimestamp,
    Optional<byte[]> attestation) {

  /** The canonical body bytes (the Merkle leaf). */
  public byte[] body() {
    return Base64.getDecoder().decode(bodyBase64);
  }

  /** The RFC 6962 leaf hash of the body, which is the entry's UUID. */
  public Hash leafHash() {
    return Rfc6962.leafHash(body());
  }

  /** The 64-hex UUID part of the entry id. */
  public String uuid() {
    return entryId.substring(entryId.length() - 64);
  }

  /** The tree id from an 80-hex entry id, if it has one. */
  public Optional<Long> treeId() {
    if (entryId.length() != 80) {
      return Optional.empty();
    }
    return Optional.of(Long.parseUnsignedLong(entryId.substring(0, 16), 16));
  }
}
