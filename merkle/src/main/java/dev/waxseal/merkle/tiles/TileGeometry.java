package dev.waxseal.merkle.tiles;

import dev.waxseal.merkle.NodeId;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;

/**
 * Where tiles are and how wide they are: C2SP tlog-tiles with tile height 8 and width 256.
 *
 * <p>A tree of {@code size} leaves has, at tile level {@code L}, {@code floor(size / 256^(L+1))}
 * full tiles and, if {@code w = floor(size / 256^L) mod 256} is not 0, one partial tile of width
 * {@code w} after them. Partial tiles are never hashed upward: the level above only gets a node
 * when a tile fills. Example (C2SP): size 70,000 has 273 full level-0 tiles and a level-0 partial
 * tile of width 112, one full level-1 tile and a level-1 partial tile of width 17, and a level-2
 * partial tile of width 1.
 */
public final class TileGeometry {
  /** Tree levels per tile level. */
  public static final int HEIGHT = 8;

  /** Hashes in a full tile. */
  public static final int WIDTH = 256;

  private TileGeometry() {}

  /** The number of tree nodes at tile level {@code level} (tree level {@code 8·level}). */
  private static long nodesAtTileLevel(int level, long treeSize) {
    return HEIGHT * level >= Long.SIZE ? 0 : treeSize >>> (HEIGHT * level);
  }

  /**
   * Returns how many hashes tile {@code id} has in the tree of {@code treeSize} leaves: 256 for a
   * full tile, {@code floor(treeSize / 256^L) mod 256} for the last one, 0 if it does not exist.
   *
   * @throws IllegalArgumentException if {@code treeSize} is negative
   */
  public static int width(TileId id, long treeSize) {
    checkSize(treeSize);
    long nodes = nodesAtTileLevel(id.level(), treeSize);
    long full = nodes / WIDTH;
    if (id.index() < full) {
      return WIDTH;
    }
    return id.index() == full ? (int) (nodes % WIDTH) : 0;
  }

  /**
   * Returns the tile holding node {@code id}: for a node at a level that is a multiple of 8 the
   * tile stores it; otherwise the tile stores the level-{@code 8·L} nodes under it, to be hashed.
   */
  public static TileId tileOf(NodeId id) {
    int shift = id.level() % HEIGHT;
    return new TileId(id.level() / HEIGHT, (id.index() << shift) / WIDTH);
  }

  /**
   * Returns the partial tiles on the right edge of the tree of {@code treeSize} leaves, lowest
   * level first: at most one per level. They hold all a writer needs to append (their hashes
   * determine the compact range of the tree).
   *
   * @throws IllegalArgumentException if {@code treeSize} is negative
   */
  public static List<TileRef> rightEdge(long treeSize) {
    checkSize(treeSize);
    List<TileRef> tiles = new ArrayList<>();
    for (int level = 0; nodesAtTileLevel(level, treeSize) > 0; level++) {
      long nodes = nodesAtTileLevel(level, treeSize);
      int width = (int) (nodes % WIDTH);
      if (width > 0) {
        tiles.add(new TileRef(new TileId(level, nodes / WIDTH), width));
      }
    }
    return tiles;
  }

  /**
   * Returns every tile of the tree of {@code treeSize} leaves with its width, level by level, left
   * to right. The list is computed on access, not materialised, so it is cheap for any size.
   *
   * @throws IllegalArgumentException if {@code treeSize} is negative
   */
  public static List<TileRef> tiles(long treeSize) {
    checkSize(treeSize);
    List<Long> counts = new ArrayList<>();
    long total = 0;
    for (int level = 0; nodesAtTileLevel(level, treeSize) > 0; level++) {
      long count = (nodesAtTileLevel(level, treeSize) + WIDTH - 1) / WIDTH;
      counts.add(count);
      total += count;
    }
    long size = total;
    return new AbstractList<>() {
      @Override
      public TileRef get(int i) {
        if (i < 0 || i >= size()) {
          throw new IndexOutOfBoundsException("tile " + i + " of " + size());
        }
        long rest = i;
        int level = 0;
        while (rest >= counts.get(level)) {
          rest -= counts.get(level++);
        }
        TileId id = new TileId(level, rest);
        return new TileRef(id, width(id, treeSize));
      }

      @Override
      public int size() {
        return (int) Math.min(size, Integer.MAX_VALUE);
      }
    };
  }

  /**
   * Formats the C2SP path of a hash tile: {@code tile/<L>/<N>} or {@code tile/<L>/<N>.p/<W>}, where
   * {@code N} is written in 3-digit groups, all but the last prefixed by {@code x} ({@code 1234067}
   * → {@code x001/x234/067}).
   *
   * @throws IllegalArgumentException if {@code width} is outside {@code 1..256}
   */
  public static String path(TileId id, int width) {
    return "tile/" + id.level() + "/" + indexPath(id.index()) + widthSuffix(width);
  }

  /**
   * Formats the C2SP path of entry bundle {@code index}: {@code tile/entries/<N>[.p/<W>]}.
   *
   * @throws IllegalArgumentException if {@code index} is negative or {@code width} is outside
   *     {@code 1..256}
   */
  public static String entriesPath(long index, int width) {
    if (index < 0) {
      throw new IllegalArgumentException("negative tile index " + index);
    }
    return "tile/entries/" + indexPath(index) + widthSuffix(width);
  }

  private static String indexPath(long index) {
    String digits = Long.toString(index);
    int pad = (3 - digits.length() % 3) % 3;
    digits = "0".repeat(pad) + digits;
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < digits.length(); i += 3) {
      if (i + 3 < digits.length()) {
        path.append('x').append(digits, i, i + 3).append('/');
      } else {
        path.append(digits, i, i + 3);
      }
    }
    return path.toString();
  }

  private static String widthSuffix(int width) {
    if (width < 1 || width > WIDTH) {
      throw new IllegalArgumentException("tile width " + width + " outside 1.." + WIDTH);
    }
    return width == WIDTH ? "" : ".p/" + width;
  }

  /**
   * Parses a tile or entry-bundle path strictly; see {@link TilePathParser}.
   *
   * @throws IllegalArgumentException naming the rule the path breaks
   */
  public static TilePath parse(String path) {
    return TilePathParser.parse(path);
  }

  private static void checkSize(long treeSize) {
    if (treeSize < 0) {
      throw new IllegalArgumentException("negative tree size " + treeSize);
    }
  }
}
