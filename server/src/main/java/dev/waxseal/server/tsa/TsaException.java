package dev.waxseal.server.tsa;

/**
 * A timestamp request the authority refuses, with timestamp-authority's HTTP status and message
 * (its {@code pkg/api/error.go}); the cause stays in the log.
 */
public final class TsaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Most refusals, whatever the cause. */
  public static final String FAILED = "Error generating timestamp response";

  /** A SHA-1 message imprint. */
  public static final String WEAK_HASH = "Weak hash algorithm in timestamp request";

  /** A digest whose length does not match its algorithm. */
  public static final String DIGEST_LENGTH =
      "Message digest has incorrect length for specified algorithm";

  /** A requested policy the authority does not accept. */
  public static final String UNACCEPTED_POLICY =
      "unaccepted policy: requested TSA policy is not supported by the TSA";

  /** A request with extensions. */
  public static final String UNACCEPTED_EXTENSION =
      "unaccepted extension: requested extensions are not supported by the TSA";

  /** A JSON request over 1024 bytes. */
  public static final String TOO_LARGE = "timestamp request is too large";

  /** A JSON request's policy OID that does not parse. */
  public static final String LONG_OID = "OID should be comprised of at most 128 components";

  private final int status;
  private final String detail;

  TsaException(int status, String message, String detail) {
    super(message, null, false, false);
    this.status = status;
    this.detail = detail;
  }

  /** A 400 with {@code message}. */
  static TsaException badRequest(String message, String detail) {
    return new TsaException(400, message, detail);
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** Why, for the log. */
  public String detail() {
    return detail;
  }

  /** The JSON error body timestamp-authority writes: {@code {"code":N,"message":"…"}}. */
  public String jsonBody() {
    String message = String.valueOf(getMessage()).replace("\\", "\\\\").replace("\"", "\\\"");
    return "{\"code\":" + status + ",\"message\":\"" + message + "\"}";
  }
}
