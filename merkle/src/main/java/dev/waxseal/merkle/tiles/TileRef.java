package dev.waxseal.merkle.tiles;

/**
 * A tile at a given width, as a C2SP path names it: a full tile has width 256, a partial tile (only
 * ever the last one of its level) {@code 1..255}.
 *
 * @param id the tile
 * @param width the number of hashes, {@code 1..256}
 */
public record TileRef(TileId id, int width) {
  /**
   * Validates the width.
   *
   * @throws IllegalArgumentException if {@code width} is outside {@code 1..256}
   */
  public TileRef {
    if (width < 1 || width > TileGeometry.WIDTH) {
      throw new IllegalArgumentException(
          "tile width " + width + " outside 1.." + TileGeometry.WIDTH);
    }
  }

  /** True if the tile has all 256 hashes. */
  public boolean isFull() {
    return width == TileGeometry.WIDTH;
  }

  /** The C2SP path of this tile, {@code tile/<L>/<N>[.p/<W>]}. */
  public String path() {
    return TileGeometry.path(id, width);
  }
}
