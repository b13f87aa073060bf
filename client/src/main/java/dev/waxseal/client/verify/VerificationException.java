package dev.waxseal.client.verify;

/**
 * What a log served does not verify: a bad signature, a bad proof, a fork or a rollback. The
 * message says what was checked and the numbers (index, size, roots) that disagree.
 */
public final class VerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates an exception whose message names what failed and where. */
  public VerificationException(String message) {
    super(message);
  }

  /** Creates an exception whose message names what failed, keeping the verifier's cause. */
  public VerificationException(String message, Throwable cause) {
    super(message + ": " + cause.getMessage(), cause);
  }
}
