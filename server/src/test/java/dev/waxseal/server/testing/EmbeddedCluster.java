package dev.waxseal.server.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/**
 * Connects a test to the embedded PostgreSQL cluster a server process runs in its data directory:
 * the port is the fourth line of {@code postmaster.pid} (PostgreSQL's own format).
 */
public final class EmbeddedCluster {
  private EmbeddedCluster() {}

  /** Opens a connection, as the {@code postgres} user, to the cluster in {@code dataDir}. */
  public static Connection connect(Path dataDir) throws IOException, SQLException {
    List<String> pid =
        Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"), StandardCharsets.US_ASCII);
    int port = Integer.parseInt(pid.get(3).trim());
    return DriverManager.getConnection(
        "jdbc:postgresql://localhost:" + port + "/postgres", "postgres", "");
  }
}
