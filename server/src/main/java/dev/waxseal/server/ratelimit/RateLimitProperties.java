package dev.waxseal.server.ratelimit;

import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Per-client rate limits ({@code WAXSEAL_RATE_LIMIT_*}).
 *
 * <p>The limits hold per replica, not across replicas: the design keeps all shared state in
 * PostgreSQL, and a round trip to it (or to a Redis added for the purpose) on every request would
 * cost more than the requests being limited. A fleet of N replicas behind a load balancer admits
 * about N times a per-replica limit, so the Helm chart sets each replica's limit to the global one
 * divided by the replica count.
 *
 * @param writes requests each client may make per {@code period} on the write routes ({@code POST
 *     /api/v1/log/entries}, {@code /api/v2/log/entries}); also the burst. Null: no limit.
 * @param reads the same for every other API and tile route (the actuator is never limited)
 * @param period the period the limits refill over; one second in production, so the limits read as
 *     requests per second. Tests lengthen it to make refill negligible.
 * @param clientHeader a header set by a trusted proxy that names the client, such as {@code
 *     X-Forwarded-For}; null: the connection's source address. Without a proxy that overwrites or
 *     appends to it, a client could name itself anything, so never set it on a server that clients
 *     reach directly.
 * @param clientHeaderHops how many trusted proxies append to the header. The client is the entry
 *     this far from the right: each proxy appends the address it received the request from, so
 *     entries to the left of the ones the trusted proxies wrote are whatever the client sent. 1 for
 *     a single proxy or load balancer (nginx's {@code $proxy_add_x_forwarded_for}); 2 behind a
 *     Google Cloud Application Load Balancer, which appends the client and then its own address.
 * @param maxClients how many clients' buckets are kept at most. An idle bucket is dropped once it
 *     would have refilled anyway (after one period), so this bounds memory only under a flood of
 *     distinct addresses, when the least recently used buckets go first.
 */
@Validated
@ConfigurationProperties("waxseal.rate-limit")
public record RateLimitProperties(
    @Nullable Integer writes,
    @Nullable Integer reads,
    @DefaultValue("1s") Duration period,
    @Nullable String clientHeader,
    @DefaultValue("1") int clientHeaderHops,
    @DefaultValue("100000") int maxClients) {

  /** Checks that limits are positive and treats an empty header name as none. */
  public RateLimitProperties {
    requirePositive("writes", writes);
    requirePositive("reads", reads);
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException(
          "waxseal.rate-limit.period must be positive, got " + period);
    }
    if (clientHeader != null && clientHeader.isBlank()) {
      clientHeader = null;
    }
    requirePositive("client-header-hops", clientHeaderHops);
    requirePositive("max-clients", maxClients);
  }

  /** The limit of a route group, or null for none. */
  @Nullable Integer limit(RouteGroup group) {
    return switch (group) {
      case WRITES -> writes;
      case READS -> reads;
    };
  }

  private static void requirePositive(String name, @Nullable Integer value) {
    if (value != null && value < 1) {
      throw new IllegalArgumentException(
          "waxseal.rate-limit."
              + name
              + " must be a positive number of requests (leave it unset for no limit), got "
              + value);
    }
  }
}
