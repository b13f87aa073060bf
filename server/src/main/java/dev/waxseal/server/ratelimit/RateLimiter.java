package dev.waxseal.server.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.jspecify.annotations.Nullable;

/**
 * A token bucket per client and route group (Bucket4j), kept in a bounded map (Caffeine).
 *
 * <p>A bucket holds {@code limit} tokens and gets them back greedily over one period, so a client
 * may burst its whole limit and then goes on at the limit's rate. Taking a token is one
 * compare-and-set on the bucket's state, and the map creates a client's bucket atomically, so
 * concurrent requests are admitted exactly up to the limit. A bucket not used for one period is
 * full again, which is what a new one would be; so dropping it then loses nothing and keeps the map
 * to the clients of the last period.
 */
final class RateLimiter {
  /** Whether a request may go on, and if not, in how many whole seconds a token will be there. */
  record Admission(boolean admitted, long retryAfterSeconds) {}

  private final Map<RouteGroup, Integer> limits = new EnumMap<>(RouteGroup.class);
  private final Map<RouteGroup, Cache<String, Bucket>> buckets = new EnumMap<>(RouteGroup.class);
  private final Duration period;
  private final TimeMeter time;

  /**
   * @param nanoTime the clock of buckets and expiry; {@link Ticker#systemTicker()} outside tests
   */
  RateLimiter(RateLimitProperties properties, Ticker nanoTime) {
    this(properties, ForkJoinPool.commonPool(), nanoTime);
  }

  /**
   * @param maintenance runs the map's evictions; the common pool outside tests
   */
  RateLimiter(RateLimitProperties properties, Executor maintenance, Ticker nanoTime) {
    this.period = properties.period();
    this.time =
        new TimeMeter() {
          @Override
          public long currentTimeNanos() {
            return nanoTime.read();
          }

          @Override
          public boolean isWallClockBased() {
            return false;
          }
        };
    for (RouteGroup group : RouteGroup.values()) {
      Integer limit = properties.limit(group);
      if (limit != null) {
        limits.put(group, limit);
        buckets.put(
            group,
            Caffeine.newBuilder()
                .maximumSize(properties.maxClients())
                .expireAfterAccess(period)
                .ticker(nanoTime)
                .executor(maintenance)
                .build());
      }
    }
  }

  /** Takes a token from the client's bucket of the group, if the group has a limit and a token. */
  Admission tryAcquire(RouteGroup group, String client) {
    Cache<String, Bucket> cache = buckets.get(group);
    if (cache == null) {
      return new Admission(true, 0);
    }
    int limit = java.util.Objects.requireNonNull(limits.get(group));
    Bucket bucket = cache.get(client, unused -> newBucket(limit));
    ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
    if (probe.isConsumed()) {
      return new Admission(true, 0);
    }
    // Round up: a client that retries after the whole seconds said finds a token.
    long nanos = probe.getNanosToWaitForRefill();
    long seconds = Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    return new Admission(false, seconds);
  }

  /** The limit of a group, or null when it has none. */
  @Nullable Integer limit(RouteGroup group) {
    return limits.get(group);
  }

  Duration period() {
    return period;
  }

  /** How many clients have a bucket now (an estimate, for the gauge). */
  long clients() {
    long total = 0;
    for (Cache<String, Bucket> cache : buckets.values()) {
      total += cache.estimatedSize();
    }
    return total;
  }

  /** Runs pending evictions now (they otherwise run as the map is used). */
  void cleanUp() {
    buckets.values().forEach(Cache::cleanUp);
  }

  private Bucket newBucket(int limit) {
    return Bucket.builder()
        .addLimit(bandwidth -> bandwidth.capacity(limit).refillGreedy(limit, period))
        .withCustomTimePrecision(time)
        .build();
  }
}
