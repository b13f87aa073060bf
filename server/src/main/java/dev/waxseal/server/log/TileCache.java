package dev.waxseal.server.log;

import dev.waxseal.merkle.tiles.Tile;
import dev.waxseal.merkle.tiles.TileId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Tiles kept in memory, least recently used out first, at most {@code capacity} of them.
 *
 * <p>A tile's prefix never changes, so the cache keeps the widest version it has seen of each tile;
 * a reader that needs a wider one than cached goes to the database. Full tiles never change at all,
 * so a cached full tile is never stale.
 *
 * <p>It counts its lookups for the metrics ({@link TileCacheMetrics}): a hit is a {@link #get} that
 * returned a tile, a miss one that sent the reader to the database, including a tile cached but
 * narrower than asked. The counters are {@link LongAdder}s bumped outside the lock, so the proof
 * path pays an uncontended add and a scrape never takes the lock to read them.
 */
public final class TileCache {
  private record Key(long treeId, TileId id) {}

  private final int capacity;
  private final Map<Key, Tile> tiles;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  /** Creates a cache of at most {@code capacity} tiles (0 disables it). */
  public TileCache(int capacity) {
    this.capacity = capacity;
    this.tiles =
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, Tile> eldest) {
            return size() > TileCache.this.capacity;
          }
        };
  }

  /** The cached tile {@code id} if it is at least {@code width} wide. */
  public @Nullable Tile get(long treeId, TileId id, int width) {
    Tile tile;
    synchronized (this) {
      tile = tiles.get(new Key(treeId, id));
    }
    if (tile != null && tile.width() >= width) {
      hits.increment();
      return tile;
    }
    misses.increment();
    return null;
  }

  /** Caches {@code tiles}, each replacing a narrower cached version. */
  public synchronized void putAll(long treeId, List<Tile> newTiles) {
    if (capacity == 0) {
      return;
    }
    for (Tile tile : newTiles) {
      Key key = new Key(treeId, tile.id());
      Tile cached = tiles.get(key);
      if (cached == null || cached.width() < tile.width()) {
        tiles.put(key, tile);
      }
    }
  }

  /** The most tiles this cache holds. */
  public int capacity() {
    return capacity;
  }

  /** The tiles held now, never more than {@link #capacity()}. */
  public synchronized int size() {
    return tiles.size();
  }

  /** Lookups that returned a tile, since this cache was made. */
  public long hits() {
    return hits.sum();
  }

  /** Lookups that returned nothing (absent, or cached narrower than asked) since it was made. */
  public long misses() {
    return misses.sum();
  }
}
