package dev.waxseal.server.log;

/**
 * A batch could not be integrated: nothing of it was acknowledged, and the log goes on. The cause
 * (SQL or signer detail) is for the server's log, never for the client.
 */
public final class AppendFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception around the failure of the batch's transaction. */
  public AppendFailedException(Throwable cause) {
    super("the entry could not be added to the log", cause);
  }
}
