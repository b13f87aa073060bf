package dev.waxseal.server.log;

import dev.waxseal.merkle.tiles.Tile;
import dev.waxseal.merkle.tiles.TileGeometry;
import dev.waxseal.merkle.tiles.TileId;
import dev.waxseal.merkle.tiles.TileReader;
import dev.waxseal.server.storage.PostgresLogStore;
import dev.waxseal.server.storage.TileRow;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the tiles of one tree for one tree size: from the {@link TileCache} when it holds them wide
 * enough, otherwise from PostgreSQL in one query, caching what it read.
 */
final class StoredTileReader implements TileReader {
  private final PostgresLogStore store;
  private final TileCache cache;
  private final long treeId;
  private final long treeSize;

  StoredTileReader(PostgresLogStore store, TileCache cache, long treeId, long treeSize) {
    this.store = store;
    this.cache = cache;
    this.treeId = treeId;
    this.treeSize = treeSize;
  }

  @Override
  public List<Tile> readTiles(List<TileId> ids) {
    Tile[] tiles = new Tile[ids.size()];
    List<Integer> missingLevels = new ArrayList<>();
    List<Long> missingIndexes = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      TileId id = ids.get(i);
      Tile cached = cache.get(treeId, id, TileGeometry.width(id, treeSize));
      if (cached != null) {
        tiles[i] = cached;
      } else {
        missingLevels.add(id.level());
        missingIndexes.add(id.index());
      }
    }
    if (!missingLevels.isEmpty()) {
      Map<TileId, Tile> read = readFromDatabase(missingLevels, missingIndexes);
      for (int i = 0; i < ids.size(); i++) {
        if (tiles[i] == null) {
          Tile tile = read.get(ids.get(i));
          if (tile == null || tile.width() < TileGeometry.width(ids.get(i), treeSize)) {
            throw new IllegalStateException(
                "tile " + ids.get(i) + " of tree " + treeId + " is missing at size " + treeSize);
          }
          tiles[i] = tile;
        }
      }
      cache.putAll(treeId, List.copyOf(read.values()));
    }
    return List.of(tiles);
  }

  private Map<TileId, Tile> readFromDatabase(List<Integer> levels, List<Long> indexes) {
    Map<TileId, Tile> read = new HashMap<>();
    try {
      for (TileRow row : store.tiles(treeId, treeSize, levels, indexes)) {
        TileId id = new TileId(row.level(), row.index());
        read.put(id, Tile.of(id, row.hashes()));
      }
    } catch (SQLException e) {
      throw new LogReadException("cannot read tiles of tree " + treeId, e);
    }
    return read;
  }
}
