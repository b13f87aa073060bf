package dev.waxseal.server.witnessclient;

import dev.waxseal.server.WaxsealApplication;
import dev.waxseal.server.log.AppendResult;
import dev.waxseal.server.log.Appender;
import dev.waxseal.server.log.LogReader;
import dev.waxseal.server.log.LogTree;
import dev.waxseal.server.log.PendingEntry;
import dev.waxseal.server.testing.TemporaryFiles;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Append throughput with no witnesses, with two witnesses in fail-open mode and in fail-closed
 * mode, in one run (as {@code AppenderBenchmark}: the appender alone, 1 KB entries, the quick
 * start's embedded PostgreSQL). Each witness is a {@link TestWitness} over HTTP on loopback; the
 * client sends every checkpoint ({@code min-interval=0}). Prints numbers, asserts nothing: {@code
 * ./mvnw -B -Pbench -pl server -am verify -Dit.test=WitnessClientBenchmark}.
 */
class WitnessClientBenchmark {
  private static final int IN_FLIGHT = 4096;

  @Test
  void appendThroughputWithAndWithoutWitnesses() throws Exception {
    int rounds = Integer.getInteger("bench.rounds", 2);
    System.out.println(
        "round  witnesses     batch  entries  seconds  entries_per_s  checkpoints  cosigned"
            + "  visible_after_ms");
    for (int round = 1; round <= rounds; round++) {
      for (int batch : new int[] {1, 256}) {
        int entries = batch == 1 ? 1_000 : 20_000;
        run(round, "none", batch, entries);
        run(round, "fail-open", batch, entries);
        run(round, "fail-closed", batch, entries);
      }
    }
  }

  private static void run(int round, String mode, int batchSize, int entries) throws Exception {
    Path dataDir = Files.createTempDirectory("waxseal-bench");
    List<String> args = new ArrayList<>();
    args.add("--waxseal.data-dir=" + dataDir);
    args.add("--waxseal.log.batch-max-size=" + batchSize);
    args.add("--waxseal.log.batch-max-age=20ms");
    args.add("--waxseal.log.max-pending=" + (IN_FLIGHT * 2));
    args.add("--logging.level.root=WARN");
    TestWitness a = new TestWitness("a.bench/witness");
    TestWitness b = new TestWitness("b.bench/witness");
    try {
      if (!mode.equals("none")) {
        Path policy = dataDir.resolve("policy");
        Files.writeString(
            policy,
            "witness a "
                + a.keyHex()
                + " "
                + a.url()
                + "\nwitness b "
                + b.keyHex()
                + " "
                + b.url()
                + "\ngroup ab all a b\nquorum ab\n");
        args.add("--waxseal.witness-client.policy-file=" + policy);
        args.add("--waxseal.witness-client.mode=" + mode);
        args.add("--waxseal.witness-client.min-interval=0ms");
      }
      try (ConfigurableApplicationContext context =
          new SpringApplicationBuilder(WaxsealApplication.class)
              .web(WebApplicationType.NONE)
              .run(args.toArray(String[]::new))) {
        Appender appender = context.getBean(Appender.class);
        Random random = new Random(42);
        List<PendingEntry> pending = new ArrayList<>(entries);
        for (int i = 0; i < entries + entries / 10; i++) {
          pending.add(kilobyteEntry(random));
        }
        append(appender, pending.subList(0, entries / 10)); // warm up
        long start = System.nanoTime();
        append(appender, pending.subList(entries / 10, pending.size()));
        double seconds = (System.nanoTime() - start) / 1e9;
        long end = System.nanoTime();
        long size = context.getBean(LogTree.class).latestCheckpoint().size();
        LogReader reader = context.getBean(LogReader.class);
        double visibleMs = Double.NaN;
        if (mode.equals("fail-closed")) {
          long deadline = end + TimeUnit.SECONDS.toNanos(30);
          while (reader.latestCheckpoint().size() < size && System.nanoTime() < deadline) {
            Thread.sleep(1);
          }
          visibleMs = (System.nanoTime() - end) / 1e6;
        }
        MeterRegistry registry = context.getBean(MeterRegistry.class);
        Timer batches = registry.find("waxseal.appender.batch.duration").timer();
        System.out.printf(
            "%5d  %-11s  %6d  %7d  %7.2f  %13.0f  %11s  %8.0f  %16.1f%n",
            round,
            mode,
            batchSize,
            entries,
            seconds,
            entries / seconds,
            batches == null ? "-" : Long.toString(batches.count()),
            cosigned(registry),
            visibleMs);
      }
    } finally {
      a.close();
      b.close();
      TemporaryFiles.deleteRecursively(dataDir); // the context, and its PostgreSQL, are closed
    }
  }

  private static double cosigned(MeterRegistry registry) {
    return registry
        .find("waxseal.witness.client.requests")
        .tag("outcome", "cosigned")
        .counters()
        .stream()
        .mapToDouble(Counter::count)
        .sum();
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

  private static PendingEntry kilobyteEntry(Random random) {
    byte[] noise = new byte[480];
    random.nextBytes(noise);
    String body = "{\"kind\":\"bench\",\"data\":\"" + HexFormat.of().formatHex(noise) + "\"}";
    return PendingEntry.of("bench", "0.0.1", body.getBytes(StandardCharsets.US_ASCII));
  }
}
