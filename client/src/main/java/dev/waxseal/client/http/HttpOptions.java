package dev.waxseal.client.http;

import java.time.Duration;

/**
 * How patient a reader is with a log.
 *
 * @param connectTimeout the TCP/TLS connect timeout
 * @param requestTimeout the time allowed for one whole response
 * @param maxAttempts tries per request, at least 1 (1 = no retry)
 * @param initialBackoff the pause before the second try; it doubles up to {@code maxBackoff}
 * @param maxBackoff the longest pause between tries
 * @param parallelism how many tiles or entries are fetched at once
 */
public record HttpOptions(
    Duration connectTimeout,
    Duration requestTimeout,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    int parallelism) {

  /** Checks that every value is positive. */
  public HttpOptions {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts " + maxAttempts + " must be at least 1");
    }
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism " + parallelism + " must be at least 1");
    }
    if (connectTimeout.isNegative() || requestTimeout.isNegative() || initialBackoff.isNegative()) {
      throw new IllegalArgumentException("timeouts and backoff must not be negative");
    }
  }

  /** 5 s to connect, 30 s per response, 5 tries from 200 ms up to 5 s apart, 8 in parallel. */
  public static HttpOptions defaults() {
    return new HttpOptions(
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        5,
        Duration.ofMillis(200),
        Duration.ofSeconds(5),
        8);
  }

  /** These options with {@code maxAttempts} and {@code initialBackoff} replaced. */
  public HttpOptions withRetries(int maxAttempts, Duration initialBackoff) {
    return new HttpOptions(
        connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff, parallelism);
  }

  /** These options with {@code parallelism} replaced. */
  public HttpOptions withParallelism(int parallelism) {
    return new HttpOptions(
        connectTimeout, requestTimeout, maxAttempts, initialBackoff, maxBackoff, parallelism);
  }
}
