package dev.waxseal.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.server.testing.TestDatabase;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * V6: {@code search_keys} and {@code attestations} become partitioned by tree like {@code entries}.
 * A V5 database holding three trees' entries, search keys and attestations migrates with every row
 * kept; each tree's rows land in its own partitions, whose foreign keys point at that tree's
 * entries partition; a search by key still reads each partition by its index; and a tree made
 * afterwards gets its three partitions from {@link PostgresLogStore#createPartition}.
 */
class V6PartitionMigrationIT {
  private static final long[] TREES = {11, 22, 33};
  private static final int ENTRIES = 5;

  @Test
  void v5RowsMoveIntoPerTreePartitions() throws Exception {
    TestDatabase.Coordinates db = TestDatabase.create();
    migrate(db, "5");
    try (Connection c = db.connect()) {
      fillV5(c);
    }
    List<String> searchKeysBefore = rows(db, "SELECT search_key, tree_id, idx FROM search_keys");
    List<String> attestationsBefore =
        rows(db, "SELECT tree_id, idx, encode(data, 'hex') FROM attestations");
    assertThat(searchKeysBefore).hasSize(TREES.length * ENTRIES * 2);
    assertThat(attestationsBefore).hasSize(TREES.length * ENTRIES);

    migrate(db, "6");

    assertThat(rows(db, "SELECT search_key, tree_id, idx FROM search_keys"))
        .containsExactlyElementsOf(searchKeysBefore);
    assertThat(rows(db, "SELECT tree_id, idx, encode(data, 'hex') FROM attestations"))
        .containsExactlyElementsOf(attestationsBefore);
    try (Connection c = db.connect()) {
      assertThat(relationKind(c, "search_keys")).isEqualTo("p");
      assertThat(relationKind(c, "attestations")).isEqualTo("p");
      for (long tree : TREES) {
        assertThat(
                count(
                    c,
                    "SELECT count(*) FROM ONLY search_keys_" + tree + " WHERE tree_id = " + tree))
            .isEqualTo(ENTRIES * 2);
        assertThat(count(c, "SELECT count(*) FROM ONLY attestations_" + tree)).isEqualTo(ENTRIES);
        assertThat(foreignKeyTarget(c, "search_keys_" + tree)).isEqualTo("entries_" + tree);
        assertThat(foreignKeyTarget(c, "attestations_" + tree)).isEqualTo("entries_" + tree);
      }
      // The foreign keys hold: no search key or attestation for an entry that is not there.
      assertThatThrownBy(
              () -> execute(c, "INSERT INTO search_keys VALUES ('orphan', 22, " + ENTRIES + ")"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("foreign key");
      assertThatThrownBy(
              () -> execute(c, "INSERT INTO attestations VALUES (33, " + ENTRIES + ", '\\x00')"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("foreign key");

      // The store's search finds an entry of each tree by its shared key, through each
      // partition's primary key.
      PostgresLogStore store = new PostgresLogStore(dataSource(db));
      assertThat(store.search(List.of("shared:3")))
          .extracting(pair -> pair[0] + "/" + pair[1])
          .containsExactlyInAnyOrder("11/3", "22/3", "33/3");
      execute(c, "ANALYZE");
      execute(c, "SET enable_seqscan = off"); // tiny tables: judge the plan the index allows
      String plan =
          String.join(
              "\n",
              rows(
                  c,
                  "EXPLAIN SELECT DISTINCT tree_id, idx FROM search_keys WHERE search_key = ANY ('{shared:3}')"));
      System.out.println("search plan with " + TREES.length + " trees:\n" + plan);
      for (long tree : TREES) {
        assertThat(plan).contains("search_keys_" + tree + "_pkey");
      }
      assertThat(plan).doesNotContain("Seq Scan");
      execute(c, "RESET enable_seqscan");

      // A tree made after the migration gets all three partitions, linked the same way.
      store.createPartition(c, 44);
      assertThat(foreignKeyTarget(c, "search_keys_44")).isEqualTo("entries_44");
      assertThat(foreignKeyTarget(c, "attestations_44")).isEqualTo("entries_44");
      assertThat(relationParent(c, "search_keys_44")).isEqualTo("search_keys");
      assertThat(relationParent(c, "attestations_44")).isEqualTo("attestations");
      store.dropUnusedPartition(44);
      assertThat(count(c, "SELECT count(*) FROM pg_class WHERE relname LIKE '%\\_44'")).isZero();
    }
  }

  private static javax.sql.DataSource dataSource(TestDatabase.Coordinates db) {
    org.postgresql.ds.PGSimpleDataSource source = new org.postgresql.ds.PGSimpleDataSource();
    source.setURL(db.jdbcUrl());
    source.setUser(db.username());
    source.setPassword(db.password());
    return source;
  }

  private static void migrate(TestDatabase.Coordinates db, String target) {
    Flyway.configure()
        .dataSource(db.jdbcUrl(), db.username(), db.password())
        .locations("classpath:db/migration")
        .target(target)
        .load()
        .migrate();
  }

  /** Three trees as a V5 server leaves them: rows, and an entries partition per tree. */
  private static void fillV5(Connection c) throws Exception {
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    for (int t = 0; t < TREES.length; t++) {
      long tree = TREES[t];
      byte[] key = ("key " + tree).getBytes(java.nio.charset.StandardCharsets.UTF_8);
      try (PreparedStatement s =
          c.prepareStatement(
              "INSERT INTO trees (tree_id, state, log_id, virtual_offset, origin, public_key,"
                  + " tile_prefix, final_size, frozen_at)"
                  + " VALUES (?, ?, sha256(?), ?, ?, ?, ?, ?, CASE WHEN ? THEN now() END)")) {
        boolean frozen = t < TREES.length - 1;
        s.setLong(1, tree);
        s.setString(2, frozen ? "frozen" : "active");
        s.setBytes(3, key);
        s.setLong(4, (long) t * ENTRIES);
        s.setString(5, "test - " + tree);
        s.setBytes(6, key);
        s.setString(7, t == 0 ? "" : "/" + tree);
        if (frozen) {
          s.setLong(8, ENTRIES);
        } else {
          s.setNull(8, java.sql.Types.BIGINT);
        }
        s.setBoolean(9, frozen);
        s.executeUpdate();
      }
      execute(
          c, "CREATE TABLE entries_" + tree + " PARTITION OF entries FOR VALUES IN (" + tree + ")");
      for (int i = 0; i < ENTRIES; i++) {
        byte[] body = ("body " + tree + " " + i).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO entries VALUES (?, ?, ?, 'hashedrekord', '0.0.1', ?, 1, '\\x01')")) {
          s.setLong(1, tree);
          s.setLong(2, i);
          s.setBytes(3, sha256.digest(body));
          s.setBytes(4, body);
          s.executeUpdate();
        }
        execute(
            c,
            "INSERT INTO search_keys VALUES ('own:"
                + tree
                + ":"
                + i
                + "', "
                + tree
                + ", "
                + i
                + ")");
        execute(c, "INSERT INTO search_keys VALUES ('shared:" + i + "', " + tree + ", " + i + ")");
        execute(
            c,
            "INSERT INTO attestations VALUES ("
                + tree
                + ", "
                + i
                + ", '\\x"
                + String.format("%04x", tree * 100 + i)
                + "')");
      }
    }
  }

  private static List<String> rows(TestDatabase.Coordinates db, String sql) throws SQLException {
    try (Connection c = db.connect()) {
      return rows(c, sql + " ORDER BY 1, 2, 3");
    }
  }

  private static List<String> rows(Connection c, String sql) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(i > 1 ? "|" : "").append(rs.getString(i));
        }
        rows.add(row.toString());
      }
    }
    return rows;
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  private static long count(Connection c, String sql) throws SQLException {
    return Long.parseLong(rows(c, sql).get(0));
  }

  private static String relationKind(Connection c, String table) throws SQLException {
    return rows(c, "SELECT relkind FROM pg_class WHERE relname = '" + table + "'").get(0);
  }

  private static String relationParent(Connection c, String table) throws SQLException {
    return rows(
            c,
            "SELECT inhparent::regclass FROM pg_inherits WHERE inhrelid = '"
                + table
                + "'::regclass")
        .get(0);
  }

  private static String foreignKeyTarget(Connection c, String table) throws SQLException {
    return rows(
            c,
            "SELECT confrelid::regclass FROM pg_constraint WHERE contype = 'f' AND conrelid = '"
                + table
                + "'::regclass")
        .get(0);
  }
}
