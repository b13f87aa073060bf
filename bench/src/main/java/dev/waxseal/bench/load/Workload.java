package dev.waxseal.bench.load;

import org.jspecify.annotations.Nullable;

/**
 * What the workers send: the next request, and what to do with each response. Implementations are
 * called from every driver thread at once and must be thread-safe.
 */
interface Workload {
  /**
   * One request to send, as the bytes of a whole HTTP/1.1 request ({@link HttpRequests}), labelled
   * with the operation it measures (e.g. {@code create}).
   */
  record Call(String operation, byte[] request, long tag) {}

  /** The next request, or {@code null} when the workload has nothing left to send. */
  @Nullable Call next();

  /**
   * Sees a response; called for measured and warm-up requests alike. The default does nothing.
   *
   * @param measured whether the request was sent after the warm-up
   */
  default void onResponse(Call call, int status, byte[] body, boolean measured) {}
}
