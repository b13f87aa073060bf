package dev.waxseal.server.log;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** The appender's metrics, registered once (names follow tessera's scheme). */
public final class AppenderMetrics {
  private final DistributionSummary batchSize;
  private final Timer batchCommit;
  private final Counter entriesIntegrated;
  private final Counter batchesFailed;
  private final Counter overloaded;

  /** Registers the metrics in {@code registry}; {@code pending} reports the queue length. */
  public AppenderMetrics(MeterRegistry registry, Supplier<Number> pending) {
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

  void batchCommitted(int size, long nanos) {
    batchSize.record(size);
    batchCommit.record(nanos, TimeUnit.NANOSECONDS);
    entriesIntegrated.increment(size);
  }

  void batchFailed() {
    batchesFailed.increment();
  }

  void overloaded() {
    overloaded.increment();
  }
}
