package dev.waxseal.server.storage;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGStatement;

/**
 * The log's tables in PostgreSQL, through plain JDBC: the append path writes whole batches with one
 * {@code unnest} statement per table, and reads are single indexed lookups.
 *
 * <p>Methods that take a {@link Connection} run inside the caller's transaction (the appender's);
 * the others borrow a connection from the pool for one statement.
 */
public final class PostgresLogStore {
  private static final String SELECT_TREES =
      "SELECT t.tree_id, t.state, t.log_id, t.virtual_offset, t.origin, t.key_id, t.public_key,"
          + " t.tile_prefix, t.tile_origin, t.final_size FROM trees t WHERE t.flavour = ?"
          + " ORDER BY t.virtual_offset, t.created_at, t.tree_id";
  private static final String INSERT_TREE =
      "INSERT INTO trees (tree_id, state, log_id, virtual_offset, origin, key_id, public_key,"
          + " tile_prefix, tile_origin, flavour) VALUES (?, 'active', ?, ?, ?, ?, ?, ?, ?, ?)"
          + " ON CONFLICT DO NOTHING";

  /** The advisory lock key of {@link #lockFirstTreeCreation} ("waxseal" in ASCII). */
  private static final long FIRST_TREE_LOCK = 0x77617873_65616cL;

  private static final String TREE_STATE = "SELECT state FROM trees WHERE tree_id = ?";
  private static final String FREEZE_TREE =
      "UPDATE trees SET state = 'frozen', final_size = ?, frozen_at = now()"
          + " WHERE tree_id = ? AND state = 'active'";
  private static final String TOUCH_HEAD =
      "UPDATE tree_head SET updated_at = now() WHERE tree_id = ?";
  private static final String FILL_IDENTITY =
      "UPDATE trees SET public_key = coalesce(public_key, ?), tile_origin = coalesce(tile_origin, ?)"
          + " WHERE tree_id = ? AND (public_key IS NULL OR tile_origin IS NULL)";
  private static final String INSERT_HEAD =
      "INSERT INTO tree_head (tree_id, size, root_hash) VALUES (?, 0, ?) ON CONFLICT DO NOTHING";

  /**
   * Bounds a write transaction on the server's side, so that a stalled or vanished writer cannot
   * hold the head row's lock, and with it every other writer, for long: wait at most 5 s for the
   * lock (then SQLSTATE 55P03, a retryable 503), and end a transaction left idle for 15 s (a client
   * that lost its connection mid-batch; the server rolls it back and releases the lock). Local to
   * the transaction, so migrations and other sessions keep the server's defaults.
   */
  private static final String BOUND_TRANSACTION =
      "SELECT set_config('lock_timeout', '5s', true),"
          + " set_config('idle_in_transaction_session_timeout', '15s', true)";

  private static final String LOCK_HEAD =
      "SELECT size, root_hash FROM tree_head WHERE tree_id = ? FOR UPDATE";
  private static final String SELECT_HEAD =
      "SELECT size, root_hash FROM tree_head WHERE tree_id = ?";
  private static final String UPDATE_HEAD =
      "UPDATE tree_head SET size = ?, root_hash = ?, updated_at = now() WHERE tree_id = ?";

  /**
   * One unique-index lookup per hash (a scalar subquery, which PostgreSQL never turns into a join),
   * planned afresh for every batch ({@link #existingLeaves}). Rows with a null index are hashes not
   * in the tree.
   */
  static final String SELECT_EXISTING_LEAVES =
      "SELECT h.leaf_hash, (SELECT e.idx FROM entries e WHERE e.tree_id = ? AND e.leaf_hash ="
          + " h.leaf_hash) FROM unnest(?::bytea[]) AS h(leaf_hash)";

