package dev.waxseal.server.log;

import dev.waxseal.server.storage.PostgresLogStore;
import dev.waxseal.server.storage.ShardStatusRow;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauges of each shard (tree) an SLO needs, labelled {@code shard=<treeID>}: its size, the age
 * of its latest checkpoint, the time since an entry was last integrated into it, and the entries
 * this process holds for it (docs/operations.md, "Metrics").
 *
 * <p>The values come from the database, not from this process's memory, so every replica reports
 * the same shard state whoever wrote it, and a replica that takes no writes still sees the log
 * move. A background thread reads them every {@code refreshEvery} (a handful of primary-key
 * lookups) and registers the gauges of shards it has not seen yet, such as one a rotation just
 * started; a scrape only reads memory, so it never waits for the database. The ages are computed at
 * scrape time from the stored instants, so they keep growing while the database is unreachable,
 * which is what an alert on them wants.
 */
public final class ShardMetrics implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ShardMetrics.class);

  /** How often the shards' state is read from the database. */
  static final Duration REFRESH = Duration.ofSeconds(1);

  private final PostgresLogStore store;
  private final MeterRegistry registry;
  private final Clock clock;
  private final LongToIntFunction pending;
  private final Map<Long, Shard> shards = new ConcurrentHashMap<>();
  private final ScheduledExecutorService refresher;
  private volatile boolean failing;

  /** The latest state read of one shard; the gauges read it. */
  private static final class Shard {
    volatile ShardStatusRow row;

    Shard(ShardStatusRow row) {
      this.row = row;
    }
  }

  /**
   * Starts reading the shards' state every {@code refreshEvery}; {@code pending} gives, for a tree
   * id, the number of entries this process has queued for it.
   */
  public ShardMetrics(
      PostgresLogStore store,
      MeterRegistry registry,
      Clock clock,
      LongToIntFunction pending,
      Duration refreshEvery) {
    this.store = store;
    this.registry = registry;
    this.clock = clock;
    this.pending = pending;
    this.refresher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "waxseal-shard-metrics");
              t.setDaemon(true);
              return t;
            });
    refresher.scheduleWithFixedDelay(
        this::refresh, 0, refreshEvery.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Reads every shard's state once; registers the gauges of new shards. Never throws. */
  void refresh() {
    try {
      for (ShardStatusRow row : store.shardStatus()) {
        Shard shard = shards.get(row.treeId());
        if (shard == null) {
          register(row);
        } else {
          shard.row = row;
        }
      }
      if (failing) {
        failing = false;
        log.atInfo().log("shard metrics are read from the database again");
      }
    } catch (SQLException | RuntimeException e) {
      // The gauges keep the last state read; the ages keep growing. Said once, not every second.
      if (!failing) {
        failing = true;
        log.atWarn().setCause(e).log("cannot read the shards' state for their metrics");
      }
    }
  }

  private void register(ShardStatusRow row) {
    Shard shard = new Shard(row);
    String id = Long.toString(row.treeId());
    Gauge.builder("waxseal.log.tree.size", shard, s -> s.row.size())
        .description("entries in the shard's tree")
        .tag("shard", id)
        .strongReference(true)
        .register(registry);
    Gauge.builder("waxseal.log.checkpoint.age", shard, s -> secondsSince(s.row.checkpointMillis()))
        .description("seconds since the shard's latest checkpoint was signed")
        .baseUnit("seconds")
        .tag("shard", id)
        .strongReference(true)
        .register(registry);
    Gauge.builder("waxseal.log.integration.age", shard, this::integrationAge)
        .description("seconds since an entry was last integrated into the shard")
        .baseUnit("seconds")
        .tag("shard", id)
        .strongReference(true)
        .register(registry);
    Gauge.builder(
            "waxseal.log.pending.entries",
            shard,
            s -> s.row.active() ? pending.applyAsInt(s.row.treeId()) : 0)
        .description("entries this process holds for the shard's batch stage")
        .tag("shard", id)
        .strongReference(true)
        .register(registry);
    shards.put(row.treeId(), shard);
  }

  /** For an empty shard, the time since it was created: no entry was integrated since then. */
  private double integrationAge(Shard shard) {
    ShardStatusRow row = shard.row;
    return row.lastIntegratedSeconds() < 0
        ? secondsSince(row.createdMillis())
        : secondsSince(row.lastIntegratedSeconds() * 1000);
  }

  private double secondsSince(long epochMillis) {
    return Math.max(0, clock.millis() - epochMillis) / 1000.0;
  }

  /** Stops reading; the gauges keep their last values. */
  @Override
  public void close() {
    refresher.shutdownNow();
  }
}
