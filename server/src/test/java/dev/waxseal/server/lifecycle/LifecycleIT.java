package dev.waxseal.server.lifecycle;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.client.http.HttpFetcher;
import dev.waxseal.client.http.HttpOptions;
import dev.waxseal.client.monitor.Auditor;
import dev.waxseal.client.monitor.Progress;
import dev.waxseal.client.tiles.TileClient;
import dev.waxseal.client.verify.CheckpointVerifier;
import dev.waxseal.client.verify.LogKey;
import dev.waxseal.merkle.note.VerifierKey;
import dev.waxseal.server.WaxsealApplication;
import dev.waxseal.server.entries.rpm.RpmSamples;
import dev.waxseal.server.testing.TemporaryFiles;
import dev.waxseal.server.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The lifecycle commands on a live log of three v1 shards (5 + 5 + 2 entries) and the Rekor v2 log:
 * audit, export served by a static file server and audited by the client library, import of that
 * export, and import-rekor from the live server's v1 API and from a recording of it.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"waxseal.shards.max-size=5", "waxseal.hostname=" + LifecycleIT.HOSTNAME})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LifecycleIT {
  static final String HOSTNAME = "lifecycle.test";
  private static final TestDatabase.Coordinates SOURCE = TestDatabase.create();

  /**
   * Everything this class writes to disk, removed after it. Not a {@code @TempDir}: with one test
   * instance per class, Spring reads the property source below before JUnit would inject it.
   */
  private static final Path TEMP = newTempDir();

  private static final Path DATA_DIR = tempDir("keys");
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int REKORD_INDEX = 3;
  private static final int RPM_INDEX = 8;
  private static final String REKORD_ARTIFACT = "lifecycle rekord";
  private static final String RPM_LABEL = "lifecycle-rpm";
  private static final TestEntries SIGNER = signer();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", SOURCE::jdbcUrl);
    registry.add("spring.datasource.username", SOURCE::username);
    registry.add("spring.datasource.password", SOURCE::password);
    registry.add("waxseal.data-dir", DATA_DIR::toString);
  }

  private static TestEntries signer() {
    try {
      return new TestEntries(21);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Path newTempDir() {
    try {
      return Files.createTempDirectory("waxseal-lifecycle");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A new directory inside {@link #TEMP}. */
  private static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(TEMP, prefix);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The application keeps its keys in memory; nothing reads these files after the class. */
  @AfterAll
  static void deleteTemporaryFiles() throws java.io.IOException {
    TemporaryFiles.deleteRecursively(TEMP);
  }

  private URI base() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Entry 3 is a rekord and entry 8 an rpm: kinds whose stored body lacks the signed content. */
  @BeforeAll
  void logTwelveEntriesOverThreeShards() throws Exception {
    for (int i = 0; i < 12; i++) {
      String request =
          switch (i) {
            case REKORD_INDEX -> SIGNER.rekordRequest(REKORD_ARTIFACT);
            case RPM_INDEX -> RpmSamples.proposedEntry(RPM_LABEL, 8);
            default -> SIGNER.request("lifecycle " + i);
          };
      assertThat(TestEntries.post(base(), "/api/v1/log/entries", request)).isEqualTo(201);
    }
    assertThat(logInfo().get("inactiveShards").size()).isEqualTo(2);
  }

  /**
   * The rekord and the rpm are found on {@code log} by artifact hash and by key or e-mail, under
   * the same UUIDs as on the source.
   */
  private void assertSearchableAsOnTheSource(URI log) throws Exception {
    String rekordUuid = uuidAt(REKORD_INDEX);
    String rpmUuid = uuidAt(RPM_INDEX);
    JsonNode rpmBody =
        JSON.readTree(
            java.util.Base64.getDecoder()
                .decode(
                    JSON.readTree(get(base().resolve("/api/v1/log/entries/" + rpmUuid)))
                        .get(rpmUuid)
                        .get("body")
                        .stringValue()));
    String rpmHash = rpmBody.get("spec").get("package").get("hash").get("value").stringValue();
    String key = java.util.Base64.getEncoder().encodeToString(SIGNER.publicKeyPem());
    Map<String, String> searches =
        Map.of(
            "{\"hash\":\"sha256:" + TestEntries.sha256(REKORD_ARTIFACT) + "\"}",
            rekordUuid,
            "{\"publicKey\":{\"format\":\"x509\",\"content\":\"" + key + "\"}}",
            rekordUuid,
            "{\"hash\":\"sha256:" + rpmHash + "\"}",
            rpmUuid,
            "{\"email\":\"rpm@example.com\"}",
            rpmUuid);
    for (Map.Entry<String, String> search : searches.entrySet()) {
      List<String> imported = searchIndex(log, search.getKey());
      assertThat(imported).as("%s on %s", search.getKey(), log).contains(search.getValue());
      assertThat(imported).as(search.getKey()).isEqualTo(searchIndex(base(), search.getKey()));
    }
  }

  private String uuidAt(long index) throws Exception {
    return JSON.readTree(get(base().resolve("/api/v1/log/entries?logIndex=" + index)))
        .propertyNames()
        .iterator()
        .next();
  }

  /** The UUIDs {@code POST /api/v1/index/retrieve} answers, sorted. */
  private static List<String> searchIndex(URI log, String query) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(log.resolve("/api/v1/index/retrieve"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(query))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("%s: %s", query, response.body()).isEqualTo(200);
    List<String> uuids = new ArrayList<>();
    JSON.readTree(response.body()).forEach(u -> uuids.add(u.stringValue()));
    uuids.sort(null);
    return uuids;
  }

  private JsonNode logInfo() throws Exception {
    return JSON.readTree(get(base().resolve("/api/v1/log")));
  }

  private static String get(URI uri) throws Exception {
    HttpResponse<String> response =
        HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s", uri).isEqualTo(200);
    return response.body();
  }

  /** The v1 shards' roots as the live API reports them, oldest first. */
  private List<String> sourceRoots() throws Exception {
    JsonNode log = logInfo();
    List<String> roots = new ArrayList<>();
    log.get("inactiveShards").forEach(s -> roots.add(s.get("rootHash").stringValue()));
    roots.add(log.get("rootHash").stringValue());
    return roots;
  }

  @Test
  void auditRecomputesEveryTreeOfALiveLog() {
    Lifecycle.Run audit = Lifecycle.run(SOURCE, DATA_DIR, "audit");
    assertThat(audit.status()).as(audit.output()).isZero();
    assertThat(audit.output()).contains("audit: OK: 4 trees, 12 entries");
    assertThat(audit.output())
        .containsPattern("tree \\d+ \\(rekor_v1, frozen, virtual offset 5\\) size 5");
    assertThat(audit.output()).contains("(rekor_v2, active, virtual offset 0) size 0");
  }

  /** A change to a copy of the log, how to undo it, and what audit must say about it. */
  private record Tamper(String change, String undo, String finding) {}

  @Test
  void auditNamesTheFirstDifferenceInATamperedCopy() throws Exception {
    TestDatabase.Coordinates copy = TestDatabase.create();
    assertThat(Lifecycle.run(copy, DATA_DIR, "import-rekor", base().toString()).status()).isZero();
    String first = " WHERE tree_id = (SELECT tree_id FROM trees WHERE virtual_offset = 0)";
    String flipTile = "UPDATE tiles SET hashes = set_byte(hashes, 40, get_byte(hashes, 40) # 1)";
    String flipRoot =
        "UPDATE checkpoints SET root_hash = set_byte(root_hash, 0, get_byte(root_hash, 0) # 1)";
    List<Tamper> tampers =
        List.of(
            new Tamper(
                "UPDATE entries SET body = body || '\\x20'::bytea" + first + " AND idx = 3",
                "UPDATE entries SET body = substr(body, 1, length(body) - 1)"
                    + first
                    + " AND idx = 3",
                "entry 3: stored leaf hash"),
            new Tamper(
                flipTile + first,
                flipTile + first,
                "stored tile 0/0 (width 5) differs from the recomputed one"),
            new Tamper(flipRoot + first, flipRoot + first, "stored checkpoint at size 5 has root"),
            new Tamper(
                "INSERT INTO witness_client_state (tree_id, witness_key, size)"
                    + " SELECT tree_id, repeat('ab', 32), 9 FROM trees WHERE virtual_offset = 0",
                "DELETE FROM witness_client_state",
                "ROLLED BACK: the tree holds 5 entries, but witness abababababababab… cosigned"
                    + " size 9"));
    for (Tamper tamper : tampers) {
      execute(copy, tamper.change());
      Lifecycle.Run audit = Lifecycle.run(copy, DATA_DIR, "audit");
      assertThat(audit.status()).as(tamper.change()).isEqualTo(1);
      assertThat(audit.output()).contains("audit: FAILED: tree ").contains(tamper.finding());
      execute(copy, tamper.undo()); // so that each tamper is the only difference
    }
    Lifecycle.Run clean = Lifecycle.run(copy, DATA_DIR, "audit");
    assertThat(clean.status()).as(clean.output()).isZero();
  }

  private static void execute(TestDatabase.Coordinates db, String sql) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      assertThat(s.executeUpdate(sql)).as(sql).isPositive();
    }
  }

  @Test
  void exportIsAStaticTileLogThatTheClientAuditsAndImportRebuilds() throws Exception {
    Path export = tempDir("waxseal-export").resolve("log");
    Lifecycle.Run run = Lifecycle.run(SOURCE, DATA_DIR, "export", export.toString());
    assertThat(run.status()).as(run.output()).isZero();
    JsonNode log = logInfo();
    // As the live tile API: the first shard at the root, later ones under their tree ID.
    List<String> prefixes =
        List.of(
            "",
            log.get("inactiveShards").get(1).get("treeID").stringValue() + "/",
            log.get("treeID").stringValue() + "/");
    List<String> roots = sourceRoots();
    try (StaticServer files = StaticServer.files(export)) {
      for (int shard = 0; shard < 3; shard++) {
        String prefix = prefixes.get(shard);
        // The verifier key comes from the live log, not from the export being checked.
        String vkey = get(base().resolve("/" + prefix + "vkey")).trim();
        Auditor.Report report = clientAudit(files.uri().resolve(prefix), vkey);
        assertThat(report.rootHash().hex()).isEqualTo(roots.get(shard));
        assertThat(report.size()).isEqualTo(shard < 2 ? 5 : 2);
      }
    }

    TestDatabase.Coordinates copy = TestDatabase.create();
    Lifecycle.Run imported = Lifecycle.run(copy, DATA_DIR, "import", export.toString());
    assertThat(imported.status()).as(imported.output()).isZero();
    assertThat(imported.output()).contains("import: OK: 4 trees");
    Lifecycle.Run audit = Lifecycle.run(copy, DATA_DIR, "audit");
    assertThat(audit.status()).as(audit.output()).isZero();
    assertThat(rows(copy)).isEqualTo(rows(SOURCE));
  }

  @Test
  void importRefusesADirectoryWhoseEntriesDoNotHashToItsCheckpointAndWritesNothing()
      throws Exception {
    Path export = tempDir("waxseal-export").resolve("log");
    assertThat(Lifecycle.run(SOURCE, DATA_DIR, "export", export.toString()).status()).isZero();
    Path bundle = export.resolve("tile/entries/000.p/5");
    byte[] bytes = Files.readAllBytes(bundle);
    bytes[bytes.length - 3] ^= 1; // inside the last entry's body
    Files.write(bundle, bytes);
    TestDatabase.Coordinates copy = TestDatabase.create();
    Lifecycle.Run imported = Lifecycle.run(copy, DATA_DIR, "import", export.toString());
    assertThat(imported.status()).isEqualTo(1);
    assertThat(imported.output())
        .contains("import: FAILED, nothing imported")
        .contains("the rebuilt tree has size 5 root");
    assertThat(count(copy, "SELECT count(*) FROM trees")).isZero();
    assertThat(count(copy, "SELECT count(*) FROM entries")).isZero();
  }

  @Test
  void importRekorRebuildsEveryShardWithTheSameUuidsIndexesTimesAndRoots() throws Exception {
    TestDatabase.Coordinates target = TestDatabase.create();
    Lifecycle.Run run = Lifecycle.run(target, DATA_DIR, "import-rekor", base().toString());
    assertThat(run.status()).as(run.output()).isZero();
    assertThat(rebuiltRoots(run.output())).isEqualTo(sourceRoots());
    assertThat(run.output()).contains("the last shard stays active");
    assertThat(run.output()).doesNotContain("without search keys");
    Lifecycle.Run audit = Lifecycle.run(target, DATA_DIR, "audit");
    assertThat(audit.status()).as(audit.output()).isZero();
    assertThat(v1Rows(target)).isEqualTo(v1Rows(SOURCE));

    // A server started on the imported database answers as the source does.
    String uuid =
        JSON.readTree(get(base().resolve("/api/v1/log/entries?logIndex=7")))
            .propertyNames()
            .iterator()
            .next();
    try (ConfigurableApplicationContext server =
        new SpringApplicationBuilder(WaxsealApplication.class)
            .run(
                "--server.port=0",
                "--spring.datasource.url=" + target.jdbcUrl(),
                "--spring.datasource.username=" + target.username(),
                "--spring.datasource.password=" + target.password(),
                "--waxseal.data-dir=" + DATA_DIR,
                "--waxseal.hostname=" + HOSTNAME,
                "--logging.level.root=WARN")) {
      URI imported =
          URI.create(
              "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port"));
      JsonNode sourceLog = logInfo();
      JsonNode importedLog = JSON.readTree(get(imported.resolve("/api/v1/log")));
      for (String field : List.of("treeID", "treeSize", "rootHash")) {
        assertThat(importedLog.get(field)).isEqualTo(sourceLog.get(field));
      }
      assertThat(importedLog.get("inactiveShards")).isEqualTo(sourceLog.get("inactiveShards"));
      assertSearchableAsOnTheSource(imported);
      JsonNode sourceEntry = JSON.readTree(get(base().resolve("/api/v1/log/entries/" + uuid)));
      JsonNode importedEntry = JSON.readTree(get(imported.resolve("/api/v1/log/entries/" + uuid)));
      for (String field : List.of("body", "integratedTime", "logID", "logIndex")) {
        assertThat(importedEntry.get(uuid).get(field)).isEqualTo(sourceEntry.get(uuid).get(field));
      }
      assertThat(importedEntry.get(uuid).get("verification").get("signedEntryTimestamp"))
          .isEqualTo(sourceEntry.get(uuid).get("verification").get("signedEntryTimestamp"));
      // And it appends to the imported active shard, under the same logID.
      assertThat(new TestEntries(22).log(imported, "after the import")).isEqualTo(201);
      JsonNode after = JSON.readTree(get(imported.resolve("/api/v1/log")));
      assertThat(after.get("treeID")).isEqualTo(sourceLog.get("treeID"));
      assertThat(after.get("treeSize").longValue()).isEqualTo(3);
    }
  }

  @Test
  void importRekorWithAnotherKeyFreezesEveryShardAndKeepsTheSourceIdentity() throws Exception {
    TestDatabase.Coordinates target = TestDatabase.create();
    Path otherKeys = tempDir("waxseal-other-keys");
    Lifecycle.Run run = Lifecycle.run(target, otherKeys, "import-rekor", base().toString());
    assertThat(run.status()).as(run.output()).isZero();
    assertThat(run.output()).contains("every shard is frozen");
    assertThat(count(target, "SELECT count(*) FROM trees WHERE state = 'frozen'")).isEqualTo(3);
    assertThat(v1Rows(target)).isEqualTo(v1Rows(SOURCE));
  }

  @Test
  void importRekorFromARecordingAndRefusesATamperedOne() throws Exception {
    Map<String, StaticServer.Recorded> recording = StaticServer.recording();
    try (StaticServer proxy = StaticServer.recorder(base(), recording)) {
      Lifecycle.Run live =
          Lifecycle.run(TestDatabase.create(), DATA_DIR, "import-rekor", proxy.uri().toString());
      assertThat(live.status()).as(live.output()).isZero();
    }
    TestDatabase.Coordinates replayed = TestDatabase.create();
    try (StaticServer replay = StaticServer.recorder(null, recording)) {
      Lifecycle.Run run =
          Lifecycle.run(replayed, DATA_DIR, "import-rekor", replay.uri().toString());
      assertThat(run.status()).as(run.output()).isZero();
      assertThat(rebuiltRoots(run.output())).isEqualTo(sourceRoots());
      assertThat(run.output()).doesNotContain("without search keys");
    }
    // The same rows, search keys included: the rekord's and the rpm's derived from stored bodies.
    assertThat(v1Rows(replayed)).isEqualTo(v1Rows(SOURCE));

    // One entry body changed in the recording: its UUID no longer matches, nothing is written.
    String retrieve =
        recording.keySet().stream().filter(k -> k.startsWith("POST ")).findFirst().orElseThrow();
    StaticServer.Recorded original = recording.get(retrieve);
    JsonNode answer = JSON.readTree(original.body());
    String entryId = answer.get(0).propertyNames().iterator().next();
    tools.jackson.databind.node.ObjectNode entry =
        (tools.jackson.databind.node.ObjectNode) answer.get(0).get(entryId);
    entry.put("integratedTime", entry.get("integratedTime").longValue() + 1);
    recording.put(retrieve, new StaticServer.Recorded(200, JSON.writeValueAsBytes(answer)));
    TestDatabase.Coordinates refused = TestDatabase.create();
    try (StaticServer replay = StaticServer.recorder(null, recording)) {
      Lifecycle.Run run = Lifecycle.run(refused, DATA_DIR, "import-rekor", replay.uri().toString());
      assertThat(run.status()).isEqualTo(1);
      assertThat(run.output()).contains("import-rekor: FAILED, nothing imported").contains("SET");
    }
    assertThat(count(refused, "SELECT count(*) FROM trees")).isZero();

    // A retrieve request the source keeps failing is retried with backoff, then named.
    recording.put(
        retrieve,
        new StaticServer.Recorded(
            503, "{\"code\":503,\"message\":\"unavailable\"}".getBytes(UTF_8)));
    TestDatabase.Coordinates unavailable = TestDatabase.create();
    try (StaticServer replay = StaticServer.recorder(null, recording)) {
      Lifecycle.Run run =
          Lifecycle.run(unavailable, DATA_DIR, "import-rekor", replay.uri().toString());
      assertThat(run.status()).isEqualTo(1);
      assertThat(run.output())
          .contains("import-rekor: FAILED, nothing imported: POST ")
          .contains("entries/retrieve: gave up after 5 attempts, last: HTTP 503");
    }
    assertThat(count(unavailable, "SELECT count(*) FROM trees")).isZero();
  }

  private static List<String> rebuiltRoots(String output) {
    Matcher m = Pattern.compile("rebuilt root ([0-9a-f]{64}) = root of").matcher(output);
    List<String> roots = new ArrayList<>();
    while (m.find()) {
      roots.add(m.group(1));
    }
    return roots;
  }

  private static Auditor.Report clientAudit(URI log, String vkey) throws Exception {
    HttpFetcher http = new HttpFetcher(HttpOptions.defaults());
    try (TileClient tiles = new TileClient(http, log)) {
      CheckpointVerifier verifier =
          new CheckpointVerifier(
              LogKey.fromVerifierKey(VerifierKey.parse(vkey)), Optional.empty(), Optional.empty());
      return new Auditor(tiles, verifier, Progress.none()).audit(List.of());
    }
  }

  /** Every tree, entry and checkpoint row, as text, to compare two databases. */
  private static List<String> rows(TestDatabase.Coordinates db) throws Exception {
    return query(
        db,
        "SELECT t.tree_id, t.state, t.flavour, t.log_id, t.virtual_offset, t.origin, t.tile_prefix,"
            + " t.tile_origin, t.final_size, h.size, h.root_hash,"
            + " (SELECT md5(string_agg(e.idx || e.leaf_hash::text || e.kind || e.api_version"
            + " || e.body::text || e.integrated_time || e.entry_timestamp::text, ',' ORDER BY idx))"
            + " FROM entries e WHERE e.tree_id = t.tree_id),"
            + " (SELECT md5(string_agg(c.size || c.note || coalesce(c.c2sp_note, ''), ',' ORDER BY"
            + " c.size)) FROM checkpoints c WHERE c.tree_id = t.tree_id),"
            + " (SELECT md5(string_agg(k.search_key || k.idx, ',' ORDER BY k.search_key, k.idx))"
            + " FROM search_keys k WHERE k.tree_id = t.tree_id),"
            + " (SELECT md5(string_agg(md5(t2.hashes), ',' ORDER BY t2.level, t2.idx)) FROM tiles t2"
            + " WHERE t2.tree_id = t.tree_id)"
            + " FROM trees t JOIN tree_head h USING (tree_id) ORDER BY t.flavour, t.virtual_offset");
  }

  /** The v1 shards' identity and entries as Rekor clients see them. */
  private static List<String> v1Rows(TestDatabase.Coordinates db) throws Exception {
    return query(
        db,
        "SELECT t.tree_id, t.log_id, t.virtual_offset, t.origin, h.size, h.root_hash,"
            + " (SELECT md5(string_agg(e.idx || e.leaf_hash::text || e.body::text"
            + " || e.integrated_time || e.entry_timestamp::text, ',' ORDER BY idx))"
            + " FROM entries e WHERE e.tree_id = t.tree_id),"
            + " (SELECT md5(string_agg(k.search_key || k.idx, ',' ORDER BY k.search_key, k.idx))"
            + " FROM search_keys k WHERE k.tree_id = t.tree_id)"
            + " FROM trees t JOIN tree_head h USING (tree_id) WHERE t.flavour = 'rekor_v1'"
            + " ORDER BY t.virtual_offset");
  }

  private static List<String> query(TestDatabase.Coordinates db, String sql) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      List<String> rows = new ArrayList<>();
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder row = new StringBuilder();
        for (int i = 1; i <= columns; i++) {
          row.append(rs.getString(i)).append('|');
        }
        rows.add(row.toString());
      }
      return rows;
    }
  }

  private static long count(TestDatabase.Coordinates db, String sql) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
