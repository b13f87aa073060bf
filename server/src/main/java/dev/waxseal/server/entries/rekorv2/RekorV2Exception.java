package dev.waxseal.server.entries.rekorv2;

/**
 * A create request rekor-tiles would refuse, carrying the exact answer ({@link #status()}).
 *
 * <p>{@link #getMessage()} is the client-facing message; {@link #detail()} says which rule was
 * broken, for the log only, as rekor-tiles logs its validation error and answers a fixed text.
 */
public final class RekorV2Exception extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient RekorV2Status status;
  private final String detail;

  RekorV2Exception(RekorV2Status status, String detail) {
    // No stack trace: a refused request is an expected outcome on the hot path.
    super(status.message(), null, false, false);
    this.status = status;
    this.detail = detail;
  }

  /** A 400 whose message is also its detail (request syntax errors). */
  static RekorV2Exception invalidArgument(String message) {
    return new RekorV2Exception(RekorV2Status.invalidArgument(message), message);
  }

  /** The answer to send. */
  public RekorV2Status status() {
    return status;
  }

  /** Which rule the request broke, in rekor-tiles' wording; for logs, not for the client. */
  public String detail() {
    return detail;
  }
}
