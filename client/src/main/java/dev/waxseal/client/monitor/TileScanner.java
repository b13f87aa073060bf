package dev.waxseal.client.monitor;

import dev.waxseal.client.http.FetchException;
import dev.waxseal.client.tiles.TileClient;
import dev.waxseal.client.verify.CheckpointVerifier;
import dev.waxseal.client.verify.VerificationException;
import dev.waxseal.merkle.CompactRange;
import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.merkle.tiles.Tile;
import dev.waxseal.merkle.tiles.TileAppender;
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
 *
 * <p>With {@link #followingShards}, a sharded log (Waxseal: one C2SP log per shard) is followed
 * across rotations like the v1 scanner does: a shard that became frozen is finished to its final
 * checkpoint, which must be the size and root the shard list gives, then the next shard is read
 * from leaf 0. Findings carry virtual indexes (across shards). With {@link #startingAtHead}, a
 * first pass verifies the latest checkpoint and takes the compact range from its right-edge tiles
 * instead of reading the history.
 */
public final class TileScanner {
  /** Entries read per round: 64 bundles. */
  static final int CHUNK = 64 * TileGeometry.WIDTH;

  private final String log;
  private final TileClient tiles;
  private final CheckpointVerifier checkpoints;
  private final WatchList watch;
  private final Progress progress;
  private final Optional<TileShards> shards;
  private final boolean fromHead;

  /** A scanner of the tile log {@code tiles} at URL {@code log}, read as one log from leaf 0. */
  public TileScanner(
      String log,
      TileClient tiles,
      CheckpointVerifier checkpoints,
      WatchList watch,
      Progress progress) {
    this(log, tiles, checkpoints, watch, progress, Optional.empty(), false);
  }

  private TileScanner(
      String log,
      TileClient tiles,
      CheckpointVerifier checkpoints,
      WatchList watch,
      Progress progress,
      Optional<TileShards> shards,
      boolean fromHead) {
    this.log = log;
    this.tiles = tiles;
    this.checkpoints = checkpoints;
    this.watch = watch;
    this.progress = progress;
    this.shards = shards;
    this.fromHead = fromHead;
  }

  /**
   * The same scanner following the shards {@code shards} lists (the first is the log of {@code
   * tiles}) instead of one log.
   */
  public TileScanner followingShards(TileShards shards) {
    return new TileScanner(log, tiles, checkpoints, watch, progress, Optional.of(shards), fromHead);
  }

  /**
   * The same scanner, whose first pass (no previous state) starts at the latest checkpoint of the
   * log (of its active shard when following shards): nothing before it is read or reported.
   */
  public TileScanner startingAtHead() {
    return new TileScanner(log, tiles, checkpoints, watch, progress, shards, true);
  }

  /**
   * Verifies everything new since {@code previous} (or the whole log) and hands the findings in the
   * verified entries to {@code findings}, only once all of them verified.
   *
   * @return the state to save
   * @throws VerificationException on a bad signature, a rollback, a fork or an entry that does not
   *     hash to the checkpoint, naming the index or size; on a frozen shard whose final checkpoint
   *     is not the one the shard list gives; or if the shard that was followed is no longer listed
   * @throws FetchException if the log could not be read
   */
  public MonitorState step(Optional<MonitorState> previous, Consumer<Finding> findings)
      throws FetchException, VerificationException, InterruptedException {
    List<Finding> found = new ArrayList<>();
    if (shards.isEmpty()) {
      MonitorState next = follow(tiles, checkpoints, previous, 0, 0, Optional.empty(), found);
      found.forEach(findings);
      return next;
    }
    List<TileShard> list = shards.get().shards();
    int position = previous.isPresent() ? position(list, previous.get()) : 0;
    if (previous.isEmpty() && fromHead) {
      position = list.size() - 1;
    }
    Optional<MonitorState> state = previous;
    for (int i = position; i < list.size(); i++) {
      TileShard shard = list.get(i);
      Optional<MonitorState> current =
          state.filter(
              s -> s.treeId() == shard.treeId() || (s.treeId() == 0 && shard == list.get(0)));
      // Every shard is signed by the same key; later shards under "<origin>/<treeID>".
      CheckpointVerifier verifier =
          i == 0
              ? checkpoints
              : checkpoints.withOrigin(checkpoints.origin().map(o -> o + "/" + shard.treeId()));
      Optional<String> originSuffix = i == 0 ? Optional.empty() : Optional.of("/" + shard.treeId());
      MonitorState next =
          follow(
              shard.tiles(),
              verifier,
              current,
              shard.treeId(),
              shard.virtualStart(),
              originSuffix,
              found);
      if (shard.frozen()
          && (next.size() != shard.size() || !next.rootHash().equals(shard.rootHash()))) {
        throw new VerificationException(
            "frozen shard "
                + shard.treeId()
                + ": its tile checkpoint is size "
                + next.size()
                + " root "
                + next.rootHash().hex()
                + ", but the log lists its final size "
                + shard.size()
                + " root "
                + shard.rootHash().hex());
      }
      state = Optional.of(next);
    }
    found.forEach(findings);
    return state.orElseThrow();
  }

  /** Where the shard the state followed is in the list. */
  private static int position(List<TileShard> list, MonitorState previous)
      throws VerificationException {
    if (previous.treeId() == 0) {
      return 0; // a state saved by a scanner of one log: the first shard's
    }
    for (int i = 0; i < list.size(); i++) {
      if (list.get(i).treeId() == previous.treeId()) {
        return i;
      }
    }
    throw new VerificationException(
        "shard " + previous.treeId() + " that was being followed is no longer in the log");
  }

  /** Follows one tile log from {@code previous}; findings are added to {@code found}. */
  private MonitorState follow(
      TileClient tiles,
      CheckpointVerifier checkpoints,
      Optional<MonitorState> previous,
      long treeId,
      long virtualStart,
      Optional<String> originSuffix,
      List<Finding> found)
      throws FetchException, VerificationException, InterruptedException {
    String note = tiles.checkpoint();
    Checkpoint checkpoint = checkpoints.verify(note);
    if (originSuffix.isPresent() && !checkpoint.origin().endsWith(originSuffix.get())) {
      throw new VerificationException(
          "shard "
              + treeId
              + ": its checkpoint origin "
              + checkpoint.origin()
              + " does not end with "
              + originSuffix.get());
    }
    if (previous.isEmpty() && fromHead) {
      return atHead(tiles, checkpoints, checkpoint, note, treeId, virtualStart);
    }
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
      Future<Chunk> next =
          prefetch.submit(() -> fetch(tiles, from, Math.min(size, from + CHUNK), size));
      while (true) {
        Chunk chunk = await(next);
        if (chunk.end() < size) {
          next =
              prefetch.submit(
                  () -> fetch(tiles, chunk.end(), Math.min(size, chunk.end() + CHUNK), size));
        }
        EntryScan.Result result =
            EntryScan.scan(
                chunk.bodies(),
                Collections.nCopies(chunk.bodies().size(), Optional.empty()),
                virtualStart + chunk.start(),
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
    Consistency.checkRoot("", range, from, checkpoint);
    return state(checkpoints, treeId, virtualStart, checkpoint, range.hashes(), note);
  }

  /**
   * The state at the verified {@code checkpoint} without reading its history: the compact range
   * comes from the right-edge tiles, and must hash to the checkpoint's root.
   */
  private MonitorState atHead(
      TileClient tiles,
      CheckpointVerifier checkpoints,
      Checkpoint checkpoint,
      String note,
      long treeId,
      long virtualStart)
      throws FetchException, VerificationException, InterruptedException {
    CompactRange range;
    try {
      range =
          TileAppender.open(
                  checkpoint.size(), tiles.tiles(TileAppender.rightEdge(checkpoint.size())))
              .compactRange();
    } catch (IllegalArgumentException e) {
      throw new VerificationException(
          "the right-edge tiles at size " + checkpoint.size() + " are not usable", e);
    }
    if (!range.rootHash().equals(checkpoint.rootHash())) {
      throw new VerificationException(
          "checkpoint of size "
              + checkpoint.size()
              + " has root "
              + checkpoint.rootHash().hex()
              + ", but its right-edge tiles hash to "
              + range.rootHash().hex());
    }
    return state(checkpoints, treeId, virtualStart, checkpoint, range.hashes(), note);
  }

  private MonitorState state(
      CheckpointVerifier checkpoints,
      long treeId,
      long virtualStart,
      Checkpoint checkpoint,
      List<Hash> compactRange,
      String note) {
    return new MonitorState(
        log,
        "tiles",
        checkpoints.key().fingerprint(),
        treeId,
        virtualStart,
        checkpoint.size(),
        checkpoint.rootHash(),
        compactRange,
        note);
  }

  /** Entries {@code [start, end)} with the level-0 tiles that cover them. */
  private record Chunk(long start, long end, List<byte[]> bodies, List<Tile> level0) {}

  private static Chunk fetch(TileClient tiles, long start, long end, long treeSize)
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
