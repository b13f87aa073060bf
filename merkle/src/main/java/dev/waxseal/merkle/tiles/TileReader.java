package dev.waxseal.merkle.tiles;

import java.util.List;

/**
 * Reads hash tiles from storage: the one seam between the Merkle code and the database.
 *
 * <p>{@link TileProofs} plans which tiles a proof or root needs and asks for all of them in one
 * call, so an implementation can answer with one query. Implementations owe callers:
 *
 * <ul>
 *   <li>The result MUST have exactly one tile per requested id, in the order of {@code ids}, each
 *       with the id it was asked for. Callers pass distinct ids.
 *   <li>A returned tile MAY be wider than the tree size the caller works with: partial tiles are
 *       stored at their current width and grow in place as the log grows. The prefix MUST NOT
 *       change: hash {@code i} of a tile, once written, is the same forever (callers ignore the
 *       hashes beyond their tree size).
 *   <li>A returned tile MUST be at least as wide as the tile is in the latest integrated tree
 *       (callers only ask for tiles of trees no bigger than that).
 *   <li>A missing tile is an error: the implementation MUST throw (an unchecked exception of its
 *       choice), never omit the tile or return an empty one. Every tile of an integrated tree
 *       exists.
 *   <li>Implementations MUST be safe to call from several threads at once.
 * </ul>
 */
public interface TileReader {
  /**
   * Reads the tiles {@code ids}, all in one call.
   *
   * @param ids distinct tile ids
   * @return one tile per id, in the same order, possibly wider than the caller needs
   */
  List<Tile> readTiles(List<TileId> ids);
}
