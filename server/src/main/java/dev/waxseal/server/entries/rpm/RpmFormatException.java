package dev.waxseal.server.entries.rpm;

import dev.waxseal.server.entries.InvalidEntryException;
import dev.waxseal.server.entries.InvalidEntryException.Reason;

/**
 * Why go-rpmutils refuses a package, in its wording; {@link RpmKind} turns it into a 400.
 *
 * <p>Kept inside this package: callers outside see {@link InvalidEntryException}.
 */
final class RpmFormatException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, as far as callers need to tell apart. */
  enum Kind {
    /** The file is not a well-formed RPM. */
    MALFORMED,
    /** A tag asked for is absent (go-rpmutils' {@code NoSuchTagError}). */
    NO_SUCH_TAG,
    /** A digest or a signature does not match the bytes it covers. */
    DIGEST
  }

  private final Kind kind;
  private final String detail;

  RpmFormatException(String message) {
    this(message, Kind.MALFORMED);
  }

  RpmFormatException(String message, Kind kind) {
    // No stack trace: an expected outcome of client input.
    super(message, null, false, false);
    this.kind = kind;
    this.detail = message;
  }

  Kind kind() {
    return kind;
  }

  /** The refusal a client sees: a digest or signature failure, or a malformed package. */
  InvalidEntryException toInvalidEntry() {
    return new InvalidEntryException(
        kind == Kind.DIGEST ? Reason.INVALID_SIGNATURE : Reason.MALFORMED_ENTRY, detail);
  }
}
