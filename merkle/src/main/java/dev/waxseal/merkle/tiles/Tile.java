package dev.waxseal.merkle.tiles;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * An immutable C2SP hash tile: {@code width} consecutive node hashes of one tile level, 32 bytes
 * each, exactly the bytes served at the tile's path.
 *
 * <p>A partial tile is a prefix of the full tile it grows into: appending leaves only adds hashes
 * at the end, it never changes one.
 */
public final class Tile {
  private final TileId id;
  private final byte[] hashes;

  /**
   * The tile's inner nodes, computed on first use and kept: {@code inner[r - 1]} holds the {@code
   * width() >> r} nodes of in-tile level {@code r} (1..7). A proof through a tile needs nodes at
   * every in-tile level; computing them once (about {@code width()} hashes) instead of per proof
   * (up to 255 hashes per node) is what makes cached tiles cheap to prove from. A race computes the
   * same bytes twice, which is harmless.
   */
  private volatile byte @Nullable [][] inner;

  private Tile(TileId id, byte[] hashes) {
    this.id = id;
    this.hashes = hashes;
  }

  /**
   * Returns the tile {@code id} holding a copy of {@code hashes}, the concatenated node hashes.
   *
   * @throws IllegalArgumentException unless {@code hashes} is {@code 32·w} bytes for {@code w} in
   *     {@code 1..256}
   */
  public static Tile of(TileId id, byte[] hashes) {
    return new Tile(id, checkLength(hashes).clone());
  }

  /** Takes ownership of {@code hashes} without a copy; for freshly filled arrays only. */
  static Tile wrap(TileId id, byte[] hashes) {
    return new Tile(id, checkLength(hashes));
  }

  private static byte[] checkLength(byte[] hashes) {
    int length = hashes.length;
    if (length == 0 || length % Hash.SIZE != 0 || length > TileGeometry.WIDTH * Hash.SIZE) {
      throw new IllegalArgumentException(
          "tile of " + length + " bytes is not 1..256 hashes of " + Hash.SIZE + " bytes");
    }
    return hashes;
  }

  /** This tile's id. */
  public TileId id() {
    return id;
  }

  /** The number of hashes, {@code 1..256}. */
  public int width() {
    return hashes.length / Hash.SIZE;
  }

  /** This tile's id and width, which name its C2SP path. */
  public TileRef ref() {
    return new TileRef(id, width());
  }

  /**
   * Returns hash {@code i}: node {@code (8·level, 256·index + i)}.
   *
   * @throws IndexOutOfBoundsException unless {@code 0 <= i < width()}
   */
  public Hash hashAt(int i) {
    if (i < 0 || i >= width()) {
      throw new IndexOutOfBoundsException("hash " + i + " of tile " + id + " of width " + width());
    }
    return Hash.of(hashes, i * Hash.SIZE);
  }

  /** Returns a copy of the tile's bytes: {@code 32·width()} bytes. */
  public byte[] bytes() {
    return hashes.clone();
  }

  /**
   * Returns this tile cut to its first {@code width} hashes, or this tile if it is that wide.
   *
   * @throws IllegalArgumentException unless {@code 1 <= width <= width()}
   */
  public Tile prefix(int width) {
    if (width < 1 || width > width()) {
      throw new IllegalArgumentException(
          "prefix width " + width + " outside 1.." + width() + " of tile " + id);
    }
    return width == width() ? this : new Tile(id, Arrays.copyOf(hashes, width * Hash.SIZE));
  }

  /**
   * Copies {@code count} hashes from position {@code from} into {@code target} at {@code offset}.
   */
  void copyHashes(int from, int count, byte[] target, int offset) {
    System.arraycopy(hashes, from * Hash.SIZE, target, offset, count * Hash.SIZE);
  }

  /**
   * Returns the hash of the node at in-tile level {@code level} (0..7) and position {@code
   * position} within that level: the root of the {@code 2^level} tile hashes from {@code position ·
   * 2^level}.
   *
   * @throws IndexOutOfBoundsException unless that node lies wholly inside this tile's width
   */
  public Hash innerNode(int level, int position) {
    if (level < 0
        || level >= TileGeometry.HEIGHT
        || position < 0
        || position >= (width() >> level)) {
      throw new IndexOutOfBoundsException(
          "node (" + level + ", " + position + ") is outside tile " + id + " of width " + width());
    }
    if (level == 0) {
      return Hash.of(hashes, position * Hash.SIZE);
    }
    return Hash.of(innerLevels()[level - 1], position * Hash.SIZE);
  }

  private byte[][] innerLevels() {
    byte[][] levels = inner;
    if (levels == null) {
      levels = new byte[TileGeometry.HEIGHT - 1][];
      byte[] below = hashes;
      for (int r = 1; r < TileGeometry.HEIGHT; r++) {
        int count = width() >> r;
        byte[] level = new byte[count * Hash.SIZE];
        for (int i = 0; i < count; i++) {
          Rfc6962.nodeHash(
              below, 2 * i * Hash.SIZE, below, (2 * i + 1) * Hash.SIZE, level, i * Hash.SIZE);
        }
        levels[r - 1] = level;
        below = level;
      }
      inner = levels;
    }
    return levels;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tile other && id.equals(other.id) && Arrays.equals(hashes, other.hashes);
  }

  @Override
  public int hashCode() {
    return 31 * id.hashCode() + Arrays.hashCode(hashes);
  }

  @Override
  public String toString() {
    return "Tile " + TileGeometry.path(id, width());
  }
}
