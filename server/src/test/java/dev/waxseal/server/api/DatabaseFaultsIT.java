package dev.waxseal.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.proof.ConsistencyProof;
import dev.waxseal.merkle.proof.ProofVerifier;
import dev.waxseal.server.testing.FaultProxy;
import dev.waxseal.server.testing.PgCluster;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The database goes away under load, as an operator meets it (issue 21, item 1): PostgreSQL stopped
 * in fast and in immediate mode and started again, the network to it stalled, its disk full, and
 * the primary replaced by a promoted standby. Writers and readers run throughout; every scenario
 * asserts that clients saw no 500 and no hang, that every 503 and 507 carried Retry-After in
 * Rekor's error shape, that readiness went DOWN quickly and came back by itself while liveness
 * stayed UP, and that the log lost no acknowledged entry, stored none twice and kept a tree whose
 * every checkpoint matches its recomputed root. Each prints the figures docs/reliability.md
 * reports.
 *
 * <p>The server reaches PostgreSQL through {@link FaultProxy} (stall, failover) and PostgreSQL's
 * data directory lives on a 64 MiB tmpfs with its WAL elsewhere (disk full): mounting needs root.
 * {@code -Dwaxseal.faults.long=true} makes each outage 10 s instead of 2 s.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      // A short socket timeout keeps the stall scenario short; production's is 10 s.
      "spring.datasource.hikari.data-source-properties.socketTimeout=3",
      "waxseal.rekor-v2.enabled=false",
      "waxseal.tsa.enabled=false"
    })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseFaultsIT {
  private static final boolean LONG = Boolean.getBoolean("waxseal.faults.long");
  private static final int WARM_UP_ACKS = 40;
  private static final Duration OUTAGE = Duration.ofSeconds(LONG ? 10 : 2);
  private static final int WRITERS = 6;
  private static final int READERS = 2;

  private static Path root;
  private static Path mount;
  private static PgCluster primary;
  private static PgCluster standby;
  private static FaultProxy proxy;

  @LocalServerPort int port;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) throws Exception {
    root = Files.createTempDirectory("waxseal-faults");
    mount = Files.createDirectories(root.resolve("small-disk"));
    mount("-t", "tmpfs", "-o", "size=64m", "tmpfs", mount.toString());
    primary = PgCluster.create(mount.resolve("data"), root.resolve("wal"));
    proxy = new FaultProxy(primary.port());
    registry.add(
        "spring.datasource.url", () -> "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/postgres");
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "");
    registry.add("waxseal.data-dir", () -> root.resolve("server").toString());
  }

  @AfterAll
  static void tearDown() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    for (PgCluster cluster : new PgCluster[] {standby, primary}) {
      if (cluster != null) {
        try {
          cluster.close();
        } catch (IOException e) {
          // already stopped (the failed-over primary)
        }
      }
    }
    if (mount != null) {
      new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor();
    }
    if (root != null) {
      new ProcessBuilder("rm", "-rf", root.toString()).inheritIO().start().waitFor();
    }
  }

  @Test
  @Order(1)
  void restartInFastMode() throws Exception {
    Figures f = underLoad("restart, fast shutdown", () -> restart("fast"));
    f.assertOutageHandled(Duration.ofSeconds(5));
  }

  @Test
  @Order(2)
  void restartInImmediateMode() throws Exception {
    Figures f = underLoad("restart, immediate shutdown", () -> restart("immediate"));
    f.assertOutageHandled(Duration.ofSeconds(5));
  }

  @Test
  @Order(3)
  void connectionStallsThenResumes() throws Exception {
    Figures f =
        underLoad(
            "network stall",
            () -> {
              proxy.stall();
              Thread.sleep(OUTAGE.toMillis() + 2000); // longer than the 3 s socket timeout
              proxy.resume();
            });
    // Bounded by the socket timeout (3 s here) plus the pool's connection timeout (1 s).
    f.assertOutageHandled(Duration.ofSeconds(8));
  }

  @Test
  @Order(4)
  void diskFullRefusesWritesKeepsReads() throws Exception {
    Path filler = mount.resolve("filler");
    Figures f =
        underLoad(
            "data directory's disk full",
            () -> {
              fill(filler);
              Thread.sleep(OUTAGE.toMillis() + 1000);
              Files.delete(filler);
            });
    assertThat(f.during(a -> a.kind().equals("write") && a.status() == 507))
        .as("writes refused with 507 while the disk is full")
        .isPositive();
    assertThat(f.during(a -> a.kind().equals("write") && a.status() == 503))
        .as("a full disk is not an outage")
        .isZero();
    assertThat(f.during(a -> a.kind().equals("read") && a.status() != 200))
        .as("reads keep working")
        .isZero();
    assertThat(f.during(a -> a.kind().equals("read") && a.status() == 200)).isPositive();
    assertThat(f.during(a -> a.kind().equals("readiness") && a.status() != 200))
        .as("still ready: reads work")
        .isZero();
  }

  @Test
  @Order(5)
  void failoverToPromotedStandby() throws Exception {
    standby = primary.standby(root.resolve("standby"));
    try (Connection c = primary.connect("postgres");
        var s = c.createStatement()) {
      // Synchronous replication: a commit returns only once the standby has it, so a failover
      // loses nothing acknowledged. Asynchronous replication would lose the last commits.
      s.execute("ALTER SYSTEM SET synchronous_standby_names = '*'");
      s.execute("SELECT pg_reload_conf()");
    }
    LogEntryHttpView before = LogEntryHttpView.head(port);
    Figures f =
        underLoad(
            "failover to a promoted standby",
            () -> {
              primary.stop("immediate"); // the primary dies
              Thread.sleep(OUTAGE.toMillis());
              standby.promote();
              proxy.switchTo(standby.port()); // the service address moves to the new primary
              proxy.cutAll();
            });
    f.assertOutageHandled(Duration.ofSeconds(5));
    LogEntryHttpView after = LogEntryHttpView.head(port);
    assertThat(after.size()).isGreaterThan(before.size());
    ConsistencyProof proof = LogEntryHttpView.consistency(port, before.size(), after.size());
    ProofVerifier.verifyConsistency(proof, before.root(), after.root());
  }

  /** What one scenario measured. */
  private record Figures(
      String fault, List<FaultLoad.Answer> answers, long faultStart, long faultEnd) {
    /**
     * Only what clients saw from a warmed-up server on: the first requests of a fresh JVM wait for
     * class loading and JIT, which is not what these tests measure.
     */
    Figures {
      answers = warm(answers);
    }

    long during(java.util.function.Predicate<FaultLoad.Answer> which) {
      return FaultChecks.count(
          answers, a -> a.startNanos() >= faultStart && a.endNanos() <= faultEnd && which.test(a));
    }

    /** An outage: writes refused with 503, readiness DOWN and back UP, no wait over {@code max}. */
    void assertOutageHandled(Duration max) {
      assertThat(FaultChecks.count(answers, a -> a.kind().equals("write") && a.status() == 503))
          .as("writes refused with 503 during the outage")
          .isPositive();
      assertThat(FaultChecks.count(answers, a -> a.kind().equals("readiness") && a.status() == 503))
          .as("readiness went DOWN")
          .isPositive();
      assertThat(FaultChecks.maxMillis(answers, a -> true))
          .as("longest request")
          .isLessThanOrEqualTo(max.toMillis());
      assertThat(FaultChecks.maxMillis(answers, a -> a.kind().equals("readiness")))
          .as("longest readiness probe: answered from memory, never waiting for the database")
          .isLessThanOrEqualTo(1500);
    }
  }

  private Figures underLoad(String fault, FaultAction action) throws Exception {
    URI base = URI.create("http://127.0.0.1:" + port);
    List<FaultLoad.Answer> answers;
    List<FaultLoad.Ack> acks;
    long faultStart;
    long faultEnd;
    try (FaultLoad load = new FaultLoad(i -> base, 1, base, WRITERS, READERS)) {
      load.awaitAcks(WARM_UP_ACKS, Duration.ofSeconds(60));
      load.markWarm();
      faultStart = System.nanoTime();
      action.run();
      faultEnd = System.nanoTime();
      load.awaitAcks(WARM_UP_ACKS, Duration.ofSeconds(60));
      Thread.sleep(300); // the probes see the recovery too
      answers = load.answers();
      acks = load.acks();
    }
    FaultChecks.assertCleanAnswers(answers, false);
    List<FaultLoad.Answer> probes =
        answers.stream().filter(a -> a.kind().equals("readiness")).toList();
    assertThat(probes.get(probes.size() - 1).status()).as("readiness back UP").isEqualTo(200);
    long size;
    try (Connection db = current().connect("postgres")) {
      size = FaultChecks.audit(db, acks);
    }
    report(fault, warm(answers), acks.size(), size, faultStart, faultEnd);
    return new Figures(fault, answers, faultStart, faultEnd);
  }

  /** The answers to requests sent after {@link FaultLoad#markWarm()}. */
  private static List<FaultLoad.Answer> warm(List<FaultLoad.Answer> answers) {
    return answers.stream().filter(FaultLoad.Answer::warm).toList();
  }

  private static PgCluster current() {
    return standby != null ? standby : primary;
  }

  /** Prints the scenario's row of the fault table (docs/reliability.md). */
  private static void report(
      String fault,
      List<FaultLoad.Answer> answers,
      int acks,
      long size,
      long faultStart,
      long faultEnd) {
    long firstAckAfter =
        answers.stream()
            .filter(a -> a.kind().equals("write") && a.status() == 201 && a.endNanos() > faultEnd)
            .mapToLong(FaultLoad.Answer::endNanos)
            .min()
            .orElse(faultEnd);
    long readyAgain =
        answers.stream()
            .filter(
                a -> a.kind().equals("readiness") && a.status() == 200 && a.startNanos() > faultEnd)
            .mapToLong(FaultLoad.Answer::endNanos)
            .min()
            .orElse(faultEnd);
    List<String> statuses = new ArrayList<>();
    for (String kind : List.of("write", "read", "readiness")) {
      StringBuilder s = new StringBuilder(kind + ":");
      answers.stream()
          .filter(a -> a.kind().equals(kind))
          .collect(
              java.util.stream.Collectors.groupingBy(
                  FaultLoad.Answer::status,
                  java.util.TreeMap::new,
                  java.util.stream.Collectors.counting()))
          .forEach((status, n) -> s.append(' ').append(status).append('×').append(n));
      statuses.add(s.toString());
    }
    System.out.printf(
        "FAULT %s: fault lasted %d ms; writes back %d ms and readiness UP %d ms after the database"
            + " returned; longest write %d ms, longest 503/507 write %d ms, longest read %d ms,"
            + " longest readiness probe %d ms; %s; acknowledged %d, log size %d, audit passed%n",
        fault,
        TimeUnit.NANOSECONDS.toMillis(faultEnd - faultStart),
        TimeUnit.NANOSECONDS.toMillis(firstAckAfter - faultEnd),
        TimeUnit.NANOSECONDS.toMillis(readyAgain - faultEnd),
        FaultChecks.maxMillis(answers, a -> a.kind().equals("write")),
        FaultChecks.maxMillis(
            answers, a -> a.kind().equals("write") && (a.status() == 503 || a.status() == 507)),
        FaultChecks.maxMillis(answers, a -> a.kind().equals("read")),
        FaultChecks.maxMillis(answers, a -> a.kind().equals("readiness")),
        String.join("; ", statuses),
        acks,
        size);
  }

  private static void restart(String mode) throws Exception {
    primary.stop(mode);
    Thread.sleep(OUTAGE.toMillis());
    primary.start();
  }

  /** Fills the small filesystem to the last byte, as a growing table or a stray file would. */
  private static void fill(Path filler) throws IOException {
    byte[] chunk = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(filler)) {
      while (true) {
        out.write(chunk);
      }
    } catch (IOException e) {
      if (!String.valueOf(e.getMessage()).contains("No space left")) {
        throw e;
      }
    }
    // Byte by byte for the last partial block, so that nothing at all is left.
    try (OutputStream out =
        Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
      while (true) {
        out.write(0);
        out.flush();
      }
    } catch (IOException e) {
      // full
    }
  }

  private static void mount(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("mount"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException(
          "the disk-full scenario needs a small filesystem, and mounting one needs root: "
              + String.join(" ", command)
              + " failed: "
              + output);
    }
  }

  @FunctionalInterface
  private interface FaultAction {
    void run() throws Exception;
  }

  /** The log's head and consistency proofs as a client reads them. */
  private record LogEntryHttpView(long size, Hash root) {
    static LogEntryHttpView head(int port) {
      JsonNode log = new ApiClient(port).get("/api/v1/log").json();
      return new LogEntryHttpView(
          log.get("treeSize").longValue(), Hash.fromHex(log.get("rootHash").stringValue()));
    }

    static ConsistencyProof consistency(int port, long first, long last) {
      JsonNode proof =
          new ApiClient(port)
              .get("/api/v1/log/proof?firstSize=" + first + "&lastSize=" + last)
              .json();
      List<Hash> hashes = new ArrayList<>();
      proof.get("hashes").values().forEach(h -> hashes.add(Hash.fromHex(h.stringValue())));
      return new ConsistencyProof(first, last, hashes);
    }
  }
}
