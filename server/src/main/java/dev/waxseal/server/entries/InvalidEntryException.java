package dev.waxseal.server.entries;

/**
 * A proposed entry the log refuses: HTTP 400.
 *
 * <p>{@link #getMessage()} is the detail a client can act on ("invalid value for hash"), in Rekor's
 * wording where Rekor has one. It never contains a stack trace, an internal class name or the text
 * of a library exception. Rekor returns it on {@code POST /api/v1/log/entries} as {@link
 * #clientMessage()}, that is prefixed with {@value #CLIENT_MESSAGE_PREFIX}; on {@code POST
 * /api/v1/log/entries/retrieve} Rekor returns the bare detail.
 */
public final class InvalidEntryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Rekor's {@code validationError} format, {@code "error processing entry: %v"}. */
  public static final String CLIENT_MESSAGE_PREFIX = "error processing entry: ";

  /** Why the entry was refused: a bounded set, usable as a metric label. */
  public enum Reason {
    /** The JSON does not have the shape the kind requires. */
    MALFORMED_ENTRY,
    /** No kind of that name is enabled on this server. */
    UNSUPPORTED_KIND,
    /** The kind exists but not in the requested apiVersion. */
    UNSUPPORTED_VERSION,
    /** The public key or certificate cannot be parsed or is of an unsupported type. */
    INVALID_PUBLIC_KEY,
    /** The signature does not verify. */
    INVALID_SIGNATURE,
    /** Key and digest algorithm are not on the server's client signing algorithm allow-list. */
    ALGORITHM_NOT_ALLOWED
  }

  private final Reason reason;

  /** Creates the exception; {@code detail} goes to the client, so it must be safe to show. */
  public InvalidEntryException(Reason reason, String detail) {
    // No stack trace: this is an expected outcome of client input, thrown on the hot path.
    super(detail, null, false, false);
    this.reason = reason;
  }

  /** Why the entry was refused. */
  public Reason reason() {
    return reason;
  }

  /** The message Rekor returns for a refused create: {@code "error processing entry: <detail>"}. */
  public String clientMessage() {
    return CLIENT_MESSAGE_PREFIX + getMessage();
  }
}
