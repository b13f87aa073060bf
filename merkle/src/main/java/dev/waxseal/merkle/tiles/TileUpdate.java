package dev.waxseal.merkle.tiles;

import dev.waxseal.merkle.Hash;
import java.util.List;

/**
 * What appending a batch of leaves did to the tiles: the new tree size and root, and exactly the
 * tiles that were created or grew, each with its full content at its new width, ordered by level
 * then index. Storage writes these tiles (replacing any narrower version) and nothing else.
 *
 * @param treeSize the tree size after the batch
 * @param rootHash the root hash of the tree of {@code treeSize} leaves
 * @param tiles the changed tiles (copied)
 */
public record TileUpdate(long treeSize, Hash rootHash, List<Tile> tiles) {
  /** Copies the tile list. */
  public TileUpdate {
    tiles = List.copyOf(tiles);
  }
}
