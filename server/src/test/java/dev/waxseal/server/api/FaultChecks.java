package dev.waxseal.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.merkle.CompactRange;
import dev.waxseal.merkle.Hash;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What every database-fault test asserts of the answers clients saw and of the log left behind: no
 * 500, every 503 and 507 with Retry-After, no acknowledged entry lost, no entry twice, and a tree
 * whose every stored checkpoint matches the root recomputed from the stored leaves.
 */
final class FaultChecks {
  private FaultChecks() {}

  /**
   * Asserts the answers: only {@code allowed} statuses on the API (2xx, 404 of a read of an entry
   * whose tree moved on, 409, 503 and 507 always with Retry-After), and probes answering 200 or
   * 503. Status 0 (no HTTP answer at all) is allowed only if {@code unreachableAllowed}.
   */
  static void assertCleanAnswers(List<FaultLoad.Answer> answers, boolean unreachableAllowed) {
    for (FaultLoad.Answer a : answers) {
      String what =
          a.kind() + " answered " + a.status() + " after " + a.millis() + " ms: " + a.body();
      if (a.status() == 0) {
        assertThat(unreachableAllowed).as(what).isTrue();
        continue;
      }
      assertThat(a.status()).as(what).isIn(200, 201, 409, 503, 507);
      if (a.status() == 503 || a.status() == 507) {
        if (!a.kind().equals("readiness")) {
          assertThat(a.retryAfter()).as("Retry-After on " + what).isTrue();
          assertThat(a.body()).as(what).startsWith("{\"code\":" + a.status() + ",\"message\":");
        }
      }
      if (a.kind().equals("liveness")) {
        assertThat(a.status()).as("liveness stays UP: " + what).isEqualTo(200);
      }
    }
  }

  /** The longest wait among the answers that {@code which} selects, in milliseconds. */
  static long maxMillis(List<FaultLoad.Answer> answers, Predicate<FaultLoad.Answer> which) {
    return answers.stream().filter(which).mapToLong(FaultLoad.Answer::millis).max().orElse(0);
  }

  /** Counts answers that {@code which} selects. */
  static long count(List<FaultLoad.Answer> answers, Predicate<FaultLoad.Answer> which) {
    return answers.stream().filter(which).count();
  }

  /**
   * Audits the active v1 tree in the database directly: every acknowledged entry is at its index
   * with its leaf hash, indexes are exactly 0..size-1, no leaf is stored twice, and the root
   * recomputed from the stored leaves matches the head and every stored checkpoint.
   *
   * @return the tree's size
   */
  static long audit(Connection db, List<FaultLoad.Ack> acks) throws SQLException {
    long treeId;
    try (Statement s = db.createStatement();
        ResultSet r =
            s.executeQuery(
                "SELECT tree_id FROM trees WHERE state = 'active' AND flavour = 'rekor_v1'")) {
      assertThat(r.next()).isTrue();
      treeId = r.getLong(1);
    }
    Map<Long, Hash> checkpoints = new TreeMap<>();
    try (PreparedStatement s =
        db.prepareStatement("SELECT size, root_hash FROM checkpoints WHERE tree_id = ?")) {
      s.setLong(1, treeId);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          assertThat(checkpoints.put(r.getLong(1), Hash.of(r.getBytes(2))))
              .as("one checkpoint per size")
              .isNull();
        }
      }
    }
    Hash headRoot;
    long headSize;
    try (PreparedStatement s =
        db.prepareStatement("SELECT size, root_hash FROM tree_head WHERE tree_id = ?")) {
      s.setLong(1, treeId);
      try (ResultSet r = s.executeQuery()) {
        assertThat(r.next()).isTrue();
        headSize = r.getLong(1);
        headRoot = Hash.of(r.getBytes(2));
      }
    }
    Map<Hash, Long> indexOfLeaf = new HashMap<>();
    CompactRange range = CompactRange.empty();
    int matched = 0;
    if (checkpoints.containsKey(0L)) {
      assertThat(range.rootHash()).as("checkpoint at size 0").isEqualTo(checkpoints.get(0L));
      matched++;
    }
    try (PreparedStatement s =
        db.prepareStatement("SELECT idx, leaf_hash FROM entries WHERE tree_id = ? ORDER BY idx")) {
      s.setLong(1, treeId);
      s.setFetchSize(10_000);
      db.setAutoCommit(false); // a cursor, not the whole table in memory
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          long index = r.getLong(1);
          Hash leaf = Hash.of(r.getBytes(2));
          assertThat(index)
              .as("indexes are 0..size-1 without gaps or repeats")
              .isEqualTo(range.size());
          Long earlier = indexOfLeaf.put(leaf, index);
          assertThat(earlier).as("leaf " + leaf + " stored twice").isNull();
          range.append(leaf);
          Hash stored = checkpoints.get(range.size());
          if (stored != null) {
            assertThat(range.rootHash()).as("checkpoint at size " + range.size()).isEqualTo(stored);
            matched++;
          }
        }
      } finally {
        db.setAutoCommit(true);
      }
    }
    assertThat(range.size()).as("entries stored").isEqualTo(headSize);
    assertThat(range.rootHash()).as("head root").isEqualTo(headRoot);
    assertThat(matched).as("every stored checkpoint checked").isEqualTo(checkpoints.size());
    String tree = String.format("%016x", treeId);
    for (FaultLoad.Ack ack : acks) {
      assertThat(ack.uuid()).startsWith(tree);
      Hash leaf = Hash.of(HexFormat.of().parseHex(ack.uuid().substring(16)));
      assertThat(indexOfLeaf.get(leaf))
          .as("acknowledged entry " + ack.uuid() + " at index " + ack.index())
          .isEqualTo(ack.index());
    }
    return headSize;
  }
}
