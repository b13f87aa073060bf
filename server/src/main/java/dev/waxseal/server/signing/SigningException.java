package dev.waxseal.server.signing;

/** A signature could not be made: the key is unusable or its service failed. */
public class SigningException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with the cause from the key or its service. */
  public SigningException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Creates an exception without a cause. */
  public SigningException(String message) {
    super(message);
  }
}
