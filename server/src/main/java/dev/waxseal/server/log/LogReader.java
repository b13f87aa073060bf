package dev.waxseal.server.log;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.proof.ConsistencyProof;
import dev.waxseal.merkle.proof.InclusionProof;
import dev.waxseal.merkle.tiles.Tile;
import dev.waxseal.merkle.tiles.TileId;
import dev.waxseal.merkle.tiles.TileProofs;
import dev.waxseal.server.storage.CheckpointRow;
import dev.waxseal.server.storage.PostgresLogStore;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The read path: entries by index or leaf hash, inclusion and consistency proofs for any sizes up
 * to the current one (built from tiles, so a proof costs about log256(n) tile reads, most of them
 * from memory), stored checkpoints, and tiles.
 */
public final class LogReader {
  private final PostgresLogStore store;
  private final LogTree tree;
  private final TileCache tileCache;
  private final Map<Long, PublishedCheckpoint> finalCheckpoints = new ConcurrentHashMap<>();
  private final CheckpointGate gate;

  /**
   * Creates a reader over {@code store} whose latest checkpoints are those {@code gate} lets
   * readers see (fail-closed witnessing).
   */
  public LogReader(PostgresLogStore store, LogTree tree, TileCache tileCache, CheckpointGate gate) {
    this.store = store;
    this.tree = tree;
    this.tileCache = tileCache;
    this.gate = gate;
  }

  /** The log's trees. */
  public LogTree tree() {
    return tree;
  }

  /** The entry at virtual index {@code virtualIndex} across all trees, if there is one. */
  public Optional<IntegratedEntry> entryByVirtualIndex(long virtualIndex) {
    List<Tree> known = tree.trees();
    Optional<IntegratedEntry> found = entryByVirtualIndex(known, virtualIndex);
    if (found.isPresent()) {
      return found;
    }
    // Past this process's active tree: another process may have rotated a moment ago.
    List<Tree> current = currentTrees();
    return current.size() > known.size()
        ? entryByVirtualIndex(current, virtualIndex)
        : Optional.empty();
  }

  private Optional<IntegratedEntry> entryByVirtualIndex(List<Tree> trees, long virtualIndex) {
    for (int i = trees.size() - 1; i >= 0; i--) {
      Tree candidate = trees.get(i);
      if (virtualIndex >= candidate.virtualOffset()) {
        return entryByIndex(candidate.treeId(), virtualIndex - candidate.virtualOffset());
      }
    }
    return Optional.empty();
  }

  /**
   * The entry at {@code index} of {@code treeId}, if there is one.
   *
   * @throws ShardArchivedException if the tree is a frozen shard holding that index whose entries
   *     were archived
   */
  public Optional<IntegratedEntry> entryByIndex(long treeId, long index) {
    try {
      Optional<IntegratedEntry> found = store.entryByIndex(treeId, index).map(IntegratedEntry::of);
      if (found.isEmpty() && frozenSize(treeId) > index) {
        requireNotArchived(treeId);
      }
      return found;
    } catch (SQLException e) {
      throw new LogReadException("cannot read entry " + index + " of tree " + treeId, e);
    }
  }

  /** A frozen tree's final size; -1 for the active tree or one this process does not know. */
  private long frozenSize(long treeId) {
    return tree.tree(treeId).filter(t -> !t.active()).map(Tree::finalSize).orElse(-1L);
  }

  /**
   * Throws if the entries of {@code treeId}, a frozen shard, were archived. Asked only when a
   * frozen shard lacks an entry it holds (a frozen shard's entries are all there otherwise), so a
   * normal read never pays for it.
   */
  private void requireNotArchived(long treeId) throws SQLException {
    if (store.entriesArchived(treeId)) {
      throw new ShardArchivedException(treeId);
    }
  }

