package dev.waxseal.client.monitor;

import dev.waxseal.client.http.FetchException;
import dev.waxseal.client.tiles.TileClient;
import dev.waxseal.client.verify.CheckpointVerifier;
import dev.waxseal.client.verify.VerificationException;
import dev.waxseal.merkle.CompactRange;
import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.tiles.Tile;
import dev.waxseal.merkle.tiles.TileGeometry;
import dev.waxseal.merkle.tiles.TileId;
import dev.waxseal.merkle.tiles.TileRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Follows a tile log: verifies the latest checkpoint, reads every new entry from the entry bundles,
 * checks each leaf hash against the level-0 tiles, and checks that the old compact range plus the
 * new leaves hash to the new root (which proves consistency with the last verified checkpoint
 * without trusting a proof from the log).
 */
public final class TileScanner {
  /** Entries read per round: 64 bundles. */
  static final int CHUNK = 64 * TileGeometry.WIDTH;

  private final String log;
  private final TileClient tiles;
  private final CheckpointVerifier checkpoints;
  private final WatchList watch;
  private final Progress progress;

  /** A scanner of the tile log {@code tiles} at URL {@code log}. */
  public TileScanner(
      String log,
      TileClient tiles,
      CheckpointVerifier checkpoints,
      WatchList watch,
      Progress progress) {
    this.log = log;
    this.tiles = tiles;
    this.checkpoints = checkpoints;
    this.watch = watch;
    this.progress = progress;
  }

  /**
   * Verifies everything new since {@code previous} (or the whole log) and hands the findings in the
   * verified entries to {@code findings}, only once all of them verified.
   *
   * @return the state to save
   * @throws VerificationException on a bad signature, a rollback, a fork or an entry that does not
   *     hash to the checkpoint, naming the index or size
   * @throws FetchException if the log could not be read
   */
  public MonitorState step(Optional<MonitorState> previous, Consumer<Finding> findings)
      throws FetchException, VerificationException, InterruptedException {
    String note = tiles.checkpoint();
    Checkpoint checkpoint = checkpoints.verify(note);
    long from = previous.map(MonitorState::size).orElse(0L);
    CompactRange range =
        previous
            .map(state -> CompactRange.of(state.size(), state.compactRange()))
            .orElse(CompactRange.empty());
    if (previous.isPresent()) {
      Consistency.check(previous.get(), checkpoint);
      if (checkpoint.size() == from) {
        return previous.get();
      }
    }
    List<Finding> found = new ArrayList<>();
    // While one chunk is hashed and matched, the next one is fetched: the log and the CPU work
    // at the same time.
    ExecutorService prefetch =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "waxseal-prefetch");
              thread.setDaemon(true);
              return thread;
            });
    try {
      long size = checkpoint.size();
      Future<Chunk> next = prefetch.submit(() -> fetch(from, Math.min(size, from + CHUNK), size));
      while (true) {
        Chunk chunk = await(next);
        if (chunk.end() < size) {
          next =
              prefetch.submit(() -> fetch(chunk.end(), Math.min(size, chunk.end() + CHUNK), size));
        }
        EntryScan.Result result =
            EntryScan.scan(
                chunk.bodies(),
                Collections.nCopies(chunk.bodies().size(), Optional.empty()),
                chunk.start(),
                watch);
        checkAgainstTiles(result.leafHashes(), chunk.start(), chunk.level0());
        result.leafHashes().forEach(range::append);
        found.addAll(result.findings());
        progress.update(chunk.end() - from, size - from);
        if (chunk.end() >= size) {
          break;
        }
      }
    } finally {
      prefetch.shutdownNow();
    }
    if (!range.rootHash().equals(checkpoint.rootHash())) {
      throw new VerificationException(
          "checkpoint of size "
              + checkpoint.size()
              + " has root "
              + checkpoint.rootHash().hex()
              + ", but the verified state at size "
              + from
              + " and the log's entries ["
              + from
              + ", "
              + checkpoint.size()
              + ") hash to "
              + range.rootHash().hex());
    }
    found.forEach(findings);
    return new MonitorState(
        log,
        "tiles",
        checkpoints.key().fingerprint(),
        0,
        0,
        checkpoint.size(),
        checkpoint.rootHash(),
        range.hashes(),
        note);
  }

  /** Entries {@code [start, end)} with the level-0 tiles that cover them. */
  private record Chunk(long start, long end, List<byte[]> bodies, List<Tile> level0) {}

  private Chunk fetch(long start, long end, long treeSize)
      throws FetchException, InterruptedException {
    List<byte[]> bodies = tiles.entries(start, end);
    List<TileRef> refs = new ArrayList<>();
    for (long t = start / TileGeometry.WIDTH; t * TileGeometry.WIDTH < end; t++) {
      TileId id = new TileId(0, t);
      refs.add(new TileRef(id, TileGeometry.width(id, treeSize)));
    }
    return new Chunk(start, end, bodies, tiles.tiles(refs));
  }

  private static Chunk await(Future<Chunk> future) throws FetchException, InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof FetchException fetch) {
        throw fetch;
      }
      throw new FetchException("fetch failed: " + e.getCause(), e);
    }
  }

  /** Compares leaf hashes computed from bundles with the log's level-0 tiles. */
  private static void checkAgainstTiles(List<Hash> leafHashes, long start, List<Tile> level0)
      throws VerificationException {
    long end = start + leafHashes.size();
    for (Tile tile : level0) {
      long tileStart = tile.id().index() * TileGeometry.WIDTH;
      for (int i = 0; i < tile.width(); i++) {
        long index = tileStart + i;
        if (index < start || index >= end) {
          continue;
        }
        Hash computed = leafHashes.get((int) (index - start));
        if (!computed.equals(tile.hashAt(i))) {
          throw new VerificationException(
              "entry "
                  + index
                  + ": its bundle entry hashes to "
                  + computed.hex()
                  + ", but "
                  + tile.ref().path()
                  + " holds "
                  + tile.hashAt(i).hex());
        }
      }
    }
  }
}
