package dev.waxseal.server.log;

import dev.waxseal.merkle.Hash;
import dev.waxseal.server.storage.TreeRow;

/**
 * One tree of the log (a Rekor shard).
 *
 * @param treeId the tree's random positive id (Rekor's treeID)
 * @param active whether the tree takes writes
 * @param logId SHA-256 of the DER public key the tree is signed with
 * @param virtualOffset the virtual index of the tree's leaf 0 across all trees
 */
public record Tree(long treeId, boolean active, Hash logId, long virtualOffset) {
  static Tree of(TreeRow row) {
    return new Tree(row.treeId(), row.active(), row.logId(), row.virtualOffset());
  }
}
