package dev.waxseal.server.api.tiles;

import dev.waxseal.merkle.tiles.EntryBundle;
import dev.waxseal.merkle.tiles.Tile;
import dev.waxseal.merkle.tiles.TileGeometry;
import dev.waxseal.merkle.tiles.TileId;
import dev.waxseal.merkle.tiles.TilePath;
import dev.waxseal.server.log.IntegratedEntry;
import dev.waxseal.server.log.LogReader;
import dev.waxseal.server.log.PublishedCheckpoint;
import dev.waxseal.server.log.Tree;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The bytes behind tile paths of one shard: hash tiles from the tile cache or the database (never
 * recomputed), entry bundles from the stored entries.
 *
 * <p>Which widths exist. A full tile ({@code W = 256}) exists once the tree has filled it. A
 * partial tile of width {@code W} exists once the tile is at least {@code W} wide: partial tiles
 * are prefixes of the tile they grow into, so {@code .p/W} has the same bytes at every tree size
 * from the first one that made it, including after the tile is full. C2SP requires partial tiles
 * for every published size; every batch publishes, so any width up to the current one may have been
 * published, and serving it is always correct.
 *
 * <pre>
 *   tree size 70,000, level 0:  tiles 0..272 full | tile 273: 112 hashes
 *   tile/0/273.p/112  200   (current width)
 *   tile/0/273.p/17   200   (prefix: the bytes it had at size 69,905)
 *   tile/0/273.p/113  404   (not yet)      tile/0/273   404 (not full yet)
 *   tile/0/272.p/5    200   (prefix of a full tile)
 * </pre>
 */
final class TileResources {
  private final LogReader reader;

  TileResources(LogReader reader) {
    this.reader = reader;
  }

  /** The hash tile at {@code path}, or empty if the tree does not have it (yet). */
  Optional<byte[]> hashTile(Tree shard, TilePath path) {
    TileId id = path.tile().id();
    OptionalLong size = sizeHolding(shard, id, path.width());
    if (size.isEmpty()) {
      return Optional.empty();
    }
    long treeId = shard.treeId();
    // Read at the first size that holds the width asked for, not the latest: a read replica that
    // has replayed that far can serve it (a full tile as soon as it is full).
    Tile tile = reader.tiles(treeId, firstSizeHolding(id, path.width()), List.of(id)).get(0);
    return Optional.of(tile.prefix(path.width()).bytes());
  }

  /**
   * The entry bundle at {@code path}, or empty if the tree does not have it (yet).
   *
   * @throws EntryTooLargeException if an entry of the bundle is longer than 65,535 bytes
   */
  Optional<byte[]> entryBundle(Tree shard, TilePath path) {
    TileId id = new TileId(0, path.index());
    if (sizeHolding(shard, id, path.width()).isEmpty()) {
      return Optional.empty();
    }
    long treeId = shard.treeId();
    long begin = path.index() * TileGeometry.WIDTH; // no overflow: the tree holds this tile
    List<IntegratedEntry> rows = reader.entries(treeId, begin, begin + path.width());
    if (rows.size() != path.width()) {
      throw new IllegalStateException(
          "tree "
              + treeId
              + " has "
              + rows.size()
              + " entries for "
              + path
              + ", want "
              + path.width());
    }
    List<byte[]> bodies = new ArrayList<>(rows.size());
    for (IntegratedEntry row : rows) {
      if (row.body().length > EntryBundle.MAX_ENTRY) {
        throw new EntryTooLargeException(
            path.toString(), reader.virtualIndex(row), row.body().length);
      }
      bodies.add(row.body());
    }
    return Optional.of(EntryBundle.encode(bodies));
  }

  /**
   * A tree size at which tile {@code id} is at least {@code width} wide (exactly 256 for a full
   * tile), if the tree has one: a frozen shard's final size; for the active one, the size this
   * process last saw when that suffices (no query), else the latest stored size.
   */
  private OptionalLong sizeHolding(Tree shard, TileId id, int width) {
    if (!shard.active()) {
      long last = shard.finalSize();
      return holds(id, width, last) ? OptionalLong.of(last) : OptionalLong.empty();
    }
    PublishedCheckpoint knownHead = reader.tree().knownCheckpoint();
    if (knownHead.treeId() != shard.treeId()) {
      // This process's view moved on (or not yet): ask for the shard's own head.
      long size = reader.latestCheckpoint(shard.treeId()).size();
      return holds(id, width, size) ? OptionalLong.of(size) : OptionalLong.empty();
    }
    long known = knownHead.size();
    if (holds(id, width, known)) {
      return OptionalLong.of(known);
    }
    long latest = reader.latestCheckpoint(shard.treeId()).size();
    return holds(id, width, latest) ? OptionalLong.of(latest) : OptionalLong.empty();
  }

  /**
   * The smallest tree size at which tile {@code id} is {@code width} wide: its last node, at tree
   * level 8·L, covers leaves up to {@code (N·256 + W)·256^L}. Called only for a tile the tree
   * holds, so the product is at most the tree size.
   */
  static long firstSizeHolding(TileId id, int width) {
    long nodes = Math.addExact(Math.multiplyExact(id.index(), TileGeometry.WIDTH), width);
    return Math.multiplyExact(nodes, 1L << (TileGeometry.HEIGHT * id.level()));
  }

  private static boolean holds(TileId id, int width, long treeSize) {
    int current = TileGeometry.width(id, treeSize);
    return width == TileGeometry.WIDTH ? current == TileGeometry.WIDTH : current >= width;
  }
}
