package dev.waxseal.server.witnessclient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The witness client's tables ({@code V5__witness_client.sql}). */
final class CosignatureStore {
  private final JdbcClient jdbc;

  CosignatureStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** The size {@code witnessKey} last cosigned (or reported) for {@code treeId}; 0 if none. */
  long witnessSize(long treeId, String witnessKey) {
    return jdbc.sql(
            "SELECT size FROM witness_client_state WHERE tree_id = :tree AND witness_key = :key")
        .param("tree", treeId)
        .param("key", witnessKey)
        .query(Long.class)
        .optional()
        .orElse(0L);
  }

  /** Records the size the witness is at (it may go down: a witness's 409 is the truth). */
  void setWitnessSize(long treeId, String witnessKey, long size) {
    jdbc.sql(
            "INSERT INTO witness_client_state (tree_id, witness_key, size) VALUES (:tree, :key,"
                + " :size) ON CONFLICT (tree_id, witness_key) DO UPDATE SET size = EXCLUDED.size,"
                + " updated_at = now()")
        .param("tree", treeId)
        .param("key", witnessKey)
        .param("size", size)
        .update();
  }

  /** Stores a verified cosignature line and advances the witness's size, in one statement. */
  void addCosignature(long treeId, long size, String witnessKey, String line) {
    jdbc.sql(
            "WITH c AS (INSERT INTO checkpoint_cosignatures (tree_id, size, witness_key, line)"
                + " VALUES (:tree, :size, :key, :line) ON CONFLICT DO NOTHING)"
                + " INSERT INTO witness_client_state (tree_id, witness_key, size) VALUES (:tree,"
                + " :key, :size) ON CONFLICT (tree_id, witness_key) DO UPDATE SET size ="
                + " EXCLUDED.size, updated_at = now()")
        .param("tree", treeId)
        .param("size", size)
        .param("key", witnessKey)
        .param("line", line)
        .update();
  }

  /** The cosignature lines stored for one checkpoint. */
  List<String> cosignatures(long treeId, long size) {
    return jdbc.sql(
            "SELECT line FROM checkpoint_cosignatures WHERE tree_id = :tree AND size = :size"
                + " ORDER BY witness_key")
        .param("tree", treeId)
        .param("size", size)
        .query(String.class)
        .list();
  }

  /**
   * The cosignature lines of the newest {@code limit} cosigned checkpoints of {@code treeId} up to
   * {@code maxSize}, newest first.
   */
  Map<Long, List<String>> recentCosignatures(long treeId, long maxSize, int limit) {
    Map<Long, List<String>> bySize = new TreeMap<>((a, b) -> Long.compare(b, a));
    jdbc.sql(
            "SELECT size, line FROM checkpoint_cosignatures WHERE tree_id = :tree AND size IN"
                + " (SELECT DISTINCT size FROM checkpoint_cosignatures WHERE tree_id = :tree AND"
                + " size <= :max ORDER BY size DESC LIMIT :limit) ORDER BY size DESC, witness_key")
        .param("tree", treeId)
        .param("max", maxSize)
        .param("limit", limit)
        .query(
            rs -> {
              bySize.computeIfAbsent(rs.getLong(1), s -> new ArrayList<>()).add(rs.getString(2));
            });
    return bySize;
  }
}
