package dev.waxseal.server.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The packaged server jar running in a child JVM, for tests that must kill it ({@code kill -9}) or
 * restart it on the same data directory. Failsafe runs after {@code package}, so the jar exists
 * when integration tests run.
 *
 * <p>The server's console log is written beside its data directory, so both live in the test's
 * {@code @TempDir}: with {@code cleanup = CleanupMode.ON_SUCCESS} JUnit removes them after a
 * passing test and keeps them, the only record of what the server did, after a failing one.
 */
public final class ServerProcess implements AutoCloseable {
  private static final Path JAR = Path.of("target", "waxseal-server.jar");
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final Process process;
  private final int port;
  private final int managementPort;
  private final Path log;

  private ServerProcess(Process process, int port, int managementPort, Path log) {
    this.process = process;
    this.port = port;
    this.managementPort = managementPort;
    this.log = log;
  }

  /**
   * Starts the server jar with {@code environment} added to this JVM's environment, on a free port,
   * and waits until its readiness probe answers UP. Its console log is a new file in {@code
   * dataDir}'s parent directory, which must be the test's own temporary directory.
   */
  public static ServerProcess start(Path dataDir, Map<String, String> environment)
      throws IOException, InterruptedException {
    if (!Files.exists(JAR)) {
      throw new IllegalStateException(JAR.toAbsolutePath() + " is missing: run mvn verify");
    }
    int port = freePort();
    Path parent = dataDir.toAbsolutePath().getParent();
    if (parent == null) {
      throw new IllegalArgumentException(
          "the data directory " + dataDir + " has no parent to hold the server's log");
    }
    Path log = Files.createTempFile(parent, dataDir.getFileName() + "-server-", ".log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(List.of(java, "-Xmx512m", "-jar", JAR.toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("SERVER_PORT", Integer.toString(port));
    builder.environment().put("WAXSEAL_DATA_DIR", dataDir.toString());
    builder.environment().putAll(environment);
    // With a management port of its own, the readiness probe is there.
    int managementPort =
        Integer.parseInt(
            environment.getOrDefault("MANAGEMENT_SERVER_PORT", Integer.toString(port)));
    ServerProcess server = new ServerProcess(builder.start(), port, managementPort, log);
    server.awaitReady(Duration.ofSeconds(90));
    return server;
  }

  /** The base URL, {@code http://127.0.0.1:<port>}. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** The management base URL ({@code baseUri()} unless MANAGEMENT_SERVER_PORT was given). */
  public URI managementUri() {
    return URI.create("http://127.0.0.1:" + managementPort);
  }

  /** The child JVM's process id. */
  public long pid() {
    return process.pid();
  }

  /** GETs {@code path} and returns the response. */
  public HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(baseUri().resolve(path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Kills the JVM with SIGKILL, as {@code kill -9} does, and waits for it to be gone. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** Stops the JVM with SIGTERM (graceful shutdown) and returns its exit code. */
  public int stop() throws InterruptedException {
    process.destroy();
    return process.waitFor();
  }

  /** The server's console output so far, for failure messages. */
  public String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no output: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      stop();
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
        HttpResponse<String> ready =
            HTTP.send(
                HttpRequest.newBuilder(managementUri().resolve("/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (ready.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    kill();
    throw new IllegalStateException(
        "server not ready after " + timeout + " (log: " + log + "):\n" + output());
  }

  /** A port free now on this machine. */
  public static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
