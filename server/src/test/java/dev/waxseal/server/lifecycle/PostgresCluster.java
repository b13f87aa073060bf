package dev.waxseal.server.lifecycle;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of its own for the backup drill, run with a full PostgreSQL installation's
 * binaries ({@code pg_dump}, {@code pg_restore} and {@code pg_basebackup} must match the server's
 * major version; the embedded test binaries have only the server). They are found in {@code
 * WAXSEAL_PG_BIN} or the newest {@code /usr/lib/postgresql/<N>/bin} (Debian's postgresql package);
 * without them the drill fails and says so. As root, the server runs as user {@code postgres},
 * since PostgreSQL refuses to run as root.
 */
final class PostgresCluster implements AutoCloseable {
  private static final List<String> TOOLS =
      List.of("initdb", "pg_ctl", "postgres", "pg_dump", "pg_restore", "pg_basebackup");

  private final Path dataDir;
  private final int port;

  private PostgresCluster(Path dataDir, int port) {
    this.dataDir = dataDir;
    this.port = port;
  }

  /** The directory of the PostgreSQL binaries. */
  static Path binDir() throws IOException {
    String configured = System.getenv("WAXSEAL_PG_BIN");
    if (configured != null && !configured.isEmpty()) {
      return requireTools(Path.of(configured));
    }
    Path root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> versions = Files.list(root)) {
        List<Path> found =
            versions
                .map(v -> v.resolve("bin"))
                .filter(bin -> TOOLS.stream().allMatch(t -> Files.isExecutable(bin.resolve(t))))
                .sorted(Comparator.comparing((Path p) -> p.getParent().getFileName().toString()))
                .toList();
        if (!found.isEmpty()) {
          return found.get(found.size() - 1);
        }
      }
    }
    throw new IllegalStateException(
        "the backup drill needs a full PostgreSQL installation ("
            + TOOLS
            + "): install Debian's postgresql package or set WAXSEAL_PG_BIN to its bin directory");
  }

  private static Path requireTools(Path bin) {
    for (String tool : TOOLS) {
      if (!Files.isExecutable(bin.resolve(tool))) {
        throw new IllegalStateException(bin + " has no " + tool);
      }
    }
    return bin;
  }

  /** A directory the server's user may use (owned by postgres when running as root). */
  static Path workDir(String prefix) throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory(prefix);
    giveToServerUser(dir);
    return dir;
  }

  /** Makes {@code dir} the server user's, recursively (nothing to do unless root). */
  static void giveToServerUser(Path dir) throws IOException, InterruptedException {
    if (isRoot()) {
      exec(List.of("chown", "-R", "postgres:postgres", dir.toString()));
    }
  }

  private static boolean isRoot() {
    return "root".equals(System.getProperty("user.name"));
  }

  /** Creates a cluster in {@code dataDir} with {@code settings} and starts it. */
  static PostgresCluster create(Path dataDir, Map<String, String> settings)
      throws IOException, InterruptedException {
    asServerUser(
        List.of(
            binDir().resolve("initdb").toString(),
            "-D",
            dataDir.toString(),
            "-U",
            "postgres",
            "-A",
            "trust",
            "--no-sync"));
    appendSettings(dataDir, settings);
    return start(dataDir);
  }

  /** Adds {@code settings} to the cluster's postgresql.auto.conf. */
  static void appendSettings(Path dataDir, Map<String, String> settings) throws IOException {
    StringBuilder conf = new StringBuilder("\n");
    settings.forEach((k, v) -> conf.append(k).append(" = '").append(v).append("'\n"));
    Files.writeString(
        dataDir.resolve("postgresql.auto.conf"),
        conf.toString(),
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
  }

  /**
   * Starts the cluster in {@code dataDir} on a free port and waits until it accepts connections.
   */
  static PostgresCluster start(Path dataDir) throws IOException, InterruptedException {
    giveToServerUser(dataDir);
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    asServerUser(
        List.of(
            binDir().resolve("pg_ctl").toString(),
            "-D",
            dataDir.toString(),
            "-l",
            dataDir.resolve("server.log").toString(),
            "-o",
            "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''",
            "-w",
            "-t",
            "120",
            "start"));
    return new PostgresCluster(dataDir, port);
  }

  /** The JDBC URL of database {@code name}. */
  String jdbcUrl(String name) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + name;
  }

  /** A connection to database {@code name} as postgres. */
  Connection connect(String name) throws SQLException {
    return DriverManager.getConnection(jdbcUrl(name), "postgres", "");
  }

  /** Runs a client tool of the installation against this cluster; returns its output. */
  String tool(String name, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(binDir().resolve(name).toString());
    command.addAll(List.of("-h", "127.0.0.1", "-p", Integer.toString(port), "-U", "postgres"));
    command.addAll(List.of(args));
    return exec(command);
  }

  /** The server's log, for failure messages. */
  String serverLog() throws IOException {
    Path log = dataDir.resolve("server.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  @Override
  public void close() throws IOException, InterruptedException {
    asServerUser(
        List.of(
            binDir().resolve("pg_ctl").toString(),
            "-D",
            dataDir.toString(),
            "-m",
            "fast",
            "-w",
            "stop"));
  }

  private static String asServerUser(List<String> command)
      throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (isRoot()) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(command);
    return exec(full);
  }

  private static String exec(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IOException(String.join(" ", command) + " failed:\n" + output);
    }
    return output;
  }
}
