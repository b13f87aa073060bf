package dev.waxseal.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import dev.waxseal.merkle.tiles.Tile;
import dev.waxseal.merkle.tiles.TileId;
import dev.waxseal.server.storage.PostgresLogStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the tile cache keeps and how it counts its lookups for the metrics. */
class TileCacheTest {
  private static final long TREE = 7;

  private static Tile tile(long index, int width) {
    byte[] hashes = new byte[32 * width];
    hashes[0] = (byte) index;
    return Tile.of(new TileId(0, index), hashes);
  }

  @Test
  void countsAHitForATileAtLeastAsWideAsAskedAndAMissOtherwise() {
    TileCache cache = new TileCache(10);
    assertThat(cache.get(TREE, new TileId(0, 0), 1)).isNull();
    cache.putAll(TREE, List.of(tile(0, 256), tile(1, 3)));

    assertThat(cache.get(TREE, new TileId(0, 0), 256)).isNotNull();
    assertThat(cache.get(TREE, new TileId(0, 1), 2)).isNotNull();
    assertThat(cache.get(TREE, new TileId(0, 1), 3)).isNotNull();
    assertThat(cache.hits()).isEqualTo(3);
    assertThat(cache.misses()).isEqualTo(1);

    // Cached but narrower than the tree size needs: the reader goes to the database.
    assertThat(cache.get(TREE, new TileId(0, 1), 4)).isNull();
    // Another tree's tile of the same id, and a tile never cached.
    assertThat(cache.get(TREE + 1, new TileId(0, 0), 1)).isNull();
    assertThat(cache.get(TREE, new TileId(1, 0), 1)).isNull();
    assertThat(cache.hits()).isEqualTo(3);
    assertThat(cache.misses()).isEqualTo(4);
    assertThat(cache.size()).isEqualTo(2);
  }

  @Test
  void aWiderTileReplacesTheNarrowerOneWithoutGrowingTheCount() {
    TileCache cache = new TileCache(10);
    cache.putAll(TREE, List.of(tile(1, 3)));
    cache.putAll(TREE, List.of(tile(1, 5), tile(1, 4)));

    assertThat(cache.size()).isEqualTo(1);
    assertThat(cache.get(TREE, new TileId(0, 1), 5)).extracting(Tile::width).isEqualTo(5);
  }

  @Test
  void evictionKeepsTheLeastRecentlyUsedOutAndTheSizeAtTheCapacity() {
    TileCache cache = new TileCache(3);
    cache.putAll(TREE, List.of(tile(0, 256), tile(1, 256), tile(2, 256)));
    assertThat(cache.get(TREE, new TileId(0, 0), 256)).isNotNull(); // 0 is now the most recent

    for (long i = 3; i < 20; i++) {
      cache.putAll(TREE, List.of(tile(i, 256)));
      assertThat(cache.size()).isLessThanOrEqualTo(cache.capacity());
    }
    assertThat(cache.size()).isEqualTo(3);
    assertThat(cache.get(TREE, new TileId(0, 0), 1)).isNull();
    assertThat(cache.get(TREE, new TileId(0, 19), 1)).isNotNull();
    assertThat(cache.hits()).isEqualTo(2);
    assertThat(cache.misses()).isEqualTo(1);
  }

  @Test
  void aCacheOfCapacityZeroHoldsNothingAndCountsEveryLookupAsAMiss() {
    TileCache cache = new TileCache(0);
    cache.putAll(TREE, List.of(tile(0, 256)));

    assertThat(cache.get(TREE, new TileId(0, 0), 1)).isNull();
    assertThat(cache.get(TREE, new TileId(0, 0), 256)).isNull();
    assertThat(cache.capacity()).isZero();
    assertThat(cache.size()).isZero();
    assertThat(cache.hits()).isZero();
    assertThat(cache.misses()).isEqualTo(2);
  }

  @Test
  void theMetersReadTheCacheAtScrapeTimeUnderItsLogLabel() {
    TileCache v1 = new TileCache(2);
    TileCache v2 = new TileCache(5);
    MeterRegistry registry = new SimpleMeterRegistry();
    new TileCacheMetrics(v1, PostgresLogStore.REKOR_V1).bindTo(registry);
    new TileCacheMetrics(v2, PostgresLogStore.REKOR_V2).bindTo(registry);

    v1.putAll(TREE, List.of(tile(0, 256), tile(1, 256), tile(2, 256)));
    v1.get(TREE, new TileId(0, 2), 256);
    v1.get(TREE, new TileId(0, 0), 256);
    v2.get(TREE, new TileId(0, 2), 256);

    assertThat(gauge(registry, "waxseal.tile_cache.tiles", "rekor_v1")).isEqualTo(2);
    assertThat(gauge(registry, "waxseal.tile_cache.capacity", "rekor_v1")).isEqualTo(2);
    assertThat(gauge(registry, "waxseal.tile_cache.tiles", "rekor_v2")).isZero();
    assertThat(gauge(registry, "waxseal.tile_cache.capacity", "rekor_v2")).isEqualTo(5);
    assertThat(lookups(registry, "rekor_v1", "hit")).isEqualTo(1);
    assertThat(lookups(registry, "rekor_v1", "miss")).isEqualTo(1);
    assertThat(lookups(registry, "rekor_v2", "hit")).isZero();
    assertThat(lookups(registry, "rekor_v2", "miss")).isEqualTo(1);
  }

  private static double gauge(MeterRegistry registry, String name, String log) {
    return registry.get(name).tag("log", log).gauge().value();
  }

  private static double lookups(MeterRegistry registry, String log, String result) {
    return registry
        .get("waxseal.tile_cache.lookups")
        .tags("log", log, "result", result)
        .functionCounter()
        .count();
  }
}
