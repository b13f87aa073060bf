package dev.waxseal.merkle.tiles;

/**
 * The name of a C2SP tlog-tiles tile: tile {@code index} at tile level {@code level}.
 *
 * <p>Tile level {@code L} holds the tree's nodes at level {@code 8·L}, 256 to a tile: tile {@code
 * (L, N)} holds nodes {@code (8·L, N·256 + i)} for {@code i = 0..255}. The id does not say how wide
 * the tile is; that depends on the tree size ({@link TileGeometry#width}).
 *
 * <pre>
 *   tile level 1:  [ (8,0) (8,1) ... (8,255) ]                          tile (1,0)
 *                     |       \
 *   tile level 0:  [ (0,0) ... (0,255) ] [ (0,256) ... (0,511) ] ...    tiles (0,0) (0,1) ...
 *                    node (8,0) is the root of tile (0,0); (8,1) of tile (0,1)
 * </pre>
 *
 * @param level the tile level, {@code 0..63} (C2SP {@code <L>})
 * @param index the tile's position in its level, {@code >= 0} (C2SP {@code <N>})
 */
public record TileId(int level, long index) {
  /** The largest tile level a C2SP path can name. */
  public static final int MAX_LEVEL = 63;

  /**
   * Validates the coordinates.
   *
   * @throws IllegalArgumentException if {@code level} is outside {@code 0..63} or {@code index} is
   *     negative
   */
  public TileId {
    if (level < 0 || level > MAX_LEVEL) {
      throw new IllegalArgumentException("tile level " + level + " outside 0.." + MAX_LEVEL);
    }
    if (index < 0) {
      throw new IllegalArgumentException("negative tile index " + index);
    }
  }

  @Override
  public String toString() {
    return level + "/" + index;
  }
}
