package dev.waxseal.server.log;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.signing.LogIdentity;
import dev.waxseal.server.signing.ShardKeys;
import dev.waxseal.server.signing.ShardSigners;
import dev.waxseal.server.storage.CheckpointRow;
import dev.waxseal.server.storage.PostgresLogStore;
import dev.waxseal.server.storage.TreeRow;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log's trees (Rekor's shards) as this process currently knows them: which one is active, each
 * one's virtual index offset and identity, and the active tree's latest checkpoint.
 *
 * <p>Trees are data in PostgreSQL. A rotation, made by any process on the database, freezes the
 * active tree and activates a new one; every process sees it within {@link #REFRESH_NANOS} (the
 * same refresh that shows other processes' appends), and the appender sees it at once, under the
 * head lock ({@link BatchIntegration}). Creates the first tree on first start; any number of
 * processes may start at once, and exactly one tree becomes active.
 */
public final class LogTree {
  private static final Logger log = LoggerFactory.getLogger(LogTree.class);

  /**
   * How long the trees and the latest checkpoint are served from memory before the database is
   * asked again. This process's own batches and rotations update them at once; appends and
   * rotations by other processes on the same database become visible within this time.
   */
  static final long REFRESH_NANOS = 200_000_000L;

  /** One consistent view: the trees, oldest first, the active one, and its latest checkpoint. */
  private record View(List<Tree> trees, Tree active, PublishedCheckpoint latest) {}

  private final PostgresLogStore store;
  private final ShardKeys keys;
  private final String flavour;
  private volatile View view;
  private volatile long refreshedAt = System.nanoTime();

  /**
   * Loads the trees, creating the first one if there is none yet, and fills in the identity of a
   * tree migrated from the single-tree schema.
   *
   * @throws IllegalStateException if the active tree's key is not configured here, or is another
   *     key than the tree was created with (the log's identity must not change silently)
   */
  public LogTree(PostgresLogStore store, ShardKeys keys) throws SQLException {
    this(store, keys, PostgresLogStore.REKOR_V1);
  }

  /**
   * As above, for the trees of {@code flavour} only: a Rekor v2 log is a tree of its own flavour,
   * with its own keys ({@code keys} then holds that log's key as its default), index space and tile
   * address, and is created here on first start like the first v1 shard.
   */
  public LogTree(PostgresLogStore store, ShardKeys keys, String flavour) throws SQLException {
    this.store = store;
    this.keys = keys;
    this.flavour = flavour;
    List<TreeRow> loaded = store.trees(flavour);
    if (loaded.stream().noneMatch(TreeRow::active)) {
      createFirstTree(loaded);
      loaded = store.trees(flavour);
    }
    fillMigratedIdentity(loaded);
    this.view = read();
    Tree active = view.active();
    LogIdentity identity =
        keys.identity(active.keyId())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the active tree "
                            + active.treeId()
                            + " is signed by key '"
                            + active.keyId()
                            + "', which is not configured here; configure"
                            + " waxseal.signer.shard-keys."
                            + active.keyId()));
    if (!active.logId().equals(identity.logId())) {
      throw new IllegalStateException(
          "the active tree "
              + active.treeId()
              + " was created with the key whose logID is "
              + active.logId().hex()
              + ", but the configured key '"
              + active.keyId()
              + "' has logID "
              + identity.logId().hex()
              + "; configure the original key (WAXSEAL_SIGNER_KEY_FILE or the shard key)");
    }
    log.atInfo()
        .addKeyValue("tree_id", active.treeId())
        .addKeyValue("tree_size", view.latest().size())
        .addKeyValue("trees", view.trees().size())
        .addKeyValue("log_id", active.logId().hex())
        .log("log ready");
  }

  private void createFirstTree(List<TreeRow> existing) throws SQLException {
    long treeId = newTreeId();
    long offset = 0;
    for (TreeRow tree : existing) {
      offset = Math.addExact(offset, store.head(tree.treeId()).size());
    }
    String tileOrigin = existing.isEmpty() ? keys.firstTileOrigin() : keys.tileOrigin(treeId);
    String tilePrefix = existing.isEmpty() ? "" : "/" + treeId;
    TreeRow row = newTree(keys, treeId, ShardKeys.DEFAULT, offset, tilePrefix, tileOrigin);
    try (Connection c = store.dataSource().getConnection()) {
      c.setAutoCommit(false);
      store.lockFirstTreeCreation(c);
      // Under the lock, another process may have created it meanwhile: then nothing is written.
      if (store.trees(c, flavour).stream().noneMatch(TreeRow::active)
          && store.createActiveTree(c, row, emptyCheckpoint(keys, row), flavour)) {
        store.createPartition(c, treeId);
      }
      c.commit();
    }
  }

  /** The row of a new active tree signed by key {@code keyId}. */
  static TreeRow newTree(
      ShardKeys keys,
      long treeId,
      String keyId,
      long virtualOffset,
      String tilePrefix,
      String tileOrigin) {
    LogIdentity identity = keys.signers(keyId, tileOrigin).identity();
    return new TreeRow(
        treeId,
        true,
        identity.logId(),
        virtualOffset,
        keys.rekorOrigin(treeId),
        keyId,
        identity.publicKeyDer(),
        tilePrefix,
        tileOrigin,
        null);
  }

  /** The signed size-0 checkpoint of a new tree, in both dialects. */
  static CheckpointRow emptyCheckpoint(ShardKeys keys, TreeRow row) {
    ShardSigners signers = keys.signers(row.keyId(), String.valueOf(row.tileOrigin()));
    Hash empty = Rfc6962.emptyRoot();
    return new CheckpointRow(
        row.treeId(),
        0,
        empty,
        signers.checkpoints().sign(row.treeId(), 0, empty),
        signers.c2spCheckpoints().sign(0, empty));
  }

  /**
   * A tree made by the single-tree schema (V1) has no stored public key or C2SP origin: it was
   * signed by the default key and served under the configured tiles origin. Fill them in once.
   */
  private void fillMigratedIdentity(List<TreeRow> trees) throws SQLException {
    LogIdentity defaultKey = keys.identity(ShardKeys.DEFAULT).orElseThrow();
    for (TreeRow tree : trees) {
      if (tree.publicKeyDer() == null || tree.tileOrigin() == null) {
        if (tree.logId().equals(defaultKey.logId())) {
          store.fillIdentity(tree.treeId(), defaultKey.publicKeyDer(), keys.firstTileOrigin());
        }
      }
    }
  }

  static long newTreeId() {
    SecureRandom random = new SecureRandom();
    long id;
    do {
      id = random.nextLong() & Long.MAX_VALUE;
    } while (id == 0);
    return id;
  }

  private View read() throws SQLException {
    List<Tree> trees =
        store.trees(flavour).stream().map(row -> Tree.of(row, keys.firstTileOrigin())).toList();
    Tree active =
        trees.stream()
            .filter(Tree::active)
            .findFirst()
            .orElseThrow(() -> new SQLException("the log has no active tree"));
    return new View(trees, active, readLatest(active.treeId()));
  }

  private PublishedCheckpoint readLatest(long treeId) throws SQLException {
    CheckpointRow row =
        store
            .latestCheckpoint(treeId)
            .orElseThrow(() -> new SQLException("tree " + treeId + " has no checkpoint"));
    return new PublishedCheckpoint(treeId, row.size(), row.rootHash(), row.note(), row.c2spNote());
  }

  /**
   * Re-reads the trees and the active tree's head now: after a rotation, or when the appender found
   * its tree frozen under the head lock.
   */
  public void reload() throws SQLException {
    View read = read();
    synchronized (this) {
      View current = view;
      if (read.trees().size() < current.trees().size()) {
        return; // a slower, older read: trees are only ever added
      }
      if (read.active().treeId() == current.active().treeId()
          && current.latest().size() > read.latest().size()) {
        read = new View(read.trees(), read.active(), current.latest());
      }
      view = read;
      refreshedAt = System.nanoTime();
    }
  }

  private void refreshIfStale() throws SQLException {
    if (System.nanoTime() - refreshedAt >= REFRESH_NANOS) {
      reload();
    }
  }

  /** The tree that takes writes (as of the last refresh). */
  public Tree active() {
    return view.active();
  }

  /** The id of the tree that takes writes (as of the last refresh). */
  public long activeTreeId() {
    return view.active().treeId();
  }

  /** All trees, oldest first (as of the last refresh). */
  public List<Tree> trees() {
    return view.trees();
  }

  /** All trees, oldest first, refreshed first if the view is older than 200 ms. */
  public List<Tree> currentTrees() throws SQLException {
    refreshIfStale();
    return view.trees();
  }

  /** The tree {@code treeId}, if the log has it. */
  public Optional<Tree> tree(long treeId) {
    return view.trees().stream().filter(t -> t.treeId() == treeId).findFirst();
  }

  /** The virtual index of leaf 0 of {@code treeId}. */
  public long virtualOffset(long treeId) {
    return tree(treeId).map(Tree::virtualOffset).orElse(0L);
  }

  /** The active tree's log ID as lower-case hex. */
  public String logIdHex() {
    return view.active().logId().hex();
  }

  /** The signing keys of the log's trees. */
  ShardKeys keys() {
    return keys;
  }

  /** Records a checkpoint this process just published, so readers see it without a query. */
  void published(PublishedCheckpoint checkpoint) {
    synchronized (this) {
      View current = view;
      if (checkpoint.treeId() == current.active().treeId()
          && checkpoint.size() > current.latest().size()) {
        view = new View(current.trees(), current.active(), checkpoint);
      }
    }
  }

  /**
   * The latest checkpoint of the active tree: this process's own latest, refreshed from the
   * database at most every 200 ms so that appends and rotations by other processes become visible.
   */
  public PublishedCheckpoint latestCheckpoint() throws SQLException {
    refreshIfStale();
    return view.latest();
  }

  /** The latest checkpoint this process knows of, without a query (may lag other writers). */
  public PublishedCheckpoint knownCheckpoint() {
    return view.latest();
  }
}
