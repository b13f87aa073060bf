package dev.waxseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Waxseal whose database is changed behind its back: a leaf, a tile, a checkpoint. {@code
 * monitor} and {@code audit} must both refuse the log (exit 2) and name the index or size.
 *
 * <p>Each test verifies the log at some size N with {@code monitor}, appends entries, tampers with
 * one of them (or with the checkpoint), runs both commands, then undoes the change so the next test
 * starts from an honest log.
 */
class TamperIT {
  /** Kept after a failure: it holds the server's console log (see ServerUnderTest). */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  static Path dir;

  private static ServerUnderTest server;
  private static KeyPair keys;
  private static String pem;
  private static int artifacts;
  private Path state;
  private long verifiedSize;

  @BeforeAll
  static void start() throws Exception {
    server = ServerUnderTest.start(dir.resolve("data"));
    keys = HashedRekords.p256();
    pem = HashedRekords.pem("PUBLIC KEY", keys.getPublic().getEncoded());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @BeforeEach
  void verifyTheHonestLog() throws Exception {
    appendSome(5);
    state = Files.createTempFile(dir, "state", ".json");
    Files.delete(state);
    Cli first = monitor();
    assertEquals(0, first.exitCode(), first.toString());
    verifiedSize = size();
  }

  @AfterEach
  void auditTheRestoredLog() {
    Cli audit = audit();
    assertEquals(0, audit.exitCode(), "the log must be honest again after each test: " + audit);
  }

  private static void appendSome(int n) throws Exception {
    for (int i = 0; i < n; i++) {
      byte[] artifact =
          ("tamper " + artifacts++ + " " + System.nanoTime()).getBytes(StandardCharsets.UTF_8);
      HashedRekords.append(server.uri(), artifact, keys.getPrivate(), pem);
    }
  }

  private static long size() throws Exception {
    try (Connection db = server.database();
        Statement statement = db.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT size FROM tree_head JOIN trees USING (tree_id)"
                    + " WHERE state = 'active' AND flavour = 'rekor_v1'")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private Cli monitor(String... extra) {
    String[] base = {
      "monitor",
      "--log",
      server.uri().toString(),
      "--state",
      state.toString(),
      "--once",
      "--retries",
      "1",
      "--retry-delay",
      "10"
    };
    return Cli.run(Stream.concat(Stream.of(base), Stream.of(extra)).toArray(String[]::new));
  }

  private static Cli audit() {
    return Cli.run("audit", "--log", server.uri().toString(), "--retries", "1");
  }

  /** Runs {@code sql} with {@code index} (and more) bound, on the active tree. */
  private static int update(String sql, Object... parameters) throws Exception {
    try (Connection db = server.database();
        PreparedStatement statement = db.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return statement.executeUpdate();
    }
  }

  private static byte[] select(String sql, Object... parameters) throws Exception {
    try (Connection db = server.database();
        PreparedStatement statement = db.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        assertTrue(rows.next(), sql);
        return rows.getBytes(1);
      }
    }
  }

  private static final String ACTIVE =
      "(SELECT tree_id FROM trees WHERE state = 'active' AND flavour = 'rekor_v1')";

  @Test
  void changedLeafIsReportedAtItsIndex() throws Exception {
    appendSome(4);
    long index = verifiedSize + 2;
    byte[] body =
        select("SELECT body FROM entries WHERE tree_id = " + ACTIVE + " AND idx = ?", index);
    String text = new String(body, StandardCharsets.UTF_8);
    byte[] changed = text.replace("\"sha256\"", "\"SHA256\"").getBytes(StandardCharsets.UTF_8);
    assertEquals(
        1,
        update(
            "UPDATE entries SET body = ? WHERE tree_id = " + ACTIVE + " AND idx = ?",
            changed,
            index));
    try {
      Cli monitor = monitor();
      assertEquals(2, monitor.exitCode(), monitor.toString());
      assertTrue(
          monitor.err().contains("entry " + index + ": its bundle entry hashes to"),
          monitor.toString());
      Cli v1 =
          Cli.run(
              "monitor",
              "--log",
              server.uri().toString(),
              "--state",
              dir.resolve("v1-" + index).toString(),
              "--once",
              "--api",
              "v1");
      assertEquals(2, v1.exitCode(), v1.toString());
      assertTrue(v1.err().contains("entry " + index + " (tree "), v1.toString());
      Cli audit = audit();
      assertEquals(2, audit.exitCode(), audit.toString());
      assertTrue(
          audit.err().contains("entry " + index + ": its bundle entry hashes to"),
          audit.toString());
    } finally {
      update("UPDATE entries SET body = ? WHERE tree_id = " + ACTIVE + " AND idx = ?", body, index);
    }
  }

  @Test
  void rewrittenTileIsReportedAtTheIndexItLiesAbout() throws Exception {
    appendSome(4);
    long index = verifiedSize + 3;
    long tile = index / 256;
    byte[] hashes =
        select(
            "SELECT hashes FROM tiles WHERE tree_id = " + ACTIVE + " AND level = 0 AND idx = ?",
            tile);
    byte[] rewritten = hashes.clone();
    rewritten[(int) (index % 256) * 32 + 7] ^= 0x40;
    assertEquals(
        1,
        update(
            "UPDATE tiles SET hashes = ? WHERE tree_id = " + ACTIVE + " AND level = 0 AND idx = ?",
            rewritten,
            tile));
    server.restart(); // the server keeps tiles in memory; after a restart it serves the database
    try {
      Cli monitor = monitor();
      assertEquals(2, monitor.exitCode(), monitor.toString());
      assertTrue(
          monitor.err().contains("entry " + index + ": its bundle entry hashes to"),
          monitor.toString());
      Cli audit = audit();
      assertEquals(2, audit.exitCode(), audit.toString());
      assertTrue(
          audit.err().contains("entry " + index + ": its bundle entry hashes to"),
          audit.toString());
      assertTrue(audit.err().contains("tile/0/"), audit.toString());
    } finally {
      update(
          "UPDATE tiles SET hashes = ? WHERE tree_id = " + ACTIVE + " AND level = 0 AND idx = ?",
          hashes,
          tile);
      server.restart();
    }
  }

  @Test
  void forkedCheckpointIsReportedWithItsSize() throws Exception {
    // The head the monitor verified gets another root; with its stored C2SP note removed, the
    // server signs the forked head itself, as a compromised log would.
    long size = verifiedSize;
    byte[] root =
        select(
            "SELECT root_hash FROM checkpoints WHERE tree_id = " + ACTIVE + " AND size = ?", size);
    String note =
        new String(
            select(
                "SELECT convert_to(c2sp_note, 'UTF8') FROM checkpoints WHERE tree_id = "
                    + ACTIVE
                    + " AND size = ?",
                size),
            StandardCharsets.UTF_8);
    byte[] forked = root.clone();
    forked[0] ^= 1;
    assertEquals(
        1,
        update(
            "UPDATE checkpoints SET root_hash = ?, c2sp_note = NULL WHERE tree_id = "
                + ACTIVE
                + " AND size = ?",
            forked,
            size));
    try {
      Cli monitor = monitor();
      assertEquals(2, monitor.exitCode(), monitor.toString());
      assertTrue(
          monitor.err().contains("fork: checkpoint of size " + size + " has root "),
          monitor.toString());
      Cli audit = audit();
      assertEquals(2, audit.exitCode(), audit.toString());
      assertTrue(
          audit.err().contains("checkpoint of size " + size + " has root "), audit.toString());
      assertTrue(
          audit.err().contains("but the log's entries [0, " + size + ") hash to"),
          audit.toString());
    } finally {
      update(
          "UPDATE checkpoints SET root_hash = ?, c2sp_note = ? WHERE tree_id = "
              + ACTIVE
              + " AND size = ?",
          root,
          note,
          size);
    }
  }
}
