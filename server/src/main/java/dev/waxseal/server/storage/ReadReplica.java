package dev.waxseal.server.storage;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL streaming replica that takes reads off the primary, used only where its answer is
 * the primary's answer: every method returns empty when the caller must ask the primary instead.
 *
 * <p>Lag. A replica replays the primary's commits in order, and an append commits its entries,
 * tiles, search keys and the new head in one transaction; so a replica whose {@code tree_head} says
 * size {@code n} has every row of that tree below {@code n}. A read first reads the head on the
 * same connection (a primary-key lookup; the next statement's snapshot is at least as new) and goes
 * on only if the replica has replayed the size it needs: an entry acknowledged a moment ago is
 * never a 404 here, and no proof is built for a size the replica has not seen. Nothing is cached
 * between requests, so a replica replaced by one further behind is still judged by what it has.
 *
 * <p>Failure. A replica that fails a statement (down, timed out, cancelled by a recovery conflict)
 * is marked down and the read is asked of the primary; requests then skip it until the background
 * probe, which also measures the lag, reaches it again. So a dead replica costs one failed
 * statement, not a timeout per request.
 */
public final class ReadReplica implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReadReplica.class);

  private static final String HEAD_SIZE = "SELECT size FROM tree_head WHERE tree_id = ?";
  private static final String HEADS = "SELECT tree_id, size FROM tree_head";
  // Seconds behind the primary: none when everything received is replayed (an idle primary sends
  // nothing, and the last replayed commit then only says how long the log has been idle).
  private static final String REPLAY_LAG =
      "SELECT CASE WHEN NOT pg_is_in_recovery() THEN 0"
          + " WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0"
          + " ELSE coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0)"
          + " END::float8";

  /** One query, run on the connection it is given. */
  @FunctionalInterface
  public interface Query<T> {
    /** Runs the query on {@code c}. */
    T run(Connection c) throws SQLException;
  }

  /** How a read that could go to the replica went; a metric label. */
  enum Outcome {
    /** Answered by the replica. */
    REPLICA,
    /** The replica had not replayed the size the read needs. */
    BEHIND,
    /** The replica did not have the entry asked for by hash; the primary was asked. */
    MISSING,
    /** The replica was marked down; it was not tried. */
    DOWN,
    /** The replica failed the statement. */
    ERROR;

    String label() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  private final DataSource replica;
  private final DataSource primary;
  private final Counter[] reads = new Counter[Outcome.values().length];
  private final ScheduledExecutorService probe;
  private volatile boolean up = true;
  private volatile double lagEntries;
  private volatile double lagSeconds;

  /**
   * Uses {@code replica} for reads and {@code primary} to measure the lag, probing every {@code
   * probeEvery}; registers the {@code waxseal.read_replica.*} metrics on {@code registry}.
   */
  public ReadReplica(
      DataSource replica, DataSource primary, MeterRegistry registry, Duration probeEvery) {
    this.replica = replica;
    this.primary = primary;
    for (Outcome outcome : Outcome.values()) {
      reads[outcome.ordinal()] =
          Counter.builder("waxseal.read_replica.reads")
              .description("reads that could go to the read replica, by where they went and why")
              .tag("outcome", outcome.label())
              .register(registry);
    }
    Gauge.builder("waxseal.read_replica.up", this, r -> r.up ? 1 : 0)
        .description("1 while reads go to the read replica, 0 while it is marked down")
        .register(registry);
    Gauge.builder("waxseal.read_replica.lag.entries", this, r -> r.lagEntries)
        .description("entries committed on the primary that the replica has not replayed")
        .register(registry);
    Gauge.builder("waxseal.read_replica.lag", this, r -> r.lagSeconds)
        .description("seconds the replica's replay is behind the primary")
        .baseUnit("seconds")
        .register(registry);
    this.probe =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "waxseal-read-replica-probe");
              t.setDaemon(true);
              return t;
            });
    probe.scheduleWithFixedDelay(
        this::probe, 0, Math.max(1, probeEvery.toMillis()), TimeUnit.MILLISECONDS);
  }

  /**
   * Runs {@code query} on the replica if it has replayed tree {@code treeId} up to {@code size}
   * (the query must then read only rows below that size); empty if the primary must answer.
   */
  public <T> Optional<T> ifReplayed(long treeId, long size, Query<T> query) {
    if (!up) {
      return count(Outcome.DOWN);
    }
    try (Connection c = replica.getConnection()) {
      if (replayedSize(c, treeId) < size) {
        return count(Outcome.BEHIND);
      }
      T result = query.run(c);
      count(Outcome.REPLICA);
      return Optional.of(result);
    } catch (SQLException | RuntimeException e) {
      return failed(e);
    }
  }

  /**
   * Runs {@code query}, a lookup whose key gives no size to check (an entry by leaf hash), on the
   * replica: a hit is the answer (an entry never changes); empty if the replica does not have it
   * (not replayed yet, or not in the log: only the primary can say which).
   */
  public <T> Optional<T> ifFound(Query<Optional<T>> query) {
    if (!up) {
      return count(Outcome.DOWN);
    }
    try (Connection c = replica.getConnection()) {
      Optional<T> found = query.run(c);
      if (found.isEmpty()) {
        return count(Outcome.MISSING);
      }
      count(Outcome.REPLICA);
      return found;
    } catch (SQLException | RuntimeException e) {
      return failed(e);
    }
  }

  /**
   * Runs {@code query}, which may read rows of any tree (the search index), on the replica if it
   * has replayed every tree up to {@code primaryHeads} (tree id to size, read from the primary
   * after the request began): then every entry acknowledged before the request is in its answer.
   */
  public <T> Optional<T> ifCaughtUp(Map<Long, Long> primaryHeads, Query<T> query) {
    if (!up) {
      return count(Outcome.DOWN);
    }
    try (Connection c = replica.getConnection()) {
      Map<Long, Long> replayed = heads(c);
      for (Map.Entry<Long, Long> head : primaryHeads.entrySet()) {
        if (replayed.getOrDefault(head.getKey(), -1L) < head.getValue()) {
          return count(Outcome.BEHIND);
        }
      }
      T result = query.run(c);
      count(Outcome.REPLICA);
      return Optional.of(result);
    } catch (SQLException | RuntimeException e) {
      return failed(e);
    }
  }

  /** Every tree's head size, as last committed on {@code c}'s server. */
  static Map<Long, Long> heads(Connection c) throws SQLException {
    Map<Long, Long> heads = new HashMap<>();
    try (PreparedStatement s = c.prepareStatement(HEADS);
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        heads.put(rs.getLong(1), rs.getLong(2));
      }
    }
    return heads;
  }

  private static long replayedSize(Connection c, long treeId) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(HEAD_SIZE)) {
      s.setLong(1, treeId);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getLong(1) : -1; // a tree the replica has not replayed at all
      }
    }
  }

  private <T> Optional<T> count(Outcome outcome) {
    reads[outcome.ordinal()].increment();
    return Optional.empty();
  }

  private <T> Optional<T> failed(Exception e) {
    if (up) {
      up = false;
      log.atWarn()
          .setCause(e)
          .log("the read replica failed; reads go to the primary until it answers again");
    }
    return count(Outcome.ERROR);
  }

  /** Measures the lag, and marks a replica that answers up again. Never throws. */
  void probe() {
    Map<Long, Long> replayed;
    double seconds;
    try (Connection c = replica.getConnection()) {
      replayed = heads(c);
      try (PreparedStatement s = c.prepareStatement(REPLAY_LAG);
          ResultSet rs = s.executeQuery()) {
        rs.next();
        seconds = rs.getDouble(1);
      }
    } catch (SQLException | RuntimeException e) {
      if (up) {
        up = false;
        log.atWarn().setCause(e).log("the read replica cannot be reached; reads go to the primary");
      }
      return;
    }
    if (!up) {
      up = true;
      log.atInfo().log("the read replica answers again; reads go to it");
    }
    lagSeconds = seconds;
    try (Connection c = primary.getConnection()) {
      long behind = 0;
      for (Map.Entry<Long, Long> head : heads(c).entrySet()) {
        behind += Math.max(0, head.getValue() - replayed.getOrDefault(head.getKey(), 0L));
      }
      lagEntries = behind;
    } catch (SQLException | RuntimeException e) {
      // The primary's own health is reported elsewhere; the gauge keeps its last value.
      log.atDebug().setCause(e).log("cannot read the primary's heads for the replica lag");
    }
  }

  /** Whether reads currently go to the replica. */
  public boolean up() {
    return up;
  }

  /** Stops the probe; the caller closes the pools. */
  @Override
  public void close() {
    probe.shutdownNow();
  }
}
