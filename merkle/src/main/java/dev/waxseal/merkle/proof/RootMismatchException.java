package dev.waxseal.merkle.proof;

import dev.waxseal.merkle.Hash;

/** A well-formed proof led to a root other than the expected one. */
public final class RootMismatchException extends ProofVerificationException {
  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // Hash is an immutable value; serialization is not supported here.
  private final Hash expected;

  @SuppressWarnings("serial")
  private final Hash calculated;

  /**
   * Creates the exception for a proof that computed {@code calculated} instead of {@code expected}.
   */
  public RootMismatchException(Hash expected, Hash calculated) {
    super(
        "calculated root " + calculated.hex() + " does not match expected root " + expected.hex());
    this.expected = expected;
    this.calculated = calculated;
  }

  /** The root the caller trusted. */
  public Hash expected() {
    return expected;
  }

  /** The root the proof led to. */
  public Hash calculated() {
    return calculated;
  }
}
