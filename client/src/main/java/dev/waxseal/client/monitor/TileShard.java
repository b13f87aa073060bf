package dev.waxseal.client.monitor;

import dev.waxseal.client.tiles.TileClient;
import dev.waxseal.merkle.Hash;

/**
 * One shard of a sharded tile log: a C2SP log of its own, and what the log's shard list says about
 * it.
 *
 * @param treeId the shard's tree id
 * @param virtualStart the index of its leaf 0 across all shards (findings are reported with it)
 * @param frozen true if the shard takes no more entries (an inactive shard)
 * @param size the shard's size as the shard list gives it; a frozen shard's final size
 * @param rootHash the root at {@code size}
 * @param tiles the reader of the shard's tiles and entry bundles
 */
public record TileShard(
    long treeId, long virtualStart, boolean frozen, long size, Hash rootHash, TileClient tiles) {}
