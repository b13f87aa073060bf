package dev.waxseal.server.log;

/**
 * COMMIT failed: the transaction may or may not have committed (the connection can drop after the
 * server committed but before it answered). The batch's callers must not be told their entry is in
 * the log, nor that it is not.
 */
final class CommitOutcomeUnknownException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CommitOutcomeUnknownException(Throwable cause) {
    super("the outcome of the batch's COMMIT is unknown", cause);
  }
}
