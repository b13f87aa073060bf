package dev.waxseal.server.entries.rekorv2;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * An error answer of rekor-tiles' {@code POST /api/v2/log/entries}, exactly as its HTTP gateway
 * writes it, so that a controller only copies {@link #httpStatus()}, {@link #contentType()}, {@link
 * #headers()} and {@link #body()} into the response.
 *
 * <p>The shape, from rekor-tiles {@code internal/server/service.go} and {@code http.go} and
 * grpc-gateway's {@code DefaultHTTPErrorHandler} with rekor-tiles' marshaller ({@code protojson}
 * with {@code EmitUnpopulated}):
 *
 * <ul>
 *   <li>every error but one: HTTP status from the gRPC code ({@link GrpcCode#httpStatus()}), {@code
 *       Content-Type: application/json}, body {@code {"code":3,"message":"…","details":[]}};
 *   <li>a duplicate (409, code 6) also carries the existing entry's index in the {@value
 *       #LOG_INDEX_HEADER} header (the one gRPC header rekor-tiles forwards);
 *   <li>a frozen log: 405 with the plain-text body {@value #FROZEN_MESSAGE} and a newline
 *       (rekor-tiles overrides the gateway there; Go sniffs {@code text/plain; charset=utf-8}).
 * </ul>
 *
 * <p>Go's protojson varies its whitespace between builds on purpose, so rekor-tiles' error body may
 * have a space after {@code :} or {@code ,}; the compact form here is one of its forms, and clients
 * parse it. Immutable.
 */
public final class RekorV2Status {
  /** The header a 409 carries: the index of the entry already in the log. */
  public static final String LOG_INDEX_HEADER = "x-log-index";

  /** An invalid hashedrekord request, whatever the rule it broke (rekor-tiles logs the detail). */
  public static final String INVALID_HASHEDREKORD = "invalid hashedrekord request";

  /** An invalid dsse request (rekor-tiles v2.2), whatever the rule it broke. */
  public static final String INVALID_DSSE = "invalid dsse request";

  /**
   * A request with neither kind set (rekor-tiles v2.2's wording; v2.3, which dropped dsse, says
   * {@code "invalid type, must be hashedrekord"}).
   */
  public static final String INVALID_TYPE = "invalid type, must be either hashedrekord or dsse";

  /** A request body over the limit: the text of Go's {@code http.MaxBytesError}. */
  public static final String BODY_TOO_LARGE = "http: request body too large";

  /** Tessera's pushback. */
  public static final String PUSHBACK = "reached max pushback; retry";

  /** Any failure to integrate an entry; the cause is logged, never sent. */
  public static final String INTEGRATION_FAILED = "failed to integrate entry";

  /** The body of a 405 from a frozen (read-only) log. */
  public static final String FROZEN_MESSAGE =
      "This log has been frozen, please switch to the latest log.";

  private static final String JSON = "application/json";
  private static final String TEXT = "text/plain; charset=utf-8";

  private final GrpcCode code;
  private final String message;
  private final int httpStatus;
  private final Map<String, String> headers;
  private final boolean plainText;

  private RekorV2Status(
      GrpcCode code,
      String message,
      int httpStatus,
      Map<String, String> headers,
      boolean plainText) {
    this.code = code;
    this.message = message;
    this.httpStatus = httpStatus;
    this.headers = Map.copyOf(headers);
    this.plainText = plainText;
  }

  /** An error answered the gateway's default way: status from {@code code}, JSON body. */
  public static RekorV2Status of(GrpcCode code, String message) {
    if (code == GrpcCode.OK) {
      throw new IllegalArgumentException("OK is not an error");
    }
    return new RekorV2Status(code, message, code.httpStatus(), Map.of(), false);
  }

  /** 400, code 3, with {@code message}. */
  public static RekorV2Status invalidArgument(String message) {
    return of(GrpcCode.INVALID_ARGUMENT, message);
  }

  /**
   * 409, code 6, "an equivalent entry already exists in the transparency log with index N", and the
   * {@value #LOG_INDEX_HEADER} header.
   *
   * @throws IllegalArgumentException if {@code index} is negative
   */
  public static RekorV2Status duplicate(long index) {
    if (index < 0) {
      throw new IllegalArgumentException("index " + index + " is negative");
    }
    return new RekorV2Status(
        GrpcCode.ALREADY_EXISTS,
        "an equivalent entry already exists in the transparency log with index " + index,
        GrpcCode.ALREADY_EXISTS.httpStatus(),
        Map.of(LOG_INDEX_HEADER, Long.toString(index)),
        false);
  }

  /** 503, code 14, {@value #PUSHBACK}: the append queue is full. */
  public static RekorV2Status pushback() {
    return of(GrpcCode.UNAVAILABLE, PUSHBACK);
  }

  /** 500, code 2, {@value #INTEGRATION_FAILED}. */
  public static RekorV2Status integrationFailed() {
    return of(GrpcCode.UNKNOWN, INTEGRATION_FAILED);
  }

  /** 405 with the plain-text {@value #FROZEN_MESSAGE} (gRPC code 12 underneath). */
  public static RekorV2Status frozen() {
    return new RekorV2Status(GrpcCode.UNIMPLEMENTED, FROZEN_MESSAGE, 405, Map.of(), true);
  }

  /**
   * A routing error of the gateway ({@code DefaultRoutingErrorHandler}): 404 → code 5 "Not Found",
   * 405 → code 12 "Method Not Allowed" answered 501, 400 → code 3 "Bad Request"; anything else code
   * 13 "Unexpected routing error".
   */
  public static RekorV2Status routing(int httpStatus) {
    return switch (httpStatus) {
      case 400 -> of(GrpcCode.INVALID_ARGUMENT, "Bad Request");
      case 404 -> of(GrpcCode.NOT_FOUND, "Not Found");
      case 405 -> of(GrpcCode.UNIMPLEMENTED, "Method Not Allowed");
      default -> of(GrpcCode.INTERNAL, "Unexpected routing error");
    };
  }

  /** The gRPC code. */
  public GrpcCode code() {
    return code;
  }

  /** The message, as sent to the client. */
  public String message() {
    return message;
  }

  /** The HTTP status to answer with. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The {@code Content-Type} of {@link #body()}. */
  public String contentType() {
    return plainText ? TEXT : JSON;
  }

  /** Headers to add, by lower-case name (only {@value #LOG_INDEX_HEADER} on a duplicate). */
  public Map<String, String> headers() {
    return headers;
  }

  /** The index of the existing entry, on a duplicate. */
  public Optional<Long> existingIndex() {
    String value = headers.get(LOG_INDEX_HEADER);
    return value == null ? Optional.empty() : Optional.of(Long.parseLong(value));
  }

  /**
   * The response body: {@code {"code":N,"message":"…","details":[]}} (UTF-8), or the frozen text
   * with a final newline.
   */
  public byte[] body() {
    if (plainText) {
      return (message + "\n").getBytes(StandardCharsets.UTF_8);
    }
    StringBuilder out = new StringBuilder(message.length() + 48);
    out.append("{\"code\":").append(code.number()).append(",\"message\":");
    appendJsonString(out, message);
    out.append(",\"details\":[]}");
    return out.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Go's protojson string escaping: {@code "} and {@code \}, controls as \b \f \n \r \t or \\u00XX.
   */
  private static void appendJsonString(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  @Override
  public String toString() {
    return httpStatus + " " + code + " " + message;
  }
}