  private static final String INSERT_ENTRIES =
      "INSERT INTO entries (tree_id, idx, leaf_hash, kind, api_version, body, integrated_time,"
          + " entry_timestamp) SELECT ?, * FROM unnest(?::bigint[], ?::bytea[], ?::text[],"
          + " ?::text[], ?::bytea[], ?::bigint[], ?::bytea[])";
  private static final String UPSERT_TILES =
      "INSERT INTO tiles (tree_id, level, idx, width, hashes)"
          + " SELECT ?, l, i, length(h) / 32, h FROM unnest(?::smallint[], ?::bigint[], ?::bytea[])"
          + " AS t(l, i, h)"
          + " ON CONFLICT (tree_id, level, idx) DO UPDATE SET width = EXCLUDED.width,"
          + " hashes = EXCLUDED.hashes WHERE tiles.width < EXCLUDED.width";
  private static final String INSERT_SEARCH_KEYS =
      "INSERT INTO search_keys (search_key, tree_id, idx)"
          + " SELECT k, ?, i FROM unnest(?::text[], ?::bigint[]) AS s(k, i) ON CONFLICT DO NOTHING";
  private static final String INSERT_ATTESTATIONS =
      "INSERT INTO attestations (tree_id, idx, data)"
          + " SELECT ?, i, d FROM unnest(?::bigint[], ?::bytea[]) AS a(i, d)";
  private static final String INSERT_CHECKPOINT =
      "INSERT INTO checkpoints (tree_id, size, root_hash, note, c2sp_note) VALUES (?, ?, ?, ?, ?)"
          + " ON CONFLICT DO NOTHING";
  private static final String ENTRY_COLUMNS =
      "SELECT tree_id, idx, leaf_hash, kind, api_version, body, integrated_time, entry_timestamp"
          + " FROM entries";
  private static final String SELECT_ENTRY_BY_INDEX =
      ENTRY_COLUMNS + " WHERE tree_id = ? AND idx = ?";
  private static final String SELECT_ENTRY_BY_LEAF =
      ENTRY_COLUMNS + " WHERE tree_id = ? AND leaf_hash = ?";
  private static final String SELECT_ENTRIES_RANGE =
      ENTRY_COLUMNS + " WHERE tree_id = ? AND idx >= ? AND idx < ? ORDER BY idx";
  private static final String SELECT_TILES =
      "SELECT level, idx, hashes FROM tiles WHERE tree_id = ? AND (level, idx) IN"
          + " (SELECT * FROM unnest(?::smallint[], ?::bigint[]))";
  private static final String SELECT_CHECKPOINT =
      "SELECT size, root_hash, note, c2sp_note FROM checkpoints WHERE tree_id = ? AND size = ?";
  private static final String SELECT_LATEST_CHECKPOINT =
      "SELECT c.size, c.root_hash, c.note, c.c2sp_note FROM checkpoints c"
          + " JOIN tree_head h ON h.tree_id = c.tree_id AND h.size = c.size WHERE c.tree_id = ?";
  private static final String SELECT_SEARCH_KEYS =
      "SELECT DISTINCT tree_id, idx FROM search_keys WHERE search_key = ANY (?)";
  // Primary-key lookups only: the head's checkpoint and the entry just below the head.
  private static final String SELECT_SHARD_STATUS =
      "SELECT t.tree_id, t.state, h.size, (extract(epoch FROM t.created_at) * 1000)::bigint,"
          + " (extract(epoch FROM coalesce(c.created_at, h.updated_at)) * 1000)::bigint,"
          + " coalesce(e.integrated_time, -1) FROM trees t"
          + " JOIN tree_head h ON h.tree_id = t.tree_id"
          + " LEFT JOIN checkpoints c ON c.tree_id = h.tree_id AND c.size = h.size"
          + " LEFT JOIN entries e ON e.tree_id = h.tree_id AND e.idx = h.size - 1"
          + " ORDER BY t.virtual_offset, t.created_at, t.tree_id";

  /**
   * Whether tree ?'s entries partition is attached to {@code entries}: a frozen shard's is detached
   * when it is archived (docs/capacity.md), and one being detached concurrently counts as detached.
   */
  static final String ENTRIES_ATTACHED =
      "SELECT EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhparent = 'entries'::regclass"
          + " AND i.inhrelid = to_regclass('entries_' || ?::bigint) AND NOT i.inhdetachpending)";

  private static final String SELECT_ATTESTATION =
      "SELECT data FROM attestations WHERE tree_id = ? AND idx = ?";

  private final DataSource dataSource;
  private final @Nullable ReadReplica replica;

  /** Creates a store over {@code dataSource}, whose schema Flyway has migrated. */
  public PostgresLogStore(DataSource dataSource) {
    this.dataSource = dataSource;
    this.replica = null;
  }

