package dev.waxseal.server.storage;

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
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A migrated database with a store over it, and the rows and SQL helpers the store's tests share.
 */
final class StoreFixture {
  private StoreFixture() {}

  /** Migrates {@code db} to the latest schema and returns a store over it. */
  static PostgresLogStore migratedStore(TestDatabase.Coordinates db) {
    Flyway.configure()
        .dataSource(db.jdbcUrl(), db.username(), db.password())
        .locations("classpath:db/migration")
        .load()
        .migrate();
    PGSimpleDataSource source = new PGSimpleDataSource();
    source.setURL(db.jdbcUrl());
    source.setUser(db.username());
    source.setPassword(db.password());
    return new PostgresLogStore(source);
  }

  /** An active Rekor v1 tree whose log id matches its (made-up) key. */
  static TreeRow activeTree(long treeId) {
    byte[] key = "a key".getBytes(StandardCharsets.UTF_8);
    return new TreeRow(
        treeId,
        true,
        Hash.of(Rfc6962.sha256(key)),
        0,
        "test - " + treeId,
        "key",
        key,
        "",
        "test",
        null);
  }

  /** The body of the synthetic entry {@code index}. */
  static byte[] body(int index) {
    return ("body " + index).getBytes(StandardCharsets.UTF_8);
  }

  /** The leaf hash of {@link #body}. */
  static Hash leafHash(int index) {
    return Rfc6962.leafHash(body(index));
  }

  /** The synthetic entry {@code index} of tree {@code treeId}, as the appender would store it. */
  static EntryRow entry(long treeId, int index) {
    return new EntryRow(
        treeId, index, leafHash(index), "hashedrekord", "0.0.1", body(index), 1, new byte[] {1});
  }

  /** The first column of every row {@code sql} returns, as text. */
  static List<String> column(Connection c, String sql) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        values.add(rs.getString(1));
      }
    }
    return values;
  }

  static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
