package dev.waxseal.bench;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.NodeId;
import dev.waxseal.merkle.tiles.Tile;
import dev.waxseal.merkle.tiles.TileGeometry;
import dev.waxseal.merkle.tiles.TileId;
import dev.waxseal.merkle.tiles.TileReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory {@link TileReader} for a {@link SyntheticTree} of a fixed size: tile content is
 * derived lazily from the tree and cached by what determines it (level, first leaf modulo the
 * period, width), so a 2^30-leaf tree costs a few megabytes. Each read returns a fresh {@link
 * Tile}, as a database read would.
 */
final class SyntheticTiles implements TileReader {
  private final SyntheticTree tree;
  private final long treeSize;
  private final Map<List<Long>, byte[]> cache = new HashMap<>();

  /**
   * Tile objects kept as the server's tile cache keeps them, so their memoised inner nodes are
   * reused across proofs (upper tiles are hot; random level-0 tiles mostly are not).
   */
  private final Map<TileId, Tile> tiles =
      new java.util.LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<TileId, Tile> eldest) {
          return size() > 16_384;
        }
      };

  SyntheticTiles(SyntheticTree tree, long treeSize) {
    this.tree = tree;
    this.treeSize = treeSize;
  }

  @Override
  public List<Tile> readTiles(List<TileId> ids) {
    List<Tile> read = new ArrayList<>(ids.size());
    for (TileId id : ids) {
      read.add(tiles.computeIfAbsent(id, i -> Tile.of(i, content(i))));
    }
    return read;
  }

  private byte[] content(TileId id) {
    int width = TileGeometry.width(id, treeSize);
    if (width == 0) {
      throw new IllegalStateException("no tile " + id + " in tree size " + treeSize);
    }
    int level = TileGeometry.HEIGHT * id.level();
    long firstNode = id.index() * TileGeometry.WIDTH;
    long firstLeafResidue = Math.floorMod(firstNode << level, SyntheticTree.PERIOD);
    List<Long> key = List.of((long) id.level(), firstLeafResidue, (long) width);
    byte[] bytes = cache.get(key);
    if (bytes == null) {
      bytes = new byte[width * Hash.SIZE];
      for (int i = 0; i < width; i++) {
        tree.nodeHash(new NodeId(level, firstNode + i)).copyTo(bytes, i * Hash.SIZE);
      }
      cache.put(key, bytes);
    }
    return bytes;
  }
}
