package dev.waxseal.server.log;

import dev.waxseal.server.storage.CheckpointRow;
import dev.waxseal.server.storage.PostgresLogStore;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stored C2SP checkpoints (c2sp.org/tlog-checkpoint) of each tree, as the tile API serves them.
 * Each was signed and stored with its Rekor v1 twin in the batch that published the head. A frozen
 * tree's last one is final, and kept in memory once read.
 */
public final class C2spCheckpoints {
  private static final Logger log = LoggerFactory.getLogger(C2spCheckpoints.class);

  private final PostgresLogStore store;
  private final LogTree tree;
  private final Map<Long, CheckpointRow> frozen = new ConcurrentHashMap<>();
  private final CheckpointGate gate;

  /**
   * Creates a reader of the trees' C2SP checkpoints in {@code store}, served as {@code gate} says
   * (with witness cosignatures; in fail-closed witnessing, the newest witnessed one).
   */
  public C2spCheckpoints(PostgresLogStore store, LogTree tree, CheckpointGate gate) {
    this.store = store;
    this.tree = tree;
    this.gate = gate;
  }

  /** The signed C2SP checkpoint note of the active tree's current head. */
  public String latest() {
    return latest(tree.active());
  }

  /**
   * Returns the signed C2SP checkpoint note of {@code shard}'s current head (its final one, if it
   * is frozen).
   *
   * <p>A head published before the log had a tiles key has no stored C2SP note; it is then signed
   * here from the stored size and root. That signs no new head (the head is stored, so it is
   * consistent with every other) and, Ed25519 being deterministic, gives the same bytes on every
   * call. The next batch stores a note as usual.
   *
   * @throws LogReadException if the database cannot be read
   */
  public String latest(Tree shard) {
    long treeId = shard.treeId();
    CheckpointRow row = frozen.get(treeId);
    if (row != null) {
      return served(shard, row);
    }
    try {
      row =
          shard.active()
              ? store
                  .latestCheckpoint(treeId)
                  .orElseThrow(() -> new SQLException("tree " + treeId + " has no checkpoint"))
              : store
                  .checkpoint(treeId, shard.finalSize())
                  .orElseThrow(
                      () -> new SQLException("tree " + treeId + " has no final checkpoint"));
    } catch (SQLException e) {
      throw new LogReadException("cannot read the latest checkpoint", e);
    }
    if (!shard.active()) {
      frozen.put(treeId, row);
    }
    return served(shard, row);
  }

  private String served(Tree shard, CheckpointRow row) {
    String note = row.c2spNote();
    if (note == null) {
      log.atInfo()
          .addKeyValue("tree_id", shard.treeId())
          .addKeyValue("tree_size", row.size())
          .log("head has no stored C2SP checkpoint; signing it from the stored head");
      note =
          tree.keys()
              .signers(shard.keyId(), shard.tileOrigin())
              .c2spCheckpoints()
              .sign(row.size(), row.rootHash());
    }
    // Cosignatures may arrive after a tree froze, so the gate sees every call.
    return gate.visibleC2sp(shard, row.size(), note);
  }
}
