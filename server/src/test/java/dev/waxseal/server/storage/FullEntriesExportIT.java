package dev.waxseal.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.server.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The export's read of a tree ({@link LogSnapshot#fullEntries}): every entry below the size, in
 * order, with its search keys sorted and its attestation; and the tree's search keys read once for
 * the whole export, not once per entry (a subquery per entry scanned the whole search-key partition
 * each time: 17 ms an entry at 10^5 entries).
 */
class FullEntriesExportIT {
  private static final long TREE = 55;
  private static final int ENTRIES = 5_000;

  @Test
  void entriesComeWithTheirKeysAndAttestationsFromOnePassOverTheKeys() throws Exception {
    TestDatabase.Coordinates db = TestDatabase.create();
    Flyway.configure()
        .dataSource(db.jdbcUrl(), db.username(), db.password())
        .locations("classpath:db/migration")
        .load()
        .migrate();
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setURL(db.jdbcUrl());
    source.setUser(db.username());
    source.setPassword(db.password());
    PostgresLogStore store = new PostgresLogStore(source);
    try (Connection c = db.connect()) {
      store.createImportedTree(c, tree(), PostgresLogStore.REKOR_V1);
      List<EntryRow> rows = new ArrayList<>();
      List<SearchKeyRow> keys = new ArrayList<>();
      for (int i = 0; i < ENTRIES; i++) {
        rows.add(
            new EntryRow(
                TREE, i, leafHash(i), "hashedrekord", "0.0.1", body(i), 1, new byte[] {1}));
        if (i % 10 != 3) { // every tenth entry from the fourth has no keys
          keys.add(new SearchKeyRow("sha256:" + i, i));
          keys.add(new SearchKeyRow("email:" + (i % 7) + "@example.com", i));
        }
      }
      store.insertEntries(c, TREE, rows);
      store.insertSearchKeys(c, TREE, keys);
      store.insertAttestations(c, TREE, List.of(new AttestationRow(42, new byte[] {4, 2})));
      execute(c, "ANALYZE");
    }

    List<LogSnapshot.FullEntry> read = new ArrayList<>();
    try (LogSnapshot snapshot = LogSnapshot.open(source)) {
      snapshot.fullEntries(TREE, ENTRIES - 1, read::add); // the size bounds the read
    }
    assertThat(read).hasSize(ENTRIES - 1);
    for (int i = 0; i < ENTRIES - 1; i++) {
      LogSnapshot.FullEntry entry = read.get(i);
      assertThat(entry.row().index()).isEqualTo(i);
      assertThat(entry.row().leafHash()).isEqualTo(leafHash(i));
      if (i % 10 == 3) {
        assertThat(entry.searchKeys()).isEmpty();
      } else {
        assertThat(entry.searchKeys())
            .containsExactly("email:" + (i % 7) + "@example.com", "sha256:" + i);
      }
      assertThat(entry.attestation()).isEqualTo(i == 42 ? new byte[] {4, 2} : null);
    }

    try (Connection c = db.connect()) {
      String plan =
          String.join(
              "\n",
              column(
                  c,
                  "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) "
                      + LogSnapshot.FULL_ENTRIES
                          .replaceFirst("\\?", Long.toString(TREE))
                          .replaceFirst("\\?", Integer.toString(ENTRIES))
                          .replaceFirst("\\?", Long.toString(TREE))
                          .replaceFirst("\\?", Integer.toString(ENTRIES))));
      System.out.println("export read plan:\n" + plan);
      assertThat(plan).doesNotContain("SubPlan");
      List<String> keyScans =
          plan.lines().filter(line -> line.contains("on search_keys_" + TREE)).toList();
      assertThat(keyScans).isNotEmpty().allSatisfy(line -> assertThat(line).contains("loops=1)"));
    }
  }

  private static TreeRow tree() {
    byte[] key = "a key".getBytes(StandardCharsets.UTF_8);
    return new TreeRow(
        TREE,
        true,
        Hash.of(Rfc6962.sha256(key)),
        0,
        "test - " + TREE,
        "key",
        key,
        "",
        "test",
        null);
  }

  private static byte[] body(int index) {
    return ("body " + index).getBytes(StandardCharsets.UTF_8);
  }

  private static Hash leafHash(int index) {
    return Rfc6962.leafHash(body(index));
  }

  private static List<String> column(Connection c, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
