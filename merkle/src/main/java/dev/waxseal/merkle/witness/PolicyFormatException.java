package dev.waxseal.merkle.witness;

/**
 * Thrown when a witness policy file breaks a rule of Sigsum's policy format; the message names the
 * line (1-based) and the rule, e.g. {@code "line 4: group \"g\": threshold 3 out of range 1..2"}.
 */
public final class PolicyFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message that names the line and the rule. */
  public PolicyFormatException(String message) {
    super(message);
  }
}
