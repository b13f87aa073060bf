package dev.waxseal.server.log;

import dev.waxseal.server.signing.ShardKeys;
import dev.waxseal.server.storage.CheckpointRow;
import dev.waxseal.server.storage.LockedHead;
import dev.waxseal.server.storage.PostgresLogStore;
import dev.waxseal.server.storage.TreeRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rotation: freezes the active shard and starts the next one, in ONE transaction that takes the
 * active tree's head lock, the same lock every batch takes ({@link BatchIntegration}). So a
 * rotation falls between two batches: every entry lands in exactly one shard, the frozen shard's
 * last checkpoint (stored by its last batch) is final, and the new shard's virtual index range
 * starts right after the frozen one's last entry.
 *
 * <p>The service keeps serving throughout: a batch waiting for the lock while the rotation commits
 * finds its tree frozen, and is integrated into the new shard instead; other processes on the
 * database follow within {@link LogTree#REFRESH_NANOS}.
 */
public final class ShardRotation {
  private static final Logger log = LoggerFactory.getLogger(ShardRotation.class);

  /**
   * A rotation that happened.
   *
   * @param frozen the shard that was frozen
   * @param finalSize its final size
   * @param started the new active shard
   * @param pauseNanos how long the head lock was held: the longest any append waited for it
   */
  public record Rotated(Tree frozen, long finalSize, Tree started, long pauseNanos) {}

  private final PostgresLogStore store;
  private final LogTree tree;

  /** Creates rotations of the trees of {@code tree}. */
  public ShardRotation(PostgresLogStore store, LogTree tree) {
    this.store = store;
    this.tree = tree;
  }

  /**
   * Freezes the active shard now and starts the next, signed by key {@code keyId} (null: the frozen
   * shard's key).
   *
   * @throws UnknownShardKeyException if {@code keyId} is not configured here
   * @throws SQLException if the database fails (then nothing changed)
   */
  public Rotated rotate(@Nullable String keyId) throws SQLException {
    for (int attempt = 0; ; attempt++) {
      tree.reload();
      Tree current = tree.active();
      Optional<Rotated> rotated = rotate(current, keyId == null ? current.keyId() : keyId, 0);
      if (rotated.isPresent()) {
        return rotated.get();
      }
      if (attempt == 3) {
        throw new SQLException("the active tree kept changing during the rotation");
      }
      // Another process rotated first; rotate the shard it started, as asked.
    }
  }

  /**
   * Freezes shard {@code treeId} if it is still active and holds at least {@code maxSize} entries
   * (another process may have rotated it already; then this does nothing).
   */
  Optional<Rotated> rotateIfFull(long treeId, long maxSize) throws SQLException {
    Optional<Tree> current = tree.tree(treeId).filter(Tree::active);
    if (current.isEmpty()) {
      return Optional.empty();
    }
    return rotate(current.get(), current.get().keyId(), maxSize);
  }

  private Optional<Rotated> rotate(Tree current, String keyId, long minSize) throws SQLException {
    ShardKeys keys = tree.keys();
    if (keys.identity(keyId).isEmpty()) {
      throw new UnknownShardKeyException(keyId, keys.keyIds());
    }
    long newId = LogTree.newTreeId();
    // Signed before the lock is taken (a KMS key takes a network round trip): the empty tree's
    // checkpoint does not depend on where the frozen shard ends.
    TreeRow draft = LogTree.newTree(keys, newId, keyId, 0, "/" + newId, keys.tileOrigin(newId));
    CheckpointRow empty = LogTree.emptyCheckpoint(keys, draft);
    // The new tree's partition too: DDL is the slow part, and it needs no lock on the head.
    try (Connection c = store.dataSource().getConnection()) {
      store.createPartition(c, newId);
    }
    Optional<Long> frozenAt;
    try {
      frozenAt = freezeAndStart(current, draft, empty, minSize);
    } catch (SQLException | RuntimeException e) {
      dropQuietly(newId, e);
      throw e;
    }
    if (frozenAt.isEmpty()) {
      store.dropUnusedPartition(newId);
      return Optional.empty();
    }
    tree.reload();
    Tree frozen = tree.tree(current.treeId()).orElseThrow();
    Tree started = tree.tree(newId).orElseThrow();
    log.atWarn()
        .addKeyValue("frozen_tree_id", frozen.treeId())
        .addKeyValue("final_size", frozen.finalSize())
        .addKeyValue("tree_id", started.treeId())
        .addKeyValue("virtual_offset", started.virtualOffset())
        .addKeyValue("key_id", started.keyId())
        .addKeyValue("log_id", started.logId().hex())
        .addKeyValue("pause_ms", frozenAt.get() / 1e6)
        .log("shard rotated");
    return Optional.of(new Rotated(frozen, frozen.finalSize(), started, frozenAt.get()));
  }

  /**
   * The rotation transaction: under the head lock, freeze {@code current} and insert the new tree.
   *
   * @return how long the lock was held, or empty if {@code current} was no longer active or held
   *     fewer than {@code minSize} entries (nothing written)
   */
  private Optional<Long> freezeAndStart(
      Tree current, TreeRow draft, CheckpointRow empty, long minSize) throws SQLException {
    long size;
    long lockedAt;
    long pause;
    try (Connection c = store.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try {
        LockedHead locked = store.lockHead(c, current.treeId());
        lockedAt = System.nanoTime();
        size = locked.head().size();
        if (!locked.active() || size < minSize) {
          c.rollback();
          return Optional.empty();
        }
        store.freezeTree(c, current.treeId(), size);
        TreeRow next = withOffset(draft, Math.addExact(current.virtualOffset(), size));
        if (!store.createActiveTree(c, next, empty)) {
          throw new SQLException("another tree became active during the rotation");
        }
        c.commit();
        pause = System.nanoTime() - lockedAt;
        // Committed: shard current is frozen at size; every batch from now on goes to the new
        // tree.
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
        throw e;
      }
    }
    return Optional.of(pause);
  }

  private void dropQuietly(long treeId, Exception cause) {
    try {
      store.dropUnusedPartition(treeId);
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static TreeRow withOffset(TreeRow row, long virtualOffset) {
    return new TreeRow(
        row.treeId(),
        row.active(),
        row.logId(),
        virtualOffset,
        row.origin(),
        row.keyId(),
        row.publicKeyDer(),
        row.tilePrefix(),
        row.tileOrigin(),
        row.finalSize());
  }
}
