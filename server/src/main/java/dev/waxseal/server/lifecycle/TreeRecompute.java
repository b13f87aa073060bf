package dev.waxseal.server.lifecycle;

import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.tiles.Tile;
import dev.waxseal.merkle.tiles.TileAppender;
import dev.waxseal.merkle.tiles.TileId;
import dev.waxseal.merkle.tiles.TileUpdate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds a tree from its leaf hashes alone, as an independent check of what storage holds: the
 * tiles every leaf implies (merkle's {@link TileAppender}, the same code the append path uses, fed
 * from nothing but the leaves) and the root at any size asked for.
 *
 * <p>Memory: the newest version of every tile is kept (32 bytes per leaf, plus 1/255 of that for
 * the levels above), so that the stored tiles can be compared once the tree is complete.
 */
final class TreeRecompute {
  /** Leaves hashed per call into the appender. */
  private static final int CHUNK = 4096;

  private final TileAppender appender = TileAppender.open(0, List.of());
  private final Map<TileId, Tile> tiles = new LinkedHashMap<>();
  private final List<Hash> pending = new ArrayList<>(CHUNK);

  /** Appends one leaf. */
  void add(Hash leafHash) {
    pending.add(leafHash);
    if (pending.size() == CHUNK) {
      flush();
    }
  }

  /** The number of leaves added. */
  long size() {
    return appender.size() + pending.size();
  }

  /** The root of the leaves added so far (RFC 6962 MTH). */
  Hash rootHash() {
    flush();
    return appender.rootHash();
  }

  /** The final version of every tile of the tree as it stands. */
  Map<TileId, Tile> tiles() {
    flush();
    return tiles;
  }

  private void flush() {
    if (pending.isEmpty()) {
      return;
    }
    TileUpdate update = appender.append(pending);
    pending.clear();
    for (Tile tile : update.tiles()) {
      tiles.put(tile.id(), tile);
    }
  }
}
