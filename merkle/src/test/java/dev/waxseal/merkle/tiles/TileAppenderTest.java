package dev.waxseal.merkle.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.waxseal.merkle.CompactRange;
import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.ReferenceTree;
import dev.waxseal.merkle.Rfc6962;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TileAppenderTest {
  private static final long SEED = Long.getLong("merkle.seed", System.nanoTime());
  private final ReferenceTree tree = new ReferenceTree();
  private final Random random = new Random(SEED);

  @ParameterizedTest(name = "size {0}")
  @ValueSource(longs = {1, 255, 256, 257, 65_536, 70_000})
  void randomBatchesWriteTheSameTilesAsOneLeafAtATime(long size) {
    InMemoryTiles batched = new InMemoryTiles();
    TileAppender appender = TileAppender.open(0, List.of());
    TileTrees.appendInRandomBatches(appender, batched, size, random, tree);

    InMemoryTiles single = new InMemoryTiles();
    TileAppender oneByOne = TileAppender.open(0, List.of());
    for (long i = 0; i < size; i++) {
      single.write(oneByOne.append(List.of(tree.leafHash(i))));
    }
    assertEquals(single.all(), batched.all(), "seed " + SEED);
    assertEquals(tree.rootHash(size), appender.rootHash());
    assertEquals(tree.rootHash(size), oneByOne.rootHash());
    // Every tile of the tree, at its width, with the reference tree's node hashes.
    List<TileRef> refs = TileGeometry.tiles(size);
    assertEquals(refs.size(), batched.all().size());
    for (TileRef ref : refs) {
      assertEquals(TileTrees.referenceTile(tree, ref), batched.all().get(ref.id()), ref.path());
    }
  }

  @Test
  void updateHasExactlyTheTilesThatChangedAtTheirNewWidth() {
    TileAppender appender = TileAppender.open(0, List.of());
    InMemoryTiles store = new InMemoryTiles();
    long size = 0;
    while (size < 70_000) {
      int batch = 1 + random.nextInt(1100);
      TileUpdate update = appender.append(TileTrees.leaves(tree, size, batch));
      long newSize = size + batch;
      long oldSize = size;
      Map<TileId, Integer> want =
          TileGeometry.tiles(newSize).stream()
              .filter(ref -> TileGeometry.width(ref.id(), oldSize) != ref.width())
              .collect(Collectors.toMap(TileRef::id, TileRef::width));
      Map<TileId, Integer> got =
          update.tiles().stream().collect(Collectors.toMap(Tile::id, Tile::width));
      assertEquals(want, got, "batch " + oldSize + " -> " + newSize + ", seed " + SEED);
      assertEquals(newSize, update.treeSize());
      assertEquals(tree.rootHash(newSize), update.rootHash());
      store.write(update);
      size = newSize;
    }
  }

  @Test
  void opensFromRightEdgeTilesEvenWhenTheyAreWider() {
    InMemoryTiles store = new InMemoryTiles();
    TileTrees.appendInRandomBatches(TileAppender.open(0, List.of()), store, 70_000, random, tree);
    for (long size : new long[] {0, 1, 255, 256, 65_535, 65_536, 65_537, 69_950}) {
      List<TileId> ids = TileAppender.rightEdge(size).stream().map(TileRef::id).toList();
      // The store holds the tiles of size 70,000: the partial ones are wider than size needs.
      TileAppender appender = TileAppender.open(size, store.readTiles(ids));
      assertEquals(tree.rootHash(size), appender.rootHash(), "size " + size);
      assertEquals(
          CompactRange.nodeIds(size).stream().map(tree::nodeHash).toList(),
          appender.compactRange().hashes());
      TileUpdate update = appender.append(TileTrees.leaves(tree, size, 50));
      assertEquals(tree.rootHash(size + 50), update.rootHash());
      for (Tile tile : update.tiles()) {
        assertEquals(TileTrees.referenceTile(tree, tile.ref()), tile);
      }
    }
  }

  @Test
  void continuesATreeOfAlmost2Pow40Leaves() {
    for (int i = 0; i < 20; i++) {
      long size = random.nextLong() >>> 24;
      List<Tile> edge =
          TileAppender.rightEdge(size).stream()
              .map(ref -> TileTrees.referenceTile(tree, ref))
              .toList();
      TileAppender appender = TileAppender.open(size, edge);
      assertEquals(tree.rootHash(size), appender.rootHash(), "size " + size + " seed " + SEED);
      int batch = 1 + random.nextInt(600);
      TileUpdate update = appender.append(TileTrees.leaves(tree, size, batch));
      assertEquals(tree.rootHash(size + batch), update.rootHash(), "seed " + SEED);
      for (Tile tile : update.tiles()) {
        assertEquals(TileTrees.referenceTile(tree, tile.ref()), tile, "seed " + SEED);
      }
    }
  }

  @Test
  void emptyBatchChangesNothing() {
    TileAppender appender = TileAppender.open(0, List.of());
    TileUpdate update = appender.append(List.of());
    assertEquals(new TileUpdate(0, Rfc6962.emptyRoot(), List.of()), update);
  }

  @Test
  void rejectsTilesThatAreNotTheRightEdge() {
    Tile tile = TileTrees.referenceTile(tree, new TileRef(new TileId(0, 1), 3));
    assertEquals(
        "got 0 right-edge tiles, want 2: [TileRef[id=0/1, width=3], TileRef[id=1/0, width=1]]",
        assertThrows(IllegalArgumentException.class, () -> TileAppender.open(259, List.of()))
            .getMessage());
    assertEquals(
        "right-edge tile 0 is TileRef[id=0/1, width=3], want TileRef[id=0/1, width=4] or wider",
        assertThrows(
                IllegalArgumentException.class, () -> TileAppender.open(260, List.of(tile, tile)))
            .getMessage());
    assertEquals(
        "right-edge tile 0 is TileRef[id=0/1, width=3], want TileRef[id=0/0, width=3] or wider",
        assertThrows(IllegalArgumentException.class, () -> TileAppender.open(3, List.of(tile)))
            .getMessage());
  }

  @Test
  void tileRejectsBadContent() {
    assertEquals(
        "tile of 33 bytes is not 1..256 hashes of 32 bytes",
        assertThrows(IllegalArgumentException.class, () -> Tile.of(new TileId(0, 0), new byte[33]))
            .getMessage());
    assertEquals(
        "tile of 0 bytes is not 1..256 hashes of 32 bytes",
        assertThrows(IllegalArgumentException.class, () -> Tile.of(new TileId(0, 0), new byte[0]))
            .getMessage());
    Tile tile = Tile.of(new TileId(0, 0), new byte[64]);
    assertEquals(Hash.of(new byte[32]), tile.hashAt(1));
    assertThrows(IndexOutOfBoundsException.class, () -> tile.hashAt(2));
    Set<Integer> widths = Set.of(tile.width(), tile.prefix(1).width());
    assertEquals(Set.of(1, 2), widths);
  }
}
