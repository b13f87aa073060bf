package dev.waxseal.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.proof.ConsistencyProof;
import dev.waxseal.merkle.proof.InclusionProof;
import dev.waxseal.merkle.proof.ProofVerifier;
import dev.waxseal.server.signing.PemKeyFiles;
import dev.waxseal.server.signing.SignatureAlgorithm;
import dev.waxseal.server.signing.SignedEntryTimestamps;
import dev.waxseal.server.testing.CheckpointVerifier;
import dev.waxseal.server.testing.PostgresIntegrationTest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Rotation under load, on a real PostgreSQL: writers keep creating entries over HTTP while the
 * operator rotates twice through {@code POST /actuator/shards} on the management port (the second
 * time to a new key). Afterwards: no request failed, the virtual index has no gap and no overlap,
 * every acknowledged entry is served by virtual index and by both id forms, every inclusion proof
 * and SET verifies against its own shard's checkpoint and key, and every checkpoint of every shard
 * is consistent with that shard's final or latest one.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "waxseal.hostname=" + RotationUnderLoadIT.HOSTNAME,
      "management.server.port=0",
      "waxseal.log.batch-max-age=5ms"
    })
class RotationUnderLoadIT extends PostgresIntegrationTest {
  static final String HOSTNAME = "rotation.test";
  private static final int WRITERS = 6;

  /** Acknowledged writes before each rotation and after the last one. */
  private static final int PER_PHASE = 150;

  @LocalServerPort int port;

  @Value("${local.management.port}")
  int managementPort;

  /** Read once, when the application starts. */
  @TempDir static Path keys;

  @DynamicPropertySource
  static void secondKey(DynamicPropertyRegistry registry) throws Exception {
    Path key = keys.resolve("k2.pem");
    PemKeyFiles.generate(SignatureAlgorithm.ECDSA_P256_SHA256, key);
    registry.add("waxseal.signer.shard-keys.k2.key-file", key::toString);
  }

  /** One acknowledged write. */
  record Write(String entryId, long logIndex, long startNanos, long nanos, String response) {}

