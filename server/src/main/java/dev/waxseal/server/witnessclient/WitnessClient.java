package dev.waxseal.server.witnessclient;

import dev.waxseal.merkle.Hash;
import dev.waxseal.server.log.CheckpointListener;
import dev.waxseal.server.log.LogReader;
import dev.waxseal.server.log.PublishedCheckpoint;
import dev.waxseal.server.storage.CheckpointRow;
import dev.waxseal.server.storage.PostgresLogStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends each published checkpoint to every policy witness, off the append path.
 *
 * <p>Per tree and witness there is one slot: the newest checkpoint not yet sent, and whether a
 * request is scheduled or in flight. A new checkpoint replaces an unsent older one (coalescing), so
 * at most one request per witness and tree is in flight, at most one every {@code minInterval}, and
 * the executor's queue holds at most one task per slot: a slow or dead witness costs the appender
 * nothing (the listener only swaps a reference and maybe schedules a task). A failed request is
 * retried with the newest checkpoint after {@code max(minInterval, 1 s)}.
 *
 * <p>A request proves consistency from the size the witness last cosigned (stored per tree and
 * witness); a 409 tells the witness's real size, which is stored and the request retried once with
 * the proof from it. A 409 with a size this log never published is logged as an error: the witness
 * has seen another tree under this origin (a split view, or a key shared by two logs).
 */
