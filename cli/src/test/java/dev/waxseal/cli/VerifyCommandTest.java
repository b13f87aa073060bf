package dev.waxseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code waxseal verify --entry --offline} on a real rekor.sigstore.dev LogEntry response. */
class VerifyCommandTest {
  private static final Path FIXTURES = Path.of("src/test/resources/fixtures");
  private static final Path ENTRY =
      FIXTURES.resolve("client-selftest/sigstore-java/rekor-response-jar-entry.json");
  private static final Path KEY = FIXTURES.resolve("trust/root-signing-rekor.pub");

  @TempDir Path dir;

  private static Cli verify(Path entry, Path key) {
    return Cli.run(
        "verify",
        "--log",
        "http://127.0.0.1:9",
        "--entry",
        entry.toString(),
        "--key",
        key.toString(),
        "--offline",
        "--json");
  }

  @Test
  void verifiesARealEntryOffline() {
    Cli cli = verify(ENTRY, KEY);
    assertEquals(0, cli.exitCode(), cli.toString());
    assertTrue(cli.out().contains("\"logIndex\":3120029"), cli.toString());
    assertTrue(cli.out().contains("\"treeSize\":4163431"), cli.toString());
  }

  @Test
  void aChangedIntegratedTimeBreaksTheSet() throws Exception {
    String json = Files.readString(ENTRY);
    Path changed =
        Files.writeString(
            dir.resolve("entry.json"),
            json.replaceFirst("\"integratedTime\": ?(\\d)", "\"integratedTime\": 1$1"));
    Cli cli = verify(changed, KEY);
    assertEquals(2, cli.exitCode(), cli.toString());
    assertTrue(cli.out().contains("entry 3120029: SET"), cli.toString());
  }

  @Test
  void anotherLogsKeyIsRefused() throws Exception {
    Cli cli =
        verify(ENTRY, FIXTURES.resolve("client-selftest/sigstore-java/rekor-response-rekor.pub"));
    assertEquals(2, cli.exitCode(), cli.toString());
  }
}
