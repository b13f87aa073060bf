package dev.waxseal.server.log;

import dev.waxseal.server.WaxsealApplication;
import dev.waxseal.server.testing.TemporaryFiles;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Entries per second through the appender alone (no HTTP, no entry verification), with 1 KB entries
 * on the quick start's embedded PostgreSQL (fsync and synchronous_commit on), at batch sizes 1, 64,
 * 256 and 1024; then inclusion-proof builds per second. Prints numbers, asserts nothing: run it
 * with {@code ./mvnw -B -Pbench -pl server -am verify -Dit.test=AppenderBenchmark} (the {@code
 * bench} profile makes Failsafe pick up {@code *Benchmark}).
 */
class AppenderBenchmark {
  private static final int IN_FLIGHT = 4096;

  @Test
  void appendThroughput() throws Exception {
    System.out.println("batch_size  entries  seconds  entries_per_s  batch_commit_p50_ms");
    String sizes = System.getProperty("bench.batchSizes", "1,64,256,1024");
    for (String size : sizes.split(",")) {
      int batchSize = Integer.parseInt(size.trim());
      int entries = batchSize == 1 ? 2_000 : 40_000;
      run(batchSize, entries);
    }
  }

  private static void run(int batchSize, int entries) throws Exception {
    Path dataDir = Files.createTempDirectory("waxseal-bench");
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(WaxsealApplication.class)
            .web(WebApplicationType.NONE)
            .run(
                "--waxseal.data-dir=" + dataDir,
                "--waxseal.log.batch-max-size=" + batchSize,
                "--waxseal.log.batch-max-age=20ms",
                "--waxseal.log.max-pending=" + (IN_FLIGHT * 2),
                "--logging.level.root=WARN")) {
      Appender appender = context.getBean(Appender.class);
      List<PendingEntry> pending = new ArrayList<>(entries);
      Random random = new Random(42);
      for (int i = 0; i < entries; i++) {
        pending.add(kilobyteEntry(random));
      }
      append(appender, pending.subList(0, Math.min(entries / 10, 2000))); // warm up
      Timer commits =
          context.getBean(MeterRegistry.class).find("waxseal.appender.batch.duration").timer();
      long start = System.nanoTime();
      append(appender, pending.subList(Math.min(entries / 10, 2000), entries));
      double seconds = (System.nanoTime() - start) / 1e9;
      int measured = entries - Math.min(entries / 10, 2000);
      double p50 = commits == null ? Double.NaN : percentile(commits, 0.5);
      System.out.printf(
          "%10d  %7d  %7.2f  %13.0f  %19.2f%n",
          batchSize, measured, seconds, measured / seconds, p50);
      if (batchSize == 1024) {
        proofThroughput(context.getBean(LogReader.class), context.getBean(LogTree.class));
      }
    } finally {
      TemporaryFiles.deleteRecursively(dataDir); // the context, and its PostgreSQL, are closed
    }
  }

  private static void append(Appender appender, List<PendingEntry> entries) throws Exception {
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    List<CompletableFuture<AppendResult>> futures = new ArrayList<>(entries.size());
    for (PendingEntry entry : entries) {
      inFlight.acquire();
      CompletableFuture<AppendResult> f = appender.append(entry);
      f.whenComplete((r, e) -> inFlight.release());
      futures.add(f);
    }
    for (CompletableFuture<AppendResult> f : futures) {
      f.get(300, TimeUnit.SECONDS);
    }
  }

  private static void proofThroughput(LogReader reader, LogTree tree) {
    long size = reader.latestCheckpoint().size();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    long proofs = 0;
    long start = System.nanoTime();
    while (System.nanoTime() < deadline) {
      reader.inclusionProof(tree.activeTreeId(), ThreadLocalRandom.current().nextLong(size), size);
      proofs++;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "inclusion proofs (tree size %d, one thread): %.0f per s%n", size, proofs / seconds);
  }

  private static double percentile(Timer timer, double p) {
    for (var value : timer.takeSnapshot().percentileValues()) {
      if (value.percentile() == p) {
        return value.value(TimeUnit.MILLISECONDS);
      }
    }
    return Double.NaN;
  }

  private static PendingEntry kilobyteEntry(Random random) {
    byte[] noise = new byte[480];
    random.nextBytes(noise);
    String body =
        "{\"kind\":\"bench\",\"data\":\"" + java.util.HexFormat.of().formatHex(noise) + "\"}";
    return PendingEntry.of("bench", "0.0.1", body.getBytes(StandardCharsets.US_ASCII));
  }
}
