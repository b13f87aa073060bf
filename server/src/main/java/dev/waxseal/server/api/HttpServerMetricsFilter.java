package dev.waxseal.server.api;

import dev.waxseal.server.warmup.WarmupRequests;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Times every request on the API port as {@code http.server.requests}, tagged {@code method},
 * {@code uri} (the route's pattern, never the raw path), {@code status}, {@code outcome} and {@code
 * exception} — the names of Spring Boot's own metric, so dashboards written for it work.
 *
 * <p>It replaces Spring's observation filter for this metric (switched off in application.yaml):
 * under the load driver that filter cost about 6 % of the server's CPU on reads, in observation
 * contexts and key-value lists built per request; this looks up one cached timer.
 *
 * <p>Order 0, first of the server's filters (request id +1, tracing +2, API path +3, v2 host
 * routing +4, rate limits +5): it times every request, those the later filters refuse included.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
final class HttpServerMetricsFilter implements Filter {
  static final String METRIC = "http.server.requests";

  private final MeterRegistry registry;
  private final ConcurrentMap<Tags, Timer> timers = new ConcurrentHashMap<>();

  HttpServerMetricsFilter(MeterRegistry registry) {
    this.registry = registry;
  }

  private record Tags(String method, String uri, int status, String exception) {}

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!(request instanceof HttpServletRequest http)
        || !(response instanceof HttpServletResponse httpResponse)
        || WarmupRequests.isWarmup(http)) {
      chain.doFilter(request, response);
      return;
    }
    long start = System.nanoTime();
    String exception = "none";
    try {
      chain.doFilter(request, response);
    } catch (IOException | ServletException | RuntimeException e) {
      exception = e.getClass().getSimpleName();
      throw e;
    } finally {
      int status = httpResponse.getStatus();
      if (!"none".equals(exception) && status < 400) {
        status = 500; // what the container will answer for an exception that got this far
      }
      Tags tags = new Tags(method(http), uri(http, status), status, exception);
      timers
          .computeIfAbsent(tags, this::timer)
          .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
    }
  }

  private Timer timer(Tags tags) {
    return Timer.builder(METRIC)
        .description("HTTP requests on the API port, by route, method and status")
        .tag("method", tags.method())
        .tag("uri", tags.uri())
        .tag("status", Integer.toString(tags.status()))
        .tag("outcome", outcome(tags.status()))
        .tag("exception", tags.exception())
        .register(registry);
  }

  /** A standard method's name, else UNKNOWN: clients choose it, and each name is a time series. */
  private static String method(HttpServletRequest request) {
    String method = request.getMethod();
    return switch (method) {
      case "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE" -> method;
      default -> "UNKNOWN";
    };
  }

  /** The route pattern; raw paths would give every entry UUID a time series of its own. */
  private static String uri(HttpServletRequest request, int status) {
    if (request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE)
        instanceof String pattern) {
      return pattern;
    }
    if (status == 404) {
      return "NOT_FOUND";
    }
    return status / 100 == 3 ? "REDIRECTION" : "UNKNOWN";
  }

  private static String outcome(int status) {
    return switch (status / 100) {
      case 1 -> "INFORMATIONAL";
      case 2 -> "SUCCESS";
      case 3 -> "REDIRECTION";
      case 4 -> "CLIENT_ERROR";
      case 5 -> "SERVER_ERROR";
      default -> "UNKNOWN";
    };
  }
}
