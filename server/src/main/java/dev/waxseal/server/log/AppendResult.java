package dev.waxseal.server.log;

import dev.waxseal.merkle.Hash;
import org.jspecify.annotations.Nullable;

/**
 * What the log did with one entry: integrated it, or found it already there.
 *
 * @param treeId the tree the entry is (or already was) in
 * @param leafHash the entry's leaf hash (its Rekor UUID)
 * @param entry the stored entry when it was integrated now; null for a duplicate
 * @param virtualIndex the entry's index across trees when integrated now; -1 for a duplicate
 * @param checkpoint the checkpoint published with the entry's batch; null for a duplicate
 */
public record AppendResult(
    long treeId,
    Hash leafHash,
    @Nullable IntegratedEntry entry,
    long virtualIndex,
    @Nullable PublishedCheckpoint checkpoint) {
  /** Whether an equal entry was already in the log (the API answers 409). */
  public boolean duplicate() {
    return entry == null;
  }
}