  /**
   * The entry with {@code leafHash}, searched in the active tree first, then older ones (those
   * still in the database: archived shards are not searched).
   */
  public Optional<IntegratedEntry> entryByLeafHash(Hash leafHash) {
    List<Tree> trees = tree.trees();
    for (int i = trees.size() - 1; i >= 0; i--) {
      Optional<IntegratedEntry> found = storedEntryByLeafHash(trees.get(i).treeId(), leafHash);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /**
   * The entry with {@code leafHash} in {@code treeId}, if there is one.
   *
   * @throws ShardArchivedException if the tree is a frozen shard whose entries were archived (the
   *     entry may have been one of them)
   */
  public Optional<IntegratedEntry> entryByLeafHash(long treeId, Hash leafHash) {
    Optional<IntegratedEntry> found = storedEntryByLeafHash(treeId, leafHash);
    if (found.isEmpty() && frozenSize(treeId) > 0) {
      try {
        requireNotArchived(treeId);
      } catch (SQLException e) {
        throw new LogReadException("cannot read an entry of tree " + treeId, e);
      }
    }
    return found;
  }

  /** The entry with {@code leafHash} among the entries of {@code treeId} in the database. */
  public Optional<IntegratedEntry> storedEntryByLeafHash(long treeId, Hash leafHash) {
    try {
      return store.entryByLeafHash(treeId, leafHash).map(IntegratedEntry::of);
    } catch (SQLException e) {
      throw new LogReadException("cannot read an entry of tree " + treeId, e);
    }
  }

  /**
   * The entries {@code [begin, end)} of {@code treeId}, in order.
   *
   * @throws ShardArchivedException if the tree is a frozen shard holding them whose entries were
   *     archived
   */
  public List<IntegratedEntry> entries(long treeId, long begin, long end) {
    try {
      List<IntegratedEntry> found =
          store.entries(treeId, begin, end).stream().map(IntegratedEntry::of).toList();
      if (found.size() < end - begin && frozenSize(treeId) > begin) {
        requireNotArchived(treeId);
      }
      return found;
    } catch (SQLException e) {
      throw new LogReadException("cannot read entries of tree " + treeId, e);
    }
  }

  /**
   * The (tree id, index) pairs of the entries having any of {@code keys} (lower-cased search keys,
   * written in the same transaction as their entries, so the result is complete).
   */
  public List<long[]> search(Collection<String> keys) {
    try {
      return store.search(keys);
    } catch (SQLException e) {
      throw new LogReadException("cannot search the index", e);
    }
  }

  /** The virtual index of an entry. */
  public long virtualIndex(IntegratedEntry entry) {
    return tree.virtualOffset(entry.treeId()) + entry.index();
  }

  /** The attestation stored with an entry, if any. */
  public Optional<byte[]> attestation(IntegratedEntry entry) {
    try {
      return store.attestation(entry.treeId(), entry.index());
    } catch (SQLException e) {
      throw new LogReadException("cannot read an attestation", e);
    }
  }

  /** The latest checkpoint of the active tree (that the checkpoint gate lets readers see). */
  public PublishedCheckpoint latestCheckpoint() {
    try {
      return gate.visible(tree.latestCheckpoint());
    } catch (SQLException e) {
      throw new LogReadException("cannot read the latest checkpoint", e);
    }
  }

  /** The trees, refreshed from the database if this process's view is older than 200 ms. */
  public List<Tree> currentTrees() {
    try {
      return tree.currentTrees();
    } catch (SQLException e) {
      throw new LogReadException("cannot read the trees", e);
    }
  }

  /**
   * The latest checkpoint of {@code treeId}: the active tree's latest, or an inactive tree's final
   * checkpoint (kept in memory once read: it never changes).
   */
  public PublishedCheckpoint latestCheckpoint(long treeId) {
    PublishedCheckpoint active = latestCheckpoint();
    if (treeId == active.treeId()) {
      return active;
    }
    PublishedCheckpoint known = finalCheckpoints.get(treeId);
    if (known != null) {
      return known;
    }
    Tree shard = tree.tree(treeId).orElse(null);
    try {
      if (shard == null || shard.active()) {
        // Not in this process's view yet, or rotated by another process a moment ago.
        CheckpointRow row =
            store
                .latestCheckpoint(treeId)
                .orElseThrow(() -> new SQLException("tree " + treeId + " has no checkpoint"));
        return gate.visible(
            new PublishedCheckpoint(
                treeId, row.size(), row.rootHash(), row.note(), row.c2spNote()));
      }
      CheckpointRow row =
          store
              .checkpoint(treeId, shard.finalSize())
              .orElseThrow(() -> new SQLException("tree " + treeId + " has no final checkpoint"));
      PublishedCheckpoint last =
          new PublishedCheckpoint(treeId, row.size(), row.rootHash(), row.note(), row.c2spNote());
      finalCheckpoints.put(treeId, last);
      return last;
    } catch (SQLException e) {
      throw new LogReadException("cannot read the checkpoint of tree " + treeId, e);
    }
  }

  /**
   * The latest checkpoint of {@code treeId} that includes leaf {@code index}: {@link
   * #latestCheckpoint(long)}, unless that is from before the entry (written by another process
   * within the last 200 ms), then the latest one stored.
   */
  public PublishedCheckpoint checkpointIncluding(long treeId, long index) {
    PublishedCheckpoint known = latestCheckpoint(treeId);
    if (index < known.size()) {
      return known;
    }
    try {
      tree.reload();
      CheckpointRow row =
          store
              .latestCheckpoint(treeId)
              .orElseThrow(() -> new SQLException("tree " + treeId + " has no checkpoint"));
      return new PublishedCheckpoint(
          treeId, row.size(), row.rootHash(), row.note(), row.c2spNote());
    } catch (SQLException e) {
      throw new LogReadException("cannot read the checkpoint of tree " + treeId, e);
    }
  }

  /** The checkpoint stored for {@code size}, if that size was published. */
  public Optional<PublishedCheckpoint> checkpoint(long treeId, long size) {
    try {
      return store
          .checkpoint(treeId, size)
          .map(
              r -> new PublishedCheckpoint(treeId, r.size(), r.rootHash(), r.note(), r.c2spNote()));
    } catch (SQLException e) {
      throw new LogReadException("cannot read the checkpoint at size " + size, e);
    }
  }

  /**
   * The inclusion proof of leaf {@code index} in {@code treeId} at {@code treeSize}.
   *
   * @throws IllegalArgumentException if {@code index >= treeSize}
   */
  public InclusionProof inclusionProof(long treeId, long index, long treeSize) {
    return proofs(treeId, treeSize).inclusionProof(index, treeSize);
  }

  /** The consistency proof between {@code size1} and {@code size2} of {@code treeId}. */
  public ConsistencyProof consistencyProof(long treeId, long size1, long size2) {
    return proofs(treeId, size2).consistencyProof(size1, size2);
  }

  /**
   * The consistency proof between {@code size1} and {@code size2} of {@code treeId} and the root
   * hash at {@code size2}, from one read of the tiles.
   */
  public TileProofs.RootedConsistency consistencyProofWithRoot(
      long treeId, long size1, long size2) {
    return proofs(treeId, size2).consistencyProofWithRoot(size1, size2);
  }

  /** Tiles of {@code treeId} as needed at {@code treeSize} (possibly wider). */
  public List<Tile> tiles(long treeId, long treeSize, List<TileId> ids) {
    return new StoredTileReader(store, tileCache, treeId, treeSize).readTiles(new ArrayList<>(ids));
  }

  private TileProofs proofs(long treeId, long treeSize) {
    return new TileProofs(new StoredTileReader(store, tileCache, treeId, treeSize));
  }
}
