package dev.waxseal.server.log;

import java.time.Duration;

/** The append queue is full: the client should retry after {@link #retryAfter()}. */
public final class LogOverloadedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /** Creates the exception with the wait the client is told. */
  public LogOverloadedException(int pending, Duration retryAfter) {
    super("the log has " + pending + " entries waiting to be integrated; retry later");
    this.retryAfter = retryAfter;
  }

  /** How long clients should wait before retrying. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
