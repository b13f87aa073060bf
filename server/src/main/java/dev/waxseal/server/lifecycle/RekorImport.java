package dev.waxseal.server.lifecycle;

import dev.waxseal.client.http.FetchException;
import dev.waxseal.client.http.HttpFetcher;
import dev.waxseal.client.http.HttpOptions;
import dev.waxseal.client.http.Json;
import dev.waxseal.client.rekor.LogEntry;
import dev.waxseal.client.rekor.LogInfo;
import dev.waxseal.client.rekor.RekorClient;
import dev.waxseal.client.rekor.ShardInfo;
import dev.waxseal.client.verify.LogKey;
import dev.waxseal.client.verify.SignedEntryTimestamp;
import dev.waxseal.client.verify.VerificationException;
import dev.waxseal.merkle.Hash;
import dev.waxseal.merkle.note.Checkpoint;
import dev.waxseal.server.entries.EntryKinds;
import dev.waxseal.server.signing.ShardKeys;
import dev.waxseal.server.storage.PostgresLogStore;
import dev.waxseal.server.storage.TreeRow;
import java.io.PrintStream;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * {@code import-rekor URL}: rebuilds a Rekor v1 log (Rekor + Trillian, or any server of its API,
 * such as another Waxseal) from its REST API, every shard, into a database with no v1 log yet.
 *
 * <p>Each shard keeps its tree ID, so entry UUIDs ({@code <treeID hex><leaf hash>}) stay the same;
 * each entry keeps its index, body (so its leaf hash), integrated time, SET and attestation. The
 * source's signed tree head of each shard, read first from {@code /api/v1/log}, is verified with
 * the shard's key ({@code /api/v1/log/publicKey?treeID=}) and its root compared with the rebuilt
 * tree's: that comparison is the proof of the import, and the note is stored as the shard's
 * checkpoint, unchanged. Every SET is verified with the same key. Everything is one transaction,
 * committed only if every shard's root matched.
 *
 * <p>Entries are fetched {@link RekorClient#MAX_RETRIEVE} per request with up to {@link
 * HttpOptions#parallelism()} requests in flight (each retried with backoff by the fetcher), and
 * checked and inserted in index order. Search keys are derived from each stored body ({@link
 * EntryKinds#storedSearchKeys}), as the source indexed them when the entry was appended.
 *
 * <p>The last shard stays active (this server appends to it, same logID and origin) only if this
 * server's key is the source's key and its hostname gives the same origin; otherwise every shard is
 * imported frozen and the server starts a new shard of its own key on first start.
 */
final class RekorImport {
  /** The name of the key of imported shards whose key this server does not hold. */
  static final String FOREIGN_KEY_ID = "imported";

  private final PostgresLogStore store;
  private final ShardKeys keys;
  private final EntryKinds kinds;
  private final PrintStream out;

  RekorImport(PostgresLogStore store, ShardKeys keys, EntryKinds kinds, PrintStream out) {
    this.store = store;
    this.keys = keys;
    this.kinds = kinds;
    this.out = out;
  }

  /**
   * Imports the log at {@code source}.
   *
   * @return true when every shard was rebuilt and matched; false (nothing written) otherwise
   */
  boolean run(URI source) throws SQLException, InterruptedException {
    HttpOptions options = HttpOptions.defaults();
    RekorClient rekor = new RekorClient(new HttpFetcher(options), source);
    ExecutorService fetchers =
        Executors.newFixedThreadPool(
            options.parallelism(),
            r -> {
              Thread t = new Thread(r, "import-rekor-fetch");
              t.setDaemon(true);
              return t;
            });
    try {
      return run(source, rekor, new Fetcher(rekor, fetchers, options.parallelism()));
    } finally {
      fetchers.shutdownNow();
    }
  }

  private boolean run(URI source, RekorClient rekor, Fetcher fetcher)
      throws SQLException, InterruptedException {
    long started = System.nanoTime();
    try (Connection c = store.dataSource().getConnection()) {
      c.setAutoCommit(false);
      try {
        store.lockFirstTreeCreation(c);
        if (!store.trees(c, PostgresLogStore.REKOR_V1).isEmpty()) {
          throw new AuditException(
              "the database already holds a Rekor v1 log; import into a database no server has"
                  + " started on");
        }
        LogInfo info = rekor.logInfo();
        List<ShardInfo> shards = info.shards();
        long offset = 0;
        long total = 0;
        boolean lastActive = false;
        for (int s = 0; s < shards.size(); s++) {
          boolean last = s == shards.size() - 1;
          lastActive =
              importShard(c, rekor, fetcher, shards.get(s), s, shards.size(), offset, last);
          offset = Math.addExact(offset, shards.get(s).treeSize());
          total = offset;
        }
        c.commit();
        double seconds = (System.nanoTime() - started) / 1e9;
        out.printf(
            Locale.ROOT,
            "import-rekor: OK: %d shards, %d entries from %s in %.1f s (%.0f entries/s); %s%n",
            shards.size(),
            total,
            source,
            seconds,
            total / Math.max(seconds, 1e-3),
            lastActive
                ? "the last shard stays active: this server holds the source's key and origin"
                : "every shard is frozen: the server starts a new shard of its own key on first"
                    + " start");
        return true;
      } catch (AuditException | FetchException | RuntimeException e) {
        c.rollback();
        out.println("import-rekor: FAILED, nothing imported: " + e.getMessage());
        return false;
      }
    }
  }

  /** Imports one shard; returns whether it stays active. */
  private boolean importShard(
      Connection c,
      RekorClient rekor,
      Fetcher fetcher,
      ShardInfo shard,
      int position,
      int shards,
      long offset,
      boolean last)
      throws SQLException, AuditException, FetchException, InterruptedException {
    long treeId = shard.treeId();
    LogKey key = LogKey.fromPem(rekor.publicKeyPem(Optional.of(treeId)));
    String what = "the source's signed checkpoint of tree " + treeId;
    Checkpoint signed = SignedCheckpoints.verify(what, shard.signedTreeHead(), List.of(key));
    SignedCheckpoints.requireCommits(what, signed, shard.treeSize(), shard.rootHash());
    String logId = key.fingerprint();
    boolean sameKey =
        keys.identity(ShardKeys.DEFAULT).map(i -> i.logId().hex().equals(logId)).orElse(false);
    boolean active = last && sameKey && keys.rekorOrigin(treeId).equals(signed.origin());
    TreeRow row =
        new TreeRow(
            treeId,
            true,
            Hash.fromHex(logId),
            offset,
            signed.origin(),
            sameKey ? ShardKeys.DEFAULT : FOREIGN_KEY_ID,
            key.publicKey().getEncoded(),
            position == 0 ? "" : "/" + treeId,
            position == 0 ? keys.firstTileOrigin() : keys.tileOrigin(treeId),
            null);
    ImportedTree tree = new ImportedTree(store, c, row, PostgresLogStore.REKOR_V1);
    int unindexed = 0;
    Deque<Batch> inFlight = new ArrayDeque<>();
    long nextBatch = 0;
    try {
      while (nextBatch < shard.treeSize() || !inFlight.isEmpty()) {
        while (nextBatch < shard.treeSize() && inFlight.size() < fetcher.window()) {
          long end = Math.min(shard.treeSize(), nextBatch + RekorClient.MAX_RETRIEVE);
          List<Long> wanted = new ArrayList<>();
          for (long i = nextBatch; i < end; i++) {
            wanted.add(offset + i);
          }
          inFlight.addLast(new Batch(wanted, fetcher.submit(wanted)));
          nextBatch = end;
        }
        Batch batch = inFlight.removeFirst();
        List<LogEntry> entries = new ArrayList<>(fetcher.await(batch.entries()));
        entries.sort(Comparator.comparingLong(LogEntry::logIndex));
        if (entries.size() != batch.wanted().size()) {
          throw new AuditException(
              "tree "
                  + treeId
                  + ": asked for entries "
                  + batch.wanted()
                  + ", got "
                  + entries.size());
        }
        for (int i = 0; i < entries.size(); i++) {
          unindexed +=
              add(tree, treeId, key, batch.wanted().get(i), offset, entries.get(i)) ? 0 : 1;
        }
      }
    } finally {
      inFlight.forEach(b -> b.entries().cancel(true));
    }
    tree.checkpoint(signed.size(), signed.rootHash(), shard.signedTreeHead(), null, what);
    tree.finish(active);
    out.printf(
        "import-rekor: tree %d (shard %d of %d, %s) size %d: rebuilt root %s = root of %s"
            + " (origin \"%s\", signature verified with logID %s); %d SETs verified%s%n",
        treeId,
        position + 1,
        shards,
        active ? "active" : "frozen",
        shard.treeSize(),
        tree.rootHash().hex(),
        what,
        signed.origin(),
        logId,
        shard.treeSize(),
        unindexed == 0 ? "" : "; " + unindexed + " entries without search keys");
    return active;
  }

  /** Checks and adds one entry; returns whether its search keys were found. */
  private boolean add(
      ImportedTree tree, long treeId, LogKey key, long virtualIndex, long offset, LogEntry entry)
      throws SQLException, AuditException {
    String where = "tree " + treeId + " entry " + virtualIndex;
    if (entry.logIndex() != virtualIndex) {
      throw new AuditException(where + ": the source answered logIndex " + entry.logIndex());
    }
    if (!entry.treeId().equals(Optional.of(treeId))) {
      throw new AuditException(where + ": entry ID " + entry.entryId() + " names another tree");
    }
    byte[] body = entry.body();
    if (!entry.leafHash().hex().equals(entry.uuid())) {
      throw new AuditException(
          where + ": body hashes to " + entry.leafHash().hex() + ", not its UUID");
    }
    byte[] set =
        entry
            .signedEntryTimestamp()
            .orElseThrow(() -> new AuditException(where + ": the source sent no SET"));
    try {
      SignedEntryTimestamp.verify(
          set, key, entry.bodyBase64(), entry.integratedTime(), entry.logId(), entry.logIndex());
    } catch (VerificationException e) {
      throw new AuditException(where, e);
    }
    JsonNode json = Json.parse(body, where + " body");
    String kind = Json.string(json, "kind");
    String apiVersion = Json.string(json, "apiVersion");
    byte[] attestation = entry.attestation().orElse(null);
    List<String> searchKeys = searchKeys(json, attestation);
    tree.add(
        virtualIndex - offset,
        kind,
        apiVersion,
        body,
        entry.integratedTime(),
        set,
        searchKeys,
        attestation);
    return !searchKeys.isEmpty();
  }

  /**
   * The search keys the source indexed for the entry, derived from its stored body. An entry of a
   * kind or version this server does not know, or whose body does not parse, is imported
   * unsearchable (it is still in the tree, by index and UUID) and counted in the report.
   */
  private List<String> searchKeys(JsonNode body, byte @Nullable [] attestation) {
    try {
      return kinds.storedSearchKeys(body, attestation);
    } catch (RuntimeException e) {
      return List.of();
    }
  }

  /** One retrieve request in flight: the indexes asked for, in order, and its answer. */
  private record Batch(List<Long> wanted, Future<List<LogEntry>> entries) {}

  /** Runs retrieve requests on a bounded pool; the window is how many may be in flight. */
  private record Fetcher(RekorClient rekor, ExecutorService pool, int window) {
    Future<List<LogEntry>> submit(List<Long> indexes) {
      return pool.submit(() -> rekor.entriesByIndex(indexes));
    }

    /**
     * The answer of one request: its own fetch error (after the fetcher's retries) if it failed.
     */
    List<LogEntry> await(Future<List<LogEntry>> answer)
        throws FetchException, InterruptedException {
      try {
        return answer.get();
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof FetchException fetch) {
          throw fetch;
        }
        if (cause instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (cause instanceof InterruptedException interrupted) {
          throw interrupted;
        }
        throw new IllegalStateException("retrieve request failed", cause);
      }
    }
  }
}
