package dev.waxseal.server.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.waxseal.server.WaxsealApplication;
import dev.waxseal.server.testing.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The backup and restore drill of docs/backup-restore.md, on a live log under writes: a logical
 * backup ({@code pg_dump -Fc}, restored with {@code pg_restore}) and a physical base backup ({@code
 * pg_basebackup}) with WAL archiving, recovered to a named restore point (point-in-time recovery).
 * Each restored log is audited before it would serve; the entries acknowledged after the backup are
 * gone, which {@code audit --known-checkpoint} (the latest checkpoint a witness or monitor holds)
 * reports as a rollback; a new shard is the way on.
 */
class BackupRestoreDrill {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final AtomicLong acknowledged = new AtomicLong();
  private final AtomicBoolean writing = new AtomicBoolean(true);

  @Test
  void restoredLogsAuditCleanAndTheRollbackIsDetected() throws Exception {
    Path work = PostgresCluster.workDir("waxseal-drill");
    Path archive = Files.createDirectories(work.resolve("wal-archive"));
    Path keys = Files.createDirectories(work.resolve("keys"));
    PostgresCluster.giveToServerUser(work);
    long dumpedAfter;
    long pointBefore;
    long pointAfter;
    Path knownCheckpoint = work.resolve("witnessed-checkpoint.txt");
    Path dump = work.resolve("waxseal.dump");
    Path base = work.resolve("base");
    try (PostgresCluster primary =
        PostgresCluster.create(
            work.resolve("primary"),
            Map.of(
                "wal_level", "replica",
                "archive_mode", "on",
                "archive_command", "test ! -f " + archive + "/%f && cp %p " + archive + "/%f",
                "max_wal_senders", "4"))) {
      try (Connection c = primary.connect("postgres");
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE waxseal");
      }
      try (ConfigurableApplicationContext server = startServer(primary, keys)) {
        URI uri =
            URI.create(
                "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port"));
        List<Thread> writers = startWriters(uri, 2);
        awaitAcknowledged(30);

        // Logical backup of the live log: pg_dump reads one consistent snapshot.
        dumpedAfter = acknowledged.get();
        primary.tool("pg_dump", "-Fc", "-f", dump.toString(), "waxseal");
        awaitAcknowledged(acknowledged.get() + 30);

        // Physical backup of the live cluster; WAL goes on being archived.
        primary.tool("pg_basebackup", "-D", base.toString(), "-Fp", "-X", "stream", "-c", "fast");
        awaitAcknowledged(acknowledged.get() + 30);
        try (Connection c = primary.connect("waxseal");
            Statement s = c.createStatement()) {
          pointBefore = activeSize(s);
          s.execute("SELECT pg_create_restore_point('drill')");
          pointAfter = activeSize(s);
        }
        // Acknowledged after the restore point: lost by a recovery to it.
        awaitAcknowledged(acknowledged.get() + 30);
        writing.set(false);
        for (Thread writer : writers) {
          writer.join();
        }
        // What a witness or monitor last saw: the log's latest signed checkpoint.
        JsonNode log = JSON.readTree(get(uri.resolve("/api/v1/log")));
        Files.writeString(knownCheckpoint, log.get("signedTreeHead").stringValue());
        assertThat(log.get("treeSize").longValue()).isEqualTo(acknowledged.get());
      }
      try (Connection c = primary.connect("postgres");
          Statement s = c.createStatement()) {
        s.execute("SELECT pg_switch_wal()");
      }
      awaitArchived(primary);
    }

    // 1. pg_restore into a fresh database, audit, detect the rollback, start a new shard.
    try (PostgresCluster scratch = PostgresCluster.create(work.resolve("scratch"), Map.of())) {
      try (Connection c = scratch.connect("postgres");
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE restored");
      }
      scratch.tool("pg_restore", "--exit-on-error", "-d", "restored", dump.toString());
      TestDatabase.Coordinates logical =
          new TestDatabase.Coordinates(scratch.jdbcUrl("restored"), "postgres", "");
      Lifecycle.Run audit = Lifecycle.run(logical, keys, "audit");
      assertThat(audit.status()).as(audit.output()).isZero();
      long size = restoredSize(logical);
      assertThat(size).isGreaterThanOrEqualTo(dumpedAfter).isLessThan(acknowledged.get());
      Lifecycle.Run rolledBack =
          Lifecycle.run(logical, keys, "audit", "--known-checkpoint=" + knownCheckpoint);
      assertThat(rolledBack.status()).isEqualTo(1);
      assertThat(rolledBack.output())
          .contains("ROLLED BACK: the tree holds " + size + " entries")
          .contains("a checkpoint signed for size " + acknowledged.get());
      Lifecycle.Run newShard = Lifecycle.run(logical, keys, "new-shard");
      assertThat(newShard.status()).as(newShard.output()).isZero();
      assertThat(newShard.output())
          .contains("at size " + size)
          .contains("from virtual index " + size);
      Lifecycle.Run after = Lifecycle.run(logical, keys, "audit");
      assertThat(after.status()).as(after.output()).isZero();
    }

