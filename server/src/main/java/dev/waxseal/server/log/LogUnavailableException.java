package dev.waxseal.server.log;

import java.time.Duration;

/**
 * The log's database cannot take the entry now (down, restarting, failing over, stalled): the
 * client should retry after {@link #retryAfter()}. Never a 500: nothing is wrong with the request.
 *
 * <p>When {@link #outcomeUnknown()}, the connection was lost while the batch committed, so the
 * entry may be in the log after all. A retry is still safe: the log refuses a leaf it already
 * holds, so the retry answers either 201 (it was not stored) or 409 with the stored entry's
 * location (it was), never a second copy.
 */
public final class LogUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;
  private final boolean outcomeUnknown;

  /** Creates the exception with the wait the client is told and the database's failure. */
  public LogUnavailableException(Duration retryAfter, boolean outcomeUnknown, Throwable cause) {
    super(
        outcomeUnknown
            ? "the database connection was lost while the batch committed"
            : "the database is unavailable",
        cause);
    this.retryAfter = retryAfter;
    this.outcomeUnknown = outcomeUnknown;
  }

  /** Creates the exception for an entry refused before it was tried (the database is away). */
  public LogUnavailableException(Duration retryAfter) {
    super("the database is unavailable");
    this.retryAfter = retryAfter;
    this.outcomeUnknown = false;
  }

  /** How long clients should wait before retrying. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** Whether the entry's batch may have committed (the connection was lost during COMMIT). */
  public boolean outcomeUnknown() {
    return outcomeUnknown;
  }
}