  /**
   * Creates a store over the primary {@code dataSource} that sends entry, tile and search reads to
   * {@code replica} where its answer is the primary's (docs/read-replicas.md). Everything else, and
   * every method taking a {@link Connection}, is the primary's.
   */
  public PostgresLogStore(DataSource dataSource, ReadReplica replica) {
    this.dataSource = dataSource;
    this.replica = replica;
  }

  /**
   * The primary's pool: the appender opens its transactions here, and reads that must see the
   * latest commit (heads, checkpoints, trees) use it.
   */
  public DataSource dataSource() {
    return dataSource;
  }

  /** The flavour of the Rekor v1 shards. */
  public static final String REKOR_V1 = "rekor_v1";

  /** The flavour of a Rekor v2 log (a tree of its own, beside the v1 shards). */
  public static final String REKOR_V2 = "rekor_v2";

  /** All trees of {@code flavour}, oldest first (the order of its virtual index space). */
  public List<TreeRow> trees(String flavour) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return trees(c, flavour);
    }
  }

  /** All trees of {@code flavour}, in the caller's transaction. */
  public List<TreeRow> trees(Connection c, String flavour) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SELECT_TREES)) {
      s.setString(1, flavour);
      try (ResultSet rs = s.executeQuery()) {
        return treeRows(rs);
      }
    }
  }

  private static List<TreeRow> treeRows(ResultSet rs) throws SQLException {
    List<TreeRow> trees = new ArrayList<>();
    while (rs.next()) {
      trees.add(treeRow(rs));
    }
    return trees;
  }

  /**
   * The tree of the result set's current row, whose first ten columns are those of {@link
   * #SELECT_TREES}. {@code final_size} is read first and tested at once: {@code wasNull} answers
   * for the last column read.
   */
  static TreeRow treeRow(ResultSet rs) throws SQLException {
    long finalSize = rs.getLong(10);
    Long finalOrNull = rs.wasNull() ? null : finalSize;
    return new TreeRow(
        rs.getLong(1),
        "active".equals(rs.getString(2)),
        Hash.of(rs.getBytes(3)),
        rs.getLong(4),
        rs.getString(5),
        rs.getString(6),
        rs.getBytes(7),
        rs.getString(8),
        rs.getString(9),
        finalOrNull);
  }

  /** When each tree, of every flavour, was made and frozen. */
  public List<TreeLifetime> treeLifetimes() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT tree_id, flavour, created_at, frozen_at FROM trees ORDER BY created_at");
        ResultSet rs = s.executeQuery()) {
      List<TreeLifetime> lifetimes = new ArrayList<>();
      while (rs.next()) {
        java.sql.Timestamp frozen = rs.getTimestamp(4);
        lifetimes.add(
            new TreeLifetime(
                rs.getLong(1),
                rs.getString(2),
                rs.getTimestamp(3).toInstant(),
                frozen == null ? null : frozen.toInstant()));
      }
      return lifetimes;
    }
  }

  /**
   * Creates an active tree with an empty head and its size-0 checkpoint, unless another tree of the
   * flavour is active already (then nothing is written and this returns false). The caller commits;
   * a rotation freezes the active tree first, in the same transaction. The tree's entries partition
   * ({@link #createPartition}) must exist before its first entry.
   */
  public boolean createActiveTree(Connection c, TreeRow tree, CheckpointRow emptyCheckpoint)
      throws SQLException {
    return createActiveTree(c, tree, emptyCheckpoint, REKOR_V1);
  }

  /**
   * As {@link #createActiveTree(Connection, TreeRow, CheckpointRow)}, for a tree of {@code
   * flavour}.
   */
  public boolean createActiveTree(
      Connection c, TreeRow tree, CheckpointRow emptyCheckpoint, String flavour)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT_TREE)) {
      s.setLong(1, tree.treeId());
      s.setBytes(2, tree.logId().bytes());
      s.setLong(3, tree.virtualOffset());
      s.setString(4, tree.origin());
      s.setString(5, tree.keyId());
      s.setBytes(6, tree.publicKeyDer());
      s.setString(7, tree.tilePrefix());
      s.setString(8, tree.tileOrigin());
      s.setString(9, flavour);
      if (s.executeUpdate() == 0) {
        return false;
      }
    }
    try (PreparedStatement s = c.prepareStatement(INSERT_HEAD)) {
      s.setLong(1, tree.treeId());
      s.setBytes(2, emptyCheckpoint.rootHash().bytes());
      s.executeUpdate();
    }
    insertCheckpoint(c, emptyCheckpoint);
    return true;
  }

  /**
   * Creates an active tree with an empty head and no checkpoint, for an import that fills it in the
   * caller's transaction: its entries, tiles, checkpoints and head come from elsewhere, verified by
   * the importer before the caller commits. Makes the tree's entries partition too.
   *
   * @throws SQLException if a tree of that id exists, or another tree of the flavour is active
   */
  public void createImportedTree(Connection c, TreeRow tree, String flavour) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(INSERT_TREE.replace(" ON CONFLICT DO NOTHING", ""))) {
      s.setLong(1, tree.treeId());
      s.setBytes(2, tree.logId().bytes());
      s.setLong(3, tree.virtualOffset());
      s.setString(4, tree.origin());
      s.setString(5, tree.keyId());
      s.setBytes(6, tree.publicKeyDer());
      s.setString(7, tree.tilePrefix());
      s.setString(8, tree.tileOrigin());
      s.setString(9, flavour);
      s.executeUpdate();
    }
    try (PreparedStatement s = c.prepareStatement(INSERT_HEAD)) {
      s.setLong(1, tree.treeId());
      s.setBytes(2, Rfc6962.emptyRoot().bytes());
      s.executeUpdate();
    }
    createPartition(c, tree.treeId());
  }

  /**
   * Serializes the creation of a log's first tree across processes until the caller's transaction
   * ends (a transaction-level advisory lock): two processes starting at once on an empty database
   * would otherwise deadlock between one's INSERT into {@code trees} and the other's ATTACH.
   */
  public void lockFirstTreeCreation(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("SELECT pg_advisory_xact_lock(" + FIRST_TREE_LOCK + ")");
    }
  }

  /** The tables partitioned by tree, in the order their partitions are made. */
  private static final List<String> PARTITIONED = List.of("entries", "search_keys", "attestations");

  /**
   * Makes the (empty) partitions of tree {@code treeId}: for each of {@code entries}, {@code
   * search_keys} and {@code attestations}, a table shaped like it, attached to it (V6), and the
   * foreign keys of the latter two to the tree's entries partition. ATTACH takes only a SHARE
   * UPDATE EXCLUSIVE lock on the parent, so reads and appends carry on (CREATE TABLE ... PARTITION
   * OF would lock readers out); the foreign keys lock only the new tables. Empty partitions of a
   * tree that does not exist hold nothing and are harmless: a rotation makes them before it takes
   * the head lock, to keep that lock short.
   */
  public void createPartition(Connection c, long treeId) throws SQLException {
    String entries = "entries_" + treeId; // a positive long: a safe identifier
    try (Statement s = c.createStatement()) {
      for (String table : PARTITIONED) {
        String partition = table + "_" + treeId;
        s.execute(
            "CREATE TABLE "
                + partition
                + " (LIKE "
                + table
                + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS)");
        if (!table.equals("entries")) {
          s.execute(
              "ALTER TABLE "
                  + partition
                  + " ADD CONSTRAINT "
                  + partition
                  + "_entry_fkey FOREIGN KEY (tree_id, idx) REFERENCES "
                  + entries
                  + " (tree_id, idx)");
        }
        s.execute(
            "ALTER TABLE "
                + table
                + " ATTACH PARTITION "
                + partition
                + " FOR VALUES IN ("
                + treeId
                + ")");
      }
    }
  }

  /**
   * Drops the partitions {@link #createPartition} made for tree {@code treeId}, unless a tree of
   * that id exists (a rotation that made them and then found nothing to do).
   */
  public void dropUnusedPartition(long treeId) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try (PreparedStatement s = c.prepareStatement(TREE_STATE)) {
        s.setLong(1, treeId);
        try (ResultSet rs = s.executeQuery()) {
          if (rs.next()) {
            return;
          }
        }
      }
      try (Statement s = c.createStatement()) {
        // The referencing tables first.
        for (int i = PARTITIONED.size() - 1; i >= 0; i--) {
          s.execute("DROP TABLE IF EXISTS " + PARTITIONED.get(i) + "_" + treeId);
        }
      }
    }
  }

  /**
   * Whether the entries of tree {@code treeId} were archived: its entries partition is no longer
   * attached (read on the primary, whose catalog is the truth).
   */
  public boolean entriesArchived(long treeId) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return entriesArchived(c, treeId);
    }
  }

  /** As {@link #entriesArchived(long)}, on {@code c}. */
  static boolean entriesArchived(Connection c, long treeId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(ENTRIES_ATTACHED)) {
      s.setLong(1, treeId);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return !rs.getBoolean(1);
      }
    }
  }

  /**
   * Freezes the active tree {@code treeId} at {@code finalSize}, in the caller's transaction, which
   * MUST hold the tree's head lock ({@link #lockHead}) and have read {@code finalSize} under it.
   *
   * @throws SQLException if the tree is not active
   */
  public void freezeTree(Connection c, long treeId, long finalSize) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(FREEZE_TREE)) {
      s.setLong(1, finalSize);
      s.setLong(2, treeId);
      if (s.executeUpdate() != 1) {
        throw new SQLException("tree " + treeId + " is not active");
      }
    }
    // The head row changes too, so that an appender blocked on its lock re-reads it.
    try (PreparedStatement s = c.prepareStatement(TOUCH_HEAD)) {
      s.setLong(1, treeId);
      s.executeUpdate();
    }
  }

  /**
   * Fills in the public key and C2SP origin of a tree migrated from V1, where they are missing;
   * values already stored are kept.
   */
  public void fillIdentity(long treeId, byte[] publicKeyDer, String tileOrigin)
      throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(FILL_IDENTITY)) {
      s.setBytes(1, publicKeyDer);
      s.setString(2, tileOrigin);
      s.setLong(3, treeId);
      s.executeUpdate();
    }
  }

  /**
   * Sets the server-side timeouts of a write transaction ({@link #BOUND_TRANSACTION}); call first
   * in each transaction that will lock the head.
   */
  public void boundTransaction(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(BOUND_TRANSACTION);
    }
  }

  /**
   * Locks the tree's head row until the caller's transaction ends and returns it with the tree's
   * state. This lock is what orders appends, and rotations, across every process writing to this
   * database.
   */
  public LockedHead lockHead(Connection c, long treeId) throws SQLException {
    HeadRow head;
    try (PreparedStatement s = c.prepareStatement(LOCK_HEAD)) {
      s.setLong(1, treeId);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("tree " + treeId + " has no head row");
        }
        head = new HeadRow(treeId, rs.getLong(1), Hash.of(rs.getBytes(2)));
      }
    }
    // A statement of its own: its snapshot is taken after the lock was granted, so it sees a
    // rotation that froze the tree while this transaction waited for the lock (READ COMMITTED).
    try (PreparedStatement s = c.prepareStatement(TREE_STATE)) {
      s.setLong(1, treeId);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("tree " + treeId + " has no row");
        }
        return new LockedHead(head, "active".equals(rs.getString(1)));
      }
    }
  }

  /** The tree's head as last committed, without locking. */
  public HeadRow head(long treeId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(SELECT_HEAD)) {
      s.setLong(1, treeId);
      try (ResultSet rs = s.executeQuery()) {
        if (!rs.next()) {
          throw new SQLException("tree " + treeId + " has no head row");
        }
        return new HeadRow(treeId, rs.getLong(1), Hash.of(rs.getBytes(2)));
      }
    }
  }

  /** Publishes a new size and root in the caller's transaction. */
  public void updateHead(Connection c, HeadRow head) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(UPDATE_HEAD)) {
      s.setLong(1, head.size());
      s.setBytes(2, head.rootHash().bytes());
      s.setLong(3, head.treeId());
      s.executeUpdate();
    }
  }

  /** Returns the index of each of {@code leafHashes} that is already in the tree. */
  public Map<Hash, Long> existingLeaves(Connection c, long treeId, Collection<Hash> leafHashes)
      throws SQLException {
    Map<Hash, Long> found = new HashMap<>();
    if (leafHashes.isEmpty()) {
      return found;
    }
    try (PreparedStatement s = c.prepareStatement(SELECT_EXISTING_LEAVES)) {
      // Never a server-side prepared statement, so never a cached generic plan. One made while a
      // new tree's partition was nearly empty (a cold server's first batches, or a fresh shard)
      // scans the whole partition, and PostgreSQL keeps it until the next analyze. Under the head
      // lock that cost 20 ms a batch at 50,000 entries and grew with the tree (issue 19; the
      // "Fast start" section of docs/operations.md). Planning with the batch's own values costs
      // 0.1-0.3 ms and picks the index once the partition holds more than a few pages.
      s.unwrap(PGStatement.class).setPrepareThreshold(0);
      s.setLong(1, treeId);
      s.setArray(
          2, c.createArrayOf("bytea", leafHashes.stream().map(Hash::bytes).toArray(byte[][]::new)));
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          long index = rs.getLong(2);
          if (!rs.wasNull()) {
            found.put(Hash.of(rs.getBytes(1)), index);
          }
        }
      }
    }
    return found;
  }

  /** Inserts entries, all of one tree, with one statement. */
  public void insertEntries(Connection c, long treeId, List<EntryRow> entries) throws SQLException {
    int n = entries.size();
    Long[] indexes = new Long[n];
    byte[][] leafHashes = new byte[n][];
    String[] kinds = new String[n];
    String[] versions = new String[n];
    byte[][] bodies = new byte[n][];
    Long[] times = new Long[n];
    byte[][] timestamps = new byte[n][];
    for (int i = 0; i < n; i++) {
      EntryRow e = entries.get(i);
      indexes[i] = e.index();
      leafHashes[i] = e.leafHash().bytes();
      kinds[i] = e.kind();
      versions[i] = e.apiVersion();
      bodies[i] = e.body();
      times[i] = e.integratedTime();
      timestamps[i] = e.entryTimestamp();
    }
    try (PreparedStatement s = c.prepareStatement(INSERT_ENTRIES)) {
      s.setLong(1, treeId);
      s.setArray(2, c.createArrayOf("bigint", indexes));
      s.setArray(3, c.createArrayOf("bytea", leafHashes));
      s.setArray(4, c.createArrayOf("text", kinds));
      s.setArray(5, c.createArrayOf("text", versions));
      s.setArray(6, c.createArrayOf("bytea", bodies));
      s.setArray(7, c.createArrayOf("bigint", times));
      s.setArray(8, c.createArrayOf("bytea", timestamps));
      s.executeUpdate();
    }
  }

  /**
   * Writes tiles with one statement: new tiles are inserted, stored tiles are replaced only by a
   * wider version (a tile's prefix never changes, so a wider tile carries everything).
   */
  public void writeTiles(Connection c, long treeId, List<TileRow> tiles) throws SQLException {
    int n = tiles.size();
    Short[] levels = new Short[n];
    Long[] indexes = new Long[n];
    byte[][] hashes = new byte[n][];
    for (int i = 0; i < n; i++) {
      levels[i] = (short) tiles.get(i).level();
      indexes[i] = tiles.get(i).index();
      hashes[i] = tiles.get(i).hashes();
    }
    try (PreparedStatement s = c.prepareStatement(UPSERT_TILES)) {
      s.setLong(1, treeId);
      s.setArray(2, c.createArrayOf("smallint", levels));
      s.setArray(3, c.createArrayOf("bigint", indexes));
      s.setArray(4, c.createArrayOf("bytea", hashes));
      s.executeUpdate();
    }
  }

  /** Inserts search keys of one tree with one statement. */
  public void insertSearchKeys(Connection c, long treeId, List<SearchKeyRow> keys)
      throws SQLException {
    if (keys.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement(INSERT_SEARCH_KEYS)) {
      s.setLong(1, treeId);
      s.setArray(
          2, c.createArrayOf("text", keys.stream().map(SearchKeyRow::key).toArray(String[]::new)));
      s.setArray(
          3,
          c.createArrayOf("bigint", keys.stream().map(SearchKeyRow::index).toArray(Long[]::new)));
      s.executeUpdate();
    }
  }

  /** Inserts attestations of one tree with one statement. */
  public void insertAttestations(Connection c, long treeId, List<AttestationRow> rows)
      throws SQLException {
    if (rows.isEmpty()) {
      return;
    }
    try (PreparedStatement s = c.prepareStatement(INSERT_ATTESTATIONS)) {
      s.setLong(1, treeId);
      s.setArray(
          2,
          c.createArrayOf("bigint", rows.stream().map(AttestationRow::index).toArray(Long[]::new)));
      s.setArray(
          3,
          c.createArrayOf("bytea", rows.stream().map(AttestationRow::data).toArray(byte[][]::new)));
      s.executeUpdate();
    }
  }

  /** Stores a signed checkpoint; a second one for the same size is ignored. */
  public void insertCheckpoint(Connection c, CheckpointRow checkpoint) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(INSERT_CHECKPOINT)) {
      s.setLong(1, checkpoint.treeId());
      s.setLong(2, checkpoint.size());
      s.setBytes(3, checkpoint.rootHash().bytes());
      s.setString(4, checkpoint.note());
      s.setString(5, checkpoint.c2spNote());
      s.executeUpdate();
    }
  }

  /** The entry at {@code index}, if the tree has one. */
  public Optional<EntryRow> entryByIndex(long treeId, long index) throws SQLException {
    ReadReplica.Query<Optional<EntryRow>> query =
        c -> queryEntry(c, SELECT_ENTRY_BY_INDEX, treeId, s -> s.setLong(2, index));
    // An index the replica has not replayed (or past the end) is the primary's to answer. The
    // size it needs saturates: a client may ask for the largest index, which no tree reaches.
    long needed = index == Long.MAX_VALUE ? Long.MAX_VALUE : index + 1;
    return replicated(treeId, needed, query);
  }

  /** The entry with {@code leafHash}, if the tree has one. */
  public Optional<EntryRow> entryByLeafHash(long treeId, Hash leafHash) throws SQLException {
    ReadReplica.Query<Optional<EntryRow>> query =
        c -> queryEntry(c, SELECT_ENTRY_BY_LEAF, treeId, s -> s.setBytes(2, leafHash.bytes()));
    if (replica != null) {
      Optional<EntryRow> found = replica.ifFound(query);
      if (found.isPresent()) {
        return found;
      }
    }
    return onPrimary(query);
  }

  /** The entries with indexes in {@code [begin, end)}, in order. */
  public List<EntryRow> entries(long treeId, long begin, long end) throws SQLException {
    return replicated(treeId, end, c -> entries(c, treeId, begin, end));
  }

  private static List<EntryRow> entries(Connection c, long treeId, long begin, long end)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SELECT_ENTRIES_RANGE)) {
      s.setLong(1, treeId);
      s.setLong(2, begin);
      s.setLong(3, end);
      try (ResultSet rs = s.executeQuery()) {
        List<EntryRow> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(entryRow(rs));
        }
        return rows;
      }
    }
  }

  /**
   * Reads the stored tiles at the given (level, index) pairs with one statement, each at least as
   * wide as tree size {@code treeSize} needs (from a replica only if it has replayed that size).
   */
  public List<TileRow> tiles(long treeId, long treeSize, List<Integer> levels, List<Long> indexes)
      throws SQLException {
    return replicated(treeId, treeSize, c -> tiles(c, treeId, levels, indexes));
  }

  /** Reads tiles as {@link #tiles(long, List, List)} does, in the caller's transaction. */
  public List<TileRow> tiles(Connection c, long treeId, List<Integer> levels, List<Long> indexes)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SELECT_TILES)) {
      s.setLong(1, treeId);
      s.setArray(
          2,
          c.createArrayOf(
              "smallint", levels.stream().map(Integer::shortValue).toArray(Short[]::new)));
      s.setArray(3, c.createArrayOf("bigint", indexes.toArray(Long[]::new)));
      try (ResultSet rs = s.executeQuery()) {
        List<TileRow> rows = new ArrayList<>();
        while (rs.next()) {
          rows.add(new TileRow(rs.getInt(1), rs.getLong(2), rs.getBytes(3)));
        }
        return rows;
      }
    }
  }

  /** The checkpoint signed for {@code size}, if that size was published. */
  public Optional<CheckpointRow> checkpoint(long treeId, long size) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(SELECT_CHECKPOINT)) {
      s.setLong(1, treeId);
      s.setLong(2, size);
      return queryCheckpoint(treeId, s);
    }
  }

  /** The checkpoint of the tree's current head. */
  public Optional<CheckpointRow> latestCheckpoint(long treeId) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(SELECT_LATEST_CHECKPOINT)) {
      s.setLong(1, treeId);
      return queryCheckpoint(treeId, s);
    }
  }

  /** The size and the times of the latest checkpoint and entry of every tree, oldest first. */
  public List<ShardStatusRow> shardStatus() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement(SELECT_SHARD_STATUS);
        ResultSet rs = s.executeQuery()) {
      List<ShardStatusRow> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(
            new ShardStatusRow(
                rs.getLong(1),
                "active".equals(rs.getString(2)),
                rs.getLong(3),
                rs.getLong(4),
                rs.getLong(5),
                rs.getLong(6)));
      }
      return rows;
    }
  }

  /** The (tree, index) pairs of entries having any of {@code keys}. */
  public List<long[]> search(Collection<String> keys) throws SQLException {
    ReadReplica.Query<List<long[]>> query = c -> search(c, keys);
    if (replica != null) {
      // The heads are read after the request began: every entry acknowledged before it is below
      // them, and the replica answers only if it has replayed that far in every tree.
      Map<Long, Long> heads = onPrimary(ReadReplica::heads);
      Optional<List<long[]>> found = replica.ifCaughtUp(heads, query);
      if (found.isPresent()) {
        return found.get();
      }
    }
    return onPrimary(query);
  }

  private static List<long[]> search(Connection c, Collection<String> keys) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SELECT_SEARCH_KEYS)) {
      Array array = c.createArrayOf("text", keys.toArray(String[]::new));
      s.setArray(1, array);
      try (ResultSet rs = s.executeQuery()) {
        List<long[]> found = new ArrayList<>();
        while (rs.next()) {
          found.add(new long[] {rs.getLong(1), rs.getLong(2)});
        }
        return found;
      }
    }
  }

  /** The attestation stored with an entry, if any. */
  public Optional<byte[]> attestation(long treeId, long index) throws SQLException {
    return replicated(treeId, Math.addExact(index, 1), c -> attestation(c, treeId, index));
  }

  private static Optional<byte[]> attestation(Connection c, long treeId, long index)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(SELECT_ATTESTATION)) {
      s.setLong(1, treeId);
      s.setLong(2, index);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.empty();
      }
    }
  }

  private interface Binder {
    void bind(PreparedStatement s) throws SQLException;
  }

  /**
   * Runs {@code query} on the replica if it has replayed tree {@code treeId} up to {@code size},
   * otherwise (or without a replica, or if it fails) on the primary.
   */
  private <T> T replicated(long treeId, long size, ReadReplica.Query<T> query) throws SQLException {
    if (replica != null) {
      Optional<T> answer = replica.ifReplayed(treeId, size, query);
      if (answer.isPresent()) {
        return answer.get();
      }
    }
    return onPrimary(query);
  }

  private <T> T onPrimary(ReadReplica.Query<T> query) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return query.run(c);
    }
  }

  private static Optional<EntryRow> queryEntry(Connection c, String sql, long treeId, Binder binder)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setLong(1, treeId);
      binder.bind(s);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(entryRow(rs)) : Optional.empty();
      }
    }
  }

  private static EntryRow entryRow(ResultSet rs) throws SQLException {
    return new EntryRow(
        rs.getLong(1),
        rs.getLong(2),
        Hash.of(rs.getBytes(3)),
        rs.getString(4),
        rs.getString(5),
        rs.getBytes(6),
        rs.getLong(7),
        rs.getBytes(8));
  }

  private static Optional<CheckpointRow> queryCheckpoint(long treeId, PreparedStatement s)
      throws SQLException {
    try (ResultSet rs = s.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      return Optional.of(
          new CheckpointRow(
              treeId, rs.getLong(1), Hash.of(rs.getBytes(2)), rs.getString(3), rs.getString(4)));
    }
  }
}
