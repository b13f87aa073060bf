package dev.waxseal.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.merkle.proof.ConsistencyProof;
import dev.waxseal.merkle.proof.InclusionProof;
import dev.waxseal.merkle.proof.ProofVerifier;
import dev.waxseal.server.testing.StreamingReplication;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The read replica (docs/read-replicas.md) against a real PostgreSQL primary and a real hot standby
 * streaming from it ({@link StreamingReplication}). Which server ran a read is asked of the servers
 * themselves: {@code pg_stat_statements} counts each statement on the server that executed it.
 *
 * <p>The tile cache is off, so every proof reads its tiles from a database; the replica is probed
 * every 200 ms. The methods run in order on one log: reads served by the standby, the writer never
 * on it, a standby whose replay is paused, and a standby that is stopped.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "waxseal.log.batch-max-age=5ms",
      "waxseal.log.tile-cache-size=0",
      "waxseal.read-datasource.probe-every=200ms",
      "management.server.port=0"
    })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DirtiesContext
class ReadReplicaIT {
  // Statement texts as pg_stat_statements records them (PostgresLogStore's SQL).
  private static final String ENTRY_BY_INDEX = "FROM entries WHERE tree_id = $1 AND idx = $2";
  private static final String ENTRY_BY_LEAF = "FROM entries WHERE tree_id = $1 AND leaf_hash = $2";
  private static final String TILES = "FROM tiles WHERE tree_id = $1 AND (level, idx) IN";
  private static final String SEARCH = "FROM search_keys WHERE search_key = ANY";
  private static final String HEAD_LOCK = "FROM tree_head WHERE tree_id = $1 FOR UPDATE";
  private static final String EXISTING_LEAVES = "e.leaf_hash = h.leaf_hash) FROM unnest(";
  private static final String INSERT_ENTRIES = "INSERT INTO entries";
  private static final List<String> READS = List.of(ENTRY_BY_INDEX, ENTRY_BY_LEAF, TILES, SEARCH);
  private static final List<String> WRITES = List.of(HEAD_LOCK, EXISTING_LEAVES, INSERT_ENTRIES);

  private static StreamingReplication replication;

  @LocalServerPort int port;

  @Value("${local.management.port}")
  int managementPort;

  @Autowired MeterRegistry registry;

  private ApiClient api;

  @DynamicPropertySource
  static void databases(DynamicPropertyRegistry registry) throws Exception {
    replication = StreamingReplication.start();
    registry.add("spring.datasource.url", replication::primaryUrl);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("waxseal.read-datasource.url", replication::standbyUrl);
    registry.add("waxseal.read-datasource.username", () -> "postgres");
    String dataDir = replication.directory("server").toString();
    registry.add("waxseal.data-dir", () -> dataDir);
  }

  @BeforeEach
  void client() {
    api = new ApiClient(port);
  }

  /** Stops the two servers when the context closes, after the pools that use them. */
  @TestConfiguration(proxyBeanMethods = false)
  static class Servers {
    @Bean(destroyMethod = "close")
    StreamingReplication replication() {
      return replication;
    }

    @Bean
    static BeanFactoryPostProcessor dataSourceBeforeServers() {
      return factory -> factory.getBeanDefinition("dataSource").setDependsOn("replication");
    }
  }

  /** One entry as created. */
  record Created(String uuid, long logIndex, String digestHex, JsonNode entry) {}

  @Test
  @Order(1)
  void entryProofAndSearchReadsAreServedByTheStandby() throws Exception {
    List<Created> created = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      created.add(append("served by the standby " + i));
    }
    awaitStandbyCaughtUp();
    Map<String, Long> standbyBefore = calls(replication::standby, READS);
    Map<String, Long> primaryBefore = calls(replication::primary, READS);

