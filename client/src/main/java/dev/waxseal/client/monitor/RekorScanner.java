package dev.waxseal.client.monitor;

import dev.waxseal.client.http.FetchException;
import dev.waxseal.client.rekor.LogEntry;
import dev.waxseal.client.rekor.LogInfo;
import dev.waxseal.client.rekor.RekorClient;
import dev.waxseal.client.rekor.ShardInfo;
import dev.waxseal.client.verify.CheckpointVerifier;
import dev.waxseal.client.verify.VerificationException;
import dev.waxseal.merkle.CompactRange;
import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.note.Checkpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Follows a Rekor v1 log through its shards: for the tree being followed, verifies the signed tree
 * head from {@code /api/v1/log}, reads every new entry by virtual index (ten per {@code retrieve}
 * call, several calls at once), checks each entry's UUID is its leaf hash and its index is the one
 * asked for, and checks the old compact range plus the new leaves hash to the new root.
 *
 * <p>When the followed tree has become an inactive shard, it is finished up to its final size and
 * the next tree in {@code inactiveShards} order (then the active one) is followed from leaf 0.
 */
public final class RekorScanner implements AutoCloseable {
  private static final int BATCH = RekorClient.MAX_RETRIEVE;

  private final String log;
  private final RekorClient rekor;
  private final CheckpointVerifier checkpoints;
  private final WatchList watch;
  private final Progress progress;
  private final ExecutorService pool;
  private final int parallelism;

