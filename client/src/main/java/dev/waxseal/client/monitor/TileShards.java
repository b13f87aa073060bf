package dev.waxseal.client.monitor;

import dev.waxseal.client.http.FetchException;
import java.util.List;

/** Where a {@link TileScanner} learns a log's shards, so that it can follow rotations. */
@FunctionalInterface
public interface TileShards {
  /**
   * The log's shards as it lists them now, oldest first; the last one takes new entries.
   *
   * @throws FetchException if the list could not be read
   */
  List<TileShard> shards() throws FetchException, InterruptedException;
}
