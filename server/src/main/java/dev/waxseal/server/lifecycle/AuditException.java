package dev.waxseal.server.lifecycle;

/** The first difference an audit or an import found: what was expected, what was found, where. */
public final class AuditException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A difference described by {@code message}, which names the tree, index or size. */
  public AuditException(String message) {
    super(message);
  }

  /** As above, with the cause (a signature or parse failure). */
  public AuditException(String message, Throwable cause) {
    super(message + ": " + cause.getMessage(), cause);
  }
}
