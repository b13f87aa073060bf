package dev.waxseal.server.log;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.merkle.tiles.Tile;
import dev.waxseal.merkle.tiles.TileAppender;
import dev.waxseal.merkle.tiles.TileUpdate;
import dev.waxseal.server.WaxsealApplication;
import dev.waxseal.server.signing.CheckpointSigner;
import dev.waxseal.server.storage.CheckpointRow;
import dev.waxseal.server.storage.EntryRow;
import dev.waxseal.server.storage.HeadRow;
import dev.waxseal.server.storage.PostgresLogStore;
import dev.waxseal.server.storage.TileRow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How proof reads scale with the log: bulk-loads trees of 10^3, 10^5 and 10^7 leaves straight into
 * storage (entries and tiles written as the appender would, without per-entry SETs, which reads do
 * not touch), then builds random inclusion and consistency proofs through {@link LogReader} from
 * two threads for 10 s each. Prints numbers, asserts nothing: {@code ./mvnw -B -Pbench -pl server
 * -am verify -Dit.test=ProofScalingBenchmark} ({@code -Dbench.sizes=1000,100000} to pick sizes).
 * Each log's data directory is kept and printed, to be served and read over HTTP.
 */
class ProofScalingBenchmark {
  private static final int CHUNK = 20_000;
  private static final int THREADS = 2;

  @Test
  void proofReadsPerSecondByTreeSize() throws Exception {
    String sizes = System.getProperty("bench.sizes", "1000,100000,10000000");
    System.out.println("leaves  load_s  inclusion_per_s  consistency_per_s  tile_cache");
    for (String size : sizes.split(",")) {
      run(Long.parseLong(size.trim()));
    }
  }

  private static void run(long leaves) throws Exception {
    Path dataDir = Files.createTempDirectory("waxseal-scaling");
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(WaxsealApplication.class)
            .web(WebApplicationType.NONE)
            .run("--waxseal.data-dir=" + dataDir, "--logging.level.root=WARN")) {
      long start = System.nanoTime();
      bulkLoad(context, leaves);
      double loadSeconds = (System.nanoTime() - start) / 1e9;
      LogReader reader = context.getBean(LogReader.class);
      long treeId = context.getBean(LogTree.class).activeTreeId();
      long size = reader.latestCheckpoint().size();
      double inclusion = perSecond(() -> reader.inclusionProof(treeId, random(size), size));
      double consistency =
          perSecond(
              () -> {
                long size1 = 1 + random(size);
                reader.consistencyProof(treeId, size1, size);
              });
      System.out.printf(
          "%8d  %6.1f  %15.0f  %17.0f  %d tiles%n",
          size,
          loadSeconds,
          inclusion,
          consistency,
          context.getBean(AppenderProperties.class).tileCacheSize());
    }
    // Kept, so that the same log can be served and read over HTTP with the load driver.
    System.out.printf(
        "%8s  serve it: WAXSEAL_DATA_DIR=%s java -jar server/target/waxseal-server.jar%n",
        "", dataDir);
  }

  /** Writes {@code leaves} small entries, their tiles, a signed checkpoint and the head. */
  private static void bulkLoad(ConfigurableApplicationContext context, long leaves)
      throws Exception {
    PostgresLogStore store = context.getBean(PostgresLogStore.class);
    long treeId = context.getBean(LogTree.class).activeTreeId();
    TileAppender tiles = TileAppender.open(0, List.of());
    TileUpdate update = null;
    for (long begin = 0; begin < leaves; begin += CHUNK) {
      int n = (int) Math.min(CHUNK, leaves - begin);
      List<EntryRow> rows = new ArrayList<>(n);
      List<Hash> leafHashes = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        byte[] body = ("{\"bench\":" + (begin + i) + "}").getBytes(StandardCharsets.US_ASCII);
        Hash leaf = Rfc6962.leafHash(body);
        leafHashes.add(leaf);
        rows.add(new EntryRow(treeId, begin + i, leaf, "bench", "0.0.1", body, 0, new byte[0]));
      }
      update = tiles.append(leafHashes);
      List<TileRow> tileRows = new ArrayList<>();
      for (Tile tile : update.tiles()) {
        tileRows.add(new TileRow(tile.id().level(), tile.id().index(), tile.bytes()));
      }
      try (Connection c = store.dataSource().getConnection()) {
        c.setAutoCommit(false);
        store.insertEntries(c, treeId, rows);
        store.writeTiles(c, treeId, tileRows);
        c.commit();
      }
    }
    if (update == null) {
      return;
    }
    String note =
        context.getBean(CheckpointSigner.class).sign(treeId, update.treeSize(), update.rootHash());
    try (Connection c = store.dataSource().getConnection()) {
      c.setAutoCommit(false);
      store.insertCheckpoint(
          c, new CheckpointRow(treeId, update.treeSize(), update.rootHash(), note, null));
      store.updateHead(c, new HeadRow(treeId, update.treeSize(), update.rootHash()));
      c.commit();
    }
  }

  private static long random(long bound) {
    return ThreadLocalRandom.current().nextLong(bound);
  }

  private static double perSecond(Runnable proof) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    LongAdder done = new LongAdder();
    long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    long end = warmupEnd + TimeUnit.SECONDS.toNanos(10);
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      workers.add(
          pool.submit(
              () -> {
                while (System.nanoTime() < end) {
                  proof.run();
                  if (System.nanoTime() > warmupEnd) {
                    done.increment();
                  }
                }
              }));
    }
    for (Future<?> worker : workers) {
      worker.get();
    }
    pool.shutdown();
    return done.sum() / 10.0;
  }
}
