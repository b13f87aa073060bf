package dev.waxseal.server.lifecycle;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.merkle.tiles.Tile;
import dev.waxseal.merkle.tiles.TileId;
import dev.waxseal.server.storage.AttestationRow;
import dev.waxseal.server.storage.CheckpointRow;
import dev.waxseal.server.storage.EntryRow;
import dev.waxseal.server.storage.HeadRow;
import dev.waxseal.server.storage.PostgresLogStore;
import dev.waxseal.server.storage.SearchKeyRow;
import dev.waxseal.server.storage.TileRow;
import dev.waxseal.server.storage.TreeRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One tree being imported, in the importer's transaction: entries are written in order as they
 * arrive while the tree is recomputed from their bodies; a checkpoint is stored only after its root
 * matched the recomputed one; tiles and head are written last. Nothing is visible to anyone until
 * the importer commits, and it commits only when every tree verified.
 */
final class ImportedTree {
  private static final int BATCH = 1000;

  private final PostgresLogStore store;
  private final Connection connection;
  private final TreeRow row;
  private final TreeRecompute recompute = new TreeRecompute();
  private final List<EntryRow> entries = new ArrayList<>();
  private final List<SearchKeyRow> searchKeys = new ArrayList<>();
  private final List<AttestationRow> attestations = new ArrayList<>();
  private int checkpoints;

  /** Creates the (empty, active) tree {@code row} of {@code flavour} in {@code connection}. */
  ImportedTree(PostgresLogStore store, Connection connection, TreeRow row, String flavour)
      throws SQLException {
    this.store = store;
    this.connection = connection;
    this.row = row;
    store.createImportedTree(connection, row, flavour);
  }

  /** The number of entries added. */
  long size() {
    return recompute.size();
  }

  /** The root of the entries added so far. */
  Hash rootHash() {
    return recompute.size() == 0 ? Rfc6962.emptyRoot() : recompute.rootHash();
  }

  /**
   * Adds the next entry; its leaf hash is computed here, from {@code body}.
   *
   * @throws AuditException if {@code index} is not the next index
   */
  void add(
      long index,
      String kind,
      String apiVersion,
      byte[] body,
      long integratedTime,
      byte[] entryTimestamp,
      List<String> keys,
      byte @Nullable [] attestation)
      throws SQLException, AuditException {
    if (index != recompute.size()) {
      throw new AuditException(
          "tree " + row.treeId() + ": got entry " + index + ", want entry " + recompute.size());
    }
    Hash leafHash = Rfc6962.leafHash(body);
    recompute.add(leafHash);
    entries.add(
        new EntryRow(
            row.treeId(), index, leafHash, kind, apiVersion, body, integratedTime, entryTimestamp));
    for (String key : keys) {
      searchKeys.add(new SearchKeyRow(key, index));
    }
    if (attestation != null) {
      attestations.add(new AttestationRow(index, attestation));
    }
    if (entries.size() >= BATCH) {
      flush();
    }
  }

  /**
   * Stores {@code checkpoint} after checking that it commits to the entries added so far.
   *
   * @throws AuditException naming both roots if it does not
   */
  void checkpoint(long size, Hash rootHash, String note, @Nullable String c2spNote, String source)
      throws SQLException, AuditException {
    CheckpointRow checkpoint = new CheckpointRow(row.treeId(), size, rootHash, note, c2spNote);
    Hash root = rootHash();
    if (checkpoint.size() != recompute.size() || !checkpoint.rootHash().equals(root)) {
      throw new AuditException(
          "tree "
              + row.treeId()
              + ": "
              + source
              + " says size "
              + checkpoint.size()
              + " root "
              + checkpoint.rootHash().hex()
              + ", the rebuilt tree has size "
              + recompute.size()
              + " root "
              + root.hex());
    }
    store.insertCheckpoint(connection, checkpoint);
    checkpoints++;
  }

  /** The final version of every tile of the rebuilt tree. */
  Map<TileId, Tile> tiles() {
    return recompute.tiles();
  }

  /** The number of checkpoints stored. */
  int checkpoints() {
    return checkpoints;
  }

  /** Writes the rest of the entries, the tiles and the head; freezes the tree unless active. */
  void finish(boolean active) throws SQLException {
    flush();
    List<TileRow> tiles = new ArrayList<>();
    for (Tile tile : recompute.tiles().values()) {
      tiles.add(new TileRow(tile.id().level(), tile.id().index(), tile.bytes()));
      if (tiles.size() >= BATCH) {
        store.writeTiles(connection, row.treeId(), tiles);
        tiles.clear();
      }
    }
    if (!tiles.isEmpty()) {
      store.writeTiles(connection, row.treeId(), tiles);
    }
    store.updateHead(connection, new HeadRow(row.treeId(), recompute.size(), rootHash()));
    if (!active) {
      store.freezeTree(connection, row.treeId(), recompute.size());
    }
  }

  private void flush() throws SQLException {
    if (!entries.isEmpty()) {
      store.insertEntries(connection, row.treeId(), entries);
      entries.clear();
    }
    store.insertSearchKeys(connection, row.treeId(), searchKeys);
    searchKeys.clear();
    store.insertAttestations(connection, row.treeId(), attestations);
    attestations.clear();
  }
}
