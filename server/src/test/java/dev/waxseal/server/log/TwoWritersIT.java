package dev.waxseal.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.proof.ProofVerifier;
import dev.waxseal.server.WaxsealApplication;
import dev.waxseal.server.signing.PemKeyFiles;
import dev.waxseal.server.signing.SignatureAlgorithm;
import dev.waxseal.server.testing.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two server instances (two application contexts, each with its own appender, pool and caches)
 * append to one database at once: one tree, dense unique indexes, and every checkpoint either of
 * them published is consistent with every later one.
 */
class TwoWritersIT {
  private static final int PER_WRITER = 1500;

  @TempDir Path dataDir;

  @Test
  void twoAppendersShareOneTree() throws Exception {
    TestDatabase.Coordinates db = TestDatabase.create();
    Path key = dataDir.resolve("log-key.pem");
    PemKeyFiles.generate(SignatureAlgorithm.ECDSA_P256_SHA256, key);
    // The Rekor v2 log's key too: both contexts serve the one v2 log the first of them creates.
    PemKeyFiles.generate(SignatureAlgorithm.ED25519, dataDir.resolve("rekor-v2.pem"));
    // Both start at once on an empty database: exactly one of them creates the tree.
    CompletableFuture<ConfigurableApplicationContext> starting =
        CompletableFuture.supplyAsync(() -> start(db, key, "a", false));
    try (ConfigurableApplicationContext second = start(db, key, "b", true);
        ConfigurableApplicationContext first = starting.get(120, TimeUnit.SECONDS)) {
      LogTree firstTree = first.getBean(LogTree.class);
      assertThat(second.getBean(LogTree.class).activeTreeId()).isEqualTo(firstTree.activeTreeId());

      List<CompletableFuture<AppendResult>> futures = new ArrayList<>();
      Appender a = first.getBean(Appender.class);
      Appender b = second.getBean(Appender.class);
      for (int i = 0; i < PER_WRITER; i++) {
        futures.add(a.append(AppenderIT.entry("writer a " + i)));
        futures.add(b.append(AppenderIT.entry("writer b " + i)));
      }
      Set<Long> indexes = new HashSet<>();
      Map<Long, Hash> checkpointRoots = new TreeMap<>();
      for (CompletableFuture<AppendResult> f : futures) {
        AppendResult r = f.get(120, TimeUnit.SECONDS);
        assertThat(indexes.add(r.entry().index())).as("index given twice").isTrue();
        Hash earlier = checkpointRoots.put(r.checkpoint().size(), r.checkpoint().rootHash());
        assertThat(earlier == null || earlier.equals(r.checkpoint().rootHash()))
            .as("two roots for one size: the tree forked")
            .isTrue();
      }
      assertThat(indexes).hasSize(2 * PER_WRITER);
      assertThat(indexes.stream().mapToLong(Long::longValue).max().orElseThrow())
          .isEqualTo(2L * PER_WRITER - 1);

      // Each process serves the head from memory and re-reads it every 200 ms: after that,
      // both see the other's last batch.
      Thread.sleep(250);
      LogReader reader = first.getBean(LogReader.class);
      PublishedCheckpoint latest = reader.latestCheckpoint();
      assertThat(latest.size()).isEqualTo(2L * PER_WRITER);
      assertThat(second.getBean(LogReader.class).latestCheckpoint()).isEqualTo(latest);
      for (Map.Entry<Long, Hash> checkpoint : checkpointRoots.entrySet()) {
        ProofVerifier.verifyConsistency(
            reader.consistencyProof(firstTree.activeTreeId(), checkpoint.getKey(), latest.size()),
            checkpoint.getValue(),
            latest.rootHash());
      }
    }
  }

  private ConfigurableApplicationContext start(
      TestDatabase.Coordinates db, Path key, String name, boolean setUpLogging) {
    SpringApplicationBuilder builder =
        new SpringApplicationBuilder(WaxsealApplication.class).web(WebApplicationType.NONE);
    if (!setUpLogging) {
      // Two contexts starting at once would both initialise the JVM's one logging system, and
      // Boot's Logback setup is not safe against that ("Unable to find Spring Environment in
      // logger context"). Only one of them does; what must race here is creating the tree.
      builder
          .application()
          .setListeners(
              builder.application().getListeners().stream()
                  .filter(listener -> !(listener instanceof LoggingApplicationListener))
                  .toList());
    }
    return builder.run(
        "--spring.datasource.url=" + db.jdbcUrl(),
        "--spring.datasource.username=" + db.username(),
        "--spring.datasource.password=" + db.password(),
        "--waxseal.data-dir=" + dataDir.resolve(name),
        "--waxseal.signer.key-file=" + key,
        "--waxseal.rekor-v2.key-file=" + dataDir.resolve("rekor-v2.pem"),
        "--waxseal.log.batch-max-size=100");
  }
}
