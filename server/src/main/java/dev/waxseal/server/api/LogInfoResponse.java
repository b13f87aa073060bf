package dev.waxseal.server.api;

import java.util.List;

/**
 * Rekor's {@code LogInfo}, fields in the order of Rekor's generated model.
 *
 * @param inactiveShards the frozen trees, oldest first
 * @param rootHash hex root of the active tree
 * @param signedTreeHead the latest signed checkpoint of the active tree
 * @param treeID the active tree's id, decimal
 * @param treeSize the active tree's size
 */
record LogInfoResponse(
    List<ShardInfo> inactiveShards,
    String rootHash,
    String signedTreeHead,
    String treeID,
    long treeSize) {

  /**
   * Rekor's {@code InactiveShardLogInfo}.
   *
   * @param rootHash hex root
   * @param signedTreeHead the tree's latest signed checkpoint
   * @param treeID decimal tree id
   * @param treeSize the tree's size
   */
  record ShardInfo(String rootHash, String signedTreeHead, String treeID, long treeSize) {}
}