    // 2. Point-in-time recovery: the base backup plus archived WAL, up to the restore point.
    Path pitr = work.resolve("pitr");
    copyTree(base, pitr);
    PostgresCluster.appendSettings(
        pitr,
        Map.of(
            "archive_mode", "off",
            "restore_command", "cp " + archive + "/%f %p",
            "recovery_target_name", "drill",
            "recovery_target_action", "promote"));
    Files.createFile(pitr.resolve("recovery.signal"));
    try (PostgresCluster recovered = PostgresCluster.start(pitr)) {
      awaitPromoted(recovered);
      TestDatabase.Coordinates db =
          new TestDatabase.Coordinates(recovered.jdbcUrl("waxseal"), "postgres", "");
      Lifecycle.Run audit = Lifecycle.run(db, keys, "audit");
      assertThat(audit.status()).as(audit.output()).isZero();
      long size = restoredSize(db);
      assertThat(size).isBetween(pointBefore, pointAfter);
      Lifecycle.Run rolledBack =
          Lifecycle.run(db, keys, "audit", "--known-checkpoint=" + knownCheckpoint);
      assertThat(rolledBack.status()).isEqualTo(1);
      assertThat(rolledBack.output()).contains("ROLLED BACK: the tree holds " + size + " entries");

      // A server given the witnessed checkpoint refuses to serve the rolled-back tree ...
      assertThatThrownBy(() -> startServer(db, keys, knownCheckpoint).close())
          .hasStackTraceContaining("the log is behind checkpoints it signed")
          .hasStackTraceContaining("holds " + size + " entries");
      // ... and serves once the tree is frozen and a new shard takes the writes.
      assertThat(Lifecycle.run(db, keys, "new-shard").status()).isZero();
      try (ConfigurableApplicationContext server = startServer(db, keys, knownCheckpoint)) {
        URI uri =
            URI.create(
                "http://127.0.0.1:" + server.getEnvironment().getProperty("local.server.port"));
        assertThat(new TestEntries(7).log(uri, "after the restore")).isEqualTo(201);
        JsonNode log = JSON.readTree(get(uri.resolve("/api/v1/log")));
        assertThat(log.get("treeSize").longValue()).isEqualTo(1);
        assertThat(log.get("inactiveShards").get(0).get("treeSize").longValue()).isEqualTo(size);
      }
    }
  }

  private static ConfigurableApplicationContext startServer(
      TestDatabase.Coordinates db, Path keys, Path knownCheckpoint) {
    return new SpringApplicationBuilder(WaxsealApplication.class)
        .run(
            "--server.port=0",
            "--spring.datasource.url=" + db.jdbcUrl(),
            "--spring.datasource.username=postgres",
            "--waxseal.data-dir=" + keys,
            "--waxseal.hostname=" + LifecycleIT.HOSTNAME,
            "--waxseal.known-checkpoints=" + knownCheckpoint,
            "--logging.level.root=WARN");
  }

  private static ConfigurableApplicationContext startServer(PostgresCluster db, Path keys) {
    return new SpringApplicationBuilder(WaxsealApplication.class)
        .run(
            "--server.port=0",
            "--spring.datasource.url=" + db.jdbcUrl("waxseal"),
            "--spring.datasource.username=postgres",
            "--waxseal.data-dir=" + keys,
            "--waxseal.hostname=" + LifecycleIT.HOSTNAME,
            "--logging.level.root=WARN");
  }

  private List<Thread> startWriters(URI uri, int count) throws Exception {
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < count; w++) {
      TestEntries entries = new TestEntries(100 + w);
      int writer = w;
      Thread thread =
          new Thread(
              () -> {
                for (int i = 0; writing.get(); i++) {
                  try {
                    if (entries.log(uri, "drill " + writer + " " + i) == 201) {
                      acknowledged.incrementAndGet();
                    }
                  } catch (Exception e) {
                    throw new IllegalStateException(e);
                  }
                }
              });
      thread.start();
      writers.add(thread);
    }
    return writers;
  }

  private void awaitAcknowledged(long count) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (acknowledged.get() < count) {
      assertThat(Instant.now())
          .as("acknowledged %s, want %s", acknowledged, count)
          .isBefore(deadline);
      Thread.sleep(20);
    }
  }

  private static long activeSize(Statement s) throws Exception {
    try (ResultSet rs =
        s.executeQuery(
            "SELECT h.size FROM tree_head h JOIN trees t USING (tree_id)"
                + " WHERE t.state = 'active' AND t.flavour = 'rekor_v1'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static long restoredSize(TestDatabase.Coordinates db) throws Exception {
    try (Connection c = db.connect();
        Statement s = c.createStatement()) {
      return activeSize(s);
    }
  }

  private static void awaitArchived(PostgresCluster db) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (true) {
      try (Connection c = db.connect("postgres");
          Statement s = c.createStatement();
          ResultSet rs =
              s.executeQuery(
                  "SELECT last_archived_wal >= pg_walfile_name(pg_current_wal_lsn() - 1)"
                      + " FROM pg_stat_archiver")) {
        rs.next();
        if (rs.getBoolean(1)) {
          return;
        }
      }
      assertThat(Instant.now()).as("WAL archived").isBefore(deadline);
      Thread.sleep(100);
    }
  }

  private static void awaitPromoted(PostgresCluster db) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      try (Connection c = db.connect("postgres");
          Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT pg_is_in_recovery()")) {
        rs.next();
        if (!rs.getBoolean(1)) {
          return;
        }
      } catch (java.sql.SQLException e) {
        // still starting up
      }
      assertThat(Instant.now()).as("promoted:\n%s", db.serverLog()).isBefore(deadline);
      Thread.sleep(200);
    }
  }

  private static String get(URI uri) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static void copyTree(Path from, Path to) throws Exception {
    Process cp = new ProcessBuilder("cp", "-a", from.toString(), to.toString()).start();
    assertThat(cp.waitFor()).isZero();
    assertThat(new String(cp.getErrorStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
  }
}
