package dev.waxseal.server.log;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Why the database could not serve a request, when the reason is the database's state rather than
 * the request: the failures a client should retry (503 + Retry-After), never a 500.
 *
 * <p>Classified from PostgreSQL's SQLSTATE codes (PostgreSQL docs, "Appendix A. Error Codes") found
 * anywhere in the cause chain, and from the pool's and the socket's own exceptions.
 */
public enum DatabaseFault {
  /**
   * The database cannot be reached or is not accepting work now: down, restarting, in recovery,
   * failing over (a read-only standby), the network stalled (socket timeout), the pool exhausted,
   * or a lock or statement timeout hit.
   */
  UNAVAILABLE,
  /** The database is out of disk space (SQLSTATE 53100): writes fail, reads still work. */
  DISK_FULL;

  /** SQLSTATEs that mean "not now" rather than "never": see {@link #UNAVAILABLE}. */
  private static final Set<String> UNAVAILABLE_STATES =
      Set.of(
          "57P01", // admin_shutdown: pg_ctl stop -m fast, or the backend was terminated
          "57P02", // crash_shutdown: another backend crashed, or pg_ctl stop -m immediate
          "57P03", // cannot_connect_now: starting up or shutting down
          "57P05", // idle_session_timeout
          "53200", // out_of_memory
          "53300", // too_many_connections
          "55P03", // lock_not_available: our lock_timeout on the head row
          "57014", // query_canceled: statement timeout
          "25006", // read_only_sql_transaction: connected to a standby during a failover
          "40001", // serialization_failure
          "40P01"); // deadlock_detected

  private static final String DISK_FULL_STATE = "53100";

  /** The fault behind {@code failure}, or empty if it is not one of the database's. */
  public static Optional<DatabaseFault> of(Throwable failure) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    @Nullable Throwable t = failure;
    while (t != null && seen.put(t, Boolean.TRUE) == null) {
      Optional<DatabaseFault> fault = classify(t);
      if (fault.isPresent()) {
        return fault;
      }
      if (t instanceof SQLException sql && sql.getNextException() != null) {
        fault = of(sql.getNextException());
        if (fault.isPresent()) {
          return fault;
        }
      }
      t = t.getCause();
    }
    return Optional.empty();
  }

  private static Optional<DatabaseFault> classify(Throwable t) {
    if (t instanceof SQLTransientConnectionException
        || t instanceof SocketTimeoutException
        || t instanceof ConnectException) {
      return Optional.of(UNAVAILABLE); // the pool timed out, the socket stalled or was refused
    }
    if (t instanceof SQLException sql && sql.getSQLState() != null) {
      String state = sql.getSQLState();
      if (state.equals(DISK_FULL_STATE)) {
        return Optional.of(DISK_FULL);
      }
      if (state.startsWith("08") || UNAVAILABLE_STATES.contains(state)) {
        return Optional.of(UNAVAILABLE); // class 08: connection exception
      }
    }
    return Optional.empty();
  }
}
