package dev.waxseal.merkle.tiles;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A {@link TileReader} over a map, fed by {@link TileAppender} updates; counts reads. */
final class InMemoryTiles implements TileReader {
  private final Map<TileId, Tile> tiles = new HashMap<>();
  private int calls;

  /** Stores the tiles of an update, each replacing its narrower version. */
  void write(TileUpdate update) {
    for (Tile tile : update.tiles()) {
      Tile old = tiles.get(tile.id());
      if (old != null && old.width() >= tile.width()) {
        throw new AssertionError("update does not grow tile " + tile.id());
      }
      if (old != null && !old.equals(tile.prefix(old.width()))) {
        throw new AssertionError("update changes the prefix of tile " + tile.id());
      }
      tiles.put(tile.id(), tile);
    }
  }

  @Override
  public List<Tile> readTiles(List<TileId> ids) {
    calls++;
    List<Tile> out = new ArrayList<>();
    for (TileId id : ids) {
      Tile tile = tiles.get(id);
      if (tile == null) {
        throw new IllegalStateException("no tile " + id);
      }
      out.add(tile);
    }
    return out;
  }

  Map<TileId, Tile> all() {
    return tiles;
  }

  int calls() {
    return calls;
  }
}
