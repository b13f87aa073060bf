package dev.waxseal.client.monitor;

import dev.waxseal.client.http.FetchException;
import dev.waxseal.client.tiles.TileClient;
import dev.waxseal.client.verify.CheckpointVerifier;
import dev.waxseal.client.verify.VerificationException;
import dev.waxseal.merkle.CompactRange;
import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.Rfc6962;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.tiles.Tile;
import dev.waxseal.merkle.tiles.TileGeometry;
import dev.waxseal.merkle.tiles.TileId;
import dev.waxseal.merkle.tiles.TileRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Audits a whole tile log: downloads every entry bundle and every tile, recomputes every leaf hash,
 * every tile level and the root, checks every checkpoint given to it against the root at its size,
 * and reports the first difference.
 *
 * <p>Upper tiles are checked bottom-up: hash {@code j} of tile {@code (L, n)} must be the root of
 * the full tile {@code (L-1, 256n+j)}. Partial tiles are never hashed upward (C2SP tlog-tiles), so
 * only full lower tiles have a parent hash to check.
 */
public final class Auditor {
  private final TileClient tiles;
  private final CheckpointVerifier checkpoints;
  private final Progress progress;

  /** An auditor of {@code tiles}, whose checkpoints {@code checkpoints} opens. */
  public Auditor(TileClient tiles, CheckpointVerifier checkpoints, Progress progress) {
    this.tiles = tiles;
    this.checkpoints = checkpoints;
    this.progress = progress;
  }

  /** What an audit verified. */
  public record Report(long size, Hash rootHash, long entries, long tiles, int checkpoints) {}

  /**
   * Audits the log at its latest tile checkpoint, plus {@code otherCheckpoints}: checkpoints of the
   * same tree already verified by the caller (e.g. the Rekor v1 signed tree head, under the log's
   * other key), whose sizes must not exceed the tile checkpoint's.
   *
   * @throws VerificationException at the first difference, naming the index, tile or size
   */
  public Report audit(List<Checkpoint> otherCheckpoints)
      throws FetchException, VerificationException, InterruptedException {
    Checkpoint latest = checkpoints.verify(tiles.checkpoint());
    long size = latest.size();
    TreeMap<Long, List<Checkpoint>> bySize = new TreeMap<>();
    bySize.computeIfAbsent(size, s -> new ArrayList<>()).add(latest);
    for (Checkpoint other : otherCheckpoints) {
      if (other.size() > size) {
        throw new VerificationException(
            "a checkpoint of size "
                + other.size()
                + " is larger than the tile checkpoint's "
                + size
                + ": the log serves two different trees");
      }
      bySize.computeIfAbsent(other.size(), s -> new ArrayList<>()).add(other);
    }
    CompactRange range = CompactRange.empty();
    checkRoot(range, bySize);
    Map<TileId, Hash> fullTileRoots = new HashMap<>();
    long tileCount = 0;
    for (long start = 0; start < size; start += TileScanner.CHUNK) {
      long end = Math.min(size, start + TileScanner.CHUNK);
      List<byte[]> bodies = tiles.entries(start, end);
      List<TileRef> refs = new ArrayList<>();
      for (long t = start / TileGeometry.WIDTH; t * TileGeometry.WIDTH < end; t++) {
        TileId id = new TileId(0, t);
        refs.add(new TileRef(id, TileGeometry.width(id, size)));
      }
      List<Tile> level0 = tiles.tiles(refs);
      tileCount += level0.size();
      for (int k = 0; k < bodies.size(); k++) {
        long index = start + k;
        Hash leafHash = Rfc6962.leafHash(bodies.get(k));
        Tile tile = level0.get(k / TileGeometry.WIDTH);
        Hash served = tile.hashAt((int) (index % TileGeometry.WIDTH));
        if (!leafHash.equals(served)) {
          throw new VerificationException(
              "entry "
                  + index
                  + ": its bundle entry hashes to "
                  + leafHash.hex()
                  + ", but "
                  + tile.ref().path()
                  + " holds "
                  + served.hex());
        }
        range.append(leafHash);
        checkRoot(range, bySize);
      }
      for (Tile tile : level0) {
        if (tile.width() == TileGeometry.WIDTH) {
          fullTileRoots.put(tile.id(), tileRoot(tile));
        }
      }
      progress.update(end, size);
    }
    tileCount += checkUpperTiles(size, fullTileRoots);
    return new Report(size, range.rootHash(), size, tileCount, otherCheckpoints.size() + 1);
  }

  private static void checkRoot(CompactRange range, TreeMap<Long, List<Checkpoint>> bySize)
      throws VerificationException {
    List<Checkpoint> atSize = bySize.get(range.size());
    if (atSize == null) {
      return;
    }
    Hash root = range.rootHash();
    for (Checkpoint checkpoint : atSize) {
      if (!checkpoint.rootHash().equals(root)) {
        throw new VerificationException(
            "checkpoint of size "
                + checkpoint.size()
                + " has root "
                + checkpoint.rootHash().hex()
                + ", but the log's entries [0, "
                + checkpoint.size()
                + ") hash to "
                + root.hex());
      }
    }
  }

  /** Checks every tile above level 0, bottom-up; returns how many were fetched. */
  private long checkUpperTiles(long size, Map<TileId, Hash> lowerRoots)
      throws FetchException, VerificationException, InterruptedException {
    long count = 0;
    for (int level = 1; ; level++) {
      List<TileRef> refs = new ArrayList<>();
      for (TileRef ref : TileGeometry.tiles(size)) {
        if (ref.id().level() == level) {
          refs.add(ref);
        }
      }
      if (refs.isEmpty()) {
        return count;
      }
      Map<TileId, Hash> roots = new HashMap<>();
      for (Tile tile : tiles.tiles(refs)) {
        count++;
        for (int j = 0; j < tile.width(); j++) {
          TileId child = new TileId(level - 1, tile.id().index() * TileGeometry.WIDTH + j);
          Hash want = lowerRoots.get(child);
          if (want == null || !want.equals(tile.hashAt(j))) {
            throw new VerificationException(
                tile.ref().path()
                    + " hash "
                    + j
                    + " is "
                    + tile.hashAt(j).hex()
                    + ", but the root of "
                    + child
                    + " is "
                    + (want == null ? "not a full tile" : want.hex()));
          }
        }
        if (tile.width() == TileGeometry.WIDTH) {
          roots.put(tile.id(), tileRoot(tile));
        }
      }
      lowerRoots = roots;
    }
  }

  /** The root of a full tile: its 256 hashes hashed up eight levels. */
  static Hash tileRoot(Tile tile) {
    CompactRange range = CompactRange.empty();
    for (int i = 0; i < tile.width(); i++) {
      range.append(tile.hashAt(i));
    }
    return range.rootHash();
  }
}
