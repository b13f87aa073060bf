package dev.waxseal.server.storage;

import dev.waxseal.merkle.Hash;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * One consistent, read-only view of every log in the database: a {@code REPEATABLE READ READ ONLY}
 * transaction on one connection, so that a live log, still taking writes from other processes, is
 * read at one instant (its head, entries, tiles and checkpoints agree with each other). Used by the
 * lifecycle commands (audit, export), never on the request path.
 */
public final class LogSnapshot implements AutoCloseable {
  /** Entries fetched per round trip while streaming a tree. */
  private static final int FETCH_SIZE = 1024;

  /** A tree of any flavour, with its state and head as of the snapshot. */
  public record SnapshotTree(TreeRow row, String flavour, HeadRow head) {}

  /** An entry row and the search keys and attestation stored with it. */
  public record FullEntry(EntryRow row, List<String> searchKeys, byte @Nullable [] attestation) {}

  /** The size a witness last cosigned for a tree (witness client state). */
  public record WitnessSize(String witnessKey, long size) {}

  private final Connection connection;

  private LogSnapshot(Connection connection) {
    this.connection = connection;
  }

  /** Opens a snapshot on a connection of {@code dataSource}; close it to end the transaction. */
  public static LogSnapshot open(DataSource dataSource) throws SQLException {
    Connection c = dataSource.getConnection();
    try {
      c.setAutoCommit(false);
      c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      c.setReadOnly(true);
      return new LogSnapshot(c);
    } catch (SQLException e) {
      c.close();
      throw e;
    }
  }

  /** Every tree of every flavour: v1 shards in virtual index order, then the other flavours. */
  public List<SnapshotTree> trees() throws SQLException {
    String sql =
        "SELECT t.tree_id, t.state, t.log_id, t.virtual_offset, t.origin, t.key_id, t.public_key,"
            + " t.tile_prefix, t.tile_origin, t.final_size, t.flavour, h.size, h.root_hash"
            + " FROM trees t JOIN tree_head h ON h.tree_id = t.tree_id"
            + " ORDER BY t.flavour, t.virtual_offset, t.created_at, t.tree_id";
    List<SnapshotTree> trees = new ArrayList<>();
    try (PreparedStatement s = connection.prepareStatement(sql);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        TreeRow row = PostgresLogStore.treeRow(rs);
        trees.add(
            new SnapshotTree(
                row, rs.getString(11), new HeadRow(row.treeId(), rs.getLong(12), hash(rs, 13))));
      }
    }
    return trees;
  }

  /**
   * Whether the tree's entries were archived: its entries partition detached (docs/capacity.md), so
   * that its entries, search keys and attestations are not in this database.
   */
  public boolean entriesArchived(long treeId) throws SQLException {
    return PostgresLogStore.entriesArchived(connection, treeId);
  }

  /** Every stored checkpoint of the tree, smallest size first. */
  public List<CheckpointRow> checkpoints(long treeId) throws SQLException {
    return rowsOf(
        treeId,
        "SELECT size, root_hash, note, c2sp_note FROM checkpoints WHERE tree_id = ? ORDER BY size",
        rs ->
            new CheckpointRow(
                treeId, rs.getLong(1), hash(rs, 2), rs.getString(3), rs.getString(4)));
  }

  /** Every stored tile of the tree, by level and index. */
  public List<TileRow> tiles(long treeId) throws SQLException {
    return rowsOf(
        treeId,
        "SELECT level, idx, hashes FROM tiles WHERE tree_id = ? ORDER BY level, idx",
        rs -> new TileRow(rs.getInt(1), rs.getLong(2), rs.getBytes(3)));
  }

  /** The sizes the log's witnesses last cosigned for the tree (empty without witnesses). */
  public List<WitnessSize> witnessSizes(long treeId) throws SQLException {
    return rowsOf(
        treeId,
        "SELECT witness_key, size FROM witness_client_state WHERE tree_id = ?",
        rs -> new WitnessSize(rs.getString(1), rs.getLong(2)));
  }

  /** One result row read into a value. */
  private interface RowReader<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** Every row {@code sql}, with the tree id as its one parameter, returns. */
  private <T> List<T> rowsOf(long treeId, String sql, RowReader<T> reader) throws SQLException {
    List<T> rows = new ArrayList<>();
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      s.setLong(1, treeId);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          rows.add(reader.read(rs));
        }
      }
    }
    return rows;
  }

  /**
   * Streams the tree's entries with index below {@code size}, in index order, with a server-side
   * cursor (memory stays flat however large the tree is).
   */
  public void entries(long treeId, long size, Consumer<EntryRow> each) throws SQLException {
    String sql =
        "SELECT tree_id, idx, leaf_hash, kind, api_version, body, integrated_time,"
            + " entry_timestamp FROM entries WHERE tree_id = ? AND idx < ? ORDER BY idx";
    try (PreparedStatement s = connection.prepareStatement(sql)) {
      s.setFetchSize(FETCH_SIZE);
      s.setLong(1, treeId);
      s.setLong(2, size);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          each.accept(
              new EntryRow(
                  rs.getLong(1),
                  rs.getLong(2),
                  hash(rs, 3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getBytes(6),
                  rs.getLong(7),
                  rs.getBytes(8)));
        }
      }
    }
  }

  /**
   * The entries of a tree below a size, each with its search keys (sorted) and attestation, in
   * index order. The keys are grouped in one pass over the tree's search keys and merged in by
   * index: {@code search_keys} has no index by entry (its key leads), so a subquery per entry read
   * the whole partition each time (17 ms an entry at 10^5 entries; years at 2×10^7).
   */
  static final String FULL_ENTRIES =
      "SELECT e.tree_id, e.idx, e.leaf_hash, e.kind, e.api_version, e.body, e.integrated_time,"
          + " e.entry_timestamp, a.data, k.keys"
          + " FROM entries e LEFT JOIN attestations a ON a.tree_id = e.tree_id AND a.idx = e.idx"
          + " LEFT JOIN (SELECT idx, array_agg(search_key ORDER BY search_key) AS keys"
          + " FROM search_keys WHERE tree_id = ? AND idx < ? GROUP BY idx) k ON k.idx = e.idx"
          + " WHERE e.tree_id = ? AND e.idx < ? ORDER BY e.idx";

  /** As {@link #entries}, with each entry's search keys and attestation (for export). */
  public void fullEntries(long treeId, long size, Consumer<FullEntry> each) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement(FULL_ENTRIES)) {
      s.setFetchSize(FETCH_SIZE);
      s.setLong(1, treeId);
      s.setLong(2, size);
      s.setLong(3, treeId);
      s.setLong(4, size);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          EntryRow row =
              new EntryRow(
                  rs.getLong(1),
                  rs.getLong(2),
                  hash(rs, 3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getBytes(6),
                  rs.getLong(7),
                  rs.getBytes(8));
          byte[] attestation = rs.getBytes(9);
          java.sql.Array keys = rs.getArray(10);
          List<String> searchKeys = keys == null ? List.of() : List.of((String[]) keys.getArray());
          each.accept(new FullEntry(row, searchKeys, attestation));
        }
      }
    }
  }

  private static Hash hash(ResultSet rs, int column) throws SQLException {
    return Hash.of(rs.getBytes(column));
  }

  @Override
  public void close() throws SQLException {
    try {
      connection.rollback();
    } finally {
      connection.close();
    }
  }
}
