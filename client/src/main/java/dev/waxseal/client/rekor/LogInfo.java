package dev.waxseal.client.rekor;

import java.util.List;

/**
 * {@code GET /api/v1/log}: the active tree and the inactive shards, oldest first.
 *
 * <p>Virtual indexes run across shards (wire-formats b.4): an entry's virtual index is the sum of
 * the sizes of the inactive shards before its tree plus its index in the tree.
 *
 * @param active the tree that takes new entries
 * @param inactiveShards frozen trees, oldest first
 */
public record LogInfo(ShardInfo active, List<ShardInfo> inactiveShards) {
  /** Copies the list. */
  public LogInfo {
    inactiveShards = List.copyOf(inactiveShards);
  }

  /** All trees, oldest first, the active tree last. */
  public List<ShardInfo> shards() {
    return java.util.stream.Stream.concat(
            inactiveShards.stream(), java.util.stream.Stream.of(active))
        .toList();
  }

  /** The virtual index of leaf 0 of tree {@code treeId}, or -1 if the log has no such tree. */
  public long virtualStart(long treeId) {
    long start = 0;
    for (ShardInfo shard : shards()) {
      if (shard.treeId() == treeId) {
        return start;
      }
      start = Math.addExact(start, shard.treeSize());
    }
    return -1;
  }
}
