package dev.waxseal.server.log;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.tiles.Tile;
import dev.waxseal.merkle.tiles.TileAppender;
import dev.waxseal.merkle.tiles.TileGeometry;
import dev.waxseal.merkle.tiles.TileId;
import dev.waxseal.merkle.tiles.TileRef;
import dev.waxseal.merkle.tiles.TileUpdate;
import dev.waxseal.server.signing.ShardSigners;
import dev.waxseal.server.storage.AttestationRow;
import dev.waxseal.server.storage.CheckpointRow;
import dev.waxseal.server.storage.EntryRow;
import dev.waxseal.server.storage.HeadRow;
import dev.waxseal.server.storage.LockedHead;
import dev.waxseal.server.storage.PostgresLogStore;
import dev.waxseal.server.storage.SearchKeyRow;
import dev.waxseal.server.storage.TileRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One batch, one transaction: the append path's transaction script (DESIGN.md "The append path").
 * Steps, each a method below:
 *
 * <ol>
 *   <li>lock the active tree's head row (orders this batch after every other, and after every
 *       rotation, in every process); if a rotation froze the tree meanwhile, roll back, re-read the
 *       trees and start again on the new active tree: every entry lands in exactly one tree;
 *   <li>sequence: drop entries already in the log, give the rest the next indexes;
 *   <li>integrate: extend the tiles from the stored right edge, compute the new root;
 *   <li>sign the entries' SETs; insert entries, tiles, search keys, attestations;
 *   <li>publish: sign the checkpoint (Rekor v1 and, with a tiles key, C2SP), store it, move the
 *       head;
 *   <li>commit, and only then answer the callers.
 * </ol>
 *
 * <p>Failures: any exception before commit rolls the whole batch back, the callers get an error,
 * and the log continues (the next batch re-reads the head). An exception from commit itself leaves
 * the outcome unknown to us; the callers are told so (retry, never "not logged"), and the next
 * batch continues from whatever the database holds, which is a consistent state either way. A
 * failure after commit changes nothing for the callers: their entries are logged, and they get them
 * ({@link #afterCommit}). No failure here needs the process to stop (sunlight's errFatal): the
 * database, not memory, is the source of truth.
 */
final class BatchIntegration {
  private static final Logger log = LoggerFactory.getLogger(BatchIntegration.class);

  /** How often a batch follows a rotation before it gives up (one is the normal case). */
  private static final int MAX_TREE_CHANGES = 5;

  private final PostgresLogStore store;
  private final LogTree tree;
  private final Clock clock;
  private final TileCache tileCache;
  private final BatchStage.Listener stages;

  /**
   * Creates the batch transaction; each batch is signed by its tree's keys ({@link
   * LogTree#keys()}), and {@code stages} hears of each stage (tests inject faults there).
   */
  BatchIntegration(
      PostgresLogStore store,
      LogTree tree,
      Clock clock,
      TileCache tileCache,
      BatchStage.Listener stages) {
    this.store = store;
    this.tree = tree;
    this.clock = clock;
    this.tileCache = tileCache;
    this.stages = stages;
  }

  /** A sequenced entry: the caller's entry and the row it becomes. */
  private record Sequenced(Appender.Waiter waiter, EntryRow row) {}

  /**
   * Integrates {@code batch} into the active tree and completes every waiter's future after commit.
   *
   * @return the checkpoint published, or null if the batch held only duplicates
   */
  @Nullable PublishedCheckpoint integrate(List<Appender.Waiter> batch) {
    try {
      for (int attempt = 0; attempt < MAX_TREE_CHANGES; attempt++) {
        Outcome outcome = integrateInto(tree.active(), batch);
        if (!outcome.treeFrozen()) {
          return outcome.published();
        }
        // A rotation froze the tree before this batch got its lock: nothing was written. Follow
        // it now (not in up to 200 ms) and integrate the same batch into the new active tree.
        tree.reload();
      }
    } catch (SQLException e) {
      throw new AppendFailedException(e);
    }
    throw new AppendFailedException(
        new IllegalStateException("the active tree changed " + MAX_TREE_CHANGES + " times"));
  }

  /**
   * What one attempt did: found the tree frozen (nothing written), or integrated (published is null
   * when the batch held only duplicates).
   */
  private record Outcome(boolean treeFrozen, @Nullable PublishedCheckpoint published) {}

  /** What a committed batch wrote: its entries, its tiles and the checkpoint it published. */
  private record Committed(
      List<Sequenced> sequenced, List<Tile> tiles, PublishedCheckpoint published) {}

  /** Integrates into {@code active}, unless that tree is frozen (then nothing is written). */
  private Outcome integrateInto(Tree active, List<Appender.Waiter> batch) throws SQLException {
    long treeId = active.treeId();
    ShardSigners signers = tree.keys().signers(active.keyId(), active.tileOrigin());
    List<Appender.Waiter> duplicates = new ArrayList<>();
    @Nullable Committed committed = null;
    try (Connection c = store.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try {
        store.boundTransaction(c);
        LockedHead locked = store.lockHead(c, treeId);
        if (!locked.active()) {
          c.rollback();
          return new Outcome(true, null);
        }
        HeadRow head = locked.head();
        List<Sequenced> sequenced = sequence(c, head, active, signers, batch, duplicates);
        if (sequenced.isEmpty()) {
          c.rollback(); // only duplicates: nothing to write, release the lock
          answer(active, sequenced, duplicates, null);
          return new Outcome(false, null);
        }
        TileUpdate integrated = integrate(c, head, sequenced);
        insert(c, treeId, sequenced, integrated.tiles());
        PublishedCheckpoint published = publish(c, treeId, signers, integrated);
        stages.before(BatchStage.COMMIT);
        commit(c);
        // Committed: every entry of this batch is durable; a crash now loses nothing. Only
        // now may any caller learn its index, and from now on no caller may be told that its
        // entry was not logged.
        committed = new Committed(sequenced, integrated.tiles(), published);
      } catch (SQLException | RuntimeException e) {
        if (committed == null) {
          rollbackQuietly(c, e);
        }
        throw e;
      }
    } catch (SQLException | RuntimeException e) {
      if (committed == null) {
        throw e;
      }
      // Only returning the connection to the pool failed: the batch is durable all the same.
      log.atWarn().setCause(e).log("closing a committed batch's connection failed");
    }
    afterCommit(active, committed, duplicates);
    return new Outcome(false, committed.published());
  }

  /**
   * After COMMIT: the entries are in the log, and the SETs, indexes and integrated time the callers
   * get were all made before it, so whatever fails now (a listener, the tile cache, the tree's
   * view) must not turn their answer into an error saying "not logged". Such a failure is logged,
   * this process's memory is repaired from the database, and the callers get their entries. Only if
   * their answers themselves cannot be made is the outcome unknown to them ({@link
   * CommitOutcomeUnknownException}: a retry finds the stored entry, 409).
   */
  private void afterCommit(Tree active, Committed batch, List<Appender.Waiter> duplicates) {
    long treeId = active.treeId();
    try {
      stages.after(BatchStage.COMMIT);
      stages.before(BatchStage.UPDATE_MEMORY);
      tileCache.putAll(treeId, batch.tiles());
      tree.published(batch.published());
      stages.after(BatchStage.UPDATE_MEMORY);
    } catch (RuntimeException e) {
      log.atError()
          .addKeyValue("tree_id", treeId)
          .addKeyValue("tree_size", batch.published().size())
          .setCause(e)
          .log("failure after a batch committed; its callers get their entries");
      repairMemory();
    }
    try {
      answer(active, batch.sequenced(), duplicates, batch.published());
    } catch (RuntimeException e) {
      throw new CommitOutcomeUnknownException("the batch committed, but its answers failed", e);
    }
  }

  /**
   * Re-reads the tree's view (the head readers are answered from) from the database after a
   * post-commit failure left it behind. The tile cache needs nothing: it only ever holds tiles of
   * committed trees, and a tile missing from it is read from the database. The next batch needs
   * nothing either: it starts from the head row it locks. If the database cannot be read now, the
   * view still refreshes itself within {@link LogTree#REFRESH_NANOS}.
   */
  private void repairMemory() {
    try {
      tree.reload();
    } catch (SQLException | RuntimeException e) {
      log.atWarn().setCause(e).log("reloading the tree's head after a post-commit failure failed");
    }
  }

  private List<Sequenced> sequence(
      Connection c,
      HeadRow head,
      Tree active,
      ShardSigners signers,
      List<Appender.Waiter> batch,
      List<Appender.Waiter> duplicates)
      throws SQLException {
    Map<Hash, Appender.Waiter> fresh = new LinkedHashMap<>();
    for (Appender.Waiter waiter : batch) {
      if (fresh.putIfAbsent(waiter.entry().leafHash(), waiter) != null) {
        duplicates.add(waiter); // the same leaf twice in one batch: the first one wins
      }
    }
    Map<Hash, Long> existing = store.existingLeaves(c, head.treeId(), fresh.keySet());
    for (Hash leaf : existing.keySet()) {
      duplicates.add(fresh.remove(leaf));
    }
    long integratedTime = clock.instant().getEpochSecond();
    long offset = active.virtualOffset();
    String logId = active.logId().hex();
    List<Appender.Waiter> toSequence = new ArrayList<>(fresh.values());
    stages.before(BatchStage.SIGN_ENTRY_TIMESTAMPS);
    // Signing is the CPU cost of a batch; spread it over the cores for big batches.
    byte[][] sets = new byte[toSequence.size()][];
    IntStream range = IntStream.range(0, toSequence.size());
    (toSequence.size() >= 32 ? range.parallel() : range)
        .forEach(
            i ->
                sets[i] =
                    signers
                        .timestamps()
                        .sign(
                            toSequence.get(i).entry().body(),
                            integratedTime,
                            logId,
                            offset + head.size() + i));
    stages.after(BatchStage.SIGN_ENTRY_TIMESTAMPS);
    List<Sequenced> rows = new ArrayList<>(toSequence.size());
    for (int i = 0; i < toSequence.size(); i++) {
      PendingEntry e = toSequence.get(i).entry();
      rows.add(
          new Sequenced(
              toSequence.get(i),
              new EntryRow(
                  head.treeId(),
                  head.size() + i,
                  e.leafHash(),
                  e.kind(),
                  e.apiVersion(),
                  e.body(),
                  integratedTime,
                  sets[i])));
    }
    return rows;
  }

  private TileUpdate integrate(Connection c, HeadRow head, List<Sequenced> sequenced)
      throws SQLException {
    List<TileRef> edgeRefs = TileGeometry.rightEdge(head.size());
    List<Tile> edge = readTiles(c, head.treeId(), edgeRefs);
    List<Hash> leaves = new ArrayList<>(sequenced.size());
    for (Sequenced s : sequenced) {
      leaves.add(s.row().leafHash());
    }
    TileAppender appender = TileAppender.open(head.size(), edge);
    if (!appender.rootHash().equals(head.rootHash())) {
      // The stored tiles disagree with the stored root: integrating would fork the tree.
      throw new IllegalStateException(
          "stored tiles give root "
              + appender.rootHash()
              + " at size "
              + head.size()
              + ", but the head says "
              + head.rootHash());
    }
    return appender.append(leaves);
  }

  private List<Tile> readTiles(Connection c, long treeId, List<TileRef> refs) throws SQLException {
    if (refs.isEmpty()) {
      return List.of();
    }
    List<Integer> levels = new ArrayList<>();
    List<Long> indexes = new ArrayList<>();
    for (TileRef ref : refs) {
      levels.add(ref.id().level());
      indexes.add(ref.id().index());
    }
    Map<TileId, Tile> found = new HashMap<>();
    for (TileRow row : store.tiles(c, treeId, levels, indexes)) {
      TileId id = new TileId(row.level(), row.index());
      found.put(id, Tile.of(id, row.hashes()));
    }
    List<Tile> tiles = new ArrayList<>(refs.size());
    for (TileRef ref : refs) {
      Tile tile = found.get(ref.id());
      if (tile == null || tile.width() < ref.width()) {
        throw new IllegalStateException("tile " + ref + " is missing from tree " + treeId);
      }
      tiles.add(tile.width() == ref.width() ? tile : tile.prefix(ref.width()));
    }
    return tiles;
  }

  private void insert(Connection c, long treeId, List<Sequenced> sequenced, List<Tile> tiles)
      throws SQLException {
    List<EntryRow> rows = new ArrayList<>(sequenced.size());
    List<SearchKeyRow> keys = new ArrayList<>();
    List<AttestationRow> attestations = new ArrayList<>();
    for (Sequenced s : sequenced) {
      rows.add(s.row());
      for (String key : s.waiter().entry().searchKeys()) {
        keys.add(new SearchKeyRow(key, s.row().index()));
      }
      byte[] attestation = s.waiter().entry().attestation();
      if (attestation != null) {
        attestations.add(new AttestationRow(s.row().index(), attestation));
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    stages.before(BatchStage.INSERT_ENTRIES);
    store.insertEntries(c, treeId, rows);
    store.insertSearchKeys(c, treeId, keys);
    store.insertAttestations(c, treeId, attestations);
    stages.after(BatchStage.INSERT_ENTRIES);
    stages.before(BatchStage.WRITE_TILES);
    List<TileRow> tileRows = new ArrayList<>(tiles.size());
    for (Tile tile : tiles) {
      tileRows.add(new TileRow(tile.id().level(), tile.id().index(), tile.bytes()));
    }
    store.writeTiles(c, treeId, tileRows);
    stages.after(BatchStage.WRITE_TILES);
  }

  private PublishedCheckpoint publish(
      Connection c, long treeId, ShardSigners signers, TileUpdate integrated) throws SQLException {
    stages.before(BatchStage.SIGN_CHECKPOINT);
    String note = signers.checkpoints().sign(treeId, integrated.treeSize(), integrated.rootHash());
    // The same head in the tile API's dialect, stored in the same row and transaction.
    String c2spNote = signers.c2spCheckpoints().sign(integrated.treeSize(), integrated.rootHash());
    stages.after(BatchStage.SIGN_CHECKPOINT);
    stages.before(BatchStage.WRITE_CHECKPOINT);
    store.insertCheckpoint(
        c, new CheckpointRow(treeId, integrated.treeSize(), integrated.rootHash(), note, c2spNote));
    store.updateHead(c, new HeadRow(treeId, integrated.treeSize(), integrated.rootHash()));
    stages.after(BatchStage.WRITE_CHECKPOINT);
    return new PublishedCheckpoint(
        treeId, integrated.treeSize(), integrated.rootHash(), note, c2spNote);
  }

  private void answer(
      Tree active,
      List<Sequenced> sequenced,
      List<Appender.Waiter> duplicates,
      @Nullable PublishedCheckpoint published) {
    long treeId = active.treeId();
    long offset = active.virtualOffset();
    for (Sequenced s : sequenced) {
      s.waiter()
          .result()
          .complete(
              new AppendResult(
                  treeId,
                  s.row().leafHash(),
                  IntegratedEntry.of(s.row()),
                  offset + s.row().index(),
                  published));
    }
    for (Appender.Waiter waiter : duplicates) {
      waiter.result().complete(new AppendResult(treeId, waiter.entry().leafHash(), null, -1, null));
    }
  }

  /**
   * Commits; if COMMIT itself fails, nobody knows whether the server committed before the
   * connection broke, so the failure says so ({@link CommitOutcomeUnknownException}): the callers
   * get a retryable answer, and a retry of a stored entry finds it (409), never a second copy.
   */
  private void commit(Connection c) {
    try {
      c.commit();
    } catch (SQLException | RuntimeException e) {
      throw new CommitOutcomeUnknownException(e);
    }
  }

  private static void rollbackQuietly(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }
}
