package dev.waxseal.server.log;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append path: callers hand over canonical entries; one integrator thread gathers them into
 * batches and integrates each batch in ONE transaction ({@link BatchIntegration}). A caller learns
 * its entry's index only after that transaction committed.
 *
 * <p>Stages, in tessera's terms: <b>batch</b> (this class: a bounded queue, drained up to {@code
 * batchMaxSize} or until {@code batchMaxAge} passed), then <b>sequence</b>, <b>integrate</b> and
 * <b>publish</b> in the transaction. A full queue refuses new entries at once with {@link
 * LogOverloadedException} (the API's 503 + Retry-After) instead of letting latency grow without
 * bound.
 *
 * <p>Nothing about the tree is kept in memory between batches: every batch starts from the head row
 * it locks, so a restarted process, or several processes on one database, simply continue.
 */
public final class Appender implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Appender.class);

  private final BlockingQueue<Waiter> queue;
  private final AppenderProperties properties;
  private final BatchIntegration integration;
  private final AppenderMetrics metrics;
  private final AfterCommit afterCommit;
  private final DatabaseAvailability database;
  private final AppendTracing tracing;
  private final Thread integrator;
  private volatile boolean running = true;

  /** What runs on the integrator thread after each committed batch (auto rotation). */
  interface AfterCommit {
    /** Hears of the checkpoint a batch published; MUST NOT throw. */
    void published(PublishedCheckpoint checkpoint);

    /** Does nothing. */
    AfterCommit NONE = checkpoint -> {};
  }

  /**
   * A caller's entry, the future it waits on, and the caller's span when traced (tagged with its
   * batch's ids from the integrator thread; OpenTelemetry's spans are thread-safe).
   */
  record Waiter(
      PendingEntry entry, CompletableFuture<AppendResult> result, @Nullable Span caller) {}

  /** Creates an appender around {@code integration} and starts its integrator thread. */
  Appender(BatchIntegration integration, AppenderProperties properties, MeterRegistry registry) {
    this(integration, properties, registry, AfterCommit.NONE, DatabaseAvailability.assumed());
  }

  /**
   * As above; {@code afterCommit} runs on the integrator thread after each batch that published, so
   * that it too is ordered with this process's batches; {@code database} says whether to try at
   * all, and hears of each batch's outcome.
   */
  Appender(
      BatchIntegration integration,
      AppenderProperties properties,
      MeterRegistry registry,
      AfterCommit afterCommit,
      DatabaseAvailability database) {
    this(integration, properties, registry, afterCommit, database, AppendTracing.OFF);
  }

  /**
   * As above, traced by {@code tracing} (whose {@link AppendTracing#stages()} the integration
   * reports to).
   */
  Appender(
      BatchIntegration integration,
      AppenderProperties properties,
      MeterRegistry registry,
      AfterCommit afterCommit,
      DatabaseAvailability database,
      AppendTracing tracing) {
    this.properties = properties;
    this.afterCommit = afterCommit;
    this.database = database;
    this.tracing = tracing;
    this.queue = new ArrayBlockingQueue<>(properties.maxPending());
    this.metrics = new AppenderMetrics(registry, queue::size);
    this.integration = integration;
    this.integrator = new Thread(this::integrateForever, "waxseal-integrator");
    this.integrator.setDaemon(true);
    this.integrator.start();
  }

  /**
   * Queues {@code entry} for integration. The future completes after the entry's batch has
   * committed, or fails with {@link LogUnavailableException} (the database went away, or the
   * commit's outcome is unknown), {@link LogStorageFullException} (its disk is full) or {@link
   * AppendFailedException} (anything else; the batch rolled back).
   *
   * @throws LogOverloadedException if {@code maxPending} entries are already waiting
   * @throws LogUnavailableException if the database is known to be away: refused at once, not
   *     queued behind a batch that will wait for a connection timeout
   */
  public CompletableFuture<AppendResult> append(PendingEntry entry) {
    CompletableFuture<AppendResult> result = new CompletableFuture<>();
    if (!database.available()) {
      throw new LogUnavailableException(properties.retryAfter());
    }
    if (!running) {
      throw new LogOverloadedException(queue.size(), properties.retryAfter());
    }
    if (!queue.offer(new Waiter(entry, result, tracing.caller()))) {
      metrics.overloaded();
      throw new LogOverloadedException(queue.size(), properties.retryAfter());
    }
    return result;
  }

  /** Entries waiting for integration now. */
  public int pending() {
    return queue.size();
  }

  private void integrateForever() {
    while (running) {
      List<Waiter> batch;
      try {
        batch = nextBatch();
      } catch (InterruptedException e) {
        break;
      }
      if (batch.isEmpty()) {
        continue;
      }
      long start = System.nanoTime();
      @Nullable PublishedCheckpoint published;
      try (AppendTracing.BatchSpan span = tracing.startBatch(batch)) {
        try {
          published = integration.integrate(batch);
        } catch (RuntimeException e) {
          // The batch failed; the transaction rolled back or its outcome is unknown. Either way
          // the next batch re-reads the head under its lock, so the log continues from whatever
          // the database holds: this failure does not stop the appender.
          span.failed(e);
          metrics.batchFailed();
          failBatch(batch, e);
          continue;
        }
        committed(span, batch.size(), System.nanoTime() - start, published);
      }
    }
  }

  /**
   * Bookkeeping after a batch committed (its callers are answered already): a failure here is
   * logged and goes no further. It must neither reach {@link #failBatch} (which would count a
   * committed batch as failed and blame the database) nor end the integrator thread.
   */
  private void committed(
      AppendTracing.BatchSpan span, int size, long nanos, @Nullable PublishedCheckpoint published) {
    try {
      span.published(published);
      database.succeeded();
      metrics.batchCommitted(size, nanos, published);
      if (published != null) {
        afterCommit.published(published);
      }
    } catch (RuntimeException e) {
      log.atError().setCause(e).log("bookkeeping after a committed batch failed");
    }
  }

  /**
   * Answers a failed batch's callers with what the failure means for them: retry later (503) when
   * the database is away or the commit's outcome is unknown, retry when space is freed (507) when
   * its disk is full, and 500 only for anything else. When the database is away, the entries still
   * queued behind the batch are refused too: they were never tried, and would only wait for the
   * same failure.
   */
  private void failBatch(List<Waiter> batch, RuntimeException e) {
    boolean outcomeUnknown = e instanceof CommitOutcomeUnknownException;
    @Nullable DatabaseFault fault = DatabaseFault.of(e).orElse(null);
    RuntimeException failure;
    if (outcomeUnknown || fault == DatabaseFault.UNAVAILABLE) {
      failure = new LogUnavailableException(properties.retryAfter(), outcomeUnknown, e);
    } else if (fault == DatabaseFault.DISK_FULL) {
      failure = new LogStorageFullException(properties.retryAfter(), e);
    } else {
      failure = new AppendFailedException(e);
    }
    log.atError()
        .addKeyValue("batch_size", batch.size())
        .addKeyValue("fault", fault == null ? "none" : fault.name())
        .addKeyValue("outcome_unknown", outcomeUnknown)
        .setCause(e)
        .log("batch failed");
    database.failed(e);
    for (Waiter waiter : batch) {
      waiter.result().completeExceptionally(failure);
    }
    if (!database.available()) {
      List<Waiter> queued = new ArrayList<>();
      queue.drainTo(queued);
      LogUnavailableException refused = new LogUnavailableException(properties.retryAfter());
      for (Waiter waiter : queued) {
        waiter.result().completeExceptionally(refused);
      }
    }
  }

  private List<Waiter> nextBatch() throws InterruptedException {
    Waiter first = queue.poll(200, TimeUnit.MILLISECONDS);
    if (first == null) {
      return List.of();
    }
    List<Waiter> batch = new ArrayList<>(Math.min(properties.batchMaxSize(), 1024));
    batch.add(first);
    queue.drainTo(batch, properties.batchMaxSize() - 1);
    long deadline = System.nanoTime() + properties.batchMaxAge().toNanos();
    while (batch.size() < properties.batchMaxSize()) {
      long wait = deadline - System.nanoTime();
      if (wait <= 0) {
        break;
      }
      Waiter next = queue.poll(wait, TimeUnit.NANOSECONDS);
      if (next == null) {
        break;
      }
      batch.add(next);
      queue.drainTo(batch, properties.batchMaxSize() - batch.size());
    }
    return batch;
  }

  /**
   * Stops taking entries, lets the integrator finish the batch in hand, and fails whatever is still
   * queued (those callers were never acknowledged).
   */
  @Override
  public void close() throws InterruptedException {
    running = false; // the integrator sees this within one poll and finishes its batch
    integrator.join(30_000);
    List<Waiter> left = new ArrayList<>();
    queue.drainTo(left);
    for (Waiter waiter : left) {
      waiter
          .result()
          .completeExceptionally(new AppendFailedException(new IllegalStateException("shutdown")));
    }
  }
}