  @Test
  void rotatesTwiceUnderLoadWithoutFailingOrLosingAnything() throws Exception {
    ApiClient api = new ApiClient(port);
    ApiClient management = new ApiClient(managementPort);
    assertThat(api.get("/actuator/shards").status()).isEqualTo(404);
    assertThat(api.post("/actuator/shards", "{}").status()).isEqualTo(404);

    ConcurrentLinkedQueue<Write> writes = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong counter = new AtomicLong();
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    List<Future<?>> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      writers.add(
          pool.submit(
              () -> {
                while (running.get()) {
                  Signers.Signed signed =
                      Signers.signed(
                          Signers.Key.P256,
                          Signers.utf8("rotation " + counter.incrementAndGet()),
                          false,
                          "");
                  long start = System.nanoTime();
                  ApiClient.Response r = api.post("/api/v1/log/entries", signed.request());
                  long took = System.nanoTime() - start;
                  if (r.status() != 201) {
                    failures.add(r.status() + " " + r.body());
                    continue;
                  }
                  writes.add(
                      new Write(
                          r.entryId(),
                          r.entry().get("logIndex").longValue(),
                          start,
                          took,
                          r.body()));
                }
              }));
    }
    long t0 = System.nanoTime();
    awaitWrites(writes, PER_PHASE);
    long rotation1 = System.nanoTime();
    ApiClient.Response first = management.post("/actuator/shards", "{}");
    long rotation1Took = System.nanoTime() - rotation1;
    awaitWrites(writes, 2 * PER_PHASE);
    long rotation2 = System.nanoTime();
    ApiClient.Response second = management.post("/actuator/shards", "{\"keyId\":\"k2\"}");
    long rotation2Took = System.nanoTime() - rotation2;
    awaitWrites(writes, 3 * PER_PHASE);
    running.set(false);
    for (Future<?> writer : writers) {
      writer.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    long t1 = System.nanoTime();

    assertThat(first.status()).as(first.body()).isEqualTo(200);
    assertThat(second.status()).as(second.body()).isEqualTo(200);
    assertThat(second.json().get("rotated").get("keyId").stringValue()).isEqualTo("k2");
    assertThat(failures).isEmpty();

    report(new ArrayList<>(writes), t1 - t0, rotation1, rotation2, rotation1Took, rotation2Took);
    System.out.printf(
        "head lock held by the rotations: %.1f ms and %.1f ms%n",
        first.json().get("rotated").get("pauseMillis").doubleValue(),
        second.json().get("rotated").get("pauseMillis").doubleValue());

    JsonNode log = api.get("/api/v1/log").json();
    assertThat(log.get("inactiveShards").size()).isEqualTo(2);
    Map<Long, CheckpointVerifier> verifiers = new HashMap<>();
    Map<Long, Hash> logIds = new HashMap<>();
    Map<Long, JsonNode> finalHeads = new HashMap<>();
    List<JsonNode> shards = new ArrayList<>();
    log.get("inactiveShards").values().forEach(shards::add);
    shards.add(log);
    long expectedTotal = 0;
    for (JsonNode shard : shards) {
      long treeId = Long.parseLong(shard.get("treeID").stringValue());
      String pem = api.get("/api/v1/log/publicKey?treeID=" + treeId).body();
      byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
      verifiers.put(treeId, new CheckpointVerifier(HOSTNAME, der));
      logIds.put(treeId, Hash.of(Rfc6962.sha256(der)));
      finalHeads.put(treeId, shard);
      Checkpoint head = verifiers.get(treeId).open(shard.get("signedTreeHead").stringValue());
      assertThat(head.size()).isEqualTo(shard.get("treeSize").longValue());
      assertThat(head.size()).as("every shard took writes").isGreaterThan(0);
      expectedTotal += head.size();
    }
    assertThat(new HashSet<>(logIds.values())).as("the second rotation took a new key").hasSize(2);

    // Dense, unique virtual indexes over every acknowledged entry, and nothing else in the log.
    List<Write> all = new ArrayList<>(writes);
    Set<Long> indexes = new HashSet<>();
    for (Write w : all) {
      assertThat(indexes.add(w.logIndex())).as("index %d given twice", w.logIndex()).isTrue();
    }
    assertThat(indexes).hasSize(all.size());
    assertThat(Collections.max(indexes)).isEqualTo(all.size() - 1L);
    assertThat(expectedTotal).isEqualTo(all.size());

    Map<Long, TreeMap<Long, Hash>> seenHeads = new HashMap<>();
    for (Write w : all) {
      long treeId = Long.parseLong(w.entryId().substring(0, 16), 16);
      JsonNode created = parse(w.response());
      verify(w.entryId(), created, verifiers, logIds, seenHeads);
      ApiClient.Response byIndex = api.get("/api/v1/log/entries?logIndex=" + w.logIndex());
      assertThat(byIndex.entryId()).isEqualTo(w.entryId());
      verify(byIndex.entryId(), byIndex.entry(), verifiers, logIds, seenHeads);
      assertThat(api.get("/api/v1/log/entries/" + w.entryId()).entryId()).isEqualTo(w.entryId());
      assertThat(api.get("/api/v1/log/entries/" + w.entryId().substring(16)).entryId())
          .isEqualTo(w.entryId());
      assertThat(finalHeads).containsKey(treeId);
    }

    // Every checkpoint any response carried is consistent with its shard's last one.
    for (Map.Entry<Long, TreeMap<Long, Hash>> shard : seenHeads.entrySet()) {
      long treeId = shard.getKey();
      JsonNode last = finalHeads.get(treeId);
      long lastSize = last.get("treeSize").longValue();
      Hash lastRoot = Hash.fromHex(last.get("rootHash").stringValue());
      for (Map.Entry<Long, Hash> head : shard.getValue().entrySet()) {
        JsonNode proof =
            api.get(
                    "/api/v1/log/proof?firstSize="
                        + head.getKey()
                        + "&lastSize="
                        + lastSize
                        + "&treeID="
                        + treeId)
                .json();
        List<Hash> hashes = new ArrayList<>();
        proof.get("hashes").values().forEach(h -> hashes.add(Hash.fromHex(h.stringValue())));
        ProofVerifier.verifyConsistency(
            new ConsistencyProof(head.getKey(), lastSize, hashes), head.getValue(), lastRoot);
      }
    }

    JsonNode listing = management.get("/actuator/shards").json();
    assertThat(listing.get("shards").size()).isEqualTo(3);
    System.out.println("GET /actuator/shards (management port): " + listing);
    System.out.println("GET /api/v1/log: " + api.get("/api/v1/log").body());
  }

