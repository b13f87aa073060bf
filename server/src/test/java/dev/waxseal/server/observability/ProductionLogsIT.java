package dev.waxseal.server.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.server.entries.CanonicalJson;
import dev.waxseal.server.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The packaged server in the production profile writes every log line as one ECS JSON object, so a
 * log pipeline can index it. The migration mode is the cheapest way to run that profile: it needs
 * no keys and exits.
 */
class ProductionLogsIT {
  @TempDir Path dataDir;

  @Test
  void everyLineIsAnEcsJsonObject() throws Exception {
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
    List<String> lines = Files.readAllLines(dataDir.resolve("out.log"));
    assertThat(process.exitValue()).as(String.join("\n", lines)).isZero();

    assertThat(lines).isNotEmpty();
    for (String line : lines) {
      JsonNode json = CanonicalJson.parse(line.getBytes(StandardCharsets.UTF_8));
      assertThat(json.get("@timestamp").stringValue()).as(line).isNotEmpty();
      assertThat(json.get("log").get("level").stringValue()).as(line).isNotEmpty();
      assertThat(json.get("service").get("name").stringValue()).as(line).isEqualTo("waxseal");
      assertThat(json.get("ecs").get("version").stringValue()).as(line).isNotEmpty();
    }
    assertThat(lines).anyMatch(line -> line.contains("\"message\":"));
  }
}
