package dev.waxseal.server.log;

/**
 * COMMIT failed: the transaction may or may not have committed (the connection can drop after the
 * server committed but before it answered). The batch's callers must not be told their entry is in
 * the log, nor that it is not. Also used when the batch did commit but its answers could not be
 * made.
 */
final class CommitOutcomeUnknownException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CommitOutcomeUnknownException(Throwable cause) {
    this("the outcome of the batch's COMMIT is unknown", cause);
  }

  /**
   * For a batch that did commit but whose callers cannot be given their entries: to them the
   * outcome is as unknown, and their retry finds the stored entry.
   */
  CommitOutcomeUnknownException(String message, Throwable cause) {
    super(message, cause);
  }
}