  private static void awaitWrites(ConcurrentLinkedQueue<Write> writes, int count)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (writes.size() < count) {
      assertThat(System.nanoTime()).as("%d writes within 120 s", count).isLessThan(deadline);
      Thread.sleep(5);
    }
  }

  private static JsonNode parse(String body) {
    return dev.waxseal.server.entries.CanonicalJson.parse(
            body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .values()
        .iterator()
        .next();
  }

  /** Inclusion proof, checkpoint signature and SET, against the entry's own shard. */
  private static void verify(
      String entryId,
      JsonNode entry,
      Map<Long, CheckpointVerifier> verifiers,
      Map<Long, Hash> logIds,
      Map<Long, TreeMap<Long, Hash>> seenHeads)
      throws Exception {
    long treeId = Long.parseLong(entryId.substring(0, 16), 16);
    byte[] body = Base64.getDecoder().decode(entry.get("body").stringValue());
    Hash leafHash = Rfc6962.leafHash(body);
    assertThat(entryId).endsWith(leafHash.hex());
    assertThat(entry.get("logID").stringValue()).isEqualTo(logIds.get(treeId).hex());
    JsonNode proof = entry.get("verification").get("inclusionProof");
    List<Hash> hashes = new ArrayList<>();
    proof.get("hashes").values().forEach(h -> hashes.add(Hash.fromHex(h.stringValue())));
    Hash root = Hash.fromHex(proof.get("rootHash").stringValue());
    long treeSize = proof.get("treeSize").longValue();
    ProofVerifier.verifyInclusion(
        new InclusionProof(proof.get("logIndex").longValue(), treeSize, hashes), leafHash, root);
    CheckpointVerifier verifier = verifiers.get(treeId);
    Checkpoint checkpoint = verifier.open(proof.get("checkpoint").stringValue());
    assertThat(checkpoint.origin()).isEqualTo(HOSTNAME + " - " + treeId);
    assertThat(checkpoint.size()).isEqualTo(treeSize);
    assertThat(checkpoint.rootHash()).isEqualTo(root);
    seenHeads.computeIfAbsent(treeId, k -> new TreeMap<>()).put(treeSize, root);
    byte[] payload =
        SignedEntryTimestamps.payload(
            body,
            entry.get("integratedTime").longValue(),
            entry.get("logID").stringValue(),
            entry.get("logIndex").longValue());
    byte[] set =
        Base64.getDecoder()
            .decode(entry.get("verification").get("signedEntryTimestamp").stringValue());
    assertThat(verifier.verifies(payload, set)).as("SET of %s verifies", entryId).isTrue();
  }

  private static void report(
      List<Write> writes,
      long elapsedNanos,
      long rotation1,
      long rotation2,
      long rotation1Took,
      long rotation2Took) {
    List<Long> latencies = new ArrayList<>();
    List<Long> around = new ArrayList<>();
    long window = TimeUnit.MILLISECONDS.toNanos(250);
    for (Write w : writes) {
      latencies.add(w.nanos());
      long end = w.startNanos() + w.nanos();
      boolean overlaps =
          (w.startNanos() <= rotation1 + rotation1Took + window && end >= rotation1 - window)
              || (w.startNanos() <= rotation2 + rotation2Took + window
                  && end >= rotation2 - window);
      if (overlaps) {
        around.add(w.nanos());
      }
    }
    Collections.sort(latencies);
    Collections.sort(around);
    System.out.printf(
        "rotation under load: %d requests in %.1f s (%.0f/s), 0 failures; latency p50 %.1f ms,"
            + " p99 %.1f ms, max %.1f ms; across the rotations (±250 ms, %d requests): p50 %.1f"
            + " ms, p99 %.1f ms, max %.1f ms; rotation calls took %.1f ms and %.1f ms%n",
        writes.size(),
        elapsedNanos / 1e9,
        writes.size() / (elapsedNanos / 1e9),
        pct(latencies, 0.50),
        pct(latencies, 0.99),
        pct(latencies, 1.0),
        around.size(),
        pct(around, 0.50),
        pct(around, 0.99),
        pct(around, 1.0),
        rotation1Took / 1e6,
        rotation2Took / 1e6);
  }

  private static double pct(List<Long> sorted, double q) {
    if (sorted.isEmpty()) {
      return Double.NaN;
    }
    int i = (int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1);
    return sorted.get(Math.max(i, 0)) / 1e6;
  }
}
