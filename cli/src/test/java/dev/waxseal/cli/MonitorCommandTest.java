package dev.waxseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waxseal.client.FileServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitor and audit commands on a copy of the recorded Tessera tile log. */
class MonitorCommandTest {
  private static final Path FIXTURE =
      Path.of("src/test/resources/fixtures/tlog-tiles/tessera-testdata-log");
  private static final String VKEY =
      "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx";

  @TempDir Path dir;
  private Path log;
  private Path key;
  private Path state;
  private FileServer server;

  @BeforeEach
  void start() throws Exception {
    log = dir.resolve("log");
    try (Stream<Path> files = Files.walk(FIXTURE)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path target = log.resolve(FIXTURE.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target);
        }
      }
    }
    key = Files.writeString(dir.resolve("log.vkey"), VKEY + "\n");
    state = dir.resolve("state.json");
    server = new FileServer(log);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private Cli monitor(String... extra) {
    String[] base = {
      "monitor",
      "--log",
      server.uri().toString(),
      "--key",
      key.toString(),
      "--state",
      state.toString(),
      "--once",
      "--json",
      "--retries",
      "2",
      "--retry-delay",
      "5"
    };
    return Cli.run(Stream.concat(Stream.of(base), Stream.of(extra)).toArray(String[]::new));
  }

  private void publish(int size) throws Exception {
    Files.copy(
        log.resolve("checkpoint." + size),
        log.resolve("checkpoint"),
        StandardCopyOption.REPLACE_EXISTING);
  }

  @Test
  void followsTheLogAndExitsZero() throws Exception {
    publish(8);
    Cli first = monitor();
    assertEquals(0, first.exitCode(), first.toString());
    assertTrue(first.out().contains("\"treeSize\":8"), first.toString());
    publish(15);
    Cli second = monitor();
    assertEquals(0, second.exitCode(), second.toString());
    assertTrue(second.out().contains("\"previousSize\":8"), second.toString());
    assertTrue(second.out().contains("\"treeSize\":15"), second.toString());
  }

  @Test
  void rollbackExitsTwoAndKeepsTheState() throws Exception {
    assertEquals(0, monitor().exitCode());
    String saved = Files.readString(state);
    publish(12);
    Cli rolledBack = monitor();
    assertEquals(2, rolledBack.exitCode(), rolledBack.toString());
    assertTrue(
        rolledBack.out().contains("rollback: the log's checkpoint is size 12"),
        rolledBack.toString());
    assertEquals(saved, Files.readString(state));
  }

  @Test
  void serverErrorsExitThreeWithoutAState() {
    server.failures.set(1000);
    Cli down = monitor();
    assertEquals(3, down.exitCode(), down.toString());
    assertTrue(down.out().contains("gave up after 3 attempts, last: HTTP 503"), down.toString());
    assertTrue(Files.notExists(state));
  }

  @Test
  void badWatchFileIsAUsageError() throws Exception {
    Path watch = Files.writeString(dir.resolve("watch.yaml"), "emails: [a@b.c]\nnames: [x]\n");
    Cli bad = monitor("--watch", watch.toString());
    assertEquals(64, bad.exitCode(), bad.toString());
    assertTrue(bad.out().contains("unknown watch list \\\"names\\\""), bad.toString());
  }

  @Test
  void auditFindsARewrittenTileHash() throws Exception {
    Path tile = log.resolve("tile/0/000.p/15");
    byte[] hashes = Files.readAllBytes(tile);
    hashes[32 * 4] ^= (byte) 0x80;
    Files.write(tile, hashes);
    Cli audit =
        Cli.run(
            "audit", "--log", server.uri().toString(), "--key", key.toString(), "--api", "tiles");
    assertEquals(2, audit.exitCode(), audit.toString());
    assertTrue(audit.err().contains("entry 4: its bundle entry hashes to"), audit.toString());
  }

  @Test
  void daemonServesMetricsAndStopsOnAVerificationFailure() throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String[] args = {
      "monitor",
      "--log",
      server.uri().toString(),
      "--key",
      key.toString(),
      "--state",
      state.toString(),
      "--interval",
      "1",
      "--metrics-port",
      Integer.toString(port)
    };
    java.util.concurrent.CompletableFuture<Cli> daemon =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> Cli.run(args));
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    String metrics = "";
    for (int i = 0; i < 100 && !metrics.contains("waxseal_monitor_tree_size 15"); i++) {
      Thread.sleep(100);
      try {
        metrics =
            http.send(
                    java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + "/metrics"))
                        .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString())
                .body();
      } catch (java.io.IOException notYet) {
        // the daemon has not opened the port yet
      }
    }
    assertTrue(metrics.contains("waxseal_monitor_tree_size 15"), metrics);
    assertTrue(metrics.contains("waxseal_monitor_failures_total 0"), metrics);
    publish(12);
    Cli stopped = daemon.get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertEquals(2, stopped.exitCode(), stopped.toString());
    assertTrue(stopped.err().contains("rollback"), stopped.toString());
  }

  @Test
  void checkpointWithoutTheRequiredCosignatureExitsTwo() throws Exception {
    Path policy =
        Files.writeString(
            dir.resolve("witnesses.policy"),
            "# the witnesses we trust (Sigsum policy format)\n"
                + "witness one "
                + "3b".repeat(32)
                + "\nwitness two "
                + "4c".repeat(32)
                + "\ngroup both all one two\nquorum both\n");
    Cli cli = monitor("--witness", policy.toString());
    assertEquals(2, cli.exitCode(), cli.toString());
    assertTrue(
        cli.out().contains("both needs 2 of 2 (has 0: one missing, two missing)"), cli.toString());
    assertTrue(Files.notExists(state));
    Cli anyOne = monitor("--witness", policy.toString(), "--witnesses", "1");
    assertEquals(2, anyOne.exitCode(), anyOne.toString());
    assertTrue(anyOne.out().contains("cli-quorum needs 1 of 2 (has 0"), anyOne.toString());
  }

  @Test
  void aMalformedPolicyOrThresholdIsBadInput() throws Exception {
    Path policy = Files.writeString(dir.resolve("bad.policy"), "witness one 3b\nquorum one\n");
    Cli cli = monitor("--witness", policy.toString());
    assertEquals(64, cli.exitCode(), cli.toString());
    assertTrue(cli.out().contains("line 1"), cli.toString());
    Path good =
        Files.writeString(
            dir.resolve("good.policy"), "witness one " + "3b".repeat(32) + "\nquorum one\n");
    Cli tooMany = monitor("--witness", good.toString(), "--witnesses", "2");
    assertEquals(64, tooMany.exitCode(), tooMany.toString());
    assertTrue(tooMany.out().contains("--witnesses 2 is outside 1..1"), tooMany.toString());
    assertTrue(Files.notExists(state));
  }
}