    Created second = created.get(1);
    ApiClient.Response byIndex = api.get("/api/v1/log/entries?logIndex=" + second.logIndex());
    assertThat(byIndex.status()).as(byIndex.body()).isEqualTo(200);
    assertThat(byIndex.entryId()).isEqualTo(second.uuid());
    ApiClient.Response byUuid = api.get("/api/v1/log/entries/" + second.uuid());
    assertThat(byUuid.status()).as(byUuid.body()).isEqualTo(200);
    assertThat(search(second.digestHex())).contains(second.uuid());
    long size = api.treeSize();
    ApiClient.Response proof = api.get("/api/v1/log/proof?firstSize=1&lastSize=" + size);
    assertThat(proof.status()).as(proof.body()).isEqualTo(200);

    Map<String, Long> standbyAfter = calls(replication::standby, READS);
    Map<String, Long> primaryAfter = calls(replication::primary, READS);
    for (String read : READS) {
      assertThat(standbyAfter.get(read))
          .as("standby ran: %s", read)
          .isGreaterThan(standbyBefore.get(read));
      assertThat(primaryAfter.get(read))
          .as("primary ran: %s", read)
          .isEqualTo(primaryBefore.get(read));
    }
    assertThat(
            registry.get("waxseal.read_replica.reads").tag("outcome", "replica").counter().count())
        .isGreaterThanOrEqualTo(4);
  }

  @Test
  @Order(2)
  void theWriterNeverUsesTheStandby() throws Exception {
    Map<String, Long> standbyBefore = calls(replication::standby, WRITES);
    Map<String, Long> primaryBefore = calls(replication::primary, WRITES);
    for (int i = 0; i < 5; i++) {
      append("written to the primary " + i);
    }
    Map<String, Long> standbyAfter = calls(replication::standby, WRITES);
    Map<String, Long> primaryAfter = calls(replication::primary, WRITES);
    for (String write : WRITES) {
      assertThat(primaryAfter.get(write))
          .as("primary ran: %s", write)
          .isGreaterThan(primaryBefore.get(write));
      // The standby is read-only: a write sent there would also have failed the appends above.
      assertThat(standbyAfter.get(write))
          .as("standby ran: %s", write)
          .isEqualTo(standbyBefore.get(write));
    }
  }

  @Test
  @Order(3)
  void aLaggingStandbyNeverCausesA404OrAProofForASizeItHasNotReplayed() throws Exception {
    try (Connection standby = replication.standby();
        Statement s = standby.createStatement()) {
      s.execute("SELECT pg_wal_replay_pause()");
      await(
          () ->
              "paused"
                  .equals(query(replication::standby, "SELECT pg_get_wal_replay_pause_state()")),
          "replay paused");
      double behindBefore = behind();

      Created created = append("appended while the standby lags");
      JsonNode inclusion = created.entry().get("verification").get("inclusionProof");
      long size = inclusion.get("treeSize").longValue();
      assertThat(standbySize()).as("the standby has not replayed the new entry").isLessThan(size);

      ApiClient.Response byIndex = api.get("/api/v1/log/entries?logIndex=" + created.logIndex());
      assertThat(byIndex.status()).as(byIndex.body()).isEqualTo(200);
      assertThat(byIndex.entryId()).isEqualTo(created.uuid());
      verifyInclusion(byIndex.entry(), size);
      ApiClient.Response byUuid = api.get("/api/v1/log/entries/" + created.uuid());
      assertThat(byUuid.status()).as(byUuid.body()).isEqualTo(200);
      verifyInclusion(byUuid.entry(), size);
      assertThat(search(created.digestHex())).containsExactly(created.uuid());

      // A consistency proof to the new size, checked against the roots the log signed.
      Hash root = Hash.fromHex(inclusion.get("rootHash").stringValue());
      ApiClient.Response proof = api.get("/api/v1/log/proof?firstSize=1&lastSize=" + size);
      assertThat(proof.status()).as(proof.body()).isEqualTo(200);
      assertThat(proof.json().get("rootHash").stringValue()).isEqualTo(root.hex());
      List<Hash> hashes = new ArrayList<>();
      proof.json().get("hashes").values().forEach(h -> hashes.add(Hash.fromHex(h.stringValue())));
      ProofVerifier.verifyConsistency(new ConsistencyProof(1, size, hashes), firstLeafHash(), root);

      // The tile API: the level-0 tile as wide as the new size ends with the new leaf.
      byte[] tile = tile("/tile/0/000.p/" + size);
      assertThat(tile).hasSize(32 * (int) size);
      byte[] body = Base64.getDecoder().decode(created.entry().get("body").stringValue());
      assertThat(Hash.of(java.util.Arrays.copyOfRange(tile, tile.length - 32, tile.length)))
          .isEqualTo(Rfc6962.leafHash(body));

      assertThat(behind())
          .as("reads sent to the primary because of lag")
          .isGreaterThan(behindBefore);
      await(() -> lagEntries() >= 1, "waxseal.read_replica.lag.entries >= 1");
      s.execute("SELECT pg_wal_replay_resume()");
    }
    awaitStandbyCaughtUp();
    await(() -> lagEntries() == 0, "waxseal.read_replica.lag.entries back to 0");
  }

  @Test
  @Order(4)
  void aStoppedStandbyDegradesToThePrimaryQuickly() throws Exception {
    Created created = append("read after the standby stopped");
    awaitStandbyCaughtUp();
    replication.stopStandby();
    double errorsBefore = outcome("error");
    double downBefore = outcome("down");
    long size = api.treeSize();
    long start = System.nanoTime();
    for (int i = 0; i < 5; i++) {
      ApiClient.Response byIndex = api.get("/api/v1/log/entries?logIndex=" + created.logIndex());
      assertThat(byIndex.status()).as(byIndex.body()).isEqualTo(200);
      verifyInclusion(byIndex.entry(), size);
      assertThat(api.get("/api/v1/log/entries/" + created.uuid()).status()).isEqualTo(200);
      assertThat(search(created.digestHex())).containsExactly(created.uuid());
      assertThat(api.get("/api/v1/log/proof?firstSize=1&lastSize=" + size).status()).isEqualTo(200);
    }
    System.out.printf(
        "20 requests after the standby stopped: %.3f s%n", (System.nanoTime() - start) / 1e9);
    // Quickly: one read finds out that the standby is gone (its failure marks it down, if the
    // probe has not already; a second one only if a probe that finished just before the stop
    // marked it up again); every later read goes straight to the primary without trying it, so
    // without waiting the replica pool's connect timeout. No wall-clock bound: this machine's load
    // decides those (0.5 s to 7.7 s measured for the 20 requests).
    assertThat(outcome("error") - errorsBefore).isLessThanOrEqualTo(2);
    assertThat(outcome("down") - downBefore).isGreaterThanOrEqualTo(20);
    assertThat(registry.get("waxseal.read_replica.up").gauge().value()).isZero();
  }

  private double outcome(String outcome) {
    return registry.get("waxseal.read_replica.reads").tag("outcome", outcome).counter().count();
  }

  @Test
  @Order(5)
  void everySeriesOfTheReadReplicaSectionOfOperationsMdIsExported() throws Exception {
    Path dir = Path.of("").toAbsolutePath();
    while (!Files.exists(dir.resolve("docs/operations.md"))) {
      dir = dir.getParent();
      assertThat(dir).as("docs/operations.md above the working directory").isNotNull();
    }
    String doc = Files.readString(dir.resolve("docs/operations.md"));
    int start = doc.indexOf("\n## Read replica\n");
    assertThat(start).as("the Read replica section").isPositive();
    int end = doc.indexOf("\n## ", start + 1);
    List<String> names = new ArrayList<>();
    for (String line : doc.substring(start, end).split("\n")) {
      Matcher row = Pattern.compile("^\\| `([^`]+)` \\| (\\w+) ").matcher(line);
      if (!row.find()) {
        continue;
      }
      String name = row.group(1);
      String suffix = row.group(2).equals("counter") && !name.endsWith("_total") ? "_total" : "";
      Matcher alternatives = Pattern.compile("\\{([^}]+)}").matcher(name);
      if (alternatives.find()) {
        for (String a : alternatives.group(1).split(",")) {
          names.add(alternatives.replaceFirst(a) + suffix);
        }
      } else {
        names.add(name + suffix);
      }
    }
    assertThat(names).contains("waxseal_read_replica_lag_seconds", "hikaricp_connections_max");
    String scrape = new ApiClient(managementPort).get("/actuator/prometheus").body();
    for (String name : names) {
      assertThat(scrape).as(name).containsPattern("(?m)^" + name + "\\{");
    }
    assertThat(scrape)
        .contains("hikaricp_connections_max{application=\"waxseal\",pool=\"waxseal-read\"}");
    assertThat(scrape)
        .contains("waxseal_read_replica_reads_total{application=\"waxseal\",outcome=\"behind\"}");
  }

  private Created append(String what) {
    Signers.Signed signed =
        Signers.signed(Signers.Key.P256, Signers.utf8(what + " " + System.nanoTime()), false, "");
    ApiClient.Response response = api.post("/api/v1/log/entries", signed.request());
    assertThat(response.status()).as(response.body()).isEqualTo(201);
    JsonNode entry = response.entry();
    return new Created(
        response.entryId(), entry.get("logIndex").longValue(), signed.digestHex(), entry);
  }

  private List<String> search(String digestHex) {
    ApiClient.Response response =
        api.post("/api/v1/index/retrieve", "{\"hash\":\"sha256:" + digestHex + "\"}");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    response.json().values().forEach(id -> ids.add(id.stringValue()));
    return ids;
  }

  private static void verifyInclusion(JsonNode entry, long minimumSize) throws Exception {
    byte[] body = Base64.getDecoder().decode(entry.get("body").stringValue());
    JsonNode proof = entry.get("verification").get("inclusionProof");
    List<Hash> hashes = new ArrayList<>();
    proof.get("hashes").values().forEach(h -> hashes.add(Hash.fromHex(h.stringValue())));
    long treeSize = proof.get("treeSize").longValue();
    assertThat(treeSize).isGreaterThanOrEqualTo(minimumSize);
    ProofVerifier.verifyInclusion(
        new InclusionProof(proof.get("logIndex").longValue(), treeSize, hashes),
        Rfc6962.leafHash(body),
        Hash.fromHex(proof.get("rootHash").stringValue()));
  }

  private Hash firstLeafHash() {
    ApiClient.Response first = api.get("/api/v1/log/entries?logIndex=0");
    assertThat(first.status()).as(first.body()).isEqualTo(200);
    return Rfc6962.leafHash(Base64.getDecoder().decode(first.entry().get("body").stringValue()));
  }

  private byte[] tile(String path) throws Exception {
    HttpResponse<byte[]> response =
        HttpClient.newHttpClient()
            .send(api.request(path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private double behind() {
    return registry.get("waxseal.read_replica.reads").tag("outcome", "behind").counter().count();
  }

  private double lagEntries() {
    return registry.get("waxseal.read_replica.lag.entries").gauge().value();
  }

  /** The active v1 shard's size on the standby. */
  private long standbySize() throws Exception {
    long treeId = api.get("/api/v1/log").json().get("treeID").asLong();
    return Long.parseLong(
        query(replication::standby, "SELECT size FROM tree_head WHERE tree_id = " + treeId));
  }

  private static void awaitStandbyCaughtUp() throws Exception {
    String heads = "SELECT string_agg(tree_id || ':' || size, ',' ORDER BY tree_id) FROM tree_head";
    String want = query(replication::primary, heads);
    await(() -> want.equals(query(replication::standby, heads)), "the standby at " + want);
  }

  private interface Server {
    Connection connect() throws SQLException;
  }

  /** For each statement fragment, the calls pg_stat_statements counted on {@code server}. */
  private static Map<String, Long> calls(Server server, List<String> fragments)
      throws SQLException {
    Map<String, Long> calls = new HashMap<>();
    try (Connection c = server.connect();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT coalesce(sum(calls), 0) FROM pg_stat_statements"
                    + " WHERE strpos(query, ?) > 0")) {
      for (String fragment : fragments) {
        s.setString(1, fragment);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          calls.put(fragment, rs.getLong(1));
        }
      }
    }
    return calls;
  }

  private static String query(Server server, String sql) {
    try (Connection c = server.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return String.valueOf(rs.getString(1));
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waiting for %s", what).isLessThan(deadline);
      Thread.sleep(20);
    }
  }
}
