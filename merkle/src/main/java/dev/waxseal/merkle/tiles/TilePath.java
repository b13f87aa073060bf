package dev.waxseal.merkle.tiles;

/**
 * A parsed C2SP tlog-tiles resource path: a hash tile {@code tile/<L>/<N>[.p/<W>]} or an entry
 * bundle {@code tile/entries/<N>[.p/<W>]}. Produced by {@link TileGeometry#parse}.
 *
 * @param entries true for an entry bundle, false for a hash tile
 * @param level the tile level ({@code 0} for entry bundles, which sit beside level 0)
 * @param index the tile index {@code N}
 * @param width {@code 256} for a full tile, else the partial width {@code W} in {@code 1..255}
 */
public record TilePath(boolean entries, int level, long index, int width) {
  /**
   * Validates the fields.
   *
   * @throws IllegalArgumentException if a field is out of range, or an entry bundle has a level
   */
  public TilePath {
    new TileRef(new TileId(level, index), width); // validates level, index and width
    if (entries && level != 0) {
      throw new IllegalArgumentException("entry bundles have no level, got " + level);
    }
  }

  /** The hash tile this path names, with its width (for an entry bundle: its level-0 twin). */
  public TileRef tile() {
    return new TileRef(new TileId(level, index), width);
  }

  /** Formats the path back, canonically. */
  @Override
  public String toString() {
    return entries ? TileGeometry.entriesPath(index, width) : TileGeometry.path(tile().id(), width);
  }
}
