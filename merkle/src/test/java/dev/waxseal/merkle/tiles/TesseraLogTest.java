package dev.waxseal.merkle.tiles;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Reproduces transparency-dev/tessera's 15-entry test log ({@code
 * resources/tlog-tiles/tessera-testdata-log}) byte for byte: every level-0 tile {@code
 * tile/0/000.p/<w>}, every entry bundle {@code tile/entries/000.p/<w>}, and the root of every
 * {@code checkpoint.<size>}. Signatures are the note package's business; only the root line is read
 * here.
 */
class TesseraLogTest {
  private static final String LOG = "/tlog-tiles/tessera-testdata-log/";

  @Test
  void reproducesEveryTileBundleAndCheckpointRoot() throws IOException {
    List<byte[]> entries = EntryBundle.decode(read(TileGeometry.entriesPath(0, 15)));
    assertEquals(15, entries.size());
    assertEquals("one", new String(entries.get(0), StandardCharsets.UTF_8));
    assertEquals("fivten", new String(entries.get(14), StandardCharsets.UTF_8));

    InMemoryTiles store = new InMemoryTiles();
    TileAppender appender = TileAppender.open(0, List.of());
    assertEquals(Rfc6962.emptyRoot(), checkpointRoot(0));
    for (int size = 1; size <= 15; size++) {
      TileUpdate update = appender.append(List.of(Rfc6962.leafHash(entries.get(size - 1))));
      store.write(update);
      assertEquals(1, update.tiles().size());
      Tile tile = update.tiles().get(0);
      assertEquals("tile/0/000.p/" + size, tile.ref().path());
      assertArrayEquals(read(tile.ref().path()), tile.bytes(), tile.ref().path());

      String bundlePath = TileGeometry.entriesPath(0, size);
      assertArrayEquals(read(bundlePath), EntryBundle.encode(entries.subList(0, size)), bundlePath);

      Hash root = checkpointRoot(size);
      assertEquals(root, update.rootHash(), "checkpoint." + size);
      assertEquals(root, new TileProofs(store).rootHash(size), "root from tiles, size " + size);
    }
    assertEquals(checkpointRoot(15), rootLine(read("checkpoint")));
  }

  private static Hash checkpointRoot(int size) throws IOException {
    return rootLine(read("checkpoint." + size));
  }

  /** The third line of a checkpoint body: the base64 root hash. */
  private static Hash rootLine(byte[] checkpoint) {
    String[] lines = new String(checkpoint, StandardCharsets.UTF_8).split("\n", -1);
    return Hash.fromBase64(lines[2]);
  }

  private static byte[] read(String path) throws IOException {
    try (InputStream in =
        Objects.requireNonNull(TesseraLogTest.class.getResourceAsStream(LOG + path), path)) {
      return in.readAllBytes();
    }
  }
}
