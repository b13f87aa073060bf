package dev.waxseal.client.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waxseal.client.FileServer;
import dev.waxseal.client.http.HttpFetcher;
import dev.waxseal.client.http.HttpOptions;
import dev.waxseal.client.tiles.TileClient;
import dev.waxseal.client.verify.CheckpointVerifier;
import dev.waxseal.client.verify.LogKey;
import dev.waxseal.client.verify.VerificationException;
import dev.waxseal.merkle.note.VerifierKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditorTest {
  @TempDir Path dir;

  private Auditor.Report audit(Path log, List<String> notes) throws Exception {
    try (FileServer server = new FileServer(log);
        TileClient tiles = new TileClient(new HttpFetcher(HttpOptions.defaults()), server.uri())) {
      CheckpointVerifier verifier =
          new CheckpointVerifier(LogKey.fromVerifierKey(VerifierKey.parse(TesseraLog.VKEY)));
      List<dev.waxseal.merkle.note.Checkpoint> others = new java.util.ArrayList<>();
      for (String note : notes) {
        others.add(verifier.verify(note));
      }
      return new Auditor(tiles, verifier, Progress.none()).audit(others);
    }
  }

  @Test
  void auditsTheWholeLogAndEveryRecordedCheckpoint() throws Exception {
    Path log = TesseraLog.copy(dir.resolve("log"));
    List<String> older = new java.util.ArrayList<>();
    for (int size = 0; size < 15; size++) {
      older.add(Files.readString(log.resolve("checkpoint." + size)));
    }
    Auditor.Report report = audit(log, older);
    assertEquals(15, report.size());
    assertEquals(16, report.checkpoints());
  }

  @Test
  void rewrittenTileHashIsReportedAtItsIndex() throws Exception {
    Path log = TesseraLog.copy(dir.resolve("log"));
    Path tile = log.resolve("tile/0/000.p/15");
    byte[] hashes = Files.readAllBytes(tile);
    hashes[32 * 11 + 5] ^= 1;
    Files.write(tile, hashes);
    VerificationException e =
        assertThrows(VerificationException.class, () -> audit(log, List.of()));
    assertTrue(e.getMessage().startsWith("entry 11: its bundle entry hashes to "), e.getMessage());
    assertTrue(e.getMessage().contains("tile/0/000.p/15 holds"), e.getMessage());
  }

  @Test
  void checkpointOfAnotherTreeIsReportedWithItsSize() throws Exception {
    Path log = TesseraLog.copy(dir.resolve("log"));
    // checkpoint.9 signs the 9-entry tree; pretend it belongs to size 9 of a log whose entry 3
    // differs: change entry 3 in every bundle, so the recomputed root at 9 differs.
    for (int width = 4; width <= 15; width++) {
      Path bundle = log.resolve("tile/entries/000.p/" + width);
      byte[] bytes = Files.readAllBytes(bundle);
      String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
      bytes[text.indexOf("four")] = 'F';
      Files.write(bundle, bytes);
    }
    VerificationException e =
        assertThrows(
            VerificationException.class,
            () -> audit(log, List.of(Files.readString(log.resolve("checkpoint.9")))));
    assertTrue(e.getMessage().startsWith("entry 3: "), e.getMessage());
  }
}
