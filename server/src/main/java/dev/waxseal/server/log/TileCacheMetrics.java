package dev.waxseal.server.log;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The metrics of one {@link TileCache}, labelled {@code log} with the flavour of the trees it
 * caches ({@code rekor_v1} for the shards, {@code rekor_v2} for the Rekor v2 log, which has a cache
 * of its own), so two caches in one process are two series and never one counted twice.
 *
 * <p>The series read the cache at scrape time: {@code waxseal_tile_cache_tiles} (held now), {@code
 * waxseal_tile_cache_capacity} and {@code waxseal_tile_cache_lookups_total{result="hit"|"miss"}}
 * (docs/operations.md, "Metrics"). The capacity is a gauge of its own rather than a label or a
 * ratio: the fill {@code tiles / capacity} after a restart is then one PromQL division, a capacity
 * changed by a redeploy shows as a step in its own series, and a disabled cache (capacity 0) reads
 * as 0 rather than as a division by zero inside the server.
 */
final class TileCacheMetrics implements MeterBinder {
  private final TileCache cache;
  private final String log;

  /** The metrics of {@code cache}, which holds the tiles of the {@code log} flavour's trees. */
  TileCacheMetrics(TileCache cache, String log) {
    this.cache = cache;
    this.log = log;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    Gauge.builder("waxseal.tile_cache.tiles", cache, TileCache::size)
        .description("tiles held in the tile cache")
        .tag("log", log)
        .strongReference(true)
        .register(registry);
    Gauge.builder("waxseal.tile_cache.capacity", cache, TileCache::capacity)
        .description("the most tiles the tile cache holds (WAXSEAL_LOG_TILE_CACHE_SIZE)")
        .tag("log", log)
        .strongReference(true)
        .register(registry);
    FunctionCounter.builder("waxseal.tile_cache.lookups", cache, TileCache::hits)
        .description("tile cache lookups; a miss goes to the database")
        .tags("log", log, "result", "hit")
        .register(registry);
    FunctionCounter.builder("waxseal.tile_cache.lookups", cache, TileCache::misses)
        .description("tile cache lookups; a miss goes to the database")
        .tags("log", log, "result", "miss")
        .register(registry);
  }
}
