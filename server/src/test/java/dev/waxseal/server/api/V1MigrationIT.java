package dev.waxseal.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.WaxsealApplication;
import dev.waxseal.server.testing.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Migration from the single-tree schema (V1) to shards (V2): a V1 database holding a log migrates
 * on start, its entries table becomes its tree's partition, and every response the log gave before
 * is given again byte for byte.
 *
 * <p>The V1 database is made as the previous release made it: Flyway stops at V1, and the log's
 * rows (the V1 columns of every table) are those of a log written through the API.
 */
class V1MigrationIT {
  private static final int ENTRIES = 300; // more than one full tile

  /** The V1 tables and their columns, parents first. */
  private static final Map<String, String> V1_TABLES = new LinkedHashMap<>();

  static {
    V1_TABLES.put("trees", "tree_id, state, log_id, virtual_offset, created_at");
    V1_TABLES.put("tree_head", "tree_id, size, root_hash, updated_at");
    V1_TABLES.put(
        "entries",
        "tree_id, idx, leaf_hash, kind, api_version, body, integrated_time, entry_timestamp");
    V1_TABLES.put("tiles", "tree_id, level, idx, width, hashes");
    V1_TABLES.put("checkpoints", "tree_id, size, root_hash, note, c2sp_note, created_at");
    V1_TABLES.put("search_keys", "search_key, tree_id, idx");
    V1_TABLES.put("attestations", "tree_id, idx, data");
  }

  @TempDir Path dataDir;

  @Test
  void singleTreeDatabaseMigratesAndServesTheSameBytes() throws Exception {
    TestDatabase.Coordinates original = TestDatabase.create();
    List<String> paths;
    List<String> hashes = new ArrayList<>();
    Map<String, String> before;
    try (ConfigurableApplicationContext app = start(original, false)) {
      ApiClient api = new ApiClient(port(app));
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < ENTRIES; i++) {
        Signers.Signed signed =
            Signers.signed(Signers.Key.P256, Signers.utf8("migrated " + i), false, "");
        ApiClient.Response created = api.post("/api/v1/log/entries", signed.request());
        assertThat(created.status()).isEqualTo(201);
        ids.add(created.entryId());
        hashes.add(signed.digestHex());
      }
      paths = paths(ids, hashes);
      before = responses(api, paths, hashes);
    }

    TestDatabase.Coordinates migrated = TestDatabase.create();
    Flyway.configure()
        .dataSource(migrated.jdbcUrl(), migrated.username(), migrated.password())
        .locations("classpath:db/migration")
        .target("1")
        .load()
        .migrate();
    copyV1Rows(original, migrated);
    assertThat(relationKind(migrated, "entries")).isEqualTo("r");

