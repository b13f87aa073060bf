package dev.waxseal.client.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.waxseal.client.FileServer;
import dev.waxseal.client.Fixtures;
import dev.waxseal.client.http.FetchException;
import dev.waxseal.client.http.HttpFetcher;
import dev.waxseal.client.http.HttpOptions;
import dev.waxseal.client.verify.CheckpointVerifier;
import dev.waxseal.client.verify.LogKey;
import dev.waxseal.merkle.CompactRange;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.note.VerifierKey;
import dev.waxseal.merkle.tiles.TileProofs;
import dev.waxseal.merkle.tiles.TileRef;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reads the real Tessera test log (15 entries, every partial tile) over HTTP. */
class TileClientTest {
  private static final LogKey KEY =
      LogKey.fromVerifierKey(
          VerifierKey.parse(
              "example.com/log/testdata+33d7b496+AeHTu4Q3hEIMHNqc6fASMsq3rKNx280NI+oO5xCFkkSx"));
  private static final List<String> ENTRIES =
      List.of(
          "one",
          "two",
          "three",
          "four",
          "five",
          "six",
          "seven",
          "eit",
          "nain",
          "ten",
          "ileven",
          "twelf",
          "threeten",
          "fourten",
          "fivten");

  private FileServer server;
  private TileClient client;

  @BeforeEach
  void start() throws Exception {
    server = new FileServer(Fixtures.path("tlog-tiles/tessera-testdata-log"));
    HttpOptions options = HttpOptions.defaults().withRetries(3, Duration.ofMillis(10));
    client = new TileClient(new HttpFetcher(options), server.uri());
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void entriesHashToTheVerifiedCheckpointRoot() throws Exception {
    Checkpoint checkpoint = new CheckpointVerifier(KEY).verify(client.checkpoint());
    List<byte[]> entries = client.entries(0, checkpoint.size());
    assertEquals(
        ENTRIES, entries.stream().map(e -> new String(e, StandardCharsets.UTF_8)).toList());
    CompactRange range = CompactRange.empty();
    entries.forEach(entry -> range.append(Rfc6962.leafHash(entry)));
    assertEquals(checkpoint.rootHash(), range.rootHash());
  }

  @Test
  void entriesFromTheMiddleOfABundle() throws Exception {
    List<byte[]> entries = client.entries(5, 9);
    assertEquals(
        List.of("six", "seven", "eit", "nain"),
        entries.stream().map(e -> new String(e, StandardCharsets.UTF_8)).toList());
  }

  @Test
  void tilesGiveTheSameRootAsTheCheckpoint() throws Exception {
    Checkpoint checkpoint = new CheckpointVerifier(KEY).verify(client.checkpoint());
    TileProofs proofs = new TileProofs(client.reader(checkpoint.size()));
    assertEquals(checkpoint.rootHash(), proofs.rootHash(checkpoint.size()));
  }

  @Test
  void retriesServerErrors() throws Exception {
    server.failures.set(2);
    assertTrue(client.checkpoint().startsWith("example.com/log/testdata\n"));
    assertEquals(3, server.requests.get());
  }

  @Test
  void givesUpAfterTheLastRetry() {
    server.failures.set(10);
    FetchException e = assertThrows(FetchException.class, () -> client.checkpoint());
    assertTrue(e.getMessage().contains("gave up after 3 attempts, last: HTTP 503"), e.getMessage());
  }

  @Test
  void truncatedTileIsRetriedThenRefused() throws Exception {
    server.rewrite = body -> body.length > 40 ? Arrays.copyOf(body, body.length - 1) : body;
    TileRef ref = dev.waxseal.merkle.tiles.TileGeometry.rightEdge(15).get(0);
    FetchException e = assertThrows(FetchException.class, () -> client.tile(ref));
    assertTrue(e.getMessage().contains("bytes, want 480 (15 hashes)"), e.getMessage());
  }

  @Test
  void truncatedBundleIsRefused() {
    server.rewrite = body -> body.length > 40 ? Arrays.copyOf(body, body.length - 2) : body;
    assertThrows(FetchException.class, () -> client.entries(0, 15));
  }
}
