package dev.waxseal.client.monitor;

import dev.waxseal.client.http.FetchException;
import dev.waxseal.client.http.HttpFetcher;
import dev.waxseal.client.rekor.LogInfo;
import dev.waxseal.client.rekor.RekorClient;
import dev.waxseal.client.rekor.ShardInfo;
import dev.waxseal.client.tiles.TileClient;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shards of a log that serves both tiles and the Rekor v1 API, as Waxseal does
 * (docs/shards.md): {@code GET /api/v1/log} lists the trees, oldest first; the oldest is the tile
 * log at the base URL, every later one the tile log at {@code <base>/<treeID>}.
 *
 * <p>The first shard's reader is the one given; the others are created on first use and closed with
 * this object.
 */
public final class RekorTileShards implements TileShards, AutoCloseable {
  private final HttpFetcher http;
  private final URI base;
  private final RekorClient rekor;
  private final TileClient first;
  private final Map<Long, TileClient> later = new HashMap<>();

  private RekorTileShards(HttpFetcher http, URI base, RekorClient rekor, TileClient first) {
    this.http = http;
    this.base = base.toString().endsWith("/") ? base : URI.create(base + "/");
    this.rekor = rekor;
    this.first = first;
  }

  /**
   * The shards of the log at {@code base} if it serves {@code /api/v1/log}; empty if that answers
   * 404 or another 4xx but 429 (a tile-only log: Tessera, Rekor v2, or one shard's URL), which is
   * then followed as one log.
   *
   * @throws FetchException if the shard list could not be read for another reason
   */
  public static Optional<RekorTileShards> discover(
      HttpFetcher http, URI base, RekorClient rekor, TileClient first)
      throws FetchException, InterruptedException {
    try {
      rekor.logInfo();
    } catch (FetchException e) {
      if (e.status() >= 400 && e.status() < 500 && e.status() != 429) {
        return Optional.empty();
      }
      throw e;
    }
    return Optional.of(new RekorTileShards(http, base, rekor, first));
  }

  @Override
  public List<TileShard> shards() throws FetchException, InterruptedException {
    LogInfo info = rekor.logInfo();
    List<ShardInfo> trees = info.shards();
    List<TileShard> shards = new ArrayList<>();
    for (int i = 0; i < trees.size(); i++) {
      ShardInfo tree = trees.get(i);
      TileClient tiles = i == 0 ? first : reader(tree.treeId());
      shards.add(
          new TileShard(
              tree.treeId(),
              info.virtualStart(tree.treeId()),
              i < trees.size() - 1,
              tree.treeSize(),
              tree.rootHash(),
              tiles));
    }
    return shards;
  }

  private synchronized TileClient reader(long treeId) {
    return later.computeIfAbsent(
        treeId, id -> new TileClient(http, base.resolve(Long.toString(id) + "/")));
  }

  @Override
  public synchronized void close() {
    later.values().forEach(TileClient::close);
    later.clear();
  }
}
