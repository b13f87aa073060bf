package dev.waxseal.server.log;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database can take writes now, known without asking it on the request's thread: the
 * append path refuses entries at once (503 + Retry-After) while it cannot, and the readiness probe
 * answers from it in microseconds, even when every connection attempt would hang.
 *
 * <p>State comes from two sources: every batch's outcome ({@link #succeeded()}, {@link
 * #failed(Throwable)}), and a daemon prober that checks a pooled connection ({@code
 * Connection.isValid}, bounded by {@link #PROBE_TIMEOUT_SECONDS}) every {@link #PROBE_WHEN_DOWN}
 * while the database is away, and after {@link #PROBE_WHEN_IDLE} without any success while it is
 * up. So it goes DOWN within about a probe interval plus the pool's connection timeout after the
 * database went away, with or without traffic, and back UP within {@link #PROBE_WHEN_DOWN} of its
 * return: recovery needs no operator.
 */
public final class DatabaseAvailability implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DatabaseAvailability.class);
  static final Duration PROBE_WHEN_DOWN = Duration.ofMillis(250);
  static final Duration PROBE_WHEN_IDLE = Duration.ofSeconds(1);
  static final int PROBE_TIMEOUT_SECONDS = 1;

  private final @Nullable DataSource dataSource;
  private final @Nullable Thread prober;
  private volatile boolean available = true;
  private volatile long lastSuccessNanos = System.nanoTime();
  private volatile boolean running = true;

  private DatabaseAvailability(@Nullable DataSource dataSource) {
    this.dataSource = dataSource;
    if (dataSource == null) {
      this.prober = null;
      return;
    }
    this.prober = new Thread(this::probeForever, "waxseal-database-probe");
    this.prober.setDaemon(true);
    this.prober.start();
  }

  /** Tracks {@code dataSource}, probing it from a daemon thread until {@link #close()}. */
  public static DatabaseAvailability probing(DataSource dataSource) {
    return new DatabaseAvailability(dataSource);
  }

  /**
   * Always available, with no prober: for appenders that tests drive directly, where every batch
   * should be tried whatever the previous one met.
   */
  public static DatabaseAvailability assumed() {
    return new DatabaseAvailability(null);
  }

  /** Whether the database took the last batch or probe. */
  public boolean available() {
    return available;
  }

  /** A batch committed, or a probe answered: the database is available. */
  public void succeeded() {
    lastSuccessNanos = System.nanoTime();
    if (!available) {
      available = true;
      log.atInfo().log("database available again");
    }
  }

  /**
   * A batch or probe failed with {@code failure}; only a fault that makes the database {@link
   * DatabaseFault#UNAVAILABLE} marks it so (a full disk leaves reads working and each batch retries
   * on its own; any other error is the batch's, not the database's).
   */
  public void failed(Throwable failure) {
    if (prober == null || DatabaseFault.of(failure).orElse(null) != DatabaseFault.UNAVAILABLE) {
      return; // assumed available, or not the database's fault
    }
    if (available) {
      available = false;
      log.atWarn().setCause(failure).log("database unavailable: refusing writes until it answers");
      Thread p = prober;
      if (p != null) {
        LockSupport.unpark(p);
      }
    }
  }

  private void probeForever() {
    while (running) {
      Duration wait = available ? PROBE_WHEN_IDLE : PROBE_WHEN_DOWN;
      LockSupport.parkNanos(wait.toNanos());
      if (!running) {
        return;
      }
      if (available && System.nanoTime() - lastSuccessNanos < PROBE_WHEN_IDLE.toNanos()) {
        continue; // batches are succeeding: no need to ask
      }
      probe();
    }
  }

  private void probe() {
    DataSource source = dataSource;
    if (source == null) {
      return;
    }
    try (Connection c = source.getConnection()) {
      if (c.isValid(PROBE_TIMEOUT_SECONDS)) {
        succeeded();
      } else {
        failed(new SQLException("the connection did not answer a probe in time", "08006"));
      }
    } catch (SQLException | RuntimeException e) {
      failed(e);
    }
  }

  /** Stops the prober. */
  @Override
  public void close() {
    running = false;
    Thread p = prober;
    if (p != null) {
      LockSupport.unpark(p);
    }
  }
}
