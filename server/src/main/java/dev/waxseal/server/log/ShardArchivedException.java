package dev.waxseal.server.log;

/**
 * An entry of a frozen shard whose partitions were detached and archived (docs/capacity.md,
 * "Archiving a frozen shard") was asked for: it existed and is no longer served here. The shard's
 * checkpoints, tiles and consistency proofs still are.
 */
public final class ShardArchivedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long treeId;

  /** The entries of shard {@code treeId} are archived. */
  public ShardArchivedException(long treeId) {
    super(
        "the entries of shard "
            + treeId
            + " were archived and are no longer served; its checkpoint, tiles and consistency"
            + " proofs still are");
    this.treeId = treeId;
  }

  /** The archived shard. */
  public long treeId() {
    return treeId;
  }
}
