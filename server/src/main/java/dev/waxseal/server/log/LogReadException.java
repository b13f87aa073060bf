package dev.waxseal.server.log;

/** The database could not answer a read; the detail is for the server's log only. */
public final class LogReadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with what was being read and the cause. */
  public LogReadException(String message, Throwable cause) {
    super(message, cause);
  }
}
