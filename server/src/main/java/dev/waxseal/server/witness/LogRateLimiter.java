package dev.waxseal.server.witness;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per witnessed log: {@code burst} requests at once, then {@code requestsPerSecond}
 * sustained. One log's flood never slows another's requests.
 *
 * <p>It runs after the origin is known to be a witnessed log and before the signature is checked,
 * so that a flood costs no signature verification; the price is that anyone can spend a log's
 * budget with junk under its origin. Buckets exist only for configured logs, so their number is
 * bounded. Thread-safe.
 */
final class LogRateLimiter {
  private final double perNano;
  private final double burst;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  LogRateLimiter(double requestsPerSecond, int burst, LongSupplier nanoTime) {
    if (requestsPerSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException(
          "rate " + requestsPerSecond + "/s and burst " + burst + " must be positive");
    }
    this.perNano = requestsPerSecond / 1e9;
    this.burst = burst;
    this.nanoTime = nanoTime;
  }

  /** Takes one request from {@code origin}'s bucket; returns {@code false} if it is empty. */
  boolean tryAcquire(String origin) {
    Bucket bucket = buckets.computeIfAbsent(origin, o -> new Bucket(burst, nanoTime.getAsLong()));
    synchronized (bucket) {
      long now = nanoTime.getAsLong();
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.updated) * perNano);
      bucket.updated = now;
      if (bucket.tokens < 1) {
        return false;
      }
      bucket.tokens -= 1;
      return true;
    }
  }

  private static final class Bucket {
    double tokens;
    long updated;

    Bucket(double tokens, long updated) {
      this.tokens = tokens;
      this.updated = updated;
    }
  }
}
