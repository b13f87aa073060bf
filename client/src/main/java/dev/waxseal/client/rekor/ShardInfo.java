package dev.waxseal.client.rekor;

import dev.waxseal.merkle.Hash;

/**
 * One tree of a Rekor v1 log, as {@code GET /api/v1/log} describes it.
 *
 * @param treeId the Trillian tree id (decimal string on the wire)
 * @param treeSize the number of leaves in this tree
 * @param rootHash the root at {@code treeSize}
 * @param signedTreeHead the signed checkpoint for {@code treeSize}
 */
public record ShardInfo(long treeId, long treeSize, Hash rootHash, String signedTreeHead) {
  /** Checks that the size is not negative. */
  public ShardInfo {
    if (treeSize < 0) {
      throw new IllegalArgumentException("negative treeSize " + treeSize);
    }
  }
}
