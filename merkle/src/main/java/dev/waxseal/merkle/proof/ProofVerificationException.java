package dev.waxseal.merkle.proof;

/**
 * A Merkle proof did not verify: wrong shape, sizes or indices out of range, or a root mismatch.
 *
 * <p>Checked, because a bad proof from a server or a client is an expected outcome, not a bug. The
 * message names the numbers, got/want style ({@code "wrong proof size 3, want 4"}).
 */
public class ProofVerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message that names the rule and the numbers. */
  public ProofVerificationException(String message) {
    super(message);
  }
}
