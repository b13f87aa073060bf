package dev.waxseal.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.merkle.CompactRange;
import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.proof.ProofVerifier;
import dev.waxseal.server.signing.LogIdentity;
import dev.waxseal.server.signing.SignedEntryTimestamps;
import dev.waxseal.server.storage.PostgresLogStore;
import dev.waxseal.server.testing.CheckpointVerifier;
import dev.waxseal.server.testing.PostgresIntegrationTest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The append path on a real PostgreSQL: thousands of entries from many threads, every proof and
 * every checkpoint checked with merkle's verifier and the JDK's ECDSA.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {"waxseal.hostname=appender.test", "waxseal.log.batch-max-size=64"})
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AppenderIT extends PostgresIntegrationTest {
  private static final int THREADS = 8;
  private static final int PER_THREAD = 500;

  @Autowired Appender appender;
  @Autowired LogReader reader;
  @Autowired LogTree tree;
  @Autowired LogIdentity identity;
  @Autowired PostgresLogStore store;

  private final List<AppendResult> results = new ArrayList<>();
  private CheckpointVerifier verifier;

  @BeforeAll
  void appendFromManyThreads() throws Exception {
    verifier = new CheckpointVerifier("appender.test", identity.publicKeyDer());
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<CompletableFuture<AppendResult>> futures = new ArrayList<>();
    List<java.util.concurrent.Future<?>> submitters = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      submitters.add(
          pool.submit(
              () -> {
                for (int i = 0; i < PER_THREAD; i++) {
                  CompletableFuture<AppendResult> f = appender.append(entry(thread + "/" + i));
                  synchronized (futures) {
                    futures.add(f);
                  }
                }
              }));
    }
    for (java.util.concurrent.Future<?> s : submitters) {
      s.get();
    }
    pool.shutdown();
    for (CompletableFuture<AppendResult> f : futures) {
      results.add(f.get(120, TimeUnit.SECONDS));
    }
  }

  static PendingEntry entry(String text) {
    byte[] body = ("{\"test\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
    return PendingEntry.of("test", "0.0.1", body);
  }

  @Test
  void indexesAreDenseAndUnique() {
    TreeMap<Long, AppendResult> byIndex = new TreeMap<>();
    for (AppendResult r : results) {
      assertThat(r.duplicate()).isFalse();
      assertThat(byIndex.put(r.entry().index(), r)).as("index reused").isNull();
    }
    assertThat(byIndex.firstKey()).isZero();
    assertThat(byIndex.lastKey()).isEqualTo(THREADS * PER_THREAD - 1L);
  }

  @Test
  void everyInclusionProofVerifiesAgainstItsSignedCheckpoint() throws Exception {
    Map<String, Checkpoint> opened = new java.util.HashMap<>();
    for (AppendResult r : results) {
      String note = r.checkpoint().note();
      Checkpoint checkpoint = opened.get(note);
      if (checkpoint == null) {
        checkpoint = verifier.open(note);
        opened.put(note, checkpoint);
      }
      assertThat(checkpoint.size()).isEqualTo(r.checkpoint().size());
      assertThat(checkpoint.origin()).isEqualTo("appender.test - " + r.treeId());
      ProofVerifier.verifyInclusion(
          reader.inclusionProof(r.treeId(), r.entry().index(), checkpoint.size()),
          r.leafHash(),
          checkpoint.rootHash());
    }
  }

  @Test
  void everySignedEntryTimestampVerifies() {
    for (AppendResult r : results) {
      byte[] payload =
          SignedEntryTimestamps.payload(
              r.entry().body(), r.entry().integratedTime(), tree.logIdHex(), r.virtualIndex());
      assertThat(verifier.verifies(payload, r.entry().entryTimestamp())).isTrue();
    }
  }

  @Test
  void everyStoredCheckpointIsConsistentWithEveryLaterOne() throws Exception {
    Map<Long, Hash> roots = storedCheckpointRoots();
    assertThat(roots.size()).isGreaterThan(THREADS * PER_THREAD / 64);
    List<Long> sizes = new ArrayList<>(roots.keySet());
    for (int i = 0; i < sizes.size(); i++) {
      for (int j = i; j < sizes.size(); j += Math.max(1, (sizes.size() - i) / 20)) {
        long size1 = sizes.get(i);
        long size2 = sizes.get(j);
        ProofVerifier.verifyConsistency(
            reader.consistencyProof(tree.activeTreeId(), size1, size2),
            roots.get(size1),
            roots.get(size2));
      }
    }
  }

  @Test
  void rootEqualsTheRootOfTheStoredLeaves() throws Exception {
    PublishedCheckpoint latest = reader.latestCheckpoint();
    CompactRange range = CompactRange.empty();
    for (IntegratedEntry row : reader.entries(tree.activeTreeId(), 0, latest.size())) {
      range.append(dev.waxseal.merkle.Rfc6962.leafHash(row.body()));
    }
    assertThat(range.size()).isEqualTo(latest.size());
    assertThat(range.rootHash()).isEqualTo(latest.rootHash());
    assertThat(
            reader
                .consistencyProofWithRoot(tree.activeTreeId(), latest.size(), latest.size())
                .rootHash())
        .isEqualTo(latest.rootHash());
  }

  @Test
  void aLeafAlreadyInTheLogIsReportedAsDuplicate() throws Exception {
    AppendResult first = results.get(0);
    PendingEntry again = PendingEntry.of("test", "0.0.1", first.entry().body());
    AppendResult duplicate = appender.append(again).get(30, TimeUnit.SECONDS);
    assertThat(duplicate.duplicate()).isTrue();
    assertThat(duplicate.leafHash()).isEqualTo(first.leafHash());
  }

  private Map<Long, Hash> storedCheckpointRoots() throws Exception {
    Map<Long, Hash> roots = new TreeMap<>();
    try (Connection c = store.dataSource().getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT size, note FROM checkpoints WHERE tree_id = " + tree.activeTreeId())) {
      while (rs.next()) {
        Checkpoint checkpoint = verifier.open(rs.getString(2));
        assertThat(checkpoint.size()).isEqualTo(rs.getLong(1));
        roots.put(checkpoint.size(), checkpoint.rootHash());
      }
    }
    return roots;
  }
}
