package dev.waxseal.server.log;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.signing.C2spCheckpointSigner;
import dev.waxseal.server.signing.CheckpointSigner;
import dev.waxseal.server.signing.LogIdentity;
import dev.waxseal.server.storage.CheckpointRow;
import dev.waxseal.server.storage.PostgresLogStore;
import dev.waxseal.server.storage.TreeRow;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log's trees (Rekor's shards): which one is active, each one's virtual index offset, and the
 * log's identity. Creates the first tree on first start; any number of processes may start at once,
 * and exactly one tree becomes active.
 */
public final class LogTree {
  private static final Logger log = LoggerFactory.getLogger(LogTree.class);

  private final PostgresLogStore store;
  private final LogIdentity identity;
  private final List<Tree> trees;
  private final Tree active;
  private volatile PublishedCheckpoint latest;

  /**
   * How long the latest checkpoint is served from memory before the database is asked again. This
   * process's own batches update it at once; appends by other processes on the same database become
   * visible within this time. Reads of entries and {@code GET /api/v1/log} then cost no query for
   * the head.
   */
  private static final long REFRESH_NANOS = 200_000_000L;

  private volatile long refreshedAt = System.nanoTime();

  /**
   * Loads the trees, creating the active one if there is none yet.
   *
   * @throws IllegalStateException if the active tree was created with another key than the
   *     configured one (the log's identity must not change silently)
   */
  public LogTree(PostgresLogStore store, LogIdentity identity, CheckpointSigner checkpoints)
      throws SQLException {
    this(store, identity, checkpoints, null);
  }

  /**
   * As above; a tree created here also gets its size-0 C2SP checkpoint when {@code c2spCheckpoints}
   * is set.
   *
   * @throws IllegalStateException as above
   */
  public LogTree(
      PostgresLogStore store,
      LogIdentity identity,
      CheckpointSigner checkpoints,
      @Nullable C2spCheckpointSigner c2spCheckpoints)
      throws SQLException {
    this.store = store;
    this.identity = identity;
    List<TreeRow> loaded = store.trees();
    if (loaded.stream().noneMatch(TreeRow::active)) {
      createActiveTree(store, identity, checkpoints, c2spCheckpoints, loaded);
      loaded = store.trees();
    }
    this.trees = loaded.stream().map(Tree::of).toList();
    this.active = trees.stream().filter(Tree::active).findFirst().orElseThrow();
    if (!active.logId().equals(identity.logId())) {
      throw new IllegalStateException(
          "the active tree "
              + active.treeId()
              + " was created with the key whose logID is "
              + active.logId().hex()
              + ", but the configured key's logID is "
              + identity.logId().hex()
              + "; configure the original key (WAXSEAL_SIGNER_KEY_FILE)");
    }
    this.latest = readLatest(active.treeId());
    log.atInfo()
        .addKeyValue("tree_id", active.treeId())
        .addKeyValue("tree_size", latest.size())
        .addKeyValue("log_id", identity.logId().hex())
        .log("log ready");
  }

  private static void createActiveTree(
      PostgresLogStore store,
      LogIdentity identity,
      CheckpointSigner checkpoints,
      @Nullable C2spCheckpointSigner c2spCheckpoints,
      List<TreeRow> existing)
      throws SQLException {
    long treeId = newTreeId();
    long offset = 0;
    for (TreeRow tree : existing) {
      offset = Math.addExact(offset, store.head(tree.treeId()).size());
    }
    Hash empty = Rfc6962.emptyRoot();
    String note = checkpoints.sign(treeId, 0, empty);
    String c2spNote = c2spCheckpoints == null ? null : c2spCheckpoints.sign(0, empty);
    try (Connection c = store.dataSource().getConnection()) {
      c.setAutoCommit(false);
      store.createActiveTree(
          c, treeId, identity.logId(), offset, new CheckpointRow(treeId, 0, empty, note, c2spNote));
      c.commit();
    }
  }

  private static long newTreeId() {
    SecureRandom random = new SecureRandom();
    long id;
    do {
      id = random.nextLong() & Long.MAX_VALUE;
    } while (id == 0);
    return id;
  }

  private PublishedCheckpoint readLatest(long treeId) throws SQLException {
    CheckpointRow row =
        store
            .latestCheckpoint(treeId)
            .orElseThrow(() -> new SQLException("tree " + treeId + " has no checkpoint"));
    return new PublishedCheckpoint(treeId, row.size(), row.rootHash(), row.note());
  }

  /** The id of the tree that takes writes. */
  public long activeTreeId() {
    return active.treeId();
  }

  /** All trees, oldest first. */
  public List<Tree> trees() {
    return trees;
  }

  /** The tree {@code treeId}, if the log has it. */
  public Optional<Tree> tree(long treeId) {
    return trees.stream().filter(t -> t.treeId() == treeId).findFirst();
  }

  /** The virtual index of leaf 0 of {@code treeId}. */
  public long virtualOffset(long treeId) {
    return tree(treeId).map(Tree::virtualOffset).orElse(0L);
  }

  /** The log ID as lower-case hex. */
  public String logIdHex() {
    return identity.logId().hex();
  }

  /** Records a checkpoint this process just published, so readers see it without a query. */
  void published(PublishedCheckpoint checkpoint) {
    synchronized (this) {
      if (checkpoint.size() > latest.size()) {
        latest = checkpoint;
      }
    }
  }

  /**
   * The latest checkpoint of the active tree: this process's own latest, refreshed from the
   * database at most every 200 ms so that appends by other processes become visible.
   */
  public PublishedCheckpoint latestCheckpoint() throws SQLException {
    long now = System.nanoTime();
    if (now - refreshedAt >= REFRESH_NANOS) {
      published(readLatest(active.treeId()));
      refreshedAt = now;
    }
    return latest;
  }

  /** The latest checkpoint this process knows of, without a query (may lag other writers). */
  public PublishedCheckpoint knownCheckpoint() {
    return latest;
  }
}
