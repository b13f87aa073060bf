package dev.waxseal.server.log;

import java.time.Duration;

/**
 * The log's database is out of disk space: the batch rolled back (nothing of it is stored), reads
 * still work, and writes succeed again as soon as an operator frees space. The API answers 507
 * Insufficient Storage (RFC 4918 §11.5: the server cannot store what the request needs) with
 * Retry-After, so that clients retry and operators see the cause in the status alone.
 */
public final class LogStorageFullException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /** Creates the exception with the wait the client is told and the database's failure. */
  public LogStorageFullException(Duration retryAfter, Throwable cause) {
    super("the database is out of disk space", cause);
    this.retryAfter = retryAfter;
  }

  /** How long clients should wait before retrying. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
