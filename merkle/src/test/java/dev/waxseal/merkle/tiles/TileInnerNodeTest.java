package dev.waxseal.merkle.tiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A tile's memoised inner nodes equal the nodes hashed naively from its hashes. */
class TileInnerNodeTest {
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 7, 8, 100, 128, 255, 256})
  void innerNodesEqualNaiveHashing(int width) {
    List<Hash> leaves = new ArrayList<>();
    byte[] bytes = new byte[width * Hash.SIZE];
    for (int i = 0; i < width; i++) {
      Hash h = Rfc6962.leafHash(new byte[] {(byte) i, (byte) (i >> 8)});
      leaves.add(h);
      h.copyTo(bytes, i * Hash.SIZE);
    }
    Tile tile = Tile.of(new TileId(0, 3), bytes);
    for (int level = 0; level < TileGeometry.HEIGHT; level++) {
      int count = width >> level;
      for (int position = 0; position < count; position++) {
        assertEquals(naive(leaves, position << level, 1 << level), tile.innerNode(level, position));
      }
      int outside = count;
      int lvl = level;
      assertThrows(IndexOutOfBoundsException.class, () -> tile.innerNode(lvl, outside));
    }
  }

  private static Hash naive(List<Hash> hashes, int first, int count) {
    if (count == 1) {
      return hashes.get(first);
    }
    return Rfc6962.nodeHash(
        naive(hashes, first, count / 2), naive(hashes, first + count / 2, count / 2));
  }
}
