package dev.waxseal.server.entries.rekorv2;

/**
 * gRPC status codes with the HTTP status grpc-gateway (v2, {@code runtime.HTTPStatusFromCode})
 * answers each with: rekor-tiles' HTTP API is that gateway in front of its gRPC service.
 */
public enum GrpcCode {
  /** 0, HTTP 200. */
  OK(0, 200),
  /** 1, HTTP 499 (client closed request). */
  CANCELED(1, 499),
  /** 2, HTTP 500. */
  UNKNOWN(2, 500),
  /** 3, HTTP 400. */
  INVALID_ARGUMENT(3, 400),
  /** 4, HTTP 504. */
  DEADLINE_EXCEEDED(4, 504),
  /** 5, HTTP 404. */
  NOT_FOUND(5, 404),
  /** 6, HTTP 409. */
  ALREADY_EXISTS(6, 409),
  /** 7, HTTP 403. */
  PERMISSION_DENIED(7, 403),
  /** 8, HTTP 429. */
  RESOURCE_EXHAUSTED(8, 429),
  /** 9, HTTP 400 (deliberately not 412, as grpc-gateway notes). */
  FAILED_PRECONDITION(9, 400),
  /** 10, HTTP 409. */
  ABORTED(10, 409),
  /** 11, HTTP 400. */
  OUT_OF_RANGE(11, 400),
  /** 12, HTTP 501. */
  UNIMPLEMENTED(12, 501),
  /** 13, HTTP 500. */
  INTERNAL(13, 500),
  /** 14, HTTP 503. */
  UNAVAILABLE(14, 503),
  /** 15, HTTP 500. */
  DATA_LOSS(15, 500),
  /** 16, HTTP 401. */
  UNAUTHENTICATED(16, 401);

  private final int number;
  private final int httpStatus;

  GrpcCode(int number, int httpStatus) {
    this.number = number;
    this.httpStatus = httpStatus;
  }

  /** The code's number, the {@code code} of a {@code google.rpc.Status} body. */
  public int number() {
    return number;
  }

  /** The HTTP status grpc-gateway maps the code to. */
  public int httpStatus() {
    return httpStatus;
  }
}
