package dev.waxseal.merkle.note;

/**
 * Thrown when a signed note, checkpoint or verifier key is not in the strict canonical form.
 *
 * <p>Like {@link NumberFormatException} it is an {@link IllegalArgumentException}: parsing is a
 * validating factory, and the message names the line (1-based, counted over the whole note) and the
 * rule that was broken, e.g. {@code "line 2: tree size \"007\" has a leading zero"}.
 */
public final class NoteFormatException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception with a message that names the line and the rule. */
  public NoteFormatException(String message) {
    super(message);
  }
}
