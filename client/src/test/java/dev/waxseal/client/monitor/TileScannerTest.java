package dev.waxseal.client.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waxseal.client.FileServer;
import dev.waxseal.client.http.FetchException;
import dev.waxseal.client.http.HttpFetcher;
import dev.waxseal.client.http.HttpOptions;
import dev.waxseal.client.tiles.TileClient;
import dev.waxseal.client.verify.CheckpointVerifier;
import dev.waxseal.client.verify.LogKey;
import dev.waxseal.client.verify.VerificationException;
import dev.waxseal.merkle.note.VerifierKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TileScannerTest {
  @TempDir Path dir;
  private Path log;
  private FileServer server;
  private TileClient tiles;

  @BeforeEach
  void start() throws Exception {
    log = TesseraLog.copy(dir.resolve("log"));
    server = new FileServer(log);
    tiles =
        new TileClient(
            new HttpFetcher(HttpOptions.defaults().withRetries(2, Duration.ofMillis(5))),
            server.uri());
  }

  @AfterEach
  void stop() {
    tiles.close();
    server.close();
  }

  private TileScanner scanner(WatchList watch) {
    CheckpointVerifier verifier =
        new CheckpointVerifier(LogKey.fromVerifierKey(VerifierKey.parse(TesseraLog.VKEY)));
    return new TileScanner(server.uri().toString(), tiles, verifier, watch, Progress.none());
  }

  @Test
  void followsTheLogFromSizeToSizeAndSavesTheState() throws Exception {
    TesseraLog.publish(log, 8);
    MonitorState first = scanner(WatchList.empty()).step(Optional.empty(), f -> {});
    assertEquals(8, first.size());
    Path stateFile = dir.resolve("state.json");
    first.save(stateFile);
    TesseraLog.publish(log, 15);
    MonitorState second = scanner(WatchList.empty()).step(MonitorState.load(stateFile), f -> {});
    assertEquals(15, second.size());
    assertEquals(first.compactRange().size(), 1);
    assertEquals(4, second.compactRange().size());
  }

  @Test
  void rollbackIsRefused() throws Exception {
    MonitorState at15 = scanner(WatchList.empty()).step(Optional.empty(), f -> {});
    TesseraLog.publish(log, 12);
    VerificationException e =
        assertThrows(
            VerificationException.class,
            () -> scanner(WatchList.empty()).step(Optional.of(at15), f -> {}));
    assertEquals(
        "rollback: the log's checkpoint is size 12, smaller than the verified size 15",
        e.getMessage());
  }

  @Test
  void changedEntryIsReportedAtItsIndex() throws Exception {
    // Bundle 000.p/15 holds every entry; "eit" (index 7) becomes "EIT".
    Path bundle = log.resolve("tile/entries/000.p/15");
    byte[] bytes = Files.readAllBytes(bundle);
    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = text.indexOf("eit");
    bytes[at] = 'E';
    Files.write(bundle, bytes);
    VerificationException e =
        assertThrows(
            VerificationException.class,
            () -> scanner(WatchList.empty()).step(Optional.empty(), f -> {}));
    assertTrue(e.getMessage().startsWith("entry 7: its bundle entry hashes to "), e.getMessage());
  }

  @Test
  void findsNothingInNonJsonEntriesAndServerErrorsAreFetchErrors() throws Exception {
    List<Finding> findings = new ArrayList<>();
    scanner(WatchList.of(java.util.Map.of("emails", List.of("/.*/"))))
        .step(Optional.empty(), findings::add);
    assertEquals(List.of(), findings);
    server.failures.set(100);
    assertThrows(
        FetchException.class, () -> scanner(WatchList.empty()).step(Optional.empty(), f -> {}));
  }

  @Test
  void startingAtHeadTakesTheCompactRangeFromTheRightEdgeTiles() throws Exception {
    TesseraLog.publish(log, 11);
    MonitorState read = scanner(WatchList.empty()).step(Optional.empty(), f -> {});
    List<Finding> findings = new ArrayList<>();
    MonitorState head =
        scanner(WatchList.of(java.util.Map.of("emails", List.of("/.*/"))))
            .startingAtHead()
            .step(Optional.empty(), findings::add);
    assertEquals(read, head, "the same state as reading the 11 entries");
    assertEquals(List.of(), findings);
    TesseraLog.publish(log, 15);
    assertEquals(
        scanner(WatchList.empty()).step(Optional.of(read), f -> {}),
        scanner(WatchList.empty()).startingAtHead().step(Optional.of(head), f -> {}),
        "a later pass reads on from the head's state");

    // A right-edge tile that lies about a hash does not hash to the checkpoint's root.
    TesseraLog.publish(log, 11);
    Path tile = log.resolve("tile/0/000.p/11");
    byte[] bytes = Files.readAllBytes(tile);
    bytes[5 * 32] ^= 1;
    Files.write(tile, bytes);
    VerificationException e =
        assertThrows(
            VerificationException.class,
            () -> scanner(WatchList.empty()).startingAtHead().step(Optional.empty(), f -> {}));
    assertTrue(e.getMessage().contains("but its right-edge tiles hash to"), e.getMessage());
  }

  @Test
  void aFrozenShardMustEndAtTheSizeAndRootTheShardListGives() throws Exception {
    MonitorState whole = scanner(WatchList.empty()).step(Optional.empty(), f -> {});
    TileShards shorter =
        () ->
            List.of(
                new TileShard(7, 0, true, 14, whole.rootHash(), tiles),
                new TileShard(8, 14, false, 0, whole.rootHash(), tiles));
    VerificationException e =
        assertThrows(
            VerificationException.class,
            () ->
                scanner(WatchList.empty())
                    .followingShards(shorter)
                    .step(Optional.empty(), f -> {}));
    assertTrue(
        e.getMessage().startsWith("frozen shard 7: its tile checkpoint is size 15 root "),
        e.getMessage());
    assertTrue(e.getMessage().contains("but the log lists its final size 14"), e.getMessage());
  }

  @Test
  void aLaterShardIsReadUnderItsOwnOriginAndAVanishedShardIsRefused() throws Exception {
    MonitorState whole = scanner(WatchList.empty()).step(Optional.empty(), f -> {});
    // The second "shard" is this log again: its origin does not end with /8.
    TileShards two =
        () ->
            List.of(
                new TileShard(7, 0, true, 15, whole.rootHash(), tiles),
                new TileShard(8, 15, false, 15, whole.rootHash(), tiles));
    VerificationException origin =
        assertThrows(
            VerificationException.class,
            () -> scanner(WatchList.empty()).followingShards(two).step(Optional.empty(), f -> {}));
    assertEquals(
        "shard 8: its checkpoint origin example.com/log/testdata does not end with /8",
        origin.getMessage());

    MonitorState onShard9 =
        new MonitorState(
            whole.log(),
            "tiles",
            whole.keyFingerprint(),
            9,
            0,
            whole.size(),
            whole.rootHash(),
            whole.compactRange(),
            whole.checkpoint());
    VerificationException gone =
        assertThrows(
            VerificationException.class,
            () ->
                scanner(WatchList.empty())
                    .followingShards(two)
                    .step(Optional.of(onShard9), f -> {}));
    assertEquals("shard 9 that was being followed is no longer in the log", gone.getMessage());
  }
}
