package dev.waxseal.merkle.note;

import java.security.GeneralSecurityException;

/**
 * Thrown when a signed note does not verify: no signature from a known key, or a signature from a
 * known key that is invalid.
 *
 * <p>An expected outcome for untrusted input, hence checked. It extends {@link
 * GeneralSecurityException} so that a {@link NoteVerifier} backed by a JDK or Bouncy Castle
 * provider may throw it, or let the provider's own exceptions through, without wrapping.
 */
public final class NoteVerificationException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message that says which key and why. */
  public NoteVerificationException(String message) {
    super(message);
  }

  /** Creates an exception with a message that says which key and why, and the provider's cause. */
  public NoteVerificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
