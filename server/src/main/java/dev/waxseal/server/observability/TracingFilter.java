package dev.waxseal.server.observability;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerMapping;

/**
 * A server span per API request, only while tracing is on ({@code WAXSEAL_TRACING_ENABLED}). It
 * continues the caller's trace ({@code traceparent}, W3C), and is in scope while the request runs,
 * so the log lines it causes carry its trace and span ids, and the append path can link its batch
 * span to it (log.AppendTracing).
 *
 * <p>Why not Spring's observation filter: it is switched off for {@code http.server.requests}
 * because of its cost (api.HttpServerMetricsFilter records that metric), and switching it back on
 * would count every request twice. {@code /actuator} is not traced: probes and scrapes would bury
 * the API's traces.
 *
 * <p>Order +2: after the request id filter (its lines carry the request id too) and before the path
 * filters and the rate limits, so that the span covers the whole request, a refused one (429)
 * included: an operator tracing a client's failures sees its refusals too.
 */
@Component
@ConditionalOnBooleanProperty("management.tracing.export.enabled")
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
final class TracingFilter implements Filter {
  private final Tracer tracer;
  private final Propagator propagator;

  TracingFilter(Tracer tracer, Propagator propagator) {
    this.tracer = tracer;
    this.propagator = propagator;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!(request instanceof HttpServletRequest http)
        || !(response instanceof HttpServletResponse httpResponse)
        || http.getRequestURI().startsWith("/actuator")) {
      chain.doFilter(request, response);
      return;
    }
    String method = http.getMethod();
    Span span =
        propagator
            .extract(http, HttpServletRequest::getHeader)
            .kind(Span.Kind.SERVER)
            .name(method)
            .tag("http.request.method", method)
            .tag("url.path", http.getRequestURI())
            .start();
    try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
      chain.doFilter(request, response);
    } catch (IOException | ServletException | RuntimeException e) {
      span.error(e);
      throw e;
    } finally {
      // The route is known only once a handler was chosen; OpenTelemetry names server spans by it.
      if (http.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE)
          instanceof String route) {
        span.name(method + " " + route);
        span.tag("http.route", route);
      }
      span.tag("http.response.status_code", httpResponse.getStatus());
      String requestId = httpResponse.getHeader(RequestIdFilter.HEADER);
      if (requestId != null) {
        span.tag("waxseal.request_id", requestId);
      }
      span.end();
    }
  }
}