  /**
   * A scanner of the v1 log {@code rekor} at URL {@code log}, {@code parallelism} calls at once.
   */
  public RekorScanner(
      String log,
      RekorClient rekor,
      CheckpointVerifier checkpoints,
      WatchList watch,
      Progress progress,
      int parallelism) {
    this.log = log;
    this.rekor = rekor;
    this.checkpoints = checkpoints;
    this.watch = watch;
    this.progress = progress;
    this.parallelism = parallelism;
    this.pool =
        Executors.newFixedThreadPool(
            parallelism,
            task -> {
              Thread thread = new Thread(task, "waxseal-v1");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Verifies everything new since {@code previous} (or the whole log, oldest shard first); see
   * {@link TileScanner#step} for the contract.
   */
  public MonitorState step(Optional<MonitorState> previous, Consumer<Finding> findings)
      throws FetchException, VerificationException, InterruptedException {
    LogInfo info = rekor.logInfo();
    List<ShardInfo> shards = info.shards();
    int position = 0;
    if (previous.isPresent()) {
      position = -1;
      for (int i = 0; i < shards.size(); i++) {
        if (shards.get(i).treeId() == previous.get().treeId()) {
          position = i;
        }
      }
      if (position < 0) {
        throw new VerificationException(
            "tree " + previous.get().treeId() + " that was being followed is no longer in the log");
      }
    }
    MonitorState state = previous.orElse(null);
    List<Finding> found = new ArrayList<>();
    for (int i = position; i < shards.size(); i++) {
      ShardInfo shard = shards.get(i);
      MonitorState current = state != null && state.treeId() == shard.treeId() ? state : null;
      state =
          followShard(
              shard, info.virtualStart(shard.treeId()), Optional.ofNullable(current), found);
    }
    found.forEach(findings);
    return java.util.Objects.requireNonNull(state);
  }

  private MonitorState followShard(
      ShardInfo shard, long virtualStart, Optional<MonitorState> previous, List<Finding> found)
      throws FetchException, VerificationException, InterruptedException {
    Checkpoint checkpoint = checkpoints.verify(shard.signedTreeHead());
    if (checkpoint.size() != shard.treeSize() || !checkpoint.rootHash().equals(shard.rootHash())) {
      throw new VerificationException(
          "tree "
              + shard.treeId()
              + ": /api/v1/log says size "
              + shard.treeSize()
              + " root "
              + shard.rootHash().hex()
              + ", its signed tree head says size "
              + checkpoint.size()
              + " root "
              + checkpoint.rootHash().hex());
    }
    long from = previous.map(MonitorState::size).orElse(0L);
    if (previous.isPresent()) {
      Consistency.check(previous.get(), checkpoint);
    }
    CompactRange range =
        previous
            .map(state -> CompactRange.of(state.size(), state.compactRange()))
            .orElse(CompactRange.empty());
    long chunk = (long) BATCH * parallelism * 8;
    // The calls for the next chunk are in flight while the current one is hashed and matched.
    List<Future<List<LogEntry>>> pending =
        submit(virtualStart, from, Math.min(checkpoint.size(), from + chunk));
    for (long start = from; start < checkpoint.size(); start += chunk) {
      long end = Math.min(checkpoint.size(), start + chunk);
      List<Future<List<LogEntry>>> current = pending;
      if (end < checkpoint.size()) {
        pending = submit(virtualStart, end, Math.min(checkpoint.size(), end + chunk));
      }
      List<LogEntry> entries = collect(current, shard.treeId(), virtualStart, start, end);
      List<byte[]> bodies = new ArrayList<>();
      List<Optional<byte[]>> attestations = new ArrayList<>();
      for (LogEntry entry : entries) {
        bodies.add(entry.body());
        attestations.add(entry.attestation());
      }
      EntryScan.Result result = EntryScan.scan(bodies, attestations, virtualStart + start, watch);
      for (int k = 0; k < entries.size(); k++) {
        Hash leafHash = result.leafHashes().get(k);
        LogEntry entry = entries.get(k);
        if (!leafHash.hex().equals(entry.uuid())) {
          throw new VerificationException(
              "entry "
                  + entry.logIndex()
                  + " (tree "
                  + shard.treeId()
                  + " leaf "
                  + (start + k)
                  + "): its body hashes to "
                  + leafHash.hex()
                  + ", but its UUID is "
                  + entry.uuid());
        }
        range.append(leafHash);
      }
      found.addAll(result.findings());
      progress.update(end - from, checkpoint.size() - from);
    }
    Consistency.checkRoot("tree " + shard.treeId() + ": ", range, from, checkpoint);
    return new MonitorState(
        log,
        "v1",
        checkpoints.key().fingerprint(),
        shard.treeId(),
        virtualStart,
        checkpoint.size(),
        checkpoint.rootHash(),
        range.hashes(),
        shard.signedTreeHead());
  }

  /** Entries {@code [start, end)} of a tree, in order, each checked to be the one asked for. */
  private List<Future<List<LogEntry>>> submit(long virtualStart, long start, long end) {
    List<Future<List<LogEntry>>> futures = new ArrayList<>();
    for (long a = start; a < end; a += BATCH) {
      List<Long> indexes = new ArrayList<>();
      for (long k = a; k < Math.min(end, a + BATCH); k++) {
        indexes.add(virtualStart + k);
      }
      futures.add(pool.submit(() -> rekor.entriesByIndex(indexes)));
    }
    return futures;
  }

  private List<LogEntry> collect(
      List<Future<List<LogEntry>>> futures, long treeId, long virtualStart, long start, long end)
      throws FetchException, VerificationException, InterruptedException {
    Map<Long, LogEntry> byIndex = new HashMap<>();
    for (Future<List<LogEntry>> future : futures) {
      for (LogEntry entry : await(future)) {
        byIndex.put(entry.logIndex(), entry);
      }
    }
    List<LogEntry> entries = new ArrayList<>();
    for (long k = start; k < end; k++) {
      LogEntry entry = byIndex.get(virtualStart + k);
      if (entry == null) {
        throw new FetchException(
            "the log did not return entry "
                + (virtualStart + k)
                + " (tree "
                + treeId
                + " leaf "
                + k
                + ")",
            200);
      }
      if (entry.treeId().isPresent() && entry.treeId().get() != treeId) {
        throw new VerificationException(
            "entry "
                + entry.logIndex()
                + " is in tree "
                + entry.treeId().get()
                + ", want "
                + treeId);
      }
      entries.add(entry);
    }
    return entries;
  }

  private static <T> T await(Future<T> future) throws FetchException, InterruptedException {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof FetchException fetch) {
        throw fetch;
      }
      throw new FetchException("fetch failed: " + e.getCause(), e);
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
