package dev.waxseal.server.ratelimit;

import dev.waxseal.server.warmup.WarmupRequests;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a request over its client's limit with 429, {@code Retry-After} (whole seconds until the
 * client's bucket has a token) and Rekor's error body, and counts it in {@code
 * waxseal.rate.limit.refused} by reason ({@code writes} or {@code reads}). Other requests go on.
 *
 * <p>Runs after the HTTP metrics filter (refused requests are in {@code http.server.requests} too,
 * status 429), the request id and tracing filters, and the path rewrites, so it sees the cleaned
 * path: RateLimitConfiguration says why in its order.
 */
final class RateLimitFilter implements Filter {
  static final String REFUSED_METRIC = "waxseal.rate.limit.refused";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final RateLimiter limiter;
  private final ClientKeys clients;
  private final Map<RouteGroup, Counter> refused = new EnumMap<>(RouteGroup.class);

  RateLimitFilter(RateLimiter limiter, ClientKeys clients, MeterRegistry registry) {
    this.limiter = limiter;
    this.clients = clients;
    for (RouteGroup group : RouteGroup.values()) {
      refused.put(
          group,
          Counter.builder(REFUSED_METRIC)
              .description("Requests refused with 429 by the per-client rate limits, by reason")
              .tag("reason", group.label())
              .register(registry));
    }
    Gauge.builder("waxseal.rate.limit.clients", limiter, RateLimiter::clients)
        .description("Clients with a rate-limit bucket on this replica (seen within one period)")
        .register(registry);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request instanceof HttpServletRequest http
        && response instanceof HttpServletResponse httpResponse) {
      String path = http.getRequestURI().substring(http.getContextPath().length());
      RouteGroup group = RouteGroup.of(http.getMethod(), path);
      if (group != null && limiter.limit(group) != null && !WarmupRequests.isWarmup(http)) {
        String header = clients.header();
        String client =
            clients.client(
                http.getRemoteAddr(),
                header == null ? Collections.emptyEnumeration() : http.getHeaders(header));
        RateLimiter.Admission admission = limiter.tryAcquire(group, client);
        if (!admission.admitted()) {
          refuse(httpResponse, group, admission.retryAfterSeconds());
          return;
        }
      }
    }
    chain.doFilter(request, response);
  }

  private void refuse(HttpServletResponse response, RouteGroup group, long retryAfterSeconds)
      throws IOException {
    java.util.Objects.requireNonNull(refused.get(group)).increment();
    String message =
        "rate limit exceeded: at most "
            + limiter.limit(group)
            + " "
            + group.label()
            + " per "
            + describe(limiter.period())
            + " per client; retry after "
            + retryAfterSeconds
            + " s";
    byte[] body = body(message);
    response.setStatus(429);
    response.setHeader("Retry-After", Long.toString(retryAfterSeconds));
    response.setContentType("application/json");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /**
   * Rekor's error body {@code {"code":429,"message":"…"}}, written by Jackson so that any message
   * stays valid JSON (the limits and the period come from configuration). Not the API's RekorError:
   * nothing outside the api package depends on it (ArchitectureTest).
   */
  static byte[] body(String message) {
    return JSON.writeValueAsBytes(new TooManyRequests(429, message));
  }

  /** The body's two members, in Rekor's order. */
  private record TooManyRequests(int code, String message) {}

  private static String describe(java.time.Duration period) {
    return period.equals(java.time.Duration.ofSeconds(1))
        ? "second"
        : period.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
  }
}
