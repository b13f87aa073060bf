package dev.waxseal.server.log;

import java.time.Duration;

/**
 * No checkpoint of a tree may be shown to readers yet (fail-closed witnessing before the witnesses
 * have cosigned one): a temporary state, answered as 503 with {@code Retry-After}, never as a
 * server fault.
 */
public final class CheckpointNotPublishedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Duration retryAfter;

  /** Creates the exception with what is missing (for the server's log) and when to ask again. */
  public CheckpointNotPublishedException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  /** How long a client should wait before asking again. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
