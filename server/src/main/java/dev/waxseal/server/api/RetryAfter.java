package dev.waxseal.server.api;

import java.time.Duration;

/**
 * The one rounding of a wait into HTTP's {@code Retry-After} (RFC 9110 §10.2.3: whole seconds),
 * shared by every retryable answer of every API (v1's JSON errors, the Rekor v2 write API, the tile
 * API), so that they cannot drift apart: rounded up, since a client that comes back early only
 * meets the same refusal, and at least 1, since 0 invites an immediate retry storm.
 */
public final class RetryAfter {
  private RetryAfter() {}

  /** {@code wait} in whole seconds, rounded up, at least 1. */
  public static long seconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }

  /** The {@code Retry-After} header value for {@code wait}. */
  public static String header(Duration wait) {
    return Long.toString(seconds(wait));
  }
}