    try (ConfigurableApplicationContext app = start(migrated, true)) {
      ApiClient api = new ApiClient(port(app));
      Map<String, String> after = responses(api, paths, hashes);
      assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
      for (String path : before.keySet()) {
        assertThat(after.get(path)).as(path).isEqualTo(before.get(path));
      }
      assertThat(relationKind(migrated, "entries")).isEqualTo("p");
      long treeId = Long.parseLong(api.get("/api/v1/log").json().get("treeID").stringValue());
      assertThat(relationKind(migrated, "entries_" + treeId)).isEqualTo("r");
      assertThat(count(migrated, "SELECT count(*) FROM entries_" + treeId)).isEqualTo(ENTRIES);
      assertThat(count(migrated, "SELECT count(*) FROM trees WHERE public_key IS NULL")).isZero();

      // The migrated log carries on: the next entry follows the last, in the same partition.
      Signers.Signed next = Signers.signed(Signers.Key.P256, Signers.utf8("after"), false, "");
      ApiClient.Response created = api.post("/api/v1/log/entries", next.request());
      assertThat(created.status()).isEqualTo(201);
      assertThat(created.entry().get("logIndex").longValue()).isEqualTo(ENTRIES);
      assertThat(count(migrated, "SELECT count(*) FROM entries_" + treeId)).isEqualTo(ENTRIES + 1);
    }
  }

  private static List<String> paths(List<String> ids, List<String> hashes) {
    List<String> paths = new ArrayList<>();
    paths.add("/api/v1/log");
    paths.add("/api/v1/log/publicKey");
    paths.add("/api/v1/log/proof?firstSize=7&lastSize=" + ENTRIES);
    for (int i : new int[] {0, 1, 255, 256, ENTRIES - 1}) {
      paths.add("/api/v1/log/entries?logIndex=" + i);
      paths.add("/api/v1/log/entries/" + ids.get(i));
      paths.add("/api/v1/log/entries/" + ids.get(i).substring(16));
    }
    paths.add("/api/v1/log/entries?logIndex=" + ENTRIES);
    paths.add("/checkpoint");
    paths.add("/vkey");
    paths.add("/tile/0/000");
    paths.add("/tile/0/001.p/44");
    paths.add("/tile/1/000.p/1");
    paths.add("/tile/entries/000");
    paths.add("/tile/entries/001.p/44");
    return paths;
  }

  private static Map<String, String> responses(
      ApiClient api, List<String> paths, List<String> hashes) {
    Map<String, String> responses = new LinkedHashMap<>();
    for (String path : paths) {
      ApiClient.Response r = api.get(path);
      responses.put(path, r.status() + " " + r.header("Content-Type") + "\n" + r.body());
    }
    String search = "{\"hash\":\"sha256:" + hashes.get(3) + "\"}";
    ApiClient.Response index = api.post("/api/v1/index/retrieve", search);
    responses.put("POST index " + search, index.status() + "\n" + index.body());
    String retrieve = "{\"logIndexes\":[2,260]}";
    ApiClient.Response entries = api.post("/api/v1/log/entries/retrieve", retrieve);
    responses.put("POST retrieve " + retrieve, entries.status() + "\n" + entries.body());
    return responses;
  }

  private static void copyV1Rows(TestDatabase.Coordinates from, TestDatabase.Coordinates to)
      throws SQLException {
    try (Connection source = from.connect();
        Connection target = to.connect()) {
      target.setAutoCommit(false);
      for (Map.Entry<String, String> table : V1_TABLES.entrySet()) {
        String columns = table.getValue();
        int n = columns.split(",").length;
        String insert =
            "INSERT INTO "
                + table.getKey()
                + " ("
                + columns
                + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(n, "?"))
                + ")";
        try (Statement read = source.createStatement();
            ResultSet rs = read.executeQuery("SELECT " + columns + " FROM " + table.getKey());
            PreparedStatement write = target.prepareStatement(insert)) {
          while (rs.next()) {
            for (int i = 1; i <= n; i++) {
              write.setObject(i, rs.getObject(i));
            }
            write.addBatch();
          }
          write.executeBatch();
        }
      }
      target.commit();
    }
  }

  private static String relationKind(TestDatabase.Coordinates db, String name) throws SQLException {
    try (Connection c = db.connect();
        PreparedStatement s =
            c.prepareStatement("SELECT relkind FROM pg_class WHERE relname = ?")) {
      s.setString(1, name);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getString(1) : "missing";
      }
    }
  }

  private static long count(TestDatabase.Coordinates db, String sql) throws SQLException {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static int port(ConfigurableApplicationContext app) {
    return Integer.parseInt(app.getEnvironment().getProperty("local.server.port", "0"));
  }

  /**
   * Starts the server on {@code db}; the single-tree release had no Rekor v2 log, so the database
   * it leaves is made without one ({@code rekorV2} false), and the migrated one starts with it.
   */
  private ConfigurableApplicationContext start(TestDatabase.Coordinates db, boolean rekorV2) {
    // One data directory for both: the same generated log and tiles keys.
    return new SpringApplicationBuilder(WaxsealApplication.class)
        .run(
            "--server.port=0",
            "--spring.datasource.url=" + db.jdbcUrl(),
            "--spring.datasource.username=" + db.username(),
            "--spring.datasource.password=" + db.password(),
            "--waxseal.data-dir=" + dataDir,
            "--waxseal.hostname=migration.test",
            "--waxseal.rekor-v2.enabled=" + rekorV2);
  }
}