final class WitnessClient implements CheckpointListener, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WitnessClient.class);
  private static final long MIN_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final List<WitnessEndpoint> witnesses;
  private final PostgresLogStore store;
  private final LogReader proofs;
  private final CosignatureStore cosignatures;
  private final CosignedCheckpoints served;
  private final AddCheckpointCall call;
  private final ScheduledExecutorService executor;
  private final long minIntervalNanos;
  private final MeterRegistry registry;
  private final Map<String, Slot> slots = new ConcurrentHashMap<>();

  /** The newest unsent checkpoint of one tree for one witness, and its scheduling state. */
  private static final class Slot {
    final long treeId;
    final WitnessEndpoint witness;
    final AtomicReference<@Nullable PublishedCheckpoint> newest = new AtomicReference<>();
    final AtomicBoolean scheduled = new AtomicBoolean();
    volatile long notBeforeNanos = System.nanoTime();
    volatile long doneSize = -1;

    Slot(long treeId, WitnessEndpoint witness) {
      this.treeId = treeId;
      this.witness = witness;
    }

    boolean behind() {
      PublishedCheckpoint cp = newest.get();
      return cp != null && cp.size() > doneSize;
    }
  }

  WitnessClient(
      List<WitnessEndpoint> witnesses,
      PostgresLogStore store,
      LogReader proofs,
      CosignatureStore cosignatures,
      CosignedCheckpoints served,
      AddCheckpointCall call,
      int threads,
      Duration minInterval,
      MeterRegistry registry) {
    this.witnesses = List.copyOf(witnesses);
    this.store = store;
    this.proofs = proofs;
    this.cosignatures = cosignatures;
    this.served = served;
    this.call = call;
    ScheduledThreadPoolExecutor pool =
        new ScheduledThreadPoolExecutor(
            threads,
            r -> {
              Thread t = new Thread(r, "waxseal-witness-client");
              t.setDaemon(true);
              return t;
            });
    pool.setRemoveOnCancelPolicy(true);
    this.executor = pool;
    this.minIntervalNanos = minInterval.toNanos();
    this.registry = registry;
  }

  @Override
  public void published(PublishedCheckpoint checkpoint) {
    for (WitnessEndpoint witness : witnesses) {
      Slot slot =
          slots.computeIfAbsent(
              checkpoint.treeId() + "/" + witness.keyHex(),
              k -> new Slot(checkpoint.treeId(), witness));
      slot.newest.accumulateAndGet(
          checkpoint, (old, now) -> old == null || now.size() > old.size() ? now : old);
      schedule(slot);
    }
  }

  private void schedule(Slot slot) {
    if (!slot.scheduled.compareAndSet(false, true)) {
      return; // scheduled or in flight: that run takes the newest checkpoint when it starts
    }
    long delay = Math.max(0, slot.notBeforeNanos - System.nanoTime());
    try {
      executor.schedule(() -> run(slot), delay, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      slot.scheduled.set(false); // shutting down
    }
  }

  private void run(Slot slot) {
    boolean ok = false;
    try {
      PublishedCheckpoint checkpoint = slot.newest.get();
      if (checkpoint != null && checkpoint.size() > slot.doneSize) {
        slot.notBeforeNanos = System.nanoTime() + minIntervalNanos;
        ok = send(slot.treeId, slot.witness, checkpoint.size());
        if (ok) {
          slot.doneSize = checkpoint.size();
        }
      } else {
        ok = true;
      }
    } catch (RuntimeException e) {
      count(slot.witness, "error");
      log.atError()
          .addKeyValue("witness", slot.witness.name())
          .addKeyValue("tree_id", slot.treeId)
          .setCause(e)
          .log("witness client failed");
    } finally {
      if (!ok) {
        slot.notBeforeNanos = System.nanoTime() + Math.max(minIntervalNanos, MIN_RETRY_NANOS);
      }
      slot.scheduled.set(false);
      if (slot.behind()) {
        schedule(slot);
      }
    }
  }

  /**
   * Gets {@code witness}'s cosignature on the checkpoint of {@code treeId} at {@code size}.
   *
   * @return true if the witness cosigned it (or a newer one of ours), false to retry later
   */
  boolean send(long treeId, WitnessEndpoint witness, long size) {
    String note = c2spNote(treeId, size).orElse(null);
    if (note == null) {
      count(witness, "no_note"); // a head from before the tiles key: never sent
      return true;
    }
    long old = cosignatures.witnessSize(treeId, witness.keyHex());
    for (int attempt = 0; attempt < 2; attempt++) {
      if (old > size) {
        return witnessAhead(treeId, witness, size, old);
      }
      List<Hash> proof =
          old == 0 || old == size ? List.of() : proofs.consistencyProof(treeId, old, size).hashes();
      long started = System.nanoTime();
      AddCheckpointCall.Answer answer = call.send(witness, old, proof, note);
      Timer.builder("waxseal.witness.client.request.duration")
          .description("add-checkpoint round trips of the log's witness client")
          .tag("witness", witness.name())
          .register(registry)
          .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      if (answer instanceof AddCheckpointCall.Cosigned cosigned) {
        for (String line : cosigned.lines()) {
          cosignatures.addCosignature(treeId, size, witness.keyHex(), line);
        }
        served.cosigned(treeId);
        count(witness, "cosigned");
        log.atDebug()
            .addKeyValue("witness", witness.name())
            .addKeyValue("tree_id", treeId)
            .addKeyValue("tree_size", size)
            .log("checkpoint cosigned");
        return true;
      } else if (answer instanceof AddCheckpointCall.Conflict conflict) {
        count(witness, "conflict_409");
        log.atInfo()
            .addKeyValue("witness", witness.name())
            .addKeyValue("tree_id", treeId)
            .addKeyValue("sent_old_size", old)
            .addKeyValue("witness_size", conflict.size())
            .log("witness is at another size; retrying with a proof from it");
        if (conflict.size() == old) {
          count(witness, "bad_response");
          return false; // a 409 that agrees with us: nothing to learn, try later
        }
        if (conflict.size() <= size) {
          cosignatures.setWitnessSize(treeId, witness.keyHex(), conflict.size());
        }
        old = conflict.size();
      } else if (answer instanceof AddCheckpointCall.Failed failed) {
        count(witness, failed.outcome());
        log.atWarn()
            .addKeyValue("witness", witness.name())
            .addKeyValue("tree_id", treeId)
            .addKeyValue("tree_size", size)
            .addKeyValue("outcome", failed.outcome())
            .log("witness did not cosign: {}", failed.message());
        return false;
      }
    }
    return false;
  }

  /** The witness is past {@code size}: fine if this log published its size, else a split view. */
  private boolean witnessAhead(long treeId, WitnessEndpoint witness, long size, long theirs) {
    if (c2spNote(treeId, theirs).isPresent()) {
      cosignatures.setWitnessSize(treeId, witness.keyHex(), theirs);
      count(witness, "stale");
      return true; // it has a newer checkpoint of ours; the next one goes from there
    }
    count(witness, "conflict");
    log.atError()
        .addKeyValue("witness", witness.name())
        .addKeyValue("tree_id", treeId)
        .addKeyValue("tree_size", size)
        .addKeyValue("witness_size", theirs)
        .log(
            "witness reports a tree size this log never published: it has seen another tree"
                + " under this origin (a split view, or the key is shared with another log)");
    return false;
  }

  private Optional<String> c2spNote(long treeId, long size) {
    try {
      return store.checkpoint(treeId, size).map(CheckpointRow::c2spNote);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read checkpoint " + size + " of tree " + treeId, e);
    }
  }

  private void count(WitnessEndpoint witness, String outcome) {
    Counter.builder("waxseal.witness.client.requests")
        .description("add-checkpoint requests of the log's witness client, by outcome")
        .tag("witness", witness.name())
        .tag("outcome", outcome)
        .register(registry)
        .increment();
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
