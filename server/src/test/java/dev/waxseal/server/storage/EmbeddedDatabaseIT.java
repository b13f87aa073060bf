package dev.waxseal.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.testing.EmbeddedCluster;
import dev.waxseal.server.testing.ServerProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quick start's embedded PostgreSQL: durable settings, data that survives a restart, and a
 * start after {@code kill -9} that finds and stops the orphaned postmaster.
 */
class EmbeddedDatabaseIT {
  /** Kept after a failure: it holds the servers' console logs (see ServerProcess). */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path dir;

  private Path dataDir = Path.of("");

  @BeforeEach
  void dataDirectoryBesideTheLogs() {
    dataDir = dir.resolve("data");
  }

  @Test
  void runsDurablyAndRestartKeepsTheSameDatabase() throws Exception {
    String installedOn;
    try (ServerProcess server = ServerProcess.start(dataDir, Map.of())) {
      try (Connection db = EmbeddedCluster.connect(dataDir);
          Statement statement = db.createStatement()) {
        assertThat(setting(statement, "fsync")).isEqualTo("on");
        assertThat(setting(statement, "synchronous_commit")).isEqualTo("on");
      }
      installedOn = writeMarkerAndReadInstallTime(dataDir, "before restart");
      assertThat(server.stop()).as(server.output()).isIn(0, 143);
    }
    try (ServerProcess server = ServerProcess.start(dataDir, Map.of())) {
      assertThat(server.output()).doesNotContain("initdb").doesNotContain("creating directory");
      assertThat(readMarkers(dataDir)).containsExactly("before restart");
      assertThat(installTime(dataDir)).isEqualTo(installedOn);
    }
  }

  @Test
  void startsAfterKillMinus9WithTheCommittedData() throws Exception {
    try (ServerProcess server = ServerProcess.start(dataDir, Map.of())) {
      writeMarkerAndReadInstallTime(dataDir, "committed before kill");
      server.kill();
    }
    try (ServerProcess server = ServerProcess.start(dataDir, Map.of())) {
      assertThat(server.output()).contains("found a running postmaster");
      assertThat(server.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
      assertThat(readMarkers(dataDir)).containsExactly("committed before kill");
    }
  }

  private static String setting(Statement statement, String name) throws Exception {
    try (ResultSet rs = statement.executeQuery("SHOW " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static String writeMarkerAndReadInstallTime(Path dataDir, String marker)
      throws Exception {
    try (Connection db = EmbeddedCluster.connect(dataDir);
        Statement statement = db.createStatement()) {
      statement.execute("CREATE TABLE IF NOT EXISTS test_marker (note text)");
      statement.execute("INSERT INTO test_marker VALUES ('" + marker + "')");
    }
    return installTime(dataDir);
  }

  private static String installTime(Path dataDir) throws Exception {
    try (Connection db = EmbeddedCluster.connect(dataDir);
        Statement statement = db.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "SELECT installed_on FROM flyway_schema_history WHERE version = '1'")) {
      assertThat(rs.next()).as("flyway migrated version 1").isTrue();
      return rs.getString(1);
    }
  }

  private static java.util.List<String> readMarkers(Path dataDir) throws Exception {
    java.util.List<String> notes = new java.util.ArrayList<>();
    try (Connection db = EmbeddedCluster.connect(dataDir);
        Statement statement = db.createStatement();
        ResultSet rs = statement.executeQuery("SELECT note FROM test_marker")) {
      while (rs.next()) {
        notes.add(rs.getString(1));
      }
    }
    return notes;
  }
}
