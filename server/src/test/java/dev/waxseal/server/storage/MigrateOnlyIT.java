package dev.waxseal.server.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migration job: {@code WAXSEAL_MIGRATE_ONLY=true} migrates and exits 0 without a log key (in
 * the production profile, which never generates one) and without creating a tree.
 */
class MigrateOnlyIT {
  @TempDir Path dataDir;

  @Test
  void migratesAndExitsWithoutKeyOrTree() throws Exception {
    TestDatabase.Coordinates db = TestDatabase.create();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    java,
                    "-jar",
                    "target/waxseal-server.jar",
                    "--spring.main.web-application-type=none"))
            .redirectErrorStream(true)
            .redirectOutput(dataDir.resolve("out.log").toFile());
    builder.environment().put("WAXSEAL_MIGRATE_ONLY", "true");
    builder.environment().put("SPRING_PROFILES_ACTIVE", "production");
    builder.environment().put("WAXSEAL_DATA_DIR", dataDir.toString());
    builder.environment().put("SPRING_DATASOURCE_URL", db.jdbcUrl());
    builder.environment().put("SPRING_DATASOURCE_USERNAME", db.username());
    builder.environment().put("SPRING_DATASOURCE_PASSWORD", db.password());
    Process process = builder.start();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String output = Files.readString(dataDir.resolve("out.log"));
    assertThat(process.exitValue()).as(output).isZero();
    try (Connection c = db.connect();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM trees")) {
      rs.next();
      assertThat(rs.getLong(1)).isZero();
    }
    assertThat(dataDir.resolve("keys")).doesNotExist();
  }
}
