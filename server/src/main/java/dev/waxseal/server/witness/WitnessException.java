package dev.waxseal.server.witness;

import java.util.OptionalLong;

/**
 * A refused add-checkpoint request, with the tlog-witness status code and a message that tells the
 * client what to fix. A 409 carries the witness's current size, the response body the spec wants.
 */
final class WitnessException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final OptionalLong currentSize;

  private WitnessException(int status, String message, OptionalLong currentSize) {
    super(message, null, false, false);
    this.status = status;
    this.currentSize = currentSize;
  }

  /** 400: the body is not a well-formed request, or the old size exceeds the checkpoint size. */
  static WitnessException badRequest(String message) {
    return new WitnessException(400, message, OptionalLong.empty());
  }

  /** 403: no signature on the checkpoint verifies with a key trusted for its origin. */
  static WitnessException forbidden(String message) {
    return new WitnessException(403, message, OptionalLong.empty());
  }

  /** 404: the checkpoint's origin is not a log this witness is configured for. */
  static WitnessException unknownLog(String message) {
    return new WitnessException(404, message, OptionalLong.empty());
  }

  /** 409: the old size is not the witness's size, or the same size came with another root. */
  static WitnessException conflict(long currentSize, String message) {
    return new WitnessException(409, message, OptionalLong.of(currentSize));
  }

  /** 413: the body is larger than the configured limit. */
  static WitnessException tooLarge(String message) {
    return new WitnessException(413, message, OptionalLong.empty());
  }

  /** 422: the consistency proof does not verify (or is not empty when it must be). */
  static WitnessException badProof(String message) {
    return new WitnessException(422, message, OptionalLong.empty());
  }

  /** 429: the log sent more requests than its rate limit allows. */
  static WitnessException tooManyRequests(String message) {
    return new WitnessException(429, message, OptionalLong.empty());
  }

  int status() {
    return status;
  }

  /** The witness's latest cosigned size, for a 409. */
  OptionalLong currentSize() {
    return currentSize;
  }
}
