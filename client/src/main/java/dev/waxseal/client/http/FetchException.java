package dev.waxseal.client.http;

import java.io.IOException;

/**
 * A log could not be read: the network failed, the server kept answering 5xx, or it answered
 * something other than what was asked for. Retries are already exhausted when this is thrown. It
 * says nothing about the log's honesty, only that the check could not be completed.
 */
public final class FetchException extends IOException {
  private static final long serialVersionUID = 1L;

  private final int status;

  /** Creates an exception for a response with HTTP {@code status} (0 if there was none). */
  public FetchException(String message, int status) {
    super(message);
    this.status = status;
  }

  /** Creates an exception for a failed exchange, keeping the cause. */
  public FetchException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
  }

  /** The last HTTP status received, or 0 if there was no response. */
  public int status() {
    return status;
  }
}
