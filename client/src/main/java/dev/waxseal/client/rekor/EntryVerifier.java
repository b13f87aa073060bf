package dev.waxseal.client.rekor;

import dev.waxseal.client.verify.CheckpointVerifier;
import dev.waxseal.client.verify.SignedEntryTimestamp;
import dev.waxseal.client.verify.VerificationException;
import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.proof.InclusionProof;
import dev.waxseal.merkle.proof.ProofVerificationException;
import dev.waxseal.merkle.proof.ProofVerifier;

/**
 * Verifies a Rekor v1 entry offline: its id is its leaf hash, its SET verifies, its inclusion proof
 * leads to the proof's root, and the checkpoint signs that root at that size.
 */
public final class EntryVerifier {
  private final CheckpointVerifier checkpoints;

  /** A verifier for entries of the log whose checkpoints {@code checkpoints} opens. */
  public EntryVerifier(CheckpointVerifier checkpoints) {
    this.checkpoints = checkpoints;
  }

  /**
   * Verifies everything the entry carries; an entry with neither a SET nor a proof is refused.
   *
   * @return the verified checkpoint, if the entry had a proof with a checkpoint
   * @throws VerificationException naming the entry's index and what failed
   */
  public java.util.Optional<Checkpoint> verify(LogEntry entry) throws VerificationException {
    Hash leafHash = entry.leafHash();
    String where = "entry " + entry.logIndex();
    if (!leafHash.hex().equals(entry.uuid())) {
      throw new VerificationException(
          where + ": body hashes to " + leafHash.hex() + ", but its id says " + entry.uuid());
    }
    if (entry.signedEntryTimestamp().isEmpty() && entry.inclusionProof().isEmpty()) {
      throw new VerificationException(where + ": has neither a SET nor an inclusion proof");
    }
    if (entry.signedEntryTimestamp().isPresent()) {
      SignedEntryTimestamp.verify(
          entry.signedEntryTimestamp().get(),
          checkpoints.key(),
          entry.bodyBase64(),
          entry.integratedTime(),
          entry.logId(),
          entry.logIndex());
    }
    if (entry.inclusionProof().isEmpty()) {
      return java.util.Optional.empty();
    }
    InclusionProof proof = entry.inclusionProof().get();
    Hash root = entry.proofRootHash().orElseThrow();
    try {
      ProofVerifier.verifyInclusion(proof, leafHash, root);
    } catch (ProofVerificationException e) {
      throw new VerificationException(
          where + ": inclusion proof (leaf " + proof.index() + " of " + proof.treeSize() + ")", e);
    }
    if (entry.checkpoint().isEmpty()) {
      // Old bundles (v0.2) carry a proof without a checkpoint: its root is vouched for by nothing
      // but the SET, which was checked above (an entry without a SET has no way to get here).
      if (entry.signedEntryTimestamp().isEmpty()) {
        throw new VerificationException(where + ": inclusion proof has no checkpoint and no SET");
      }
      return java.util.Optional.empty();
    }
    Checkpoint checkpoint = checkpoints.verify(entry.checkpoint().get());
    if (checkpoint.size() != proof.treeSize() || !checkpoint.rootHash().equals(root)) {
      throw new VerificationException(
          where
              + ": checkpoint is size "
              + checkpoint.size()
              + " root "
              + checkpoint.rootHash().hex()
              + ", the proof is for size "
              + proof.treeSize()
              + " root "
              + root.hex());
    }
    return java.util.Optional.of(checkpoint);
  }
}
