package dev.waxseal.server.log;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** The appender's metrics, registered once (names follow tessera's scheme). */
public final class AppenderMetrics {
  /**
   * Buckets of the per-shard commit histogram, around the write SLO (500 ms for the whole request,
   * docs/operations.md): a batch's commit is most of a write's latency.
   */
  private static final Duration[] COMMIT_BUCKETS = {
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofMillis(2500),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10)
  };

  private final MeterRegistry registry;
  private final Map<Long, Timer> commitByShard = new ConcurrentHashMap<>();
  private final DistributionSummary batchSize;
  private final Timer batchCommit;
  private final Counter entriesIntegrated;
  private final Counter batchesFailed;
  private final Counter overloaded;

  /** Registers the metrics in {@code registry}; {@code pending} reports the queue length. */
  public AppenderMetrics(MeterRegistry registry, Supplier<Number> pending) {
    this.registry = registry;
    batchSize =
        DistributionSummary.builder("waxseal.appender.batch.size")
            .description("entries per integrated batch")
            .register(registry);
    batchCommit =
        Timer.builder("waxseal.appender.batch.duration")
            .description("time to integrate and commit one batch")
            .publishPercentiles(0.5, 0.99)
            .register(registry);
    entriesIntegrated =
        Counter.builder("waxseal.appender.entries.integrated")
            .description("entries integrated")
            .register(registry);
    batchesFailed =
        Counter.builder("waxseal.appender.batches.failed")
            .description("batches whose transaction failed")
            .register(registry);
    overloaded =
        Counter.builder("waxseal.appender.pushback")
            .description("entries refused because the queue was full")
            .register(registry);
    registry.gauge("waxseal.appender.pending", pending, p -> p.get().doubleValue());
  }

  /**
   * Records a batch that committed in {@code nanos}; {@code published} is its checkpoint (null when
   * the batch held only duplicates and wrote nothing), whose tree is the {@code shard} label of
   * {@code waxseal_log_batch_commit_seconds}.
   */
  void batchCommitted(int size, long nanos, @Nullable PublishedCheckpoint published) {
    batchSize.record(size);
    batchCommit.record(nanos, TimeUnit.NANOSECONDS);
    entriesIntegrated.increment(size);
    if (published != null) {
      commitByShard
          .computeIfAbsent(published.treeId(), this::commitTimer)
          .record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  private Timer commitTimer(long treeId) {
    return Timer.builder("waxseal.log.batch.commit")
        .description("time to integrate, sign and commit one batch into the shard")
        .tag("shard", Long.toString(treeId))
        .serviceLevelObjectives(COMMIT_BUCKETS)
        .register(registry);
  }

  void batchFailed() {
    batchesFailed.increment();
  }

  void overloaded() {
    overloaded.increment();
  }
}
