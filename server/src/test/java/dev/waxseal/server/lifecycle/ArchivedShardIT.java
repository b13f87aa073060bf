package dev.waxseal.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.testing.TestDatabase;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.Statement;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.PGConnection;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Archiving a frozen shard, as docs/capacity.md says to: three shards with entries (3 + 3 + 2); the
 * first shard's entries, search keys and attestations partitions are detached concurrently while
 * the server runs, copied out and dropped. The active shard keeps taking appends and answering
 * reads, search and proofs; the archived shard's entries answer 410 in Rekor's error shape (never a
 * 500), its checkpoint and consistency proofs are still served, and {@code audit} reports it as
 * archived and checks what is left of it.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"waxseal.shards.max-size=3", "waxseal.hostname=" + LifecycleIT.HOSTNAME})
class ArchivedShardIT {
  private static final TestDatabase.Coordinates DB = TestDatabase.create();

  /** The server's keys, shared with the lifecycle commands run on its database. */
  @TempDir static Path dataDir;

  @TempDir Path scratch;
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", DB::jdbcUrl);
    registry.add("spring.datasource.username", DB::username);
    registry.add("spring.datasource.password", DB::password);
    registry.add("waxseal.data-dir", dataDir::toString);
  }

  @Test
  void archivedShardAnswersGoneWhileTheOthersServe() throws Exception {
    TestEntries entries = new TestEntries(20);
    for (int i = 0; i < 8; i++) {
      assertThat(entries.log(base(), "archive " + i)).isEqualTo(201);
    }
    JsonNode log = json(get("/api/v1/log"), 200);
    assertThat(log.get("inactiveShards").size()).isEqualTo(2);
    long first = treeOf(1);
    assertThat(treeOf(4)).isNotEqualTo(first);
    String firstUuid =
        json(get("/api/v1/log/entries?logIndex=1"), 200).propertyNames().iterator().next();
    String firstShardConsistency =
        get("/api/v1/log/proof?firstSize=1&lastSize=3&treeID=" + first).body();

    // The documented procedure (docs/capacity.md), on the running log.
    try (Connection c = DB.connect();
        Statement s = c.createStatement()) {
      for (String table : new String[] {"search_keys", "attestations", "entries"}) {
        s.execute(
            "ALTER TABLE " + table + " DETACH PARTITION " + table + "_" + first + " CONCURRENTLY");
      }
      // The archive: the detached tables are whole (pg_dump -t … in production).
      assertThat(copyOut(c, "entries_" + first).lines().count()).isEqualTo(3);
      assertThat(copyOut(c, "search_keys_" + first)).isNotEmpty();
      s.execute(
          "DROP TABLE search_keys_" + first + ", attestations_" + first + ", entries_" + first);
    }

    // The archived shard's entries: 410 in Rekor's shape, by index and by 80-hex UUID.
    HttpResponse<String> gone = get("/api/v1/log/entries?logIndex=1");
    assertThat(gone.statusCode()).isEqualTo(410);
    JsonNode error = JSON.readTree(gone.body());
    assertThat(error.get("code").intValue()).isEqualTo(410);
    assertThat(error.get("message").stringValue())
        .contains("archived")
        .contains(Long.toString(first));
    assertThat(get("/api/v1/log/entries/" + firstUuid).statusCode()).isEqualTo(410);
    // By leaf hash alone the archived shard is not searched: not found.
    assertThat(get("/api/v1/log/entries/" + firstUuid.substring(16)).statusCode()).isEqualTo(404);
    // Retrieve leaves it out, like an entry that is not there.
    JsonNode retrieved = json(post("/api/v1/log/entries/retrieve", "{\"logIndexes\":[1,4]}"), 200);
    assertThat(retrieved.size()).isEqualTo(1);
    assertThat(retrieved.get(0).values().iterator().next().get("logIndex").longValue())
        .isEqualTo(4);
    // Its entry bundle on the tile API: 410 too; its checkpoint and consistency proofs remain.
    assertThat(get("/tile/entries/000.p/3").statusCode()).isEqualTo(410);
    assertThat(get("/checkpoint").statusCode()).isEqualTo(200);
    assertThat(get("/api/v1/log/proof?firstSize=1&lastSize=3&treeID=" + first).body())
        .isEqualTo(firstShardConsistency);
    // Search: the archived shard's keys went with it; the others' are found.
    assertThat(search("archive 0")).isEqualTo("[]");
    assertThat(search("archive 4")).contains(String.format("%016x", treeOf(4)));

    // The frozen second shard and the active one serve entries with proofs; appends go on.
    assertThat(json(get("/api/v1/log/entries?logIndex=4"), 200).toString())
        .contains("inclusionProof");
    assertThat(json(get("/api/v1/log/entries?logIndex=7"), 200).toString())
        .contains("inclusionProof");
    assertThat(entries.log(base(), "archive 8")).isEqualTo(201);
    JsonNode newest = json(get("/api/v1/log/entries?logIndex=8"), 200);
    assertThat(newest.toString()).contains("inclusionProof");
    assertThat(search("archive 8")).isNotEqualTo("[]");
    assertThat(get("/api/v1/log/entries?logIndex=9").statusCode()).isEqualTo(404);

    // audit says what it did about the archived shard, and passes.
    Lifecycle.Run audit = Lifecycle.run(DB, dataDir, "audit");
    assertThat(audit.status()).as(audit.output()).isZero();
    assertThat(audit.output())
        .contains("tree " + first + " (rekor_v1, frozen, ARCHIVED, virtual offset 0) size 3")
        .contains("entries archived (not in this database, not rehashed)")
        .contains("(1 archived: entries not audited), 6 entries");

    // export cannot write the archived shard, and says why.
    Lifecycle.Run export = Lifecycle.run(DB, dataDir, "export", scratch.toString());
    assertThat(export.status()).isEqualTo(1);
    assertThat(export.output()).contains("tree " + first + " is archived");

    // A tampered tile of the archived shard is still caught.
    try (Connection c = DB.connect();
        Statement s = c.createStatement()) {
      s.execute(
          "UPDATE tiles SET hashes = set_byte(hashes, 0, get_byte(hashes, 0) # 1) WHERE tree_id = "
              + first);
    }
    Lifecycle.Run tampered = Lifecycle.run(DB, dataDir, "audit");
    assertThat(tampered.status()).isEqualTo(1);
    assertThat(tampered.output()).contains("tree " + first).contains("the stored tiles give");
  }

  /** The tree of the entry logged as {@code "archive <i>"}, from its UUID. */
  private long treeOf(int i) throws Exception {
    String uuid =
        json(get("/api/v1/log/entries?logIndex=" + i), 200).propertyNames().iterator().next();
    return Long.parseUnsignedLong(uuid.substring(0, 16), 16);
  }

  private String search(String artifact) throws Exception {
    String hex =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(artifact.getBytes(StandardCharsets.UTF_8)));
    HttpResponse<String> r = post("/api/v1/index/retrieve", "{\"hash\":\"sha256:" + hex + "\"}");
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  private static String copyOut(Connection c, String table) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY " + table + " TO STDOUT", out);
    return out.toString(StandardCharsets.UTF_8);
  }

  private URI base() {
    return URI.create("http://127.0.0.1:" + port);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(base().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(base().resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response, int status) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return JSON.readTree(response.body());
  }
}
