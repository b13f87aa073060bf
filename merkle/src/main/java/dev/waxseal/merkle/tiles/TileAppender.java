package dev.waxseal.merkle.tiles;

import dev.waxseal.merkle.CompactRange;
import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Appends leaf hashes to a tiled tree: given the partial tiles on the right edge of a tree of size
 * {@code n}, computes the new root and exactly the tiles a batch creates or grows.
 *
 * <p>The log's append transaction opens an appender with {@link #open} on the tiles {@link
 * #rightEdge} names (at most one partial tile per level; their hashes determine the compact range,
 * so storage keeps nothing else), calls {@link #append} with the batch, and writes the returned
 * tiles. An appender may also stay open across batches by a single writer. {@link #append} moves it
 * to the new size before the caller has stored anything: if storing the update fails, retry storing
 * that same update, or discard the appender and re-open it from storage. Never append the failed
 * batch again on it.
 *
 * <p>Each tile level keeps its partial tile's hashes and a compact range inside that tile, so an
 * append costs one node hash on average, like {@link CompactRange}; when a tile fills, its root
 * becomes the next hash of the level above. Nothing is allocated per leaf: hashes live in flat
 * arrays. Not thread-safe.
 *
 * <pre>
 *   size 70,000 = 1·256² + 17·256 + 112
 *   level 2:  [1]                    partial, width 1    (the root of full tile 1/0)
 *   level 1:  [256 full] [17]        tile 1/0 full; 1/1 partial, width 17
 *   level 0:  273 full tiles  [112]  tile 0/273 partial, width 112
 * </pre>
 */
public final class TileAppender {
  /** Tile levels 0..7 hold every node of a tree below 2^64 leaves. */
  private static final int LEVELS = 8;

  private final Level[] levels = new Level[LEVELS];
  private final byte[] leaf = new byte[Hash.SIZE];
  private long size;

  /** One tile level: its partial tile and the compact range of that tile's hashes. */
  private static final class Level {
    final byte[] entries = new byte[TileGeometry.WIDTH * Hash.SIZE];
    final byte[] stack = new byte[(TileGeometry.HEIGHT + 1) * Hash.SIZE];
    int width;
    int depth;
    long tileIndex;
    boolean changed;
  }

  private TileAppender(long size) {
    this.size = size;
    for (int level = 0; level < LEVELS; level++) {
      levels[level] = new Level();
      int shift = TileGeometry.HEIGHT * (level + 1);
      levels[level].tileIndex = shift >= Long.SIZE ? 0 : size >>> shift;
    }
  }

  /**
   * Returns the tiles (with their widths) that {@link #open} needs for a tree of {@code treeSize}
   * leaves: its partial tiles, lowest level first.
   *
   * @throws IllegalArgumentException if {@code treeSize} is negative
   */
  public static List<TileRef> rightEdge(long treeSize) {
    return TileGeometry.rightEdge(treeSize);
  }

  /**
   * Opens an appender on the tree of {@code treeSize} leaves whose right-edge tiles are {@code
   * tiles}, in the order {@link #rightEdge} lists them. A tile may be wider than {@code treeSize}
   * needs (see {@link TileReader}); only its prefix is used.
   *
   * @throws IllegalArgumentException if {@code treeSize} is negative, or the tiles are not the
   *     right-edge tiles of that size or are too narrow
   */
  public static TileAppender open(long treeSize, List<Tile> tiles) {
    List<TileRef> want = rightEdge(treeSize);
    if (tiles.size() != want.size()) {
      throw new IllegalArgumentException(
          "got " + tiles.size() + " right-edge tiles, want " + want.size() + ": " + want);
    }
    TileAppender appender = new TileAppender(treeSize);
    for (int i = 0; i < want.size(); i++) {
      TileRef ref = want.get(i);
      Tile tile = tiles.get(i);
      if (!tile.id().equals(ref.id()) || tile.width() < ref.width()) {
        throw new IllegalArgumentException(
            "right-edge tile " + i + " is " + tile.ref() + ", want " + ref + " or wider");
      }
      Level level = appender.levels[ref.id().level()];
      for (int j = 0; j < ref.width(); j++) {
        tile.copyHashes(j, 1, appender.leaf, 0);
        push(level, appender.leaf, 0);
      }
    }
    return appender;
  }

  /** The current tree size. */
  public long size() {
    return size;
  }

  /**
   * Appends {@code leafHashes} in order and returns the new size, the new root and every tile the
   * batch created or grew.
   *
   * @throws ArithmeticException if the tree would exceed {@code 2^63 - 1} leaves
   */
  public TileUpdate append(List<Hash> leafHashes) {
    long newSize = Math.addExact(size, leafHashes.size());
    List<Tile> changed = new ArrayList<>();
    for (Hash leafHash : leafHashes) {
      leafHash.copyTo(leaf, 0);
      add(0, leaf, 0, changed);
    }
    size = newSize;
    for (int i = 0; i < LEVELS; i++) {
      Level level = levels[i];
      if (level.changed && level.width > 0) {
        byte[] hashes = Arrays.copyOf(level.entries, level.width * Hash.SIZE);
        changed.add(Tile.wrap(new TileId(i, level.tileIndex), hashes));
      }
      level.changed = false;
    }
    changed.sort(
        Comparator.comparingInt((Tile t) -> t.id().level()).thenComparingLong(t -> t.id().index()));
    return new TileUpdate(size, rootHash(), changed);
  }

  /** Adds one hash at tile level {@code i}; a tile that fills is emitted and feeds level i + 1. */
  private void add(int i, byte[] source, int offset, List<Tile> changed) {
    Level level = levels[i];
    push(level, source, offset);
    level.changed = true;
    if (level.width == TileGeometry.WIDTH) {
      changed.add(Tile.wrap(new TileId(i, level.tileIndex), level.entries.clone()));
      // The full tile's compact range is a single hash: its root, a node of the level above.
      add(i + 1, level.stack, 0, changed);
      level.width = 0;
      level.depth = 0;
      level.tileIndex++;
      level.changed = false;
    }
  }

  /** Appends a hash to a level's partial tile and merges its in-tile compact range. */
  private static void push(Level level, byte[] source, int offset) {
    System.arraycopy(source, offset, level.entries, level.width * Hash.SIZE, Hash.SIZE);
    System.arraycopy(source, offset, level.stack, level.depth * Hash.SIZE, Hash.SIZE);
    level.depth++;
    for (int p = level.width; (p & 1) == 1; p >>>= 1) {
      int left = (level.depth - 2) * Hash.SIZE;
      Rfc6962.nodeHash(level.stack, left, level.stack, left + Hash.SIZE, level.stack, left);
      level.depth--;
    }
    level.width++;
  }

  /** The root hash of the current tree: the in-tile compact ranges folded from the right. */
  public Hash rootHash() {
    if (size == 0) {
      return Rfc6962.emptyRoot();
    }
    byte[] root = new byte[Hash.SIZE];
    boolean first = true;
    for (Level level : levels) {
      for (int d = level.depth - 1; d >= 0; d--) {
        if (first) {
          System.arraycopy(level.stack, d * Hash.SIZE, root, 0, Hash.SIZE);
          first = false;
        } else {
          Rfc6962.nodeHash(level.stack, d * Hash.SIZE, root, 0, root, 0);
        }
      }
    }
    return Hash.of(root);
  }

  /** The compact range of the current tree, derived from the right-edge tiles. */
  public CompactRange compactRange() {
    List<Hash> hashes = new ArrayList<>();
    for (int i = LEVELS - 1; i >= 0; i--) {
      Level level = levels[i];
      for (int d = 0; d < level.depth; d++) {
        hashes.add(Hash.of(level.stack, d * Hash.SIZE));
      }
    }
    return CompactRange.of(size, hashes);
  }
}
